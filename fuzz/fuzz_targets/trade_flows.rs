//! A trade-flow table (`mitra report --flows FILE`): the CSV reader and
//! validation, then the queries the report makes of an accepted table.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mitra_insight::flows::{Product, TradeFlows, WORLD};

fuzz_target!(|data: &[u8]| {
    let Ok(flows) = TradeFlows::parse(data, "flows.csv") else {
        return;
    };
    let years = flows.years();
    for row in flows.rows().iter().take(16) {
        let _ = flows.latest_year_of(&row.reporter);
        let _ = flows.value(&row.reporter, &row.partner, &row.product, row.year);
        let _ = flows.value(&row.reporter, WORLD, &Product::Total, row.year);
        let _ = flows.chapters(&row.reporter, &row.partner, row.year);
        assert!(years.contains(&row.year));
    }
});
