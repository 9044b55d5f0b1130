//! The registration workbook one layer in. Random bytes rarely get past a
//! zip's checksums, so here the input is the workbook's XML parts,
//! separated by NUL bytes, in the order of [`PARTS`]; the target zips them
//! (stored, with their checksums) beside fixed content types and
//! relationships. Mutations then reach calamine's XML reading (sheets,
//! shared strings, cell types, number formats and dates, merged cells)
//! and Mitra's reading of the cells.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use mitra_core::organization::Side;
use mitra_sheets::read::ReadOptions;
use mitra_sheets::{EventDays, read_registration_for_event};
use std::io::{Cursor, Write};
use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

/// Where the input's parts go, in order.
const PARTS: [&str; 5] = [
    "xl/workbook.xml",
    "xl/worksheets/sheet1.xml",
    "xl/worksheets/sheet2.xml",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
];

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// The parts as an XLSX file.
fn workbook(data: &[u8]) -> Option<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let fixed = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
    ];
    let given = PARTS.iter().copied().zip(data.split(|&b| b == 0));
    for (name, bytes) in fixed.into_iter().chain(given) {
        zip.start_file(name, options).ok()?;
        zip.write_all(bytes).ok()?;
    }
    zip.finish().ok().map(Cursor::into_inner)
}

fuzz_target!(init: mitra_fuzz::let_calamine_panics_unwind(), |data: &[u8]| {
    let Some(xlsx) = workbook(data) else {
        return;
    };
    let days = EventDays {
        first: NaiveDate::from_ymd_opt(2025, 5, 27).expect("a date"),
        last: NaiveDate::from_ymd_opt(2025, 5, 28).expect("a date"),
    };
    let options = ReadOptions {
        default_side: Some(Side::Guest),
    };
    let _ = read_registration_for_event(&xlsx, "registration.xlsx", options, Some(days));
});
