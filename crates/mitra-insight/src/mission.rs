//! The delegation's official mission report, as content: built by
//! [`build_mission_report`] from domain values and trade data, rendered by
//! `mitra-docs` in each language.
//!
//! Privacy: a delegation lead sees its own delegation's companies. The
//! report therefore counts and shows only the outcomes that the
//! delegation's own companies recorded; the counterpart's outcome and notes
//! stay private to the counterpart. Demand signals come from the
//! counterparts' public profiles (their registered needs) and from the
//! delegation's own records.

use crate::common::{
    MeetingRecord, OrgRef, Orgs, Pipeline, TermCount, interest_term, meeting_anchor,
    outcome_anchor, pipeline, status_term, step_term, texts_meet,
};
use crate::facts::Fact;
use crate::flows::{Product, TradeFlows};
use crate::indicators::{
    Complementarity, Computed, ExportPotential, Intensity, Need, NotComputable, Rca,
    complementarity, export_potential, intensity, rca,
};
use crate::message::{Arg, Message, Term};
use crate::provenance::{Figure, Provenance};
use crate::rules::{Recommendation, recommend};
use chrono::{NaiveDate, NaiveDateTime};
use mitra_core::event::EventPlan;
use mitra_core::meeting::{Interest, MeetingStatus, NextStep, Outcome};
use mitra_core::mission::{FriendshipTie, Milestone, Mission};
use mitra_core::organization::{Delegation, Organization, TradeItem};
use mitra_hs::HsCode;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The trade data behind the analysis of potential.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TradeInputs {
    /// The loaded trade-flow table, if any.
    pub flows: Option<TradeFlows>,
    /// The delegation's region as the table names it ("Lampung"); empty:
    /// the delegation's region, else its country code.
    pub exporter: String,
    /// The host region as the table names it ("Shandong"); empty: the
    /// friendship tie's other region.
    pub importer: String,
    /// The year to compute for; `None`: the latest year the exporter has.
    pub year: Option<i32>,
}

/// Everything the mission report is built from. The lead fills it from the
/// store; nothing here is read from anywhere else.
#[derive(Debug, Clone, PartialEq)]
pub struct MissionInputs {
    pub delegation: Delegation,
    pub mission: Option<Mission>,
    pub tie: Option<FriendshipTie>,
    /// The event the delegation attended (slot times, event name).
    pub event: Option<EventPlan>,
    /// The delegation's companies and every counterpart they met.
    pub organizations: Vec<Organization>,
    /// Meetings of the delegation's companies, with recorded outcomes.
    /// Meetings of other companies are ignored.
    pub meetings: Vec<MeetingRecord>,
    pub trade: TradeInputs,
    /// Published facts to cite (usually [`crate::facts::facts`]).
    pub facts: Vec<Fact>,
}

/// The mission report's content.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissionReport {
    pub title: MissionTitle,
    /// Whether any record the report is built from is demo data.
    pub demo: bool,
    /// Executive summary, one sentence per point.
    pub summary: Vec<Message>,
    pub delegation: DelegationSection,
    pub activities: Activities,
    pub results: Pipeline,
    pub analysis: Analysis,
    pub opportunities: Opportunities,
    pub recommendations: Vec<Recommendation>,
    pub annex: Annex,
    /// Where the figures come from.
    pub sources: Vec<SourceNote>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissionTitle {
    pub delegation: String,
    pub mission: Option<String>,
    pub event: Option<String>,
    pub event_name_id: Option<String>,
    pub event_name_zh: Option<String>,
    pub city: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectiveView {
    pub anchor: String,
    pub text: String,
    pub hs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneView {
    pub title: String,
    pub due: Option<NaiveDate>,
    pub status: Term,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementView {
    pub kind: Term,
    pub title: String,
    pub signed_on: Option<NaiveDate>,
    pub place: Option<String>,
    pub summary: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TieView {
    pub anchor: String,
    pub region_a: String,
    pub region_b: String,
    pub since: Option<NaiveDate>,
    pub status: Term,
    pub agreements: Vec<AgreementView>,
    pub areas: Vec<String>,
    pub milestones: Vec<MilestoneView>,
    pub next_milestone: Option<MilestoneView>,
    /// Anchors of published facts about the two regions.
    pub facts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DelegationSection {
    pub anchor: String,
    pub name: String,
    pub country: String,
    pub region: Option<String>,
    pub lead_name: Option<String>,
    pub companies: Vec<OrgRef>,
    pub company_count: Figure,
    pub export_objectives: Vec<ObjectiveView>,
    pub technology_objectives: Vec<ObjectiveView>,
    pub risks: Vec<String>,
    pub objectives_empty: Option<Message>,
    pub tie: Option<TieView>,
    pub tie_missing: Option<Message>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VisitView {
    pub anchor: String,
    pub date: NaiveDate,
    pub kind: Term,
    pub title: String,
    pub place: Option<String>,
    pub host: Option<String>,
    pub technologies_seen: Vec<String>,
    pub lessons: Vec<String>,
    pub contacts: Vec<String>,
    pub follow_ups: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingCounts {
    /// Every meeting placed for the delegation that was not cancelled.
    pub scheduled: Figure,
    pub held: Figure,
    pub no_show: Figure,
    pub cancelled: Figure,
    /// Placed but not yet held (draft or published).
    pub pending: Figure,
}

/// A meeting as a line of a list; `anchor` points to its annex entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingLine {
    pub anchor: String,
    pub slot: String,
    pub time: Option<NaiveDateTime>,
    pub ours: OrgRef,
    pub partner: OrgRef,
    pub interpreter: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Activities {
    pub itinerary: Vec<VisitView>,
    pub itinerary_empty: Option<Message>,
    pub counts: MeetingCounts,
    pub held: Vec<MeetingLine>,
    pub no_shows: Vec<MeetingLine>,
    /// Held meetings by the counterpart's sector.
    pub sectors_met: Vec<TermCount>,
    pub meetings_empty: Option<Message>,
}

/// Something seen in a meeting or on a visit that bears on an objective.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    /// The meeting's anchor (in the annex).
    pub meeting: String,
    /// The own side's outcome anchors for that meeting.
    pub outcomes: Vec<String>,
    pub partner: OrgRef,
    /// What the counterpart registered or what the outcome named.
    pub what: String,
    /// The furthest next step the own side recorded.
    pub step: Option<Term>,
    pub interest: Option<Term>,
    pub held: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProductIndicators {
    pub anchor: String,
    pub hs: String,
    pub rca: Computed<Rca>,
    pub intensity: Computed<Intensity>,
    pub potential: Computed<ExportPotential>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProductAnalysis {
    pub anchor: String,
    /// The objective's anchor in the delegation section.
    pub objective: String,
    pub text: String,
    pub hs: Vec<String>,
    pub indicators: Vec<ProductIndicators>,
    /// Set when the objective has no HS code.
    pub no_hs: Option<Message>,
    /// Anchors of published facts about the product.
    pub facts: Vec<String>,
    pub demand: Vec<Signal>,
    pub demand_empty: Option<Message>,
    pub assessment: Message,
}

impl ProductAnalysis {
    /// Evidence of export potential: an RCA of at least 1 or an export
    /// potential with room to grow, for any of the product's codes.
    pub fn potential_evidence(&self) -> Vec<String> {
        self.indicators
            .iter()
            .filter(|i| {
                i.rca.as_ref().is_ok_and(|r| r.value.value >= 1.0)
                    || i.potential.as_ref().is_ok_and(ExportPotential::has_room)
            })
            .map(|i| i.anchor.clone())
            .collect()
    }

    /// Whether any indicator lacks data.
    pub fn lacks_data(&self) -> bool {
        self.no_hs.is_some()
            || self
                .indicators
                .iter()
                .any(|i| i.rca.is_err() || i.potential.is_err())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VisitRef {
    pub visit: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TechnologyAnalysis {
    pub anchor: String,
    pub objective: String,
    pub text: String,
    pub hs: Vec<String>,
    /// Counterparts offering it, met or scheduled.
    pub suppliers: Vec<Signal>,
    pub seen: Vec<VisitRef>,
    pub facts: Vec<String>,
    pub empty: Option<Message>,
    pub assessment: Message,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactView {
    pub anchor: String,
    pub fact: Fact,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub exporter: String,
    pub importer: String,
    pub year: Option<i32>,
    pub data_provenance: Option<Provenance>,
    /// Which data the indicators use, or what is missing.
    pub data_note: Message,
    pub complementarity: Computed<Complementarity>,
    pub intensity: Computed<Intensity>,
    pub products: Vec<ProductAnalysis>,
    pub technologies: Vec<TechnologyAnalysis>,
    /// Every published fact the report cites, each once.
    pub facts: Vec<FactView>,
    pub empty: Option<Message>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Opportunity {
    pub anchor: String,
    pub rank: usize,
    pub partner: OrgRef,
    /// The product or technology.
    pub subject: String,
    /// "export", "technology" or "other".
    pub kind: Term,
    pub evidence: Vec<String>,
    pub next_step: Term,
    pub interest: Term,
    /// The delegation's company that carries it.
    pub owner: OrgRef,
    pub value: Option<Figure>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Opportunities {
    pub items: Vec<Opportunity>,
    pub empty: Option<Message>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeView {
    pub anchor: String,
    pub recorded_by: OrgRef,
    pub interest: Term,
    pub next_step: Term,
    pub products: Vec<String>,
    pub value: Option<Figure>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnexMeeting {
    pub anchor: String,
    pub slot: String,
    pub time: Option<NaiveDateTime>,
    pub table: String,
    pub ours: OrgRef,
    pub partner: OrgRef,
    pub status: Term,
    pub interpreter: Option<String>,
    pub outcomes: Vec<OutcomeView>,
    pub no_outcome: Option<Message>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Annex {
    pub meetings: Vec<AnnexMeeting>,
    pub empty: Option<Message>,
}

/// One origin of the report's figures, explained.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceNote {
    pub provenance: Provenance,
    pub message: Message,
}

/// The anchors every rendering must define, once each.
impl MissionReport {
    pub fn anchors(&self) -> BTreeSet<String> {
        let mut a = BTreeSet::new();
        a.insert(self.delegation.anchor.clone());
        if let Some(tie) = &self.delegation.tie {
            a.insert(tie.anchor.clone());
        }
        for o in self
            .delegation
            .export_objectives
            .iter()
            .chain(&self.delegation.technology_objectives)
        {
            a.insert(o.anchor.clone());
        }
        for v in &self.activities.itinerary {
            a.insert(v.anchor.clone());
        }
        for p in &self.analysis.products {
            a.insert(p.anchor.clone());
            for i in &p.indicators {
                a.insert(i.anchor.clone());
            }
        }
        for t in &self.analysis.technologies {
            a.insert(t.anchor.clone());
        }
        for f in &self.analysis.facts {
            a.insert(f.anchor.clone());
        }
        for o in &self.opportunities.items {
            a.insert(o.anchor.clone());
        }
        for r in &self.recommendations {
            a.insert(r.anchor.clone());
        }
        for m in &self.annex.meetings {
            a.insert(m.anchor.clone());
            for o in &m.outcomes {
                a.insert(o.anchor.clone());
            }
        }
        a
    }
}

fn hs_strings(item: &TradeItem) -> Vec<String> {
    item.hs.iter().map(|h| h.as_str().to_string()).collect()
}

fn hs_meet(a: &[HsCode], b: &[HsCode]) -> bool {
    a.iter()
        .any(|x| b.iter().any(|y| x.is_within(y) || y.is_within(x)))
}

fn milestone_view(m: &Milestone) -> MilestoneView {
    MilestoneView {
        title: m.title.clone(),
        due: m.due,
        status: Term::new("milestone-status", m.status.as_str()),
    }
}

/// A meeting of the delegation, seen from its side.
struct OwnMeeting<'a> {
    record: &'a MeetingRecord,
    ours: &'a str,
    partner: &'a str,
    own_outcomes: Vec<&'a Outcome>,
    time: Option<NaiveDateTime>,
}

impl OwnMeeting<'_> {
    fn anchor(&self) -> String {
        meeting_anchor(&self.record.meeting)
    }
    fn status(&self) -> MeetingStatus {
        self.record.meeting.status
    }
    fn step(&self) -> Option<NextStep> {
        self.own_outcomes.iter().map(|o| o.next_step).max()
    }
    fn interest(&self) -> Option<Interest> {
        self.own_outcomes.iter().map(|o| o.interest).max()
    }
    fn outcome_anchors(&self) -> Vec<String> {
        self.own_outcomes
            .iter()
            .map(|o| outcome_anchor(&self.record.meeting, o.recorded_by.as_str()))
            .collect()
    }
    fn line(&self, orgs: &Orgs) -> MeetingLine {
        MeetingLine {
            anchor: self.anchor(),
            slot: self.record.meeting.slot.to_string(),
            time: self.time,
            ours: orgs.reference(self.ours),
            partner: orgs.reference(self.partner),
            interpreter: self.record.meeting.interpreter.is_some(),
        }
    }
}

/// Builds the mission report. Pure: the same inputs give the same report.
pub fn build_mission_report(inputs: &MissionInputs) -> MissionReport {
    let delegation = &inputs.delegation;
    let orgs = Orgs::new(&inputs.organizations);
    let own_ids: BTreeSet<&str> = inputs
        .organizations
        .iter()
        .filter(|o| o.delegation.as_ref() == Some(&delegation.id))
        .map(|o| o.id.as_str())
        .collect();
    let demo = delegation.demo
        || inputs.mission.as_ref().is_some_and(|m| m.demo)
        || inputs.tie.as_ref().is_some_and(|t| t.demo)
        || inputs.organizations.iter().any(|o| o.demo);
    let slot_times: HashMap<&str, NaiveDateTime> = inputs
        .event
        .iter()
        .flat_map(|p| p.slots.iter().map(|s| (s.id.as_str(), s.start)))
        .collect();

    let mut own: Vec<OwnMeeting> = inputs
        .meetings
        .iter()
        .filter_map(|record| {
            let m = &record.meeting;
            let (ours, partner) = if own_ids.contains(m.a.as_str()) {
                (m.a.as_str(), m.b.as_str())
            } else if own_ids.contains(m.b.as_str()) {
                (m.b.as_str(), m.a.as_str())
            } else {
                return None;
            };
            let mut own_outcomes: Vec<&Outcome> = record
                .outcomes
                .iter()
                .filter(|o| own_ids.contains(o.recorded_by.as_str()))
                .collect();
            own_outcomes.sort_by(|x, y| x.recorded_by.cmp(&y.recorded_by));
            Some(OwnMeeting {
                record,
                ours,
                partner,
                own_outcomes,
                time: slot_times.get(m.slot.as_str()).copied(),
            })
        })
        .collect();
    own.sort_by(|x, y| {
        (
            x.time,
            x.record.meeting.slot.as_str(),
            x.record.meeting.table.as_str(),
        )
            .cmp(&(
                y.time,
                y.record.meeting.slot.as_str(),
                y.record.meeting.table.as_str(),
            ))
    });

    let exporter = if inputs.trade.exporter.trim().is_empty() {
        delegation
            .region
            .clone()
            .unwrap_or_else(|| delegation.country.to_string())
    } else {
        inputs.trade.exporter.clone()
    };
    let importer = if !inputs.trade.importer.trim().is_empty() {
        inputs.trade.importer.clone()
    } else {
        inputs
            .tie
            .as_ref()
            .map(|t| {
                if t.region_a.region.eq_ignore_ascii_case(&exporter) {
                    t.region_b.region.clone()
                } else {
                    t.region_a.region.clone()
                }
            })
            .unwrap_or_default()
    };
    let mut ignore_words: Vec<String> = crate::common::words(&exporter);
    ignore_words.extend(crate::common::words(&importer));
    ignore_words.extend(crate::common::words(&delegation.name));

    // Facts cited, each once; anchors by fact id.
    let mut cited_refs: BTreeMap<String, Fact> = BTreeMap::new();

    // Delegation section.
    let export_objectives: Vec<ObjectiveView> = delegation
        .objectives
        .export_products
        .iter()
        .enumerate()
        .map(|(i, item)| ObjectiveView {
            anchor: format!("obj-export-{}", i + 1),
            text: item.text.clone(),
            hs: hs_strings(item),
        })
        .collect();
    let technology_objectives: Vec<ObjectiveView> = delegation
        .objectives
        .technology_sought
        .iter()
        .enumerate()
        .map(|(i, item)| ObjectiveView {
            anchor: format!("obj-tech-{}", i + 1),
            text: item.text.clone(),
            hs: hs_strings(item),
        })
        .collect();
    let tie = inputs.tie.as_ref().map(|t| {
        let a = &t.region_a.region;
        let b = &t.region_b.region;
        let facts = inputs
            .facts
            .iter()
            .filter(|f| f.names(a) && f.names(b))
            .map(|f| cite(f, &mut cited_refs))
            .collect();
        TieView {
            anchor: "tie".to_string(),
            region_a: format!("{} ({})", t.region_a.region, t.region_a.country),
            region_b: format!("{} ({})", t.region_b.region, t.region_b.country),
            since: t.since,
            status: Term::new("agreement-kind", t.status.as_str()),
            agreements: t
                .agreements
                .iter()
                .map(|g| AgreementView {
                    kind: Term::new("agreement-kind", g.kind.as_str()),
                    title: g.title.clone(),
                    signed_on: g.signed_on,
                    place: g.place.clone(),
                    summary: g.summary.clone(),
                })
                .collect(),
            areas: t.cooperation_areas.clone(),
            milestones: t.milestones.iter().map(milestone_view).collect(),
            next_milestone: t.next_milestone().map(milestone_view),
            facts,
        }
    });
    let mut companies: Vec<OrgRef> = own_ids.iter().map(|id| orgs.reference(id)).collect();
    companies.sort_by(|x, y| (&x.name, &x.id).cmp(&(&y.name, &y.id)));
    let objectives_empty = (export_objectives.is_empty()
        && technology_objectives.is_empty()
        && delegation.objectives.risks.is_empty())
    .then(|| Message::new("empty.objectives"));
    let delegation_section = DelegationSection {
        anchor: "delegation".to_string(),
        name: delegation.name.clone(),
        country: delegation.country.to_string(),
        region: delegation.region.clone(),
        lead_name: delegation.lead_name.clone(),
        company_count: Figure::count(companies.len(), demo),
        companies,
        export_objectives,
        technology_objectives,
        risks: delegation.objectives.risks.clone(),
        objectives_empty,
        tie_missing: tie.is_none().then(|| Message::new("empty.tie")),
        tie,
    };

    // Activities.
    let itinerary: Vec<VisitView> = inputs
        .mission
        .iter()
        .flat_map(|m| m.itinerary.iter())
        .enumerate()
        .map(|(i, item)| VisitView {
            anchor: format!("visit-{}", i + 1),
            date: item.date,
            kind: Term::new("itinerary-kind", item.kind.as_str()),
            title: item.title.clone(),
            place: item.place.clone(),
            host: item.host.clone(),
            technologies_seen: item.notes.technologies_seen.clone(),
            lessons: item.notes.lessons.clone(),
            contacts: item.notes.contacts.clone(),
            follow_ups: item.notes.follow_ups.clone(),
        })
        .collect();
    let count_status = |f: &dyn Fn(MeetingStatus) -> bool| {
        Figure::count(own.iter().filter(|m| f(m.status())).count(), demo)
    };
    let counts = MeetingCounts {
        scheduled: count_status(&|s| s != MeetingStatus::Cancelled),
        held: count_status(&|s| s == MeetingStatus::Held),
        no_show: count_status(&|s| s == MeetingStatus::NoShow),
        cancelled: count_status(&|s| s == MeetingStatus::Cancelled),
        pending: count_status(&|s| matches!(s, MeetingStatus::Draft | MeetingStatus::Published)),
    };
    let held: Vec<MeetingLine> = own
        .iter()
        .filter(|m| m.status() == MeetingStatus::Held)
        .map(|m| m.line(&orgs))
        .collect();
    let no_shows: Vec<MeetingLine> = own
        .iter()
        .filter(|m| m.status() == MeetingStatus::NoShow)
        .map(|m| m.line(&orgs))
        .collect();
    let mut sectors: BTreeMap<Term, usize> = BTreeMap::new();
    for m in own.iter().filter(|m| m.status() == MeetingStatus::Held) {
        let sector = orgs
            .get(m.partner)
            .and_then(|o| o.sector)
            .map_or("other", |s| s.as_str());
        *sectors.entry(Term::new("sector", sector)).or_default() += 1;
    }
    let activities = Activities {
        itinerary_empty: itinerary
            .is_empty()
            .then(|| Message::new("empty.itinerary")),
        itinerary,
        counts,
        held,
        no_shows,
        sectors_met: sectors
            .into_iter()
            .map(|(term, n)| TermCount {
                term,
                count: Figure::count(n, demo),
            })
            .collect(),
        meetings_empty: own.is_empty().then(|| Message::new("empty.meetings")),
    };

    // Results: own side's outcomes of held meetings.
    let results = pipeline(
        own.iter()
            .map(|m| (&m.record.meeting, m.own_outcomes.clone())),
        demo,
    );

    // Analysis.
    let year = match &inputs.trade.flows {
        Some(flows) => inputs
            .trade
            .year
            .or_else(|| flows.latest_year_of(&exporter)),
        None => None,
    };
    let indicator_inputs: Result<(&TradeFlows, i32), NotComputable> =
        match (&inputs.trade.flows, year) {
            (None, _) => Err(NotComputable::one(Need::TradeData)),
            (Some(_), None) => Err(NotComputable::one(Need::Year {
                reporter: exporter.clone(),
            })),
            (Some(f), Some(y)) => Ok((f, y)),
        };
    let data_note = match (&inputs.trade.flows, year) {
        (None, _) => Message::new("analysis.no-trade-data"),
        (Some(f), None) => Message::new("analysis.no-year")
            .text("exporter", &exporter)
            .text("file", provenance_name(&f.provenance)),
        (Some(f), Some(y)) => Message::new(if f.provenance.is_illustrative() {
            "analysis.data-illustrative"
        } else {
            "analysis.data-loaded"
        })
        .text("file", provenance_name(&f.provenance))
        .text("year", y.to_string())
        .text("exporter", &exporter)
        .text("importer", &importer),
    };
    let comp = indicator_inputs
        .clone()
        .and_then(|(f, y)| complementarity(f, &exporter, &importer, y));
    let total_intensity = indicator_inputs
        .clone()
        .and_then(|(f, y)| intensity(f, &exporter, &importer, &Product::Total, y));

    let partner_of = |m: &OwnMeeting| orgs.get(m.partner);
    let products: Vec<ProductAnalysis> = delegation
        .objectives
        .export_products
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let n = i + 1;
            let indicators: Vec<ProductIndicators> = item
                .hs
                .iter()
                .map(|code| ProductIndicators {
                    anchor: format!("ind-{n}-{}", code.as_str()),
                    hs: code.as_str().to_string(),
                    rca: indicator_inputs
                        .clone()
                        .and_then(|(f, y)| rca(f, &exporter, code, y)),
                    intensity: indicator_inputs.clone().and_then(|(f, y)| {
                        intensity(f, &exporter, &importer, &Product::Hs(code.clone()), y)
                    }),
                    potential: indicator_inputs
                        .clone()
                        .and_then(|(f, y)| export_potential(f, &exporter, &importer, code, y)),
                })
                .collect();
            let facts: Vec<String> = inputs
                .facts
                .iter()
                .filter(|f| item.hs.iter().any(|code| f.concerns(code)))
                .map(|f| cite(f, &mut cited_refs))
                .collect();
            let demand: Vec<Signal> = own
                .iter()
                .filter(|m| m.status() != MeetingStatus::Cancelled)
                .filter_map(|m| {
                    let partner = partner_of(m);
                    let need = partner.and_then(|p| {
                        p.needs.iter().find(|need| {
                            hs_meet(&need.hs, &item.hs)
                                || texts_meet(&item.text, &need.text, &ignore_words)
                        })
                    });
                    let named = m
                        .own_outcomes
                        .iter()
                        .flat_map(|o| o.products.iter())
                        .find(|p| texts_meet(&item.text, p, &ignore_words));
                    let what = need.map(|n| n.text.clone()).or_else(|| named.cloned())?;
                    Some(Signal {
                        meeting: m.anchor(),
                        outcomes: m.outcome_anchors(),
                        partner: orgs.reference(m.partner),
                        what,
                        step: m.step().map(step_term),
                        interest: m.interest().map(interest_term),
                        held: m.status() == MeetingStatus::Held,
                    })
                })
                .collect();
            let mut analysis = ProductAnalysis {
                anchor: format!("product-{n}"),
                objective: format!("obj-export-{n}"),
                text: item.text.clone(),
                hs: hs_strings(item),
                no_hs: item.hs.is_empty().then(|| {
                    Need::HsCode {
                        product: item.text.clone(),
                    }
                    .message()
                }),
                indicators,
                facts,
                demand_empty: demand.is_empty().then(|| Message::new("empty.demand")),
                demand,
                assessment: Message::new("assess.none"),
            };
            analysis.assessment = assess_product(&analysis);
            analysis
        })
        .collect();

    let technologies: Vec<TechnologyAnalysis> = delegation
        .objectives
        .technology_sought
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let n = i + 1;
            let suppliers: Vec<Signal> = own
                .iter()
                .filter(|m| m.status() != MeetingStatus::Cancelled)
                .filter_map(|m| {
                    let offer = partner_of(m)?.offers.iter().find(|offer| {
                        hs_meet(&offer.hs, &item.hs)
                            || texts_meet(&item.text, &offer.text, &ignore_words)
                    })?;
                    Some(Signal {
                        meeting: m.anchor(),
                        outcomes: m.outcome_anchors(),
                        partner: orgs.reference(m.partner),
                        what: offer.text.clone(),
                        step: m.step().map(step_term),
                        interest: m.interest().map(interest_term),
                        held: m.status() == MeetingStatus::Held,
                    })
                })
                .collect();
            let seen: Vec<VisitRef> = activities
                .itinerary
                .iter()
                .flat_map(|v| {
                    v.technologies_seen
                        .iter()
                        .chain(&v.lessons)
                        .filter(|t| texts_meet(&item.text, t, &ignore_words))
                        .map(|t| VisitRef {
                            visit: v.anchor.clone(),
                            text: t.clone(),
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            let facts: Vec<String> = inputs
                .facts
                .iter()
                .filter(|f| item.hs.iter().any(|code| f.concerns(code)))
                .map(|f| cite(f, &mut cited_refs))
                .collect();
            let held_suppliers = suppliers.iter().filter(|s| s.held).count();
            let assessment = if held_suppliers > 0 || !seen.is_empty() {
                Message::new("assess.tech-found")
                    .figure("suppliers", Figure::count(held_suppliers, demo))
                    .figure("visits", Figure::count(seen.len(), demo))
            } else {
                Message::new("assess.tech-missing")
            };
            TechnologyAnalysis {
                anchor: format!("tech-{n}"),
                objective: format!("obj-tech-{n}"),
                text: item.text.clone(),
                hs: hs_strings(item),
                empty: (suppliers.is_empty() && seen.is_empty())
                    .then(|| Message::new("empty.tech")),
                suppliers,
                seen,
                facts,
                assessment,
            }
        })
        .collect();
    let analysis = Analysis {
        exporter: exporter.clone(),
        importer: importer.clone(),
        year,
        data_provenance: inputs.trade.flows.as_ref().map(|f| f.provenance.clone()),
        data_note,
        complementarity: comp,
        intensity: total_intensity,
        empty: (products.is_empty() && technologies.is_empty())
            .then(|| Message::new("empty.analysis")),
        products,
        technologies,
        facts: cited_refs
            .into_iter()
            .map(|(anchor, fact)| FactView { anchor, fact })
            .collect(),
    };

    // Opportunities: held meetings where the own side recorded a next step
    // or at least medium interest.
    let mut candidates: Vec<Opportunity> = own
        .iter()
        .filter(|m| m.status() == MeetingStatus::Held)
        .filter(|m| {
            m.step().is_some_and(|s| s != NextStep::None)
                || m.interest().is_some_and(|i| i >= Interest::Medium)
        })
        .map(|m| {
            let anchor = m.anchor();
            let product = analysis
                .products
                .iter()
                .find(|p| p.demand.iter().any(|s| s.meeting == anchor));
            let tech = analysis
                .technologies
                .iter()
                .find(|t| t.suppliers.iter().any(|s| s.meeting == anchor));
            let mut evidence = vec![anchor.clone()];
            evidence.extend(m.outcome_anchors());
            let (subject, kind) = if let Some(p) = product {
                evidence.push(p.anchor.clone());
                evidence.extend(p.potential_evidence());
                (p.text.clone(), "export")
            } else if let Some(t) = tech {
                evidence.push(t.anchor.clone());
                (t.text.clone(), "technology")
            } else {
                let named: Vec<&str> = m
                    .own_outcomes
                    .iter()
                    .flat_map(|o| o.products.iter().map(String::as_str))
                    .collect();
                let subject = if named.is_empty() {
                    partner_of(m)
                        .and_then(|p| p.offers.first().or(p.needs.first()))
                        .map(|i| i.text.clone())
                        .unwrap_or_default()
                } else {
                    named.join("; ")
                };
                (subject, "other")
            };
            let value = m
                .own_outcomes
                .iter()
                .filter_map(|o| o.estimated_value.as_ref())
                .max_by(|x, y| (x.amount, &y.currency).cmp(&(y.amount, &x.currency)))
                .map(|money| Figure::money(money.amount, &money.currency, demo));
            Opportunity {
                anchor: String::new(),
                rank: 0,
                partner: orgs.reference(m.partner),
                subject,
                kind: Term::new("opportunity", kind),
                evidence,
                next_step: step_term(m.step().unwrap_or(NextStep::None)),
                interest: interest_term(m.interest().unwrap_or(Interest::None)),
                owner: orgs.reference(m.ours),
                value,
            }
        })
        .collect();
    candidates.sort_by(|x, y| {
        let key = |o: &Opportunity| {
            (
                NextStep::parse(o.next_step.value).unwrap_or(NextStep::None),
                Interest::parse(o.interest.value).unwrap_or(Interest::None),
                o.value.as_ref().map_or(0, |v| v.value as u64),
            )
        };
        key(y)
            .cmp(&key(x))
            .then_with(|| x.evidence[0].cmp(&y.evidence[0]))
    });
    for (i, o) in candidates.iter_mut().enumerate() {
        o.rank = i + 1;
        o.anchor = format!("opp-{}", i + 1);
    }
    let opportunities = Opportunities {
        empty: candidates
            .is_empty()
            .then(|| Message::new("empty.opportunities")),
        items: candidates,
    };

    // Annex.
    let annex_meetings: Vec<AnnexMeeting> = own
        .iter()
        .map(|m| {
            let outcomes: Vec<OutcomeView> = m
                .own_outcomes
                .iter()
                .map(|o| OutcomeView {
                    anchor: outcome_anchor(&m.record.meeting, o.recorded_by.as_str()),
                    recorded_by: orgs.reference(o.recorded_by.as_str()),
                    interest: interest_term(o.interest),
                    next_step: step_term(o.next_step),
                    products: o.products.clone(),
                    value: o
                        .estimated_value
                        .as_ref()
                        .map(|v| Figure::money(v.amount, &v.currency, demo)),
                    notes: o.notes.clone(),
                })
                .collect();
            AnnexMeeting {
                anchor: m.anchor(),
                slot: m.record.meeting.slot.to_string(),
                time: m.time,
                table: m.record.meeting.table.to_string(),
                ours: orgs.reference(m.ours),
                partner: orgs.reference(m.partner),
                status: status_term(m.status()),
                interpreter: m.record.meeting.interpreter.as_ref().map(|i| i.to_string()),
                no_outcome: outcomes.is_empty().then(|| Message::new("empty.outcome")),
                outcomes,
            }
        })
        .collect();
    let annex = Annex {
        empty: annex_meetings
            .is_empty()
            .then(|| Message::new("empty.meetings")),
        meetings: annex_meetings,
    };

    let mut sources = vec![SourceNote {
        provenance: Provenance::Records { demo },
        message: Message::new(if demo {
            "source.records-demo"
        } else {
            "source.records"
        }),
    }];
    match &inputs.trade.flows {
        Some(f) => sources.push(SourceNote {
            provenance: f.provenance.clone(),
            message: Message::new(if f.provenance.is_illustrative() {
                "source.illustrative"
            } else {
                "source.loaded"
            })
            .text("file", provenance_name(&f.provenance)),
        }),
        None => sources.push(SourceNote {
            provenance: Provenance::Records { demo },
            message: Message::new("analysis.no-trade-data"),
        }),
    }
    if !analysis.facts.is_empty() {
        sources.push(SourceNote {
            provenance: analysis.facts[0].fact.value.provenance.clone(),
            message: Message::new("source.published")
                .figure("count", Figure::count(analysis.facts.len(), false)),
        });
    }

    let title = MissionTitle {
        delegation: delegation.name.clone(),
        mission: inputs.mission.as_ref().map(|m| m.title.clone()),
        event: inputs.event.as_ref().map(|p| p.event.name.clone()),
        event_name_id: inputs.event.as_ref().and_then(|p| p.event.name_id.clone()),
        event_name_zh: inputs.event.as_ref().and_then(|p| p.event.name_zh.clone()),
        city: inputs.event.as_ref().and_then(|p| p.event.city.clone()),
        start: inputs.mission.as_ref().map(|m| m.start),
        end: inputs.mission.as_ref().map(|m| m.end),
    };

    let mut report = MissionReport {
        title,
        demo,
        summary: Vec::new(),
        delegation: delegation_section,
        activities,
        results,
        analysis,
        opportunities,
        recommendations: Vec::new(),
        annex,
        sources,
    };
    report.recommendations = recommend(&report);
    report.summary = summarize(&report);
    report
}

/// Records a fact as cited and returns its anchor.
fn cite(fact: &Fact, cited: &mut BTreeMap<String, Fact>) -> String {
    let anchor = format!("fact-{}", fact.id);
    cited.entry(anchor.clone()).or_insert_with(|| fact.clone());
    anchor
}

fn provenance_name(p: &Provenance) -> String {
    match p {
        Provenance::Illustrative { dataset } => dataset.clone(),
        Provenance::Loaded { file } => file.clone(),
        Provenance::Published { source, .. } => source.clone(),
        Provenance::Records { .. } => String::new(),
    }
}

/// One sentence on a product: potential and demand together.
fn assess_product(p: &ProductAnalysis) -> Message {
    let potential = !p.potential_evidence().is_empty();
    let buyers = p.demand.iter().filter(|s| s.held).count();
    let computed = p
        .indicators
        .iter()
        .any(|i| i.rca.is_ok() || i.potential.is_ok());
    let key = match (computed, potential, buyers > 0) {
        (false, _, true) => "assess.demand-no-data",
        (false, _, false) => "assess.no-data",
        (true, true, true) => "assess.strong",
        (true, true, false) => "assess.potential-no-buyers",
        (true, false, true) => "assess.buyers-weak-potential",
        (true, false, false) => "assess.weak",
    };
    Message::new(key).arg("buyers", Arg::Figure(Figure::count(buyers, false)))
}

fn summarize(r: &MissionReport) -> Vec<Message> {
    let mut points = Vec::new();
    let c = &r.activities.counts;
    if r.annex.meetings.is_empty() {
        points.push(Message::new("summary.no-meetings"));
    } else {
        let partners: BTreeSet<&str> = r
            .activities
            .held
            .iter()
            .map(|m| m.partner.id.as_str())
            .collect();
        points.push(
            Message::new("summary.meetings")
                .figure("held", c.held.clone())
                .figure("scheduled", c.scheduled.clone())
                .figure("partners", Figure::count(partners.len(), r.demo))
                .figure("no_show", c.no_show.clone()),
        );
    }
    if !r.activities.itinerary.is_empty() {
        let lessons: usize = r.activities.itinerary.iter().map(|v| v.lessons.len()).sum();
        points.push(
            Message::new("summary.visits")
                .figure(
                    "visits",
                    Figure::count(r.activities.itinerary.len(), r.demo),
                )
                .figure("lessons", Figure::count(lessons, r.demo)),
        );
    }
    if r.results.empty.is_some() {
        points.push(Message::new("summary.no-outcomes"));
    } else {
        let advanced = r
            .results
            .stages
            .iter()
            .filter(|s| NextStep::parse(s.step.value).is_ok_and(|step| step >= NextStep::Samples))
            .map(|s| s.meetings.value as usize)
            .sum();
        points.push(
            Message::new("summary.outcomes")
                .figure("recorded", r.results.meetings_with_outcomes.clone())
                .figure("advanced", Figure::count(advanced, r.demo)),
        );
        for value in &r.results.value_by_currency {
            points.push(Message::new("summary.value").figure("value", value.clone()));
        }
    }
    if let Some(top) = r.opportunities.items.first() {
        points.push(
            Message::new("summary.top-opportunity")
                .text("subject", &top.subject)
                .text("partner", &top.partner.name)
                .arg("step", Arg::Term(top.next_step)),
        );
    }
    if r.analysis.data_provenance.is_none() {
        points.push(Message::new("summary.no-trade-data"));
    }
    points.push(
        Message::new("summary.recommendations")
            .figure("count", Figure::count(r.recommendations.len(), r.demo)),
    );
    points
}
