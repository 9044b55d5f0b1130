//! `mitra match`: a `mitra/organizations@1` file through the matching
//! engine (text analysis, lexicon, HS fallback, scoring, reasons).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = mitra_formats::matching::run(data, 5);
});
