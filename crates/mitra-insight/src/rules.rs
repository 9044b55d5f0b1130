//! Strategic recommendations, each made by one documented rule from the
//! evidence in the report, and linked to that evidence by anchor.
//!
//! | rule | fires when | recommends | evidence linked |
//! | --- | --- | --- | --- |
//! | R1 `export-samples` | a flagship product has export-potential evidence (RCA ≥ 1 or untapped potential ≥ ¼ of the potential), a buyer was met about it in a held meeting, and the delegation recorded samples or a later step there | prepare a sample shipment and a certification plan for the product for those buyers | indicators, meetings, outcomes |
//! | R2 `export-buyers` | a product has export-potential evidence but no buyer was met about it | arrange targeted buyer meetings in the host region | indicators, product analysis |
//! | R3 `export-follow-up` | buyers were met about a product and R1 did not fire (no samples yet, or no evidence of potential) | follow up those buyers with offers and price lists | meetings, outcomes |
//! | R4 `close-deals` | held meetings where the delegation recorded quotation, MoU or contract | bring them to signature with an owner and a date each | meetings, outcomes |
//! | R5 `tech-pilot` | a technology sought was offered by a counterpart met, or seen on a site visit | plan a pilot with those suppliers and a study visit | meetings, visits |
//! | R6 `tech-search` | a technology sought was neither offered by anyone met nor seen on a visit | ask the host region for suppliers before the next milestone | the objective's analysis |
//! | R7 `no-shows` | counterparts missed their meetings | contact them to hold the meetings online | meetings |
//! | R8 `lessons` | site visits recorded lessons to adapt at home | turn the lessons into a provincial action plan | visits |
//! | R9 `tie-milestone` | the friendship tie has a milestone not yet done | bring the mission's results into that milestone | the tie, top opportunities |
//! | R10 `trade-data` | a flagship product's indicators are not computable | load the trade-flow data they need | product analyses |
//! | R11 `first-meetings` | the delegation held no meeting | request meetings with host companies matching its objectives | the delegation, its objectives |
//!
//! Rules run in this order; each emits at most one recommendation per
//! product or technology (R1–R3, R5, R6) or one in all (the others).

use crate::message::{Arg, Message};
use crate::mission::MissionReport;
use crate::provenance::Figure;
use mitra_core::meeting::NextStep;
use serde::Serialize;
use std::collections::BTreeSet;

/// The rules, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    ExportSamples,
    ExportBuyers,
    ExportFollowUp,
    CloseDeals,
    TechPilot,
    TechSearch,
    NoShows,
    Lessons,
    TieMilestone,
    TradeData,
    FirstMeetings,
}

impl Rule {
    pub const ALL: &'static [Rule] = &[
        Rule::ExportSamples,
        Rule::ExportBuyers,
        Rule::ExportFollowUp,
        Rule::CloseDeals,
        Rule::TechPilot,
        Rule::TechSearch,
        Rule::NoShows,
        Rule::Lessons,
        Rule::TieMilestone,
        Rule::TradeData,
        Rule::FirstMeetings,
    ];

    /// The rule's short id ("R1").
    pub fn id(self) -> &'static str {
        match self {
            Rule::ExportSamples => "R1",
            Rule::ExportBuyers => "R2",
            Rule::ExportFollowUp => "R3",
            Rule::CloseDeals => "R4",
            Rule::TechPilot => "R5",
            Rule::TechSearch => "R6",
            Rule::NoShows => "R7",
            Rule::Lessons => "R8",
            Rule::TieMilestone => "R9",
            Rule::TradeData => "R10",
            Rule::FirstMeetings => "R11",
        }
    }

    /// The message key of the rule's description (`rule.<name>`), for the
    /// report's note on how recommendations are made.
    pub fn description_key(self) -> &'static str {
        match self {
            Rule::ExportSamples => "rule.export-samples",
            Rule::ExportBuyers => "rule.export-buyers",
            Rule::ExportFollowUp => "rule.export-follow-up",
            Rule::CloseDeals => "rule.close-deals",
            Rule::TechPilot => "rule.tech-pilot",
            Rule::TechSearch => "rule.tech-search",
            Rule::NoShows => "rule.no-shows",
            Rule::Lessons => "rule.lessons",
            Rule::TieMilestone => "rule.tie-milestone",
            Rule::TradeData => "rule.trade-data",
            Rule::FirstMeetings => "rule.first-meetings",
        }
    }
}

/// One recommendation and the anchors of the evidence behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    pub anchor: String,
    pub rule: Rule,
    pub rule_id: &'static str,
    pub text: Message,
    /// Anchors of evidence items in the report (never empty).
    pub evidence: Vec<String>,
}

fn names(list: &[&str]) -> String {
    let unique: BTreeSet<&str> = list.iter().copied().collect();
    unique.into_iter().collect::<Vec<_>>().join(", ")
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    v.retain(|x| seen.insert(x.clone()));
    v
}

/// Applies every rule to a report's evidence.
pub fn recommend(r: &MissionReport) -> Vec<Recommendation> {
    let demo = r.demo;
    let mut out: Vec<(Rule, Message, Vec<String>)> = Vec::new();
    let held_meetings = r.activities.counts.held.value > 0.0;

    for p in &r.analysis.products {
        let potential = p.potential_evidence();
        let buyers: Vec<_> = p.demand.iter().filter(|s| s.held).collect();
        let advanced: Vec<_> = buyers
            .iter()
            .filter(|s| {
                s.step
                    .and_then(|t| NextStep::parse(t.value).ok())
                    .is_some_and(|step| step >= NextStep::Samples)
            })
            .collect();
        if !potential.is_empty() && !advanced.is_empty() {
            let partners: Vec<&str> = advanced.iter().map(|s| s.partner.name.as_str()).collect();
            let mut evidence = potential.clone();
            for s in &advanced {
                evidence.push(s.meeting.clone());
                evidence.extend(s.outcomes.iter().cloned());
            }
            out.push((
                Rule::ExportSamples,
                Message::new("rec.export-samples")
                    .text("product", &p.text)
                    .text("partners", names(&partners)),
                evidence,
            ));
        } else if !potential.is_empty() && buyers.is_empty() {
            let mut evidence = potential.clone();
            evidence.push(p.anchor.clone());
            out.push((
                Rule::ExportBuyers,
                Message::new("rec.export-buyers")
                    .text("product", &p.text)
                    .text("importer", &r.analysis.importer),
                evidence,
            ));
        } else if !buyers.is_empty() {
            let partners: Vec<&str> = buyers.iter().map(|s| s.partner.name.as_str()).collect();
            let mut evidence = Vec::new();
            for s in &buyers {
                evidence.push(s.meeting.clone());
                evidence.extend(s.outcomes.iter().cloned());
            }
            out.push((
                Rule::ExportFollowUp,
                Message::new("rec.export-follow-up")
                    .text("product", &p.text)
                    .text("partners", names(&partners))
                    .figure("count", Figure::count(buyers.len(), demo)),
                evidence,
            ));
        }
    }

    let deals: Vec<_> = r
        .annex
        .meetings
        .iter()
        .filter(|m| {
            m.outcomes
                .iter()
                .any(|o| NextStep::parse(o.next_step.value).is_ok_and(|s| s >= NextStep::Quotation))
        })
        .collect();
    if !deals.is_empty() {
        let partners: Vec<&str> = deals.iter().map(|m| m.partner.name.as_str()).collect();
        let mut evidence = Vec::new();
        for m in &deals {
            evidence.push(m.anchor.clone());
            evidence.extend(m.outcomes.iter().map(|o| o.anchor.clone()));
        }
        out.push((
            Rule::CloseDeals,
            Message::new("rec.close-deals")
                .figure("count", Figure::count(deals.len(), demo))
                .text("partners", names(&partners)),
            evidence,
        ));
    }

    for t in &r.analysis.technologies {
        let met: Vec<_> = t.suppliers.iter().filter(|s| s.held).collect();
        if !met.is_empty() || !t.seen.is_empty() {
            let partners: Vec<&str> = met.iter().map(|s| s.partner.name.as_str()).collect();
            let mut evidence: Vec<String> = met.iter().map(|s| s.meeting.clone()).collect();
            evidence.extend(t.seen.iter().map(|v| v.visit.clone()));
            evidence.push(t.anchor.clone());
            let key = if partners.is_empty() {
                "rec.tech-pilot-visits"
            } else {
                "rec.tech-pilot"
            };
            out.push((
                Rule::TechPilot,
                Message::new(key)
                    .text("technology", &t.text)
                    .text("partners", names(&partners)),
                evidence,
            ));
        } else {
            out.push((
                Rule::TechSearch,
                Message::new("rec.tech-search")
                    .text("technology", &t.text)
                    .text("importer", &r.analysis.importer),
                vec![t.anchor.clone()],
            ));
        }
    }

    if !r.activities.no_shows.is_empty() {
        let partners: Vec<&str> = r
            .activities
            .no_shows
            .iter()
            .map(|m| m.partner.name.as_str())
            .collect();
        out.push((
            Rule::NoShows,
            Message::new("rec.no-shows")
                .figure("count", Figure::count(r.activities.no_shows.len(), demo))
                .text("partners", names(&partners)),
            r.activities
                .no_shows
                .iter()
                .map(|m| m.anchor.clone())
                .collect(),
        ));
    }

    let with_lessons: Vec<_> = r
        .activities
        .itinerary
        .iter()
        .filter(|v| !v.lessons.is_empty())
        .collect();
    if !with_lessons.is_empty() {
        let lessons: usize = with_lessons.iter().map(|v| v.lessons.len()).sum();
        out.push((
            Rule::Lessons,
            Message::new("rec.lessons")
                .figure("count", Figure::count(lessons, demo))
                .figure("visits", Figure::count(with_lessons.len(), demo)),
            with_lessons.iter().map(|v| v.anchor.clone()).collect(),
        ));
    }

    if let Some(tie) = &r.delegation.tie
        && let Some(next) = &tie.next_milestone
    {
        let mut evidence = vec![tie.anchor.clone()];
        evidence.extend(
            r.opportunities
                .items
                .iter()
                .take(3)
                .map(|o| o.anchor.clone()),
        );
        let mut message = Message::new(if next.due.is_some() {
            "rec.tie-milestone-due"
        } else {
            "rec.tie-milestone"
        })
        .text("milestone", &next.title);
        if let Some(due) = next.due {
            message = message.arg("due", Arg::Date(due));
        }
        out.push((Rule::TieMilestone, message, evidence));
    }

    let lacking: Vec<_> = r
        .analysis
        .products
        .iter()
        .filter(|p| p.lacks_data())
        .collect();
    if !lacking.is_empty() {
        let products: Vec<&str> = lacking.iter().map(|p| p.text.as_str()).collect();
        out.push((
            Rule::TradeData,
            Message::new("rec.trade-data").text("products", products.join("; ")),
            lacking.iter().map(|p| p.anchor.clone()).collect(),
        ));
    }

    if !held_meetings {
        let mut evidence = vec![r.delegation.anchor.clone()];
        evidence.extend(
            r.delegation
                .export_objectives
                .iter()
                .chain(&r.delegation.technology_objectives)
                .map(|o| o.anchor.clone()),
        );
        out.push((
            Rule::FirstMeetings,
            Message::new("rec.first-meetings"),
            evidence,
        ));
    }

    out.into_iter()
        .enumerate()
        .map(|(i, (rule, text, evidence))| Recommendation {
            anchor: format!("rec-{}", i + 1),
            rule,
            rule_id: rule.id(),
            text,
            evidence: dedup(evidence),
        })
        .collect()
}
