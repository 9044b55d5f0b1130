//! Pieces shared by the mission and event reports: references to
//! organizations, meeting records, the outcomes pipeline, anchors.

use crate::message::{Message, Term};
use crate::provenance::Figure;
use mitra_core::meeting::{Interest, Meeting, MeetingStatus, NextStep, Outcome};
use mitra_core::organization::Organization;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A meeting with the outcomes its sides recorded (zero, one or two).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRecord {
    pub meeting: Meeting,
    pub outcomes: Vec<Outcome>,
}

/// An organization as a report names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct OrgRef {
    pub id: String,
    pub name: String,
    pub country: String,
    pub region: Option<String>,
    pub sector: Option<Term>,
}

impl OrgRef {
    pub fn of(org: &Organization) -> OrgRef {
        OrgRef {
            id: org.id.to_string(),
            name: org.name.clone(),
            country: org.country.to_string(),
            region: org.region.clone(),
            sector: org.sector.map(|s| Term::new("sector", s.as_str())),
        }
    }

    /// An organization the inputs do not describe: named by its id.
    pub fn unknown(id: &str) -> OrgRef {
        OrgRef {
            id: id.to_string(),
            name: id.to_string(),
            country: String::new(),
            region: None,
            sector: None,
        }
    }
}

/// Organizations by id, for lookups while building a report.
pub(crate) struct Orgs<'a>(HashMap<&'a str, &'a Organization>);

impl<'a> Orgs<'a> {
    pub(crate) fn new(orgs: &'a [Organization]) -> Orgs<'a> {
        Orgs(orgs.iter().map(|o| (o.id.as_str(), o)).collect())
    }

    pub(crate) fn get(&self, id: &str) -> Option<&'a Organization> {
        self.0.get(id).copied()
    }

    pub(crate) fn reference(&self, id: &str) -> OrgRef {
        self.get(id).map_or_else(|| OrgRef::unknown(id), OrgRef::of)
    }
}

/// The anchor of a meeting: its slot and table, unique among meetings that
/// occupy a table.
pub fn meeting_anchor(meeting: &Meeting) -> String {
    format!("m-{}-{}", meeting.slot, meeting.table)
}

/// The anchor of the outcome one side recorded for a meeting.
pub fn outcome_anchor(meeting: &Meeting, recorded_by: &str) -> String {
    format!("o-{}-{}-{}", meeting.slot, meeting.table, recorded_by)
}

pub fn status_term(status: MeetingStatus) -> Term {
    Term::new("meeting-status", status.as_str())
}

pub fn step_term(step: NextStep) -> Term {
    Term::new("next-step", step.as_str())
}

pub fn interest_term(interest: Interest) -> Term {
    Term::new("interest", interest.as_str())
}

/// One stage of the outcomes pipeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stage {
    pub step: Term,
    /// Meetings whose furthest recorded next step is this one.
    pub meetings: Figure,
}

/// A count per word of a vocabulary (interest levels, statuses, sectors).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermCount {
    pub term: Term,
    pub count: Figure,
}

/// The outcomes pipeline: one entry per meeting with any outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pipeline {
    /// Meetings with at least one recorded outcome.
    pub meetings_with_outcomes: Figure,
    /// Follow-up, samples, quotation, MoU, contract (and "none"), in order.
    pub stages: Vec<Stage>,
    /// Estimated value per currency, ascending by code. Per meeting and
    /// currency the larger of the sides' estimates counts, so that one deal
    /// estimated by both sides is not counted twice.
    pub value_by_currency: Vec<Figure>,
    /// Highest interest recorded per meeting.
    pub interest: Vec<TermCount>,
    /// Set when there is no outcome at all.
    pub empty: Option<Message>,
}

/// Builds the pipeline over meetings and the outcomes that count for this
/// report (a mission report counts only its own side's).
pub fn pipeline<'a>(
    records: impl Iterator<Item = (&'a Meeting, Vec<&'a Outcome>)>,
    demo: bool,
) -> Pipeline {
    let mut stages: BTreeMap<NextStep, usize> = NextStep::ALL.iter().map(|s| (*s, 0)).collect();
    let mut interest: BTreeMap<Interest, usize> = Interest::ALL.iter().map(|s| (*s, 0)).collect();
    let mut values: BTreeMap<String, u64> = BTreeMap::new();
    let mut with_outcomes = 0;
    for (_, outcomes) in records {
        let Some(step) = outcomes.iter().map(|o| o.next_step).max() else {
            continue;
        };
        with_outcomes += 1;
        *stages.entry(step).or_default() += 1;
        if let Some(level) = outcomes.iter().map(|o| o.interest).max() {
            *interest.entry(level).or_default() += 1;
        }
        let mut per_currency: BTreeMap<&str, u64> = BTreeMap::new();
        for money in outcomes.iter().filter_map(|o| o.estimated_value.as_ref()) {
            let v = per_currency.entry(money.currency.as_str()).or_default();
            *v = (*v).max(money.amount);
        }
        for (currency, amount) in per_currency {
            *values.entry(currency.to_string()).or_default() += amount;
        }
    }
    Pipeline {
        meetings_with_outcomes: Figure::count(with_outcomes, demo),
        stages: stages
            .into_iter()
            .map(|(step, n)| Stage {
                step: step_term(step),
                meetings: Figure::count(n, demo),
            })
            .collect(),
        value_by_currency: values
            .iter()
            .map(|(currency, amount)| Figure::money(*amount, currency, demo))
            .collect(),
        interest: interest
            .into_iter()
            .map(|(level, n)| TermCount {
                term: interest_term(level),
                count: Figure::count(n, demo),
            })
            .collect(),
        empty: (with_outcomes == 0).then(|| Message::new("empty.outcomes")),
    }
}

/// Words of a free text, lower-cased, long enough to mean something.
pub(crate) fn words(text: &str) -> Vec<String> {
    const STOP: &[&str] = &[
        "ekspor",
        "export",
        "exports",
        "impor",
        "import",
        "imports",
        "produk",
        "product",
        "products",
        "untuk",
        "dengan",
        "yang",
        "from",
        "with",
        "grade",
        "kualitas",
        "quality",
        "teknologi",
        "technology",
        "modern",
        "sistem",
        "system",
        "dan",
        "and",
        "the",
        "for",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !STOP.contains(&w.as_str()))
        .collect()
}

/// Whether two free texts share a meaningful word, ignoring the given
/// words (region names, which every text of a delegation may contain).
pub(crate) fn texts_meet(a: &str, b: &str, ignore: &[String]) -> bool {
    let theirs = words(b);
    words(a)
        .iter()
        .filter(|w| !ignore.contains(w))
        .any(|w| theirs.contains(w))
}
