//! Published facts shipped with Mitra (`data/trade-facts/facts.csv`), each
//! with its source and period, for reports to cite beside Mitra's own
//! numbers. They are never inputs to an indicator.

use crate::provenance::{Figure, Provenance, Unit};
use mitra_hs::HsCode;
use serde::Serialize;
use std::sync::OnceLock;

const FACTS_CSV: &str = include_str!("../../../data/trade-facts/facts.csv");

/// One published figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    pub id: String,
    /// What it is about, as the source put it ("Lampung pepper").
    pub subject: String,
    /// What was measured ("export value").
    pub indicator: String,
    /// The value in the unit the source used, with provenance
    /// [`Provenance::Published`].
    pub value: Figure,
    pub period: String,
    pub source: String,
    pub note: Option<String>,
}

impl Fact {
    /// The HS codes this fact is about, from [`FACT_TOPICS`].
    pub fn topics(&self) -> Vec<HsCode> {
        FACT_TOPICS
            .iter()
            .filter(|(prefix, _)| self.id.starts_with(prefix))
            .flat_map(|(_, codes)| codes.iter().filter_map(|c| HsCode::parse(c).ok()))
            .collect()
    }

    /// Whether the fact concerns `code` (the same product at any depth).
    pub fn concerns(&self, code: &HsCode) -> bool {
        self.topics()
            .iter()
            .any(|t| t.is_within(code) || code.is_within(t))
    }

    /// Whether the fact's subject names a region (for the friendship tie).
    pub fn names(&self, region: &str) -> bool {
        !region.trim().is_empty()
            && self
                .subject
                .to_lowercase()
                .contains(&region.trim().to_lowercase())
    }
}

/// Which products each fact (by id prefix) is about. Kept here rather than
/// as a column so that `facts.csv` stays a verbatim copy of the shared file.
pub const FACT_TOPICS: &[(&str, &[&str])] = &[
    ("lpg-pepper-", &["0904"]),
    ("cn-pepper-", &["0904"]),
    ("lpg-coffee-", &["0901"]),
    ("cn-coffee-", &["0901"]),
    ("sd-greencoffee-", &["0901"]),
    ("lpg-shrimp-", &["0306"]),
    ("cn-shrimp-", &["0306"]),
    ("sd-agrimach-", &["8432", "8433", "8436", "8437"]),
    ("sd-shouguang-", &["9406", "8424"]),
];

#[derive(serde::Deserialize)]
struct Row {
    id: String,
    subject: String,
    indicator: String,
    value: f64,
    unit: String,
    period: String,
    source: String,
    note: String,
}

/// Parses a facts table in the shipped format.
pub fn parse_facts(text: &str) -> Result<Vec<Fact>, String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut facts = Vec::new();
    for (i, row) in reader.deserialize::<Row>().enumerate() {
        let row = row.map_err(|e| format!("facts.csv row {}: {e}", i + 1))?;
        facts.push(Fact {
            value: Figure::new(
                row.value,
                Unit::Stated(row.unit),
                Provenance::Published {
                    fact: row.id.clone(),
                    source: row.source.clone(),
                    period: row.period.clone(),
                },
            ),
            id: row.id,
            subject: row.subject,
            indicator: row.indicator,
            period: row.period,
            source: row.source,
            note: (!row.note.trim().is_empty()).then_some(row.note),
        });
    }
    Ok(facts)
}

/// The shipped facts, parsed once. The embedded file is checked by this
/// crate's tests, so an empty list means a broken build, never user input.
pub fn facts() -> &'static [Fact] {
    static FACTS: OnceLock<Vec<Fact>> = OnceLock::new();
    FACTS.get_or_init(|| parse_facts(FACTS_CSV).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_facts_parse_with_sources_and_topics() {
        let all = parse_facts(FACTS_CSV).unwrap();
        assert_eq!(all.len(), facts().len());
        assert!(all.len() >= 20);
        for fact in &all {
            assert!(
                !fact.source.is_empty() && !fact.period.is_empty(),
                "{}",
                fact.id
            );
            assert!(matches!(
                fact.value.provenance,
                Provenance::Published { .. }
            ));
        }
        for (prefix, _) in FACT_TOPICS {
            assert!(all.iter().any(|f| f.id.starts_with(prefix)), "{prefix}");
        }
        let pepper = all.iter().find(|f| f.id == "lpg-pepper-exp-2022").unwrap();
        assert_eq!(pepper.value.value, 50.4);
        assert!(pepper.concerns(&HsCode::parse("090411").unwrap()));
        assert!(!pepper.concerns(&HsCode::parse("0901").unwrap()));
        let loi = all
            .iter()
            .find(|f| f.id == "lpg-shandong-loi-2025")
            .unwrap();
        assert!(loi.names("Shandong") && loi.names("lampung"));
    }
}
