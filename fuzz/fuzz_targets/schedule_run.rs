//! `mitra schedule` end to end: an instance and, after a NUL byte, an
//! optional previous schedule (JSON never holds a raw NUL), read, checked
//! and scheduled. The search stops after a few milliseconds: the engine's
//! construction, moves and re-scheduling all run, but each input stays
//! cheap (the result is valid either way).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mitra_formats::schedule::{ScheduleOptions, run};
use std::time::Duration;

fuzz_target!(|data: &[u8]| {
    let (instance, previous) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let options = ScheduleOptions {
        time_limit: Some(Duration::from_millis(5)),
        effort: Some(1),
        seconds: false,
        ..Default::default()
    };
    let _ = run(instance, previous, &options);
});
