//! `mitra/schedule-instance@1` (`mitra schedule`): the reader, then the
//! check of meaning that turns it into the scheduler's indices.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mitra_formats::schedule;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = schedule::read_instance(data) {
        let _ = schedule::compile(&file);
    }
});
