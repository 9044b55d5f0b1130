//! Trade indicators and the content of Mitra's reports. Pure: no files, no
//! database, no clock; the only parsing is of bytes handed in
//! ([`flows::TradeFlows::parse`]).
//!
//! * [`flows`]: trade-flow tables (CSV `reporter,partner,hs,year,value`;
//!   the format is documented there and in `data/trade/README.md`),
//!   validated all-or-nothing with every problem's line and field;
//! * [`indicators`]: revealed comparative advantage, trade intensity, trade
//!   complementarity and a simplified export potential, each with its
//!   inputs, an explanation, and [`indicators::NotComputable`] naming the
//!   data it lacks;
//! * [`facts`]: published facts with source and period, embedded;
//! * [`mission`] and [`event`]: the report content models and the pure
//!   functions that build them ([`build_mission_report`],
//!   [`build_event_report`]);
//! * [`rules`]: the documented rules that make recommendations from the
//!   evidence.
//!
//! Every number in a report is a [`provenance::Figure`], which cannot exist
//! without its [`provenance::Provenance`]; sentences are
//! [`message::Message`]s (a key and arguments) that `mitra-docs` renders in
//! English, Indonesian and Chinese. [`MESSAGE_KEYS`] lists every key.

pub mod common;
pub mod event;
pub mod facts;
pub mod fixtures;
pub mod flows;
pub mod indicators;
pub mod message;
pub mod mission;
pub mod provenance;
pub mod rules;

pub use common::MeetingRecord;
pub use event::{EventInputs, EventReport, build_event_report};
pub use mission::{MissionInputs, MissionReport, TradeInputs, build_mission_report};

/// Every message key the content model can produce; renderers must define
/// each one (mitra-docs tests that they do).
pub const MESSAGE_KEYS: &[&str] = &[
    "need.trade-data",
    "need.year",
    "need.hs-code",
    "need.flow",
    "need.nonzero",
    "need.product-rows",
    "need.consistent-totals",
    "ind.rca",
    "ind.intensity",
    "ind.complementarity",
    "ind.potential",
    "empty.outcomes",
    "empty.objectives",
    "empty.tie",
    "empty.itinerary",
    "empty.meetings",
    "empty.demand",
    "empty.tech",
    "empty.analysis",
    "empty.opportunities",
    "empty.outcome",
    "empty.participation",
    "empty.requests",
    "empty.interpreters",
    "empty.plan",
    "analysis.no-trade-data",
    "analysis.no-year",
    "analysis.data-illustrative",
    "analysis.data-loaded",
    "assess.none",
    "assess.tech-found",
    "assess.tech-missing",
    "assess.demand-no-data",
    "assess.no-data",
    "assess.strong",
    "assess.potential-no-buyers",
    "assess.buyers-weak-potential",
    "assess.weak",
    "summary.no-meetings",
    "summary.meetings",
    "summary.visits",
    "summary.no-outcomes",
    "summary.outcomes",
    "summary.value",
    "summary.top-opportunity",
    "summary.no-trade-data",
    "summary.recommendations",
    "source.records",
    "source.records-demo",
    "source.illustrative",
    "source.loaded",
    "source.published",
    "rec.export-samples",
    "rec.export-buyers",
    "rec.export-follow-up",
    "rec.close-deals",
    "rec.tech-pilot",
    "rec.tech-pilot-visits",
    "rec.tech-search",
    "rec.no-shows",
    "rec.lessons",
    "rec.tie-milestone",
    "rec.tie-milestone-due",
    "rec.trade-data",
    "rec.first-meetings",
    "rule.export-samples",
    "rule.export-buyers",
    "rule.export-follow-up",
    "rule.close-deals",
    "rule.tech-pilot",
    "rule.tech-search",
    "rule.no-shows",
    "rule.lessons",
    "rule.tie-milestone",
    "rule.trade-data",
    "rule.first-meetings",
    "event.summary.participation",
    "event.summary.meetings",
    "event.summary.outcomes",
    "event.satisfaction-not-recorded",
];

/// The closed vocabularies that [`message::Term`]s come from, with every
/// value; renderers translate `term.<vocabulary>.<value>`.
pub fn vocabularies() -> Vec<(&'static str, Vec<&'static str>)> {
    use mitra_core::meeting::{Interest, MeetingStatus, NextStep, Priority, RequestStatus};
    use mitra_core::mission::{AgreementKind, ItineraryKind, MilestoneStatus};
    use mitra_core::organization::{Sector, Side};
    vec![
        (
            "next-step",
            NextStep::ALL.iter().map(|v| v.as_str()).collect(),
        ),
        (
            "interest",
            Interest::ALL.iter().map(|v| v.as_str()).collect(),
        ),
        (
            "meeting-status",
            MeetingStatus::ALL.iter().map(|v| v.as_str()).collect(),
        ),
        (
            "request-status",
            RequestStatus::ALL.iter().map(|v| v.as_str()).collect(),
        ),
        (
            "priority",
            Priority::ALL.iter().map(|v| v.as_str()).collect(),
        ),
        ("sector", Sector::ALL.iter().map(|v| v.as_str()).collect()),
        ("side", Side::ALL.iter().map(|v| v.as_str()).collect()),
        (
            "agreement-kind",
            AgreementKind::ALL.iter().map(|v| v.as_str()).collect(),
        ),
        (
            "milestone-status",
            MilestoneStatus::ALL.iter().map(|v| v.as_str()).collect(),
        ),
        (
            "itinerary-kind",
            ItineraryKind::ALL.iter().map(|v| v.as_str()).collect(),
        ),
        (
            "fate",
            vec!["held", "no-show", "cancelled", "scheduled", "not-scheduled"],
        ),
        ("opportunity", vec!["export", "technology", "other"]),
        ("product", vec!["total"]),
    ]
}
