//! Spreadsheets in and out, the way organizers really work: the
//! registration workbook Mitra hands out (XLSX or CSV, with headers and
//! instructions in English, Indonesian and Chinese), the participant
//! exports of common event platforms, and exports of participants,
//! requests, schedules and outcomes (CSV with a byte-order mark so that
//! Excel reads Chinese, and XLSX).
//!
//! Reading is all or nothing: [`read_registration`] returns every problem,
//! each naming sheet, row and column (`Organizations!C5 (side): unknown side
//! "buyer"`), or the whole registration. Companies may give the days they
//! attend; [`read_registration_for_event`] refuses a date outside the
//! event's days. No I/O here: bytes in, bytes out.

pub mod columns;
pub mod export;
pub mod read;
pub mod template;

pub use read::{
    Attendance, EventDays, Registration, SheetProblem, read_registration,
    read_registration_for_event,
};

/// The kinds of file Mitra reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    Xlsx,
    Csv,
}

impl SheetFormat {
    /// The format a file name's extension says, if any.
    pub fn from_file_name(name: &str) -> Option<SheetFormat> {
        let lower = name.to_lowercase();
        if lower.ends_with(".xlsx") {
            Some(SheetFormat::Xlsx)
        } else if lower.ends_with(".csv") {
            Some(SheetFormat::Csv)
        } else {
            None
        }
    }
}

/// A spreadsheet could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("cannot write the CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("the {sheet} sheet has no column {key:?}")]
    UnknownColumn { sheet: String, key: String },
}

/// Column letters as Excel shows them: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The byte-order mark Excel needs to read a UTF-8 CSV as UTF-8.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
