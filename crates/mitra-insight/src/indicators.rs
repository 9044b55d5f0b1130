//! Trade indicators over a [`TradeFlows`] table. Each returns a value
//! struct that carries its inputs (as [`Figure`]s with the table's
//! provenance) and a one-line explanation, or [`NotComputable`] naming the
//! data it needs. Nothing here divides by zero or invents a zero for a
//! missing row.
//!
//! Notation: `X(i→j, k)` is the reporter `i`'s exports of product `k` to
//! partner `j` in the year; `W` is the world (`WLD`); `TOTAL` all products.
//! Imports of `j` are the world's exports to it, `X(W→j, k)`.
//!
//! * **RCA (Balassa 1965)**: `(X(i→W,k) / X(i→W,TOTAL)) / (X(W→W,k) / X(W→W,TOTAL))`.
//!   Above 1: product `k` weighs more in `i`'s exports than in world trade.
//! * **Trade intensity** (product `k`, or TOTAL):
//!   `(X(i→j,k) / X(i→W,k)) / (X(W→j,k) / X(W→W,k))`. Above 1: `i` sends
//!   `j` more than `j`'s weight in world imports. Simplified: the usual
//!   denominator subtracts `i`'s own imports from world imports; a province
//!   is small enough in world trade for that to matter little, and regional
//!   import data are rarely available.
//! * **Trade complementarity (Michaely 1996)**:
//!   `100 × (1 − Σ_c |m_j,c − x_i,c| / 2)` over HS chapters `c`, where
//!   `x_i,c` is chapter `c`'s share of `i`'s total exports and `m_j,c` its
//!   share of `j`'s total imports. Rows are rolled up to chapters (2 digits).
//!   Chapters the table does not list are grouped into one "rest" term
//!   (total minus listed chapters); grouping can only shrink the sum of
//!   differences, so with a partial table the index is an **upper bound**
//!   of the full-detail index.
//! * **Export potential**, with the structure of ITC's export potential
//!   indicator (Decreux & Spies 2016), supply × demand × ease:
//!   - supply = `X(i→W,k) / X(W→W,k)`, `i`'s current world market share in
//!     `k`. *Simplified*: ITC projects the share forward with GDP growth
//!     forecasts and adjusts it for tariff advantages; we use the share as
//!     observed in one year.
//!   - demand = `X(W→j,k)`, `j`'s current imports of `k`. *Simplified*: ITC
//!     projects demand with GDP and population forecasts and adjusts it for
//!     tariffs and distance relative to competitors; we use one observed
//!     year, no projection, no tariffs, no distance.
//!   - ease = `(X(i→j,TOTAL) / X(W→j,TOTAL)) / (X(i→W,TOTAL) / X(W→W,TOTAL))`,
//!     `i`'s share of `j`'s imports relative to its share of world trade
//!     (the total trade intensity). *Simplified*: ITC estimates ease from
//!     the ratio of actual to gravity-model-predicted bilateral trade; we use
//!     the observed ratio directly.
//!   - potential = supply × demand × ease (a value in the table's currency);
//!     untapped = max(potential − `X(i→j,k)`, 0). *Simplified*: ITC averages
//!     five years and works at HS 6 digits for 226 markets; we use one year
//!     at whatever depth the table has.

use crate::flows::{Product, TRADE_CURRENCY, TradeFlows, WORLD};
use crate::message::{Arg, Message, Term};
use crate::provenance::{Figure, Provenance, Unit};
use mitra_hs::HsCode;
use serde::Serialize;

/// What an indicator would need to be computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Need {
    /// No trade-flow table was loaded at all.
    TradeData,
    /// A year for which the reporter has rows.
    Year { reporter: String },
    /// The product has no HS code to look it up by.
    HsCode { product: String },
    /// A row (or rows inside the product's code).
    Flow {
        reporter: String,
        partner: String,
        product: Product,
        year: i32,
    },
    /// A row that is there but zero, where it divides.
    NonZero {
        reporter: String,
        partner: String,
        product: Product,
        year: i32,
    },
    /// Rows by product (not only TOTAL) for the exporter's exports or the
    /// importer's imports.
    ProductRows {
        reporter: String,
        partner: String,
        year: i32,
    },
    /// Product rows that add up to more than the TOTAL row.
    ConsistentTotals {
        reporter: String,
        partner: String,
        year: i32,
    },
}

impl Need {
    /// The need as a sentence of the message tables.
    pub fn message(&self) -> Message {
        match self {
            Need::TradeData => Message::new("need.trade-data"),
            Need::Year { reporter } => Message::new("need.year").text("reporter", reporter),
            Need::HsCode { product } => Message::new("need.hs-code").text("product", product),
            Need::Flow {
                reporter,
                partner,
                product,
                year,
            } => Message::new("need.flow")
                .text("reporter", reporter)
                .text("partner", partner)
                .arg("product", product_arg(product))
                .text("year", year.to_string()),
            Need::NonZero {
                reporter,
                partner,
                product,
                year,
            } => Message::new("need.nonzero")
                .text("reporter", reporter)
                .text("partner", partner)
                .arg("product", product_arg(product))
                .text("year", year.to_string()),
            Need::ProductRows {
                reporter,
                partner,
                year,
            } => Message::new("need.product-rows")
                .text("reporter", reporter)
                .text("partner", partner)
                .text("year", year.to_string()),
            Need::ConsistentTotals {
                reporter,
                partner,
                year,
            } => Message::new("need.consistent-totals")
                .text("reporter", reporter)
                .text("partner", partner)
                .text("year", year.to_string()),
        }
    }
}

/// An indicator that cannot be computed, and everything it would need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("not computable: needs {needs:?}")]
pub struct NotComputable {
    pub needs: Vec<Need>,
}

impl NotComputable {
    pub fn one(need: Need) -> NotComputable {
        NotComputable { needs: vec![need] }
    }

    pub fn messages(&self) -> Vec<Message> {
        self.needs.iter().map(Need::message).collect()
    }
}

/// An indicator's value or what it needs.
pub type Computed<T> = Result<T, NotComputable>;

/// How a product is named in messages: its HS code, or "all products".
pub fn product_arg(product: &Product) -> Arg {
    match product {
        Product::Total => Arg::Term(Term::new("product", "total")),
        Product::Hs(code) => Arg::Hs(code.as_str().to_string()),
    }
}

/// Reads the inputs of one indicator, collecting every missing one.
struct Inputs<'a> {
    flows: &'a TradeFlows,
    year: i32,
    needs: Vec<Need>,
}

impl<'a> Inputs<'a> {
    fn new(flows: &'a TradeFlows, year: i32) -> Inputs<'a> {
        Inputs {
            flows,
            year,
            needs: Vec::new(),
        }
    }

    /// A value that must be present; with `divides`, also non-zero.
    fn get(&mut self, reporter: &str, partner: &str, product: &Product, divides: bool) -> f64 {
        let year = self.year;
        match self.flows.value(reporter, partner, product, year) {
            Some(v) if divides && v == 0.0 => {
                self.needs.push(Need::NonZero {
                    reporter: reporter.to_string(),
                    partner: partner.to_string(),
                    product: product.clone(),
                    year,
                });
                v
            }
            Some(v) => v,
            None => {
                self.needs.push(Need::Flow {
                    reporter: reporter.to_string(),
                    partner: partner.to_string(),
                    product: product.clone(),
                    year,
                });
                0.0
            }
        }
    }

    fn check(&mut self) -> Result<(), NotComputable> {
        if self.needs.is_empty() {
            Ok(())
        } else {
            Err(NotComputable {
                needs: std::mem::take(&mut self.needs),
            })
        }
    }

    fn provenance(&self) -> Provenance {
        self.flows.provenance.clone()
    }

    fn trade(&self, value: f64) -> Figure {
        Figure::new(
            value,
            Unit::TradeValue(TRADE_CURRENCY.to_string()),
            self.provenance(),
        )
    }

    fn index(&self, value: f64) -> Figure {
        Figure::new(value, Unit::Index, self.provenance())
    }

    fn percent(&self, share: f64) -> Figure {
        Figure::new(share * 100.0, Unit::Percent, self.provenance())
    }
}

/// Revealed comparative advantage (Balassa).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rca {
    pub exporter: String,
    pub product: HsCode,
    pub year: i32,
    pub value: Figure,
    /// `X(i→W,k)`
    pub exports_of_product: Figure,
    /// `X(i→W,TOTAL)`
    pub total_exports: Figure,
    /// `X(W→W,k)`
    pub world_exports_of_product: Figure,
    /// `X(W→W,TOTAL)`
    pub world_total_exports: Figure,
    pub explanation: Message,
}

/// Computes the Balassa index of `exporter` for `product` in `year`.
pub fn rca(flows: &TradeFlows, exporter: &str, product: &HsCode, year: i32) -> Computed<Rca> {
    let k = Product::Hs(product.clone());
    let mut inputs = Inputs::new(flows, year);
    let x_ik = inputs.get(exporter, WORLD, &k, false);
    let x_i = inputs.get(exporter, WORLD, &Product::Total, true);
    let x_wk = inputs.get(WORLD, WORLD, &k, true);
    let x_w = inputs.get(WORLD, WORLD, &Product::Total, true);
    inputs.check()?;
    let share = x_ik / x_i;
    let world_share = x_wk / x_w;
    let value = share / world_share;
    Ok(Rca {
        exporter: exporter.to_string(),
        product: product.clone(),
        year,
        value: inputs.index(value),
        exports_of_product: inputs.trade(x_ik),
        total_exports: inputs.trade(x_i),
        world_exports_of_product: inputs.trade(x_wk),
        world_total_exports: inputs.trade(x_w),
        explanation: Message::new("ind.rca")
            .text("exporter", exporter)
            .arg("product", Arg::Hs(product.as_str().to_string()))
            .figure("share", inputs.percent(share))
            .figure("world_share", inputs.percent(world_share))
            .figure("value", inputs.index(value)),
    })
}

/// Trade intensity of `exporter`'s exports to `importer`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Intensity {
    pub exporter: String,
    pub importer: String,
    pub product: Product,
    pub year: i32,
    pub value: Figure,
    /// `X(i→j,k)`
    pub exports_to_partner: Figure,
    /// `X(i→W,k)`
    pub exports_to_world: Figure,
    /// `X(W→j,k)`
    pub partner_imports: Figure,
    /// `X(W→W,k)`
    pub world_imports: Figure,
    pub explanation: Message,
}

/// Computes the trade intensity index for one product or TOTAL.
pub fn intensity(
    flows: &TradeFlows,
    exporter: &str,
    importer: &str,
    product: &Product,
    year: i32,
) -> Computed<Intensity> {
    let mut inputs = Inputs::new(flows, year);
    let x_ij = inputs.get(exporter, importer, product, false);
    let x_i = inputs.get(exporter, WORLD, product, true);
    let m_j = inputs.get(WORLD, importer, product, true);
    let m_w = inputs.get(WORLD, WORLD, product, true);
    inputs.check()?;
    let share = x_ij / x_i;
    let weight = m_j / m_w;
    let value = share / weight;
    Ok(Intensity {
        exporter: exporter.to_string(),
        importer: importer.to_string(),
        product: product.clone(),
        year,
        value: inputs.index(value),
        exports_to_partner: inputs.trade(x_ij),
        exports_to_world: inputs.trade(x_i),
        partner_imports: inputs.trade(m_j),
        world_imports: inputs.trade(m_w),
        explanation: Message::new("ind.intensity")
            .text("exporter", exporter)
            .text("importer", importer)
            .arg("product", product_arg(product))
            .figure("share", inputs.percent(share))
            .figure("weight", inputs.percent(weight))
            .figure("value", inputs.index(value)),
    })
}

/// One chapter's shares in the complementarity index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChapterShares {
    /// `None` for the "rest" of products the table does not list.
    pub chapter: Option<HsCode>,
    pub export_share: Figure,
    pub import_share: Figure,
}

/// Trade complementarity index (Michaely) between an exporter and an
/// importer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Complementarity {
    pub exporter: String,
    pub importer: String,
    pub year: i32,
    /// 0–100.
    pub value: Figure,
    pub chapters: Vec<ChapterShares>,
    pub total_exports: Figure,
    pub total_imports: Figure,
    pub explanation: Message,
}

/// Computes the complementarity of `exporter`'s exports with `importer`'s
/// imports, over HS chapters.
pub fn complementarity(
    flows: &TradeFlows,
    exporter: &str,
    importer: &str,
    year: i32,
) -> Computed<Complementarity> {
    let mut inputs = Inputs::new(flows, year);
    let x_i = inputs.get(exporter, WORLD, &Product::Total, true);
    let m_j = inputs.get(WORLD, importer, &Product::Total, true);
    inputs.check()?;
    let mut chapters = flows.chapters(exporter, WORLD, year);
    chapters.extend(flows.chapters(WORLD, importer, year));
    if chapters.is_empty() {
        return Err(NotComputable::one(Need::ProductRows {
            reporter: exporter.to_string(),
            partner: importer.to_string(),
            year,
        }));
    }
    let mut rows = Vec::new();
    let (mut listed_x, mut listed_m, mut sum_diff) = (0.0, 0.0, 0.0);
    for chapter in chapters {
        let product = Product::Hs(chapter.clone());
        let x = flows.value(exporter, WORLD, &product, year).unwrap_or(0.0) / x_i;
        let m = flows.value(WORLD, importer, &product, year).unwrap_or(0.0) / m_j;
        listed_x += x;
        listed_m += m;
        sum_diff += (m - x).abs();
        rows.push(ChapterShares {
            chapter: Some(chapter),
            export_share: inputs.percent(x),
            import_share: inputs.percent(m),
        });
    }
    const SLACK: f64 = 1e-9;
    if listed_x > 1.0 + SLACK {
        inputs.needs.push(Need::ConsistentTotals {
            reporter: exporter.to_string(),
            partner: WORLD.to_string(),
            year,
        });
    }
    if listed_m > 1.0 + SLACK {
        inputs.needs.push(Need::ConsistentTotals {
            reporter: WORLD.to_string(),
            partner: importer.to_string(),
            year,
        });
    }
    inputs.check()?;
    let rest_x = (1.0 - listed_x).max(0.0);
    let rest_m = (1.0 - listed_m).max(0.0);
    sum_diff += (rest_m - rest_x).abs();
    rows.push(ChapterShares {
        chapter: None,
        export_share: inputs.percent(rest_x),
        import_share: inputs.percent(rest_m),
    });
    let value = 100.0 * (1.0 - sum_diff / 2.0);
    let listed = rows.len() - 1;
    Ok(Complementarity {
        exporter: exporter.to_string(),
        importer: importer.to_string(),
        year,
        value: inputs.index(value),
        chapters: rows,
        total_exports: inputs.trade(x_i),
        total_imports: inputs.trade(m_j),
        explanation: Message::new("ind.complementarity")
            .text("exporter", exporter)
            .text("importer", importer)
            .text("chapters", listed.to_string())
            .figure("value", inputs.index(value)),
    })
}

/// A simplified export potential (supply × demand × ease).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportPotential {
    pub exporter: String,
    pub importer: String,
    pub product: HsCode,
    pub year: i32,
    /// supply × demand × ease, in the table's currency.
    pub value: Figure,
    /// `X(i→j,k)`
    pub actual: Figure,
    /// max(potential − actual, 0)
    pub untapped: Figure,
    /// `X(i→W,k) / X(W→W,k)`, percent.
    pub supply: Figure,
    /// `X(W→j,k)`
    pub demand: Figure,
    /// total trade intensity of `i` with `j`.
    pub ease: Figure,
    pub explanation: Message,
}

impl ExportPotential {
    /// Whether there is room to grow: an untapped part of at least a
    /// quarter of the potential.
    pub fn has_room(&self) -> bool {
        self.untapped.value > 0.0 && self.untapped.value >= 0.25 * self.value.value
    }
}

/// Computes the simplified export potential of `exporter` to `importer` in
/// `product`.
pub fn export_potential(
    flows: &TradeFlows,
    exporter: &str,
    importer: &str,
    product: &HsCode,
    year: i32,
) -> Computed<ExportPotential> {
    let k = Product::Hs(product.clone());
    let t = Product::Total;
    let mut inputs = Inputs::new(flows, year);
    let x_ik = inputs.get(exporter, WORLD, &k, false);
    let x_wk = inputs.get(WORLD, WORLD, &k, true);
    let m_jk = inputs.get(WORLD, importer, &k, false);
    let x_ijk = inputs.get(exporter, importer, &k, false);
    let x_ij = inputs.get(exporter, importer, &t, false);
    let m_j = inputs.get(WORLD, importer, &t, true);
    let x_i = inputs.get(exporter, WORLD, &t, true);
    let m_w = inputs.get(WORLD, WORLD, &t, true);
    inputs.check()?;
    let supply = x_ik / x_wk;
    let ease = (x_ij / m_j) / (x_i / m_w);
    let potential = supply * m_jk * ease;
    let untapped = (potential - x_ijk).max(0.0);
    Ok(ExportPotential {
        exporter: exporter.to_string(),
        importer: importer.to_string(),
        product: product.clone(),
        year,
        value: inputs.trade(potential),
        actual: inputs.trade(x_ijk),
        untapped: inputs.trade(untapped),
        supply: inputs.percent(supply),
        demand: inputs.trade(m_jk),
        ease: inputs.index(ease),
        explanation: Message::new("ind.potential")
            .text("exporter", exporter)
            .text("importer", importer)
            .arg("product", Arg::Hs(product.as_str().to_string()))
            .figure("supply", inputs.percent(supply))
            .figure("demand", inputs.trade(m_jk))
            .figure("ease", inputs.index(ease))
            .figure("value", inputs.trade(potential))
            .figure("actual", inputs.trade(x_ijk))
            .figure("untapped", inputs.trade(untapped)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small table with round numbers (values in USD):
    ///
    /// | reporter → partner | 0901 | 0904 | 0306 | TOTAL |
    /// | --- | --- | --- | --- | --- |
    /// | L → WLD | 200 | 100 | — | 1000 |
    /// | L → S | 20 | 10 | — | 100 |
    /// | WLD → WLD | 4000 | 1000 | 5000 | 100000 |
    /// | WLD → S | 400 | 50 | 550 | 5000 |
    const TABLE: &str = "\
# illustrative test table
reporter,partner,hs,year,value
L,WLD,0901,2023,200
L,WLD,0904,2023,100
L,WLD,TOTAL,2023,1000
L,S,0901,2023,20
L,S,0904,2023,10
L,S,TOTAL,2023,100
WLD,WLD,0901,2023,4000
WLD,WLD,0904,2023,1000
WLD,WLD,0306,2023,5000
WLD,WLD,TOTAL,2023,100000
WLD,S,0901,2023,400
WLD,S,0904,2023,50
WLD,S,0306,2023,550
WLD,S,TOTAL,2023,5000
";

    fn flows() -> TradeFlows {
        TradeFlows::parse(TABLE.as_bytes(), "test.csv").unwrap()
    }

    fn hs(code: &str) -> HsCode {
        HsCode::parse(code).unwrap()
    }

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    #[test]
    fn rca_by_hand() {
        // Coffee: L's share 200/1000 = 0.2; world's share 4000/100000 = 0.04;
        // RCA = 0.2 / 0.04 = 5.
        let r = rca(&flows(), "L", &hs("0901"), 2023).unwrap();
        close(r.value.value, 5.0);
        close(r.exports_of_product.value, 200.0);
        close(r.world_total_exports.value, 100000.0);
        assert!(r.value.provenance.is_illustrative());
        // Pepper: 100/1000 = 0.1 over 1000/100000 = 0.01 → 10.
        close(
            rca(&flows(), "L", &hs("0904"), 2023).unwrap().value.value,
            10.0,
        );
        // Chapter 09 sums 0901 and 0904: 300/1000 = 0.3 over 5000/100000 = 0.05 → 6.
        close(
            rca(&flows(), "L", &hs("09"), 2023).unwrap().value.value,
            6.0,
        );
    }

    #[test]
    fn intensity_by_hand() {
        // TOTAL: L sends 100/1000 = 0.1 of its exports to S; S takes
        // 5000/100000 = 0.05 of world imports; intensity = 0.1 / 0.05 = 2.
        let t = intensity(&flows(), "L", "S", &Product::Total, 2023).unwrap();
        close(t.value.value, 2.0);
        // Coffee: 20/200 = 0.1 over 400/4000 = 0.1 → 1.
        let c = intensity(&flows(), "L", "S", &Product::Hs(hs("0901")), 2023).unwrap();
        close(c.value.value, 1.0);
    }

    #[test]
    fn complementarity_by_hand() {
        // Chapters listed: 03 and 09 (rows rolled up to 2 digits).
        // L's export shares:  03: 0/1000 = 0;     09: 300/1000 = 0.3;  rest 0.7
        // S's import shares:  03: 550/5000 = 0.11; 09: 450/5000 = 0.09; rest 0.8
        // Σ|m − x| = 0.11 + 0.21 + 0.1 = 0.42; TC = 100 × (1 − 0.42 / 2) = 79.
        let c = complementarity(&flows(), "L", "S", 2023).unwrap();
        close(c.value.value, 79.0);
        assert_eq!(c.chapters.len(), 3);
        assert_eq!(c.chapters[2].chapter, None);
        close(c.chapters[1].export_share.value, 30.0);
        close(c.chapters[2].import_share.value, 80.0);
    }

    #[test]
    fn export_potential_by_hand() {
        // Coffee: supply = 200/4000 = 0.05; demand = 400;
        // ease = (100/5000) / (1000/100000) = 0.02 / 0.01 = 2;
        // potential = 0.05 × 400 × 2 = 40; actual 20; untapped 20 (half: room).
        let p = export_potential(&flows(), "L", "S", &hs("0901"), 2023).unwrap();
        close(p.value.value, 40.0);
        close(p.untapped.value, 20.0);
        close(p.supply.value, 5.0);
        close(p.ease.value, 2.0);
        assert!(p.has_room());
        // Pepper: supply 100/1000 = 0.1; demand 50; ease 2 → potential 10;
        // actual 10, untapped 0: no room.
        let q = export_potential(&flows(), "L", "S", &hs("0904"), 2023).unwrap();
        close(q.value.value, 10.0);
        close(q.untapped.value, 0.0);
        assert!(!q.has_room());
    }

    #[test]
    fn missing_data_is_named_not_zeroed() {
        // Shrimp: L has no 0306 row at all.
        let e = rca(&flows(), "L", &hs("0306"), 2023).unwrap_err();
        assert_eq!(
            e.needs,
            vec![Need::Flow {
                reporter: "L".into(),
                partner: "WLD".into(),
                product: Product::Hs(hs("0306")),
                year: 2023
            }]
        );
        // A year without data names every missing input.
        let e = export_potential(&flows(), "L", "S", &hs("0901"), 2020).unwrap_err();
        assert_eq!(e.needs.len(), 8);
        assert_eq!(e.messages()[0].key, "need.flow");
        // A zero that would divide is named too.
        let zero = TradeFlows::parse(b"reporter,partner,hs,year,value\nL,WLD,TOTAL,2023,0\nL,WLD,0901,2023,0\nWLD,WLD,0901,2023,5\nWLD,WLD,TOTAL,2023,10\n", "z.csv").unwrap();
        let e = rca(&zero, "L", &hs("0901"), 2023).unwrap_err();
        assert!(matches!(e.needs[0], Need::NonZero { .. }));
    }

    #[test]
    fn inconsistent_totals_are_refused() {
        let bad = TradeFlows::parse(b"reporter,partner,hs,year,value\nL,WLD,TOTAL,2023,10\nL,WLD,0901,2023,20\nWLD,S,TOTAL,2023,10\nWLD,S,0901,2023,5\n", "b.csv").unwrap();
        let e = complementarity(&bad, "L", "S", 2023).unwrap_err();
        assert!(matches!(e.needs[0], Need::ConsistentTotals { .. }));
    }
}
