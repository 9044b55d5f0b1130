//! The published-facts table (`data/trade-facts/facts.csv` format).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(facts) = mitra_insight::facts::parse_facts(text) {
        for fact in &facts {
            let _ = fact.topics();
            let _ = fact.names("Lampung");
        }
    }
});
