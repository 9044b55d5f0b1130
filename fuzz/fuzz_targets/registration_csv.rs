//! The registration sheet or a platform's participant export as CSV
//! (`mitra import`, the organizer's upload): once as Mitra's own sheet
//! (no default side, no event days), once as an export for an event.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use mitra_core::organization::Side;
use mitra_sheets::read::ReadOptions;
use mitra_sheets::{EventDays, read_registration, read_registration_for_event};

fuzz_target!(|data: &[u8]| {
    let _ = read_registration(data, "registration.csv", ReadOptions::default());
    let days = EventDays {
        first: NaiveDate::from_ymd_opt(2025, 5, 27).expect("a date"),
        last: NaiveDate::from_ymd_opt(2025, 5, 28).expect("a date"),
    };
    let options = ReadOptions {
        default_side: Some(Side::Host),
    };
    let _ = read_registration_for_event(data, "export.csv", options, Some(days));
});
