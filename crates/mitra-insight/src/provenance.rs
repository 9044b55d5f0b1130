//! Where every figure comes from. A [`Figure`] cannot be built without a
//! [`Provenance`], so no number reaches a report without its source or its
//! "illustrative" label.

use serde::Serialize;

/// The origin of a figure.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Provenance {
    /// Made up for a demonstration: "illustrative, not official
    /// statistics". `dataset` names the sample (a file name).
    Illustrative { dataset: String },
    /// Computed from a trade-flow file the user loaded.
    Loaded { file: String },
    /// Published by a third party, cited as reported.
    Published {
        /// The fact's id in `data/trade-facts/facts.csv`.
        fact: String,
        source: String,
        period: String,
    },
    /// Counted or summed from Mitra's own records of the event (meetings,
    /// requests, outcomes). `demo` is true when those records are demo data.
    Records { demo: bool },
}

impl Provenance {
    /// Whether figures of this origin must carry the "illustrative" label.
    pub fn is_illustrative(&self) -> bool {
        matches!(self, Provenance::Illustrative { .. })
    }
}

/// What a figure counts or measures.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "code", rename_all = "kebab-case")]
pub enum Unit {
    /// A number of things (meetings, companies).
    Count,
    /// An amount of money in an ISO 4217 currency (outcome estimates).
    Money(String),
    /// A trade value in the currency of the trade-flow table.
    TradeValue(String),
    /// A dimensionless index (RCA, trade intensity): shown with 2 decimals.
    Index,
    /// A share in percent (0–100).
    Percent,
    /// A unit as a source published it ("million USD", "tonnes").
    Stated(String),
}

/// A number with its unit and origin: the only way a number enters the
/// report content model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub value: f64,
    pub unit: Unit,
    pub provenance: Provenance,
}

impl Figure {
    pub fn new(value: f64, unit: Unit, provenance: Provenance) -> Figure {
        Figure {
            value,
            unit,
            provenance,
        }
    }

    /// A count from Mitra's records.
    pub fn count(n: usize, demo: bool) -> Figure {
        Figure::new(n as f64, Unit::Count, Provenance::Records { demo })
    }

    /// An amount of money from Mitra's records (outcome estimates).
    pub fn money(amount: u64, currency: &str, demo: bool) -> Figure {
        Figure::new(
            amount as f64,
            Unit::Money(currency.to_string()),
            Provenance::Records { demo },
        )
    }
}
