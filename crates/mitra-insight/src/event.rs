//! The organizer's event report, as content: built by [`build_event_report`]
//! from everything the organizer sees.

use crate::common::{MeetingRecord, Orgs, Pipeline, TermCount, pipeline, status_term};
use crate::message::{Message, Term};
use crate::provenance::Figure;
use chrono::NaiveDate;
use mitra_core::event::{EventPlan, Interpreter};
use mitra_core::meeting::{Meeting, MeetingRequest, MeetingStatus, Priority, RequestStatus};
use mitra_core::organization::{Delegation, Organization, Side};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Everything the event report is built from.
#[derive(Debug, Clone, PartialEq)]
pub struct EventInputs {
    pub plan: EventPlan,
    pub delegations: Vec<Delegation>,
    pub organizations: Vec<Organization>,
    pub interpreters: Vec<Interpreter>,
    pub requests: Vec<MeetingRequest>,
    /// Every meeting in its final state, with the outcomes both sides
    /// recorded.
    pub meetings: Vec<MeetingRecord>,
    /// The schedule as published before the day, if a copy was kept; the
    /// plan-versus-day comparison needs it.
    pub published: Option<Vec<Meeting>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventTitle {
    pub name: String,
    pub name_id: Option<String>,
    pub name_zh: Option<String>,
    pub venue: Option<String>,
    pub city: Option<String>,
    pub dates: Vec<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountryRow {
    pub country: String,
    pub delegations: Figure,
    pub guests: Figure,
    pub hosts: Figure,
    pub meetings_held: Figure,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DelegationRow {
    pub id: String,
    pub name: String,
    pub country: String,
    pub region: Option<String>,
    pub companies: Figure,
    pub meetings_held: Figure,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectorRow {
    pub sector: Term,
    pub guests: Figure,
    pub hosts: Figure,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Participation {
    pub countries: Vec<CountryRow>,
    pub delegations: Vec<DelegationRow>,
    pub sectors: Vec<SectorRow>,
    pub guests: Figure,
    pub hosts: Figure,
    pub empty: Option<Message>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Requests {
    pub total: Figure,
    pub by_status: Vec<TermCount>,
    pub by_priority: Vec<TermCount>,
    /// What became of accepted requests: held, no-show, cancelled,
    /// scheduled (not yet held) or not scheduled.
    pub fate: Vec<TermCount>,
    pub empty: Option<Message>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meetings {
    pub by_status: Vec<TermCount>,
    /// Not cancelled.
    pub scheduled: Figure,
    pub held: Figure,
    pub missed: Figure,
    pub empty: Option<Message>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InterpreterRow {
    pub id: String,
    pub name: String,
    pub languages: Vec<String>,
    pub assigned: Figure,
    pub held: Figure,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Interpreting {
    /// Non-cancelled meetings with an interpreter.
    pub meetings_with: Figure,
    pub share: Figure,
    pub rows: Vec<InterpreterRow>,
    pub empty: Option<Message>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanComparison {
    pub published: Figure,
    /// Held in the published slot and table.
    pub held_as_planned: Figure,
    /// Held, but in another slot or table.
    pub moved: Figure,
    /// Published but not held (no-show, cancelled, or still open).
    pub not_held: Figure,
    /// Held without being in the published schedule (walk-ins, additions).
    pub added: Figure,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanVsDay {
    pub comparison: Option<PlanComparison>,
    pub needs: Option<Message>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventReport {
    pub title: EventTitle,
    pub demo: bool,
    pub summary: Vec<Message>,
    pub participation: Participation,
    pub requests: Requests,
    pub meetings: Meetings,
    pub interpreting: Interpreting,
    pub outcomes: Pipeline,
    /// Mitra does not record satisfaction yet; this says so.
    pub satisfaction: Message,
    pub plan_vs_day: PlanVsDay,
    pub sources: Vec<Message>,
}

fn pair(m: &Meeting) -> (String, String) {
    let (a, b) = (m.a.to_string(), m.b.to_string());
    if a <= b { (a, b) } else { (b, a) }
}

/// Builds the event report. Pure: the same inputs give the same report.
pub fn build_event_report(inputs: &EventInputs) -> EventReport {
    let demo = inputs.plan.event.demo
        || inputs.organizations.iter().any(|o| o.demo)
        || inputs.delegations.iter().any(|d| d.demo);
    let count = |n: usize| Figure::count(n, demo);
    let orgs = Orgs::new(&inputs.organizations);
    let live: Vec<&MeetingRecord> = inputs
        .meetings
        .iter()
        .filter(|r| r.meeting.status != MeetingStatus::Cancelled)
        .collect();
    let held: Vec<&MeetingRecord> = live
        .iter()
        .copied()
        .filter(|r| r.meeting.status == MeetingStatus::Held)
        .collect();
    let held_by_org: BTreeMap<&str, usize> = held.iter().fold(BTreeMap::new(), |mut acc, r| {
        *acc.entry(r.meeting.a.as_str()).or_default() += 1;
        *acc.entry(r.meeting.b.as_str()).or_default() += 1;
        acc
    });

    // Participation.
    #[derive(Default)]
    struct C {
        delegations: usize,
        guests: usize,
        hosts: usize,
        held: usize,
    }
    let mut countries: BTreeMap<String, C> = BTreeMap::new();
    for d in &inputs.delegations {
        countries
            .entry(d.country.to_string())
            .or_default()
            .delegations += 1;
    }
    let mut sectors: BTreeMap<Term, (usize, usize)> = BTreeMap::new();
    for o in &inputs.organizations {
        let c = countries.entry(o.country.to_string()).or_default();
        match o.side {
            Side::Guest => c.guests += 1,
            Side::Host => c.hosts += 1,
        }
        c.held += held_by_org.get(o.id.as_str()).copied().unwrap_or(0);
        let s = sectors
            .entry(Term::new(
                "sector",
                o.sector.map_or("other", |s| s.as_str()),
            ))
            .or_default();
        match o.side {
            Side::Guest => s.0 += 1,
            Side::Host => s.1 += 1,
        }
    }
    let mut delegation_rows: Vec<DelegationRow> = inputs
        .delegations
        .iter()
        .map(|d| {
            let members: Vec<&Organization> = inputs
                .organizations
                .iter()
                .filter(|o| o.delegation.as_ref() == Some(&d.id))
                .collect();
            let member_ids: BTreeSet<&str> = members.iter().map(|o| o.id.as_str()).collect();
            let meetings = held
                .iter()
                .filter(|r| {
                    member_ids.contains(r.meeting.a.as_str())
                        || member_ids.contains(r.meeting.b.as_str())
                })
                .count();
            DelegationRow {
                id: d.id.to_string(),
                name: d.name.clone(),
                country: d.country.to_string(),
                region: d.region.clone(),
                companies: count(members.len()),
                meetings_held: count(meetings),
            }
        })
        .collect();
    delegation_rows.sort_by(|x, y| (&x.country, &x.name, &x.id).cmp(&(&y.country, &y.name, &y.id)));
    let guests = inputs
        .organizations
        .iter()
        .filter(|o| o.side == Side::Guest)
        .count();
    let participation = Participation {
        countries: countries
            .into_iter()
            .map(|(country, c)| CountryRow {
                country,
                delegations: count(c.delegations),
                guests: count(c.guests),
                hosts: count(c.hosts),
                meetings_held: count(c.held),
            })
            .collect(),
        delegations: delegation_rows,
        sectors: sectors
            .into_iter()
            .map(|(sector, (g, h))| SectorRow {
                sector,
                guests: count(g),
                hosts: count(h),
            })
            .collect(),
        guests: count(guests),
        hosts: count(inputs.organizations.len() - guests),
        empty: inputs
            .organizations
            .is_empty()
            .then(|| Message::new("empty.participation")),
    };

    // Requests and their fate.
    let by_pair: BTreeMap<(String, String), MeetingStatus> = inputs
        .meetings
        .iter()
        .map(|r| (pair(&r.meeting), r.meeting.status))
        .fold(BTreeMap::new(), |mut acc, (k, s)| {
            // A pair met twice counts by its best status (held first).
            let rank = |s: MeetingStatus| match s {
                MeetingStatus::Held => 4,
                MeetingStatus::NoShow => 3,
                MeetingStatus::Published => 2,
                MeetingStatus::Draft => 1,
                MeetingStatus::Cancelled => 0,
            };
            let e = acc.entry(k).or_insert(s);
            if rank(s) > rank(*e) {
                *e = s;
            }
            acc
        });
    let mut by_status: BTreeMap<RequestStatus, usize> =
        RequestStatus::ALL.iter().map(|s| (*s, 0)).collect();
    let mut by_priority: BTreeMap<Priority, usize> =
        Priority::ALL.iter().map(|p| (*p, 0)).collect();
    let mut fate: BTreeMap<&'static str, usize> =
        ["held", "no-show", "cancelled", "scheduled", "not-scheduled"]
            .into_iter()
            .map(|f| (f, 0))
            .collect();
    for q in &inputs.requests {
        *by_status.entry(q.status).or_default() += 1;
        *by_priority.entry(q.priority).or_default() += 1;
        if q.status == RequestStatus::Accepted {
            let key = {
                let (a, b) = (q.from.to_string(), q.to.to_string());
                if a <= b { (a, b) } else { (b, a) }
            };
            let f = match by_pair.get(&key) {
                Some(MeetingStatus::Held) => "held",
                Some(MeetingStatus::NoShow) => "no-show",
                Some(MeetingStatus::Cancelled) => "cancelled",
                Some(_) => "scheduled",
                None => "not-scheduled",
            };
            *fate.entry(f).or_default() += 1;
        }
    }
    let fate_order = ["held", "no-show", "cancelled", "scheduled", "not-scheduled"];
    let requests = Requests {
        total: count(inputs.requests.len()),
        by_status: by_status
            .into_iter()
            .map(|(s, n)| TermCount {
                term: Term::new("request-status", s.as_str()),
                count: count(n),
            })
            .collect(),
        by_priority: by_priority
            .into_iter()
            .rev()
            .map(|(p, n)| TermCount {
                term: Term::new("priority", p.as_str()),
                count: count(n),
            })
            .collect(),
        fate: fate_order
            .iter()
            .map(|f| TermCount {
                term: Term::new("fate", f),
                count: count(fate.get(f).copied().unwrap_or(0)),
            })
            .collect(),
        empty: inputs
            .requests
            .is_empty()
            .then(|| Message::new("empty.requests")),
    };

    // Meetings.
    let mut statuses: BTreeMap<MeetingStatus, usize> =
        MeetingStatus::ALL.iter().map(|s| (*s, 0)).collect();
    for r in &inputs.meetings {
        *statuses.entry(r.meeting.status).or_default() += 1;
    }
    let missed = statuses.get(&MeetingStatus::NoShow).copied().unwrap_or(0);
    let meetings = Meetings {
        by_status: statuses
            .into_iter()
            .map(|(s, n)| TermCount {
                term: status_term(s),
                count: count(n),
            })
            .collect(),
        scheduled: count(live.len()),
        held: count(held.len()),
        missed: count(missed),
        empty: inputs
            .meetings
            .is_empty()
            .then(|| Message::new("empty.meetings")),
    };

    // Interpreters.
    let with_interpreter = live
        .iter()
        .filter(|r| r.meeting.interpreter.is_some())
        .count();
    let mut rows: Vec<InterpreterRow> = inputs
        .interpreters
        .iter()
        .map(|i| {
            let assigned = live
                .iter()
                .filter(|r| r.meeting.interpreter.as_ref() == Some(&i.id))
                .count();
            let done = held
                .iter()
                .filter(|r| r.meeting.interpreter.as_ref() == Some(&i.id))
                .count();
            InterpreterRow {
                id: i.id.to_string(),
                name: i.name.clone(),
                languages: i.languages.iter().map(|l| l.to_string()).collect(),
                assigned: count(assigned),
                held: count(done),
            }
        })
        .collect();
    rows.sort_by(|x, y| (&x.name, &x.id).cmp(&(&y.name, &y.id)));
    let interpreting = Interpreting {
        meetings_with: count(with_interpreter),
        share: Figure::new(
            if live.is_empty() {
                0.0
            } else {
                100.0 * with_interpreter as f64 / live.len() as f64
            },
            crate::provenance::Unit::Percent,
            crate::provenance::Provenance::Records { demo },
        ),
        empty: (inputs.interpreters.is_empty() && with_interpreter == 0)
            .then(|| Message::new("empty.interpreters")),
        rows,
    };

    let outcomes = pipeline(
        inputs
            .meetings
            .iter()
            .map(|r| (&r.meeting, r.outcomes.iter().collect())),
        demo,
    );

    let plan_vs_day = match &inputs.published {
        None => PlanVsDay {
            comparison: None,
            needs: Some(Message::new("empty.plan")),
        },
        Some(published) => {
            let final_by_pair: BTreeMap<(String, String), Vec<&Meeting>> =
                inputs.meetings.iter().fold(BTreeMap::new(), |mut acc, r| {
                    acc.entry(pair(&r.meeting)).or_default().push(&r.meeting);
                    acc
                });
            let (mut as_planned, mut moved, mut not_held) = (0, 0, 0);
            let mut planned_pairs = BTreeSet::new();
            for p in published {
                planned_pairs.insert(pair(p));
                let finals = final_by_pair.get(&pair(p));
                let held_here = finals.is_some_and(|v| {
                    v.iter().any(|m| {
                        m.status == MeetingStatus::Held && m.slot == p.slot && m.table == p.table
                    })
                });
                let held_elsewhere =
                    finals.is_some_and(|v| v.iter().any(|m| m.status == MeetingStatus::Held));
                if held_here {
                    as_planned += 1;
                } else if held_elsewhere {
                    moved += 1;
                } else {
                    not_held += 1;
                }
            }
            let added = held
                .iter()
                .filter(|r| !planned_pairs.contains(&pair(&r.meeting)))
                .count();
            PlanVsDay {
                comparison: Some(PlanComparison {
                    published: count(published.len()),
                    held_as_planned: count(as_planned),
                    moved: count(moved),
                    not_held: count(not_held),
                    added: count(added),
                }),
                needs: None,
            }
        }
    };

    let mut summary = Vec::new();
    if inputs.organizations.is_empty() {
        summary.push(Message::new("empty.participation"));
    } else {
        let countries: BTreeSet<&str> = inputs
            .organizations
            .iter()
            .map(|o| o.country.as_str())
            .collect();
        summary.push(
            Message::new("event.summary.participation")
                .figure("delegations", count(inputs.delegations.len()))
                .figure("countries", count(countries.len()))
                .figure("guests", participation.guests.clone())
                .figure("hosts", participation.hosts.clone()),
        );
    }
    if inputs.meetings.is_empty() {
        summary.push(Message::new("empty.meetings"));
    } else {
        summary.push(
            Message::new("event.summary.meetings")
                .figure("requests", count(inputs.requests.len()))
                .figure("scheduled", meetings.scheduled.clone())
                .figure("held", meetings.held.clone())
                .figure("missed", meetings.missed.clone()),
        );
    }
    if outcomes.empty.is_some() {
        summary.push(Message::new("summary.no-outcomes"));
    } else {
        summary.push(
            Message::new("event.summary.outcomes")
                .figure("recorded", outcomes.meetings_with_outcomes.clone()),
        );
        for value in &outcomes.value_by_currency {
            summary.push(Message::new("summary.value").figure("value", value.clone()));
        }
    }
    let _ = &orgs;

    let mut dates: Vec<NaiveDate> = inputs.plan.sessions.iter().map(|s| s.date).collect();
    dates.dedup();
    EventReport {
        title: EventTitle {
            name: inputs.plan.event.name.clone(),
            name_id: inputs.plan.event.name_id.clone(),
            name_zh: inputs.plan.event.name_zh.clone(),
            venue: inputs.plan.event.venue.clone(),
            city: inputs.plan.event.city.clone(),
            dates,
        },
        demo,
        summary,
        participation,
        requests,
        meetings,
        interpreting,
        outcomes,
        satisfaction: Message::new("event.satisfaction-not-recorded"),
        plan_vs_day,
        sources: vec![Message::new(if demo {
            "source.records-demo"
        } else {
            "source.records"
        })],
    }
}
