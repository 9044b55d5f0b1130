//! The registration workbook (`mitra import`, the organizer's upload) as
//! XLSX bytes: calamine's reading of the zip and its XML, then Mitra's
//! sheets, headers, cells, items, dates and ids. Rows without a side take
//! the default side (as a platform export does) and attendance dates are
//! checked against an event's days, so that every branch can be reached.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use mitra_core::organization::Side;
use mitra_sheets::read::ReadOptions;
use mitra_sheets::{EventDays, read_registration_for_event};

fuzz_target!(init: mitra_fuzz::let_calamine_panics_unwind(), |data: &[u8]| {
    let days = EventDays {
        first: NaiveDate::from_ymd_opt(2025, 5, 27).expect("a date"),
        last: NaiveDate::from_ymd_opt(2025, 5, 28).expect("a date"),
    };
    let options = ReadOptions {
        default_side: Some(Side::Guest),
    };
    let _ = read_registration_for_event(data, "registration.xlsx", options, Some(days));
});
