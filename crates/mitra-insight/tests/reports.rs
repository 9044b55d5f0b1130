//! Reports built from the fixtures: provenance of every figure, evidence
//! links of every recommendation, each rule on and off its evidence, empty
//! inputs, privacy.

use mitra_core::meeting::{MeetingStatus, NextStep};
use mitra_insight::fixtures::{
    empty_event_inputs, empty_mission_inputs, event_inputs, mission_inputs,
};
use mitra_insight::provenance::Provenance;
use mitra_insight::rules::Rule;
use mitra_insight::{MESSAGE_KEYS, MissionReport, build_event_report, build_mission_report};
use serde_json::Value;

/// Walks a serialized report: every number must be the `value` of a figure
/// (an object with a `provenance`), except ranks and years; every message
/// key must be a known one. Returns the number of figures seen.
fn check_tree(v: &Value, key: &str, parent_has_provenance: bool, figures: &mut usize) {
    match v {
        Value::Number(_) => {
            let allowed =
                (key == "value" && parent_has_provenance) || key == "rank" || key == "year";
            assert!(allowed, "a number under {key:?} has no provenance");
            if key == "value" {
                *figures += 1;
            }
        }
        Value::Object(map) => {
            if let (Some(Value::String(k)), Some(_)) = (map.get("key"), map.get("args")) {
                assert!(
                    MESSAGE_KEYS.contains(&k.as_str()),
                    "unknown message key {k}"
                );
            }
            if let Some(p) = map.get("provenance") {
                let kind = p.get("kind").and_then(Value::as_str).unwrap_or("");
                assert!(
                    ["illustrative", "loaded", "published", "records"].contains(&kind),
                    "bad provenance {p}"
                );
            }
            let has = map.contains_key("provenance");
            for (k, child) in map {
                check_tree(child, k, has, figures);
            }
        }
        Value::Array(items) => {
            for item in items {
                check_tree(item, key, parent_has_provenance, figures);
            }
        }
        _ => {}
    }
}

fn figures_in(report: &impl serde::Serialize) -> usize {
    let json = serde_json::to_value(report).unwrap();
    let mut n = 0;
    check_tree(&json, "", false, &mut n);
    n
}

fn rules_of(r: &MissionReport) -> Vec<Rule> {
    r.recommendations.iter().map(|x| x.rule).collect()
}

fn assert_links(r: &MissionReport) {
    let anchors = r.anchors();
    assert!(!r.recommendations.is_empty());
    for rec in &r.recommendations {
        assert!(!rec.evidence.is_empty(), "{} has no evidence", rec.anchor);
        for e in &rec.evidence {
            assert!(anchors.contains(e), "{} links to missing {e}", rec.anchor);
        }
    }
    for o in &r.opportunities.items {
        for e in &o.evidence {
            assert!(anchors.contains(e), "{} links to missing {e}", o.anchor);
        }
    }
}

#[test]
fn every_figure_of_every_report_has_a_provenance() {
    let full = build_mission_report(&mission_inputs());
    let empty = build_mission_report(&empty_mission_inputs());
    let event = build_event_report(&event_inputs());
    let empty_event = build_event_report(&empty_event_inputs());
    assert!(figures_in(&full) > 100);
    assert!(figures_in(&empty) > 5);
    assert!(figures_in(&event) > 30);
    assert!(figures_in(&empty_event) > 5);
}

#[test]
fn indicators_from_the_demo_table_are_labelled_illustrative() {
    let r = build_mission_report(&mission_inputs());
    assert!(
        r.analysis
            .data_provenance
            .as_ref()
            .unwrap()
            .is_illustrative()
    );
    let coffee = &r.analysis.products[0].indicators[0];
    let rca = coffee.rca.as_ref().unwrap();
    assert!(rca.value.provenance.is_illustrative());
    // (520e6 / 5.2e9) / (36e9 / 23.5e12) = 0.1 / 0.0015319... = 65.28
    assert!((rca.value.value - 0.1 / (36e9 / 23.5e12)).abs() < 1e-9);
    assert_eq!(r.analysis.year, Some(2023));
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("\"kind\":\"loaded\""));
    assert!(r.sources.iter().any(|s| s.provenance.is_illustrative()));
    assert!(
        r.analysis
            .facts
            .iter()
            .all(|f| matches!(f.fact.value.provenance, Provenance::Published { .. }))
    );
    assert!(
        r.analysis
            .facts
            .iter()
            .any(|f| f.fact.id == "lpg-pepper-exp-2022")
    );
}

#[test]
fn every_recommendation_links_to_existing_evidence() {
    assert_links(&build_mission_report(&mission_inputs()));
    assert_links(&build_mission_report(&empty_mission_inputs()));
}

#[test]
fn the_full_fixture_fires_the_rules_its_evidence_supports() {
    let r = build_mission_report(&mission_inputs());
    let rules = rules_of(&r);
    // Coffee: RCA 65 ≥ 1, buyer met, samples agreed → R1.
    assert!(rules.contains(&Rule::ExportSamples));
    let r1 = r
        .recommendations
        .iter()
        .find(|x| x.rule == Rule::ExportSamples)
        .unwrap();
    assert!(r1.evidence.contains(&"ind-1-0901".to_string()));
    assert!(r1.evidence.contains(&"m-am-0900-t01".to_string()));
    assert!(r1.evidence.contains(&"o-am-0900-t01-lpg-kopi".to_string()));
    // Pepper: potential, but the buyer did not come → R2.
    assert!(r.recommendations.iter().any(|x| x.rule == Rule::ExportBuyers && x.evidence.contains(&"ind-2-0904".to_string())));
    // Shrimp at quotation → R4.
    assert!(rules.contains(&Rule::CloseDeals));
    // Irrigation supplier met, greenhouse seen on a visit → R5 twice;
    // biological pest control nowhere → R6.
    assert_eq!(rules.iter().filter(|r| **r == Rule::TechPilot).count(), 2);
    assert!(rules.contains(&Rule::TechSearch));
    assert!(rules.contains(&Rule::NoShows));
    assert!(rules.contains(&Rule::Lessons));
    assert!(rules.contains(&Rule::TieMilestone));
    // All products computable and meetings held → neither R10 nor R11.
    assert!(!rules.contains(&Rule::TradeData));
    assert!(!rules.contains(&Rule::FirstMeetings));
    // Opportunities ranked: quotation before samples before follow-up.
    let steps: Vec<&str> = r
        .opportunities
        .items
        .iter()
        .map(|o| o.next_step.value)
        .collect();
    assert_eq!(steps, ["quotation", "samples", "follow-up"]);
    assert_eq!(r.opportunities.items[0].owner.id, "lpg-udang");
}

#[test]
fn each_rule_stays_silent_without_its_evidence() {
    // Without samples, R1 for coffee gives way to R3 (follow up the buyer);
    // shrimp, at quotation, keeps its R1.
    let mut inputs = mission_inputs();
    inputs.meetings[0].outcomes[0].next_step = NextStep::FollowUp;
    let r = build_mission_report(&inputs);
    let about = |rule: Rule, anchor: &str| {
        r.recommendations
            .iter()
            .any(|x| x.rule == rule && x.evidence.iter().any(|e| e == anchor))
    };
    assert!(!about(Rule::ExportSamples, "m-am-0900-t01"));
    assert!(about(Rule::ExportFollowUp, "m-am-0900-t01"));
    assert!(about(Rule::ExportSamples, "ind-3-0306"));

    // Without the quotation there are no deals to close.
    let mut inputs = mission_inputs();
    inputs.meetings[1].outcomes[0].next_step = NextStep::FollowUp;
    assert!(!rules_of(&build_mission_report(&inputs)).contains(&Rule::CloseDeals));

    // Without trade data: no potential evidence → no R1 or R2; R10 instead.
    let mut inputs = mission_inputs();
    inputs.trade.flows = None;
    let r = build_mission_report(&inputs);
    let rules = rules_of(&r);
    assert!(!rules.contains(&Rule::ExportSamples) && !rules.contains(&Rule::ExportBuyers));
    assert!(rules.contains(&Rule::TradeData));
    assert!(
        rules.contains(&Rule::CloseDeals),
        "deals do not depend on trade data"
    );
    assert!(
        rules.contains(&Rule::ExportFollowUp),
        "buyers met still deserve a follow-up"
    );
    assert_links(&r);

    // The no-show held after all → no R7.
    let mut inputs = mission_inputs();
    inputs.meetings[3].meeting.status = MeetingStatus::Held;
    assert!(!rules_of(&build_mission_report(&inputs)).contains(&Rule::NoShows));

    // No lessons recorded → no R8; no tie → no R9.
    let mut inputs = mission_inputs();
    for item in &mut inputs.mission.as_mut().unwrap().itinerary {
        item.notes.lessons.clear();
    }
    inputs.tie = None;
    let rules = rules_of(&build_mission_report(&inputs));
    assert!(!rules.contains(&Rule::Lessons) && !rules.contains(&Rule::TieMilestone));

    // The irrigation supplier not met → drip irrigation becomes R6.
    let mut inputs = mission_inputs();
    inputs.meetings.remove(2);
    let r = build_mission_report(&inputs);
    assert!(
        r.recommendations
            .iter()
            .any(|x| x.rule == Rule::TechSearch && x.evidence == ["tech-1"])
    );
}

#[test]
fn an_empty_mission_says_what_is_missing_in_every_section() {
    let r = build_mission_report(&empty_mission_inputs());
    let keys: Vec<&str> = r.summary.iter().map(|m| m.key).collect();
    assert!(keys.contains(&"summary.no-meetings"));
    assert!(keys.contains(&"summary.no-outcomes"));
    assert!(keys.contains(&"summary.no-trade-data"));
    assert!(r.activities.meetings_empty.is_some());
    assert!(r.activities.itinerary_empty.is_some());
    assert!(r.results.empty.is_some());
    assert!(r.opportunities.empty.is_some());
    assert!(r.annex.empty.is_some());
    assert!(r.delegation.tie_missing.is_some());
    assert_eq!(r.analysis.data_note.key, "analysis.no-trade-data");
    for p in &r.analysis.products {
        assert!(
            p.indicators
                .iter()
                .all(|i| i.rca.as_ref().unwrap_err().needs[0].message().key == "need.trade-data")
        );
        assert!(p.demand_empty.is_some());
    }
    let rules = rules_of(&r);
    assert!(rules.contains(&Rule::FirstMeetings));
    assert!(rules.contains(&Rule::TradeData));
    // Still cites the published facts about its products.
    assert!(!r.analysis.facts.is_empty());
}

#[test]
fn the_mission_report_keeps_the_counterparts_outcomes_private() {
    let r = build_mission_report(&mission_inputs());
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("HOST PRIVATE NOTE"));
    assert!(json.contains("Send 5 kg samples"));
    // Value by currency counts only the own side's estimates: 120,000 USD, 800,000 CNY.
    let values: Vec<(String, f64)> = r
        .results
        .value_by_currency
        .iter()
        .map(|f| (format!("{:?}", f.unit), f.value))
        .collect();
    assert_eq!(
        values,
        [
            ("Money(\"CNY\")".to_string(), 800_000.0),
            ("Money(\"USD\")".to_string(), 120_000.0)
        ]
    );
}

#[test]
fn the_event_report_counts_by_hand() {
    let r = build_event_report(&event_inputs());
    // 5 meetings: 3 held, 1 no-show, 1 cancelled → 4 scheduled.
    assert_eq!(r.meetings.held.value, 3.0);
    assert_eq!(r.meetings.missed.value, 1.0);
    assert_eq!(r.meetings.scheduled.value, 4.0);
    // 4 accepted requests: kopi–kafei held, kopi–guangai held, lada–xiangliao
    // no-show, udang–nongji cancelled.
    let fate: Vec<(&str, f64)> = r
        .requests
        .fate
        .iter()
        .map(|t| (t.term.value, t.count.value))
        .collect();
    assert_eq!(
        fate,
        [
            ("held", 2.0),
            ("no-show", 1.0),
            ("cancelled", 1.0),
            ("scheduled", 0.0),
            ("not-scheduled", 0.0)
        ]
    );
    // Interpreter on 2 of 4 scheduled meetings = 50 %.
    assert_eq!(r.interpreting.meetings_with.value, 2.0);
    assert_eq!(r.interpreting.share.value, 50.0);
    // Published 4: kopi–kafei as planned, kopi–guangai moved, lada no-show
    // and udang–nongji cancelled not held; shrimp held as a walk-in.
    let c = r.plan_vs_day.comparison.as_ref().unwrap();
    assert_eq!(
        (
            c.published.value,
            c.held_as_planned.value,
            c.moved.value,
            c.not_held.value,
            c.added.value
        ),
        (4.0, 1.0, 1.0, 2.0, 1.0)
    );
    // Both sides count in the event report: USD takes the larger of 120,000 and 90,000.
    assert_eq!(r.outcomes.value_by_currency[1].value, 120_000.0);
    assert_eq!(r.participation.countries.len(), 2);
    assert!(r.demo);
}

#[test]
fn an_empty_event_says_so() {
    let r = build_event_report(&empty_event_inputs());
    assert!(r.participation.empty.is_some());
    assert!(r.requests.empty.is_some());
    assert!(r.meetings.empty.is_some());
    assert!(r.interpreting.empty.is_some());
    assert!(r.outcomes.empty.is_some());
    assert!(r.plan_vs_day.needs.is_some());
    assert_eq!(r.interpreting.share.value, 0.0);
}

#[test]
fn building_is_deterministic() {
    let a = serde_json::to_string(&build_mission_report(&mission_inputs())).unwrap();
    let b = serde_json::to_string(&build_mission_report(&mission_inputs())).unwrap();
    assert_eq!(a, b);
}
