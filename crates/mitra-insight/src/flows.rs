//! Trade-flow tables: the CSV a user loads, validated whole before anything
//! is kept.
//!
//! Format (also in `data/trade/README.md`):
//!
//! ```text
//! # lines starting with '#' are comments; a comment containing the word
//! # "illustrative" marks the whole table as illustrative sample data
//! reporter,partner,hs,year,value
//! Lampung,WLD,0901,2023,412000000
//! WLD,Shandong,0901,2023,250000000
//! ```
//!
//! * every row is the **reporter's exports to the partner**; a region's
//!   imports are written as the world's exports to it (`WLD` → region);
//! * `reporter`, `partner`: a region or country as the user names it
//!   ("Lampung", "ID", "Shandong", "CN"); `WLD` is the world. Matched without
//!   regard to case or surrounding spaces;
//! * `hs`: an HS code of 2, 4 or 6 digits ("0901", "0901.11") or `TOTAL`
//!   for all products;
//! * `year`: 1900–2100; `value`: a non-negative number with a decimal point
//!   and no thousands separators, in US dollars for the whole table;
//! * further columns (a `note`) are allowed and ignored;
//! * a product with no row is *unknown*, not zero: write `0` to say zero;
//! * one reporter, partner and year may not list a code together with a
//!   code inside it (0901 and 090111), which would count the same trade
//!   twice.

use crate::provenance::Provenance;
use mitra_hs::HsCode;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The world, as reporter or partner.
pub const WORLD: &str = "WLD";

/// The currency of every trade value in a table.
pub const TRADE_CURRENCY: &str = "USD";

/// A product of a trade-flow row: one HS code, or all products.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Product {
    Total,
    Hs(HsCode),
}

impl fmt::Display for Product {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Product::Total => f.write_str("TOTAL"),
            Product::Hs(code) => f.write_str(code.as_str()),
        }
    }
}

impl Serialize for Product {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Product {
    /// Whether a row's product counts toward `self` (a code counts toward
    /// itself and every code it lies within; TOTAL only toward TOTAL).
    fn includes(&self, row: &Product) -> bool {
        match (self, row) {
            (Product::Total, Product::Total) => true,
            (Product::Hs(wanted), Product::Hs(code)) => code.is_within(wanted),
            _ => false,
        }
    }
}

/// One validated row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flow {
    /// Line of the file the row came from (1 is the header line).
    pub line: u64,
    pub reporter: String,
    pub partner: String,
    pub product: Product,
    pub year: i32,
    pub value: f64,
}

/// One problem of a trade-flow file, with its place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FlowError {
    pub line: u64,
    /// The column, where the problem is in one field.
    pub field: Option<&'static str>,
    pub problem: String,
}

impl fmt::Display for FlowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.field {
            Some(field) => write!(f, "line {}, field {}: {}", self.line, field, self.problem),
            None => write!(f, "line {}: {}", self.line, self.problem),
        }
    }
}

/// Every problem of a rejected file; nothing of it was kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FlowErrors {
    pub file: String,
    pub errors: Vec<FlowError>,
}

impl fmt::Display for FlowErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} problem(s), nothing loaded",
            self.file,
            self.errors.len()
        )?;
        for error in &self.errors {
            write!(f, "\n  {}: {}", self.file, error)?;
        }
        Ok(())
    }
}

const COLUMNS: [&str; 5] = ["reporter", "partner", "hs", "year", "value"];

/// A validated trade-flow table and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TradeFlows {
    pub provenance: Provenance,
    pub currency: &'static str,
    rows: Vec<Flow>,
    /// (reporter key, partner key, year) → row indexes.
    #[serde(skip)]
    index: BTreeMap<(String, String, i32), Vec<usize>>,
}

/// How names of regions are compared: trimmed, case-insensitive.
pub fn region_key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl TradeFlows {
    /// Reads and validates a whole file. `file` names it in errors and in
    /// the provenance of every figure computed from it. A comment line
    /// containing "illustrative" makes the table illustrative sample data.
    pub fn parse(bytes: &[u8], file: &str) -> Result<TradeFlows, FlowErrors> {
        let fail = |errors: Vec<FlowError>| FlowErrors {
            file: file.to_string(),
            errors,
        };
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let illustrative = bytes.split(|&b| b == b'\n').any(|line| {
            let line = String::from_utf8_lossy(line);
            let line = line.trim_start();
            line.starts_with('#') && line.to_lowercase().contains("illustrative")
        });
        let provenance = if illustrative {
            Provenance::Illustrative {
                dataset: file.to_string(),
            }
        } else {
            Provenance::Loaded {
                file: file.to_string(),
            }
        };

        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .comment(Some(b'#'))
            .trim(csv::Trim::All)
            .from_reader(bytes);
        let mut errors = Vec::new();
        let mut rows: Vec<Flow> = Vec::new();
        let mut columns: Option<[usize; 5]> = None;
        let mut width = 0;
        let mut record = csv::ByteRecord::new();
        loop {
            let line = reader.position().line();
            match reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(error) => {
                    let line = error.position().map_or(line, |p| p.line());
                    errors.push(FlowError {
                        line,
                        field: None,
                        problem: format!("unreadable CSV: {error}"),
                    });
                    break;
                }
            }
            let line = record.position().map_or(line, |p| p.line());
            let Some(cols) = columns else {
                match header_columns(&record) {
                    Ok(found) => {
                        columns = Some(found);
                        width = record.len();
                    }
                    Err(problem) => {
                        errors.push(FlowError {
                            line,
                            field: None,
                            problem,
                        });
                        return Err(fail(errors));
                    }
                }
                continue;
            };
            if record.len() != width {
                errors.push(FlowError {
                    line,
                    field: None,
                    problem: format!("has {} fields; the header has {width}", record.len()),
                });
                continue;
            }
            if let Some(flow) = parse_row(&record, cols, line, &mut errors) {
                rows.push(flow);
            }
        }
        if columns.is_none() {
            errors.push(FlowError {
                line: 1,
                field: None,
                problem: "the file is empty; expected the header reporter,partner,hs,year,value"
                    .to_string(),
            });
        } else if rows.is_empty() && errors.is_empty() {
            errors.push(FlowError {
                line: 1,
                field: None,
                problem: "the file has a header but no data rows".to_string(),
            });
        }
        check_overlaps(&rows, &mut errors);
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.line);
            return Err(fail(errors));
        }
        let mut index: BTreeMap<(String, String, i32), Vec<usize>> = BTreeMap::new();
        for (i, row) in rows.iter().enumerate() {
            index
                .entry((
                    region_key(&row.reporter),
                    region_key(&row.partner),
                    row.year,
                ))
                .or_default()
                .push(i);
        }
        Ok(TradeFlows {
            provenance,
            currency: TRADE_CURRENCY,
            rows,
            index,
        })
    }

    /// The rows, in file order.
    pub fn rows(&self) -> &[Flow] {
        &self.rows
    }

    /// The years the table covers, ascending.
    pub fn years(&self) -> BTreeSet<i32> {
        self.rows.iter().map(|r| r.year).collect()
    }

    /// The latest year in which `reporter` has any row.
    pub fn latest_year_of(&self, reporter: &str) -> Option<i32> {
        let key = region_key(reporter);
        self.index
            .keys()
            .filter(|(r, _, _)| *r == key)
            .map(|(_, _, y)| *y)
            .max()
    }

    /// The reporter's exports of `product` to `partner` in `year`: the sum of
    /// the rows at or inside the product's code. `None` when no row says
    /// anything about it (unknown, not zero).
    pub fn value(
        &self,
        reporter: &str,
        partner: &str,
        product: &Product,
        year: i32,
    ) -> Option<f64> {
        let rows = self
            .index
            .get(&(region_key(reporter), region_key(partner), year))?;
        let mut found = false;
        let mut sum = 0.0;
        for &i in rows {
            let row = &self.rows[i];
            if product.includes(&row.product) {
                found = true;
                sum += row.value;
            }
        }
        found.then_some(sum)
    }

    /// The HS chapters (2 digits) with any row for this reporter, partner
    /// and year.
    pub fn chapters(&self, reporter: &str, partner: &str, year: i32) -> BTreeSet<HsCode> {
        let Some(rows) = self
            .index
            .get(&(region_key(reporter), region_key(partner), year))
        else {
            return BTreeSet::new();
        };
        rows.iter()
            .filter_map(|&i| match &self.rows[i].product {
                Product::Hs(code) => HsCode::parse(code.chapter()).ok(),
                Product::Total => None,
            })
            .collect()
    }
}

fn header_columns(record: &csv::ByteRecord) -> Result<[usize; 5], String> {
    let names: Vec<String> = record
        .iter()
        .map(|f| String::from_utf8_lossy(f).trim().to_lowercase())
        .collect();
    let mut found = [0usize; 5];
    let mut missing = Vec::new();
    for (slot, column) in COLUMNS.iter().enumerate() {
        match names.iter().position(|n| n == column) {
            Some(i) => found[slot] = i,
            None => missing.push(*column),
        }
    }
    if missing.is_empty() {
        Ok(found)
    } else {
        Err(format!(
            "the header lacks column(s) {}; expected reporter,partner,hs,year,value",
            missing.join(", ")
        ))
    }
}

fn parse_row(
    record: &csv::ByteRecord,
    cols: [usize; 5],
    line: u64,
    errors: &mut Vec<FlowError>,
) -> Option<Flow> {
    let before = errors.len();
    let mut field = |slot: usize| -> Option<&str> {
        let name = COLUMNS[slot];
        let raw = record.get(cols[slot]).unwrap_or_default();
        match std::str::from_utf8(raw) {
            Ok(text) => Some(text),
            Err(_) => {
                errors.push(FlowError {
                    line,
                    field: Some(name),
                    problem: "is not valid UTF-8 text".to_string(),
                });
                None
            }
        }
    };
    let reporter = field(0);
    let partner = field(1);
    let hs = field(2);
    let year = field(3);
    let value = field(4);
    let mut push = |field: &'static str, problem: String| {
        errors.push(FlowError {
            line,
            field: Some(field),
            problem,
        })
    };
    for (name, text) in [("reporter", reporter), ("partner", partner)] {
        if text == Some("") {
            push(
                name,
                "is empty; name a region, a country or WLD".to_string(),
            );
        }
    }
    if let (Some(r), Some(p)) = (reporter, partner)
        && !r.is_empty()
        && region_key(r) == region_key(p)
        && region_key(r) != region_key(WORLD)
    {
        push("partner", format!("{p:?} is the reporter itself"));
    }
    let product = hs.and_then(|text| {
        if text.eq_ignore_ascii_case("total") {
            Some(Product::Total)
        } else {
            match HsCode::parse(text) {
                Ok(code) => Some(Product::Hs(code)),
                Err(error) => {
                    push("hs", format!("{error}; or write TOTAL for all products"));
                    None
                }
            }
        }
    });
    let year = year.and_then(|text| match text.parse::<i32>() {
        Ok(y) if (1900..=2100).contains(&y) => Some(y),
        Ok(_) => {
            push("year", format!("{text:?} is outside 1900–2100"));
            None
        }
        Err(_) => {
            push("year", format!("{text:?} is not a year"));
            None
        }
    });
    let value = value.and_then(|text| {
        let plain = !text.is_empty()
            && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && text.bytes().filter(|&b| b == b'.').count() <= 1;
        match text.parse::<f64>() {
            Ok(v) if plain && v.is_finite() => Some(v),
            _ if text.starts_with('-') => {
                push("value", format!("{text:?} is negative; trade values are ≥ 0"));
                None
            }
            _ => {
                push(
                    "value",
                    format!("{text:?} is not a number (digits and one decimal point, no thousands separators)"),
                );
                None
            }
        }
    });
    if errors.len() > before {
        return None;
    }
    Some(Flow {
        line,
        reporter: reporter?.to_string(),
        partner: partner?.to_string(),
        product: product?,
        year: year?,
        value: value?,
    })
}

/// Duplicates and nested codes within one reporter, partner and year.
fn check_overlaps(rows: &[Flow], errors: &mut Vec<FlowError>) {
    let mut groups: BTreeMap<(String, String, i32), Vec<&Flow>> = BTreeMap::new();
    for row in rows {
        groups
            .entry((
                region_key(&row.reporter),
                region_key(&row.partner),
                row.year,
            ))
            .or_default()
            .push(row);
    }
    for group in groups.values() {
        for (i, later) in group.iter().enumerate() {
            for earlier in &group[..i] {
                let clash = match (&earlier.product, &later.product) {
                    (Product::Total, Product::Total) => true,
                    (Product::Hs(a), Product::Hs(b)) => a.is_within(b) || b.is_within(a),
                    _ => false,
                };
                if clash {
                    let problem = if earlier.product == later.product {
                        format!(
                            "repeats reporter, partner, hs and year of line {}",
                            earlier.line
                        )
                    } else {
                        format!(
                            "{} overlaps {} on line {} for the same reporter, partner and year (the trade would be counted twice)",
                            later.product, earlier.product, earlier.line
                        )
                    };
                    errors.push(FlowError {
                        line: later.line,
                        field: Some("hs"),
                        problem,
                    });
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "# illustrative, not official statistics\nreporter,partner,hs,year,value,note\nLampung,WLD,0901,2023,100,\nlampung ,WLD,0904,2023,50.5,x\nLampung,WLD,TOTAL,2023,1000,\n";

    #[test]
    fn reads_a_good_table_and_its_label() {
        let flows = TradeFlows::parse(GOOD.as_bytes(), "demo.csv").unwrap();
        assert_eq!(flows.rows().len(), 3);
        assert!(flows.provenance.is_illustrative());
        // 'lampung ' and 'Lampung' are the same region; 0901 + 0904 lie in chapter 09.
        let nine = Product::Hs(HsCode::parse("09").unwrap());
        assert_eq!(flows.value("LAMPUNG", "wld", &nine, 2023), Some(150.5));
        assert_eq!(
            flows.value("Lampung", "WLD", &Product::Total, 2023),
            Some(1000.0)
        );
        // No row about 0306: unknown, not zero.
        let shrimp = Product::Hs(HsCode::parse("0306").unwrap());
        assert_eq!(flows.value("Lampung", "WLD", &shrimp, 2023), None);
        assert_eq!(flows.rows()[1].line, 4, "comment and header lines count");
        let plain =
            TradeFlows::parse(b"reporter,partner,hs,year,value\nA,B,01,2020,1\n", "f.csv").unwrap();
        assert_eq!(
            plain.provenance,
            Provenance::Loaded {
                file: "f.csv".into()
            }
        );
    }

    #[test]
    fn names_line_and_field_of_every_problem_and_keeps_nothing() {
        let text = "reporter,partner,hs,year,value\nA,B,0901,2023,1\nA,B,0902,2023,\"12,3x\"\n,B,09x,20x3,-4\nA,B,0901.11,2023,5\nA,B\n";
        let errors = TradeFlows::parse(text.as_bytes(), "t.csv").unwrap_err();
        let shown: Vec<String> = errors.errors.iter().map(|e| e.to_string()).collect();
        assert!(shown.contains(&"line 3, field value: \"12,3x\" is not a number (digits and one decimal point, no thousands separators)".to_string()), "{shown:?}");
        assert!(
            shown
                .iter()
                .any(|s| s.starts_with("line 4, field reporter: is empty"))
        );
        assert!(shown.iter().any(|s| s.starts_with("line 4, field hs:")));
        assert!(
            shown
                .iter()
                .any(|s| s.starts_with("line 4, field year: \"20x3\" is not a year"))
        );
        assert!(
            shown
                .iter()
                .any(|s| s.starts_with("line 4, field value: \"-4\" is negative"))
        );
        assert!(
            shown
                .iter()
                .any(|s| s.starts_with("line 5, field hs: 090111 overlaps 0901 on line 2"))
        );
        assert!(shown.iter().any(|s| s.starts_with("line 6: has 2 fields")));
        assert!(
            errors
                .to_string()
                .starts_with("t.csv: 7 problem(s), nothing loaded"),
            "{errors}"
        );
    }

    #[test]
    fn refuses_bad_headers_empty_files_and_duplicates() {
        let e = TradeFlows::parse(b"reporter,partner,hs,year\nA,B,01,2020\n", "h.csv").unwrap_err();
        assert_eq!(e.errors[0].line, 1);
        assert!(e.errors[0].problem.contains("value"));
        assert!(TradeFlows::parse(b"", "e.csv").is_err());
        assert!(TradeFlows::parse(b"reporter,partner,hs,year,value\n", "e.csv").is_err());
        let d = TradeFlows::parse(
            b"reporter,partner,hs,year,value\nA,B,01,2020,1\nA,B,01,2020,2\n",
            "d.csv",
        )
        .unwrap_err();
        assert_eq!(
            d.errors[0].to_string(),
            "line 3, field hs: repeats reporter, partner, hs and year of line 2"
        );
        let same = TradeFlows::parse(b"reporter,partner,hs,year,value\nA,a,01,2020,1\n", "s.csv")
            .unwrap_err();
        assert_eq!(same.errors[0].field, Some("partner"));
    }

    #[test]
    fn never_panics_on_garbage() {
        for bytes in [
            &b"\xff\xfe\x00"[..],
            b"\"unterminated",
            b"reporter,partner,hs,year,value\n\xff,B,01,2020,1\n",
            b",,,,\n,,,,\n",
            b"#only a comment",
        ] {
            assert!(TradeFlows::parse(bytes, "g.csv").is_err());
        }
    }
}
