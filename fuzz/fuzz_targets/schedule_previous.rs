//! A previous `mitra/schedule@1` (`mitra schedule --previous`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = mitra_formats::schedule::read_previous(data);
});
