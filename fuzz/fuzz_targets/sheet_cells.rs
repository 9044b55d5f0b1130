//! What one spreadsheet cell goes through, directly (the sheet targets
//! reach it too, but slower): offers and needs with HS codes, dates as
//! organizers write them, ids made from names, header matching.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mitra_sheets::columns::{ORGANIZATION_COLUMNS, normalise};
use mitra_sheets::read::{id_from_name, parse_date, parse_items};

fuzz_target!(|text: &str| {
    let _ = parse_items(text);
    let _ = parse_date(text);
    let id = id_from_name(text);
    assert!(
        id.chars().count() <= 48,
        "an id from a name is at most 48 characters"
    );
    let _ = normalise(text);
    for column in ORGANIZATION_COLUMNS {
        let _ = column.matches(text);
    }
});
