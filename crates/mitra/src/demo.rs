//! The demo conference: `data/demo/conference.json` (embedded at compile
//! time, fictional, flagged as demo) turned into domain values.

use anyhow::{Context, Result, anyhow, bail};
use chrono::{NaiveDate, NaiveTime};
use mitra_core::codes::{CountryCode, LanguageCode};
use mitra_core::event::{Event, EventPlan, Interpreter, Session, Table};
use mitra_core::ids::{
    DelegationId, EventId, InterpreterId, MissionId, OrgId, PersonId, SessionId, TableId, TieId,
};
use mitra_core::meeting::{MeetingRequest, Priority, RequestStatus};
use mitra_core::mission::{
    Agreement, AgreementKind, FriendshipTie, ItineraryItem, ItineraryKind, Milestone,
    MilestoneStatus, Mission, RegionRef, VisitNotes,
};
use mitra_core::organization::{Delegation, Objectives, Organization, TradeItem};
use mitra_core::people::{Person, Role};
use mitra_hs::HsCode;
use serde::Deserialize;
use serde_json::Value;

const CONFERENCE_JSON: &str = include_str!("../../../data/demo/conference.json");

#[derive(Deserialize)]
struct File {
    format: String,
    notice: String,
    event: EventIn,
    delegations: Vec<DelegationIn>,
    organizations: Vec<Value>,
    interpreters: Vec<InterpreterIn>,
    requests: Vec<RequestIn>,
    friendship_ties: Vec<TieIn>,
    missions: Vec<MissionIn>,
}

#[derive(Deserialize)]
struct EventIn {
    id: String,
    name: String,
    name_zh: Option<String>,
    name_id: Option<String>,
    venue: Option<String>,
    city: Option<String>,
    time_zone: String,
    date: String,
    sessions: Vec<SessionIn>,
    slot_minutes: u32,
    pool_tables: u32,
}

#[derive(Deserialize)]
struct SessionIn {
    id: String,
    name: String,
    start: String,
    slots: u32,
}

#[derive(Deserialize)]
struct PersonIn {
    name: String,
    email: String,
    title: Option<String>,
    #[serde(default)]
    languages: Vec<String>,
}

#[derive(Deserialize)]
struct ItemIn {
    text: String,
    #[serde(default)]
    hs: Vec<String>,
}

#[derive(Deserialize)]
struct ObjectivesIn {
    #[serde(default)]
    export_products: Vec<ItemIn>,
    #[serde(default)]
    technology_sought: Vec<ItemIn>,
    #[serde(default)]
    risks: Vec<ItemIn>,
}

#[derive(Deserialize)]
struct DelegationIn {
    id: String,
    name: String,
    country: String,
    region: Option<String>,
    lead: PersonIn,
    objectives: ObjectivesIn,
}

#[derive(Deserialize)]
struct InterpreterIn {
    id: String,
    name: String,
    languages: Vec<String>,
    email: Option<String>,
}

#[derive(Deserialize)]
struct RequestIn {
    from: String,
    to: String,
    priority: i64,
    message: Option<String>,
}

#[derive(Deserialize)]
struct RegionIn {
    country: String,
    region: String,
}

#[derive(Deserialize)]
struct AgreementIn {
    kind: String,
    title: String,
    signed_on: Option<String>,
    place: Option<String>,
    summary: Option<String>,
}

#[derive(Deserialize)]
struct MilestoneIn {
    title: String,
    due: Option<String>,
    status: String,
}

#[derive(Deserialize)]
struct TieIn {
    id: String,
    region_a: RegionIn,
    region_b: RegionIn,
    since: Option<String>,
    status: String,
    #[serde(default)]
    agreements: Vec<AgreementIn>,
    #[serde(default)]
    cooperation_areas: Vec<String>,
    #[serde(default)]
    milestones: Vec<MilestoneIn>,
}

#[derive(Deserialize, Default)]
struct NotesIn {
    #[serde(default)]
    technologies_seen: Vec<String>,
    #[serde(default)]
    lessons: Vec<String>,
    #[serde(default)]
    contacts: Vec<String>,
    #[serde(default)]
    follow_ups: Vec<String>,
}

#[derive(Deserialize)]
struct ItineraryIn {
    date: String,
    kind: String,
    title: String,
    place: Option<String>,
    host: Option<String>,
    #[serde(default)]
    notes: NotesIn,
}

#[derive(Deserialize)]
struct MissionIn {
    id: String,
    delegation: String,
    title: String,
    start: String,
    end: String,
    itinerary: Vec<ItineraryIn>,
}

/// Everything the demo puts in the database.
pub struct Conference {
    pub notice: String,
    pub plan: EventPlan,
    pub delegations: Vec<Delegation>,
    pub organizations: Vec<Organization>,
    pub tables: Vec<Table>,
    pub interpreters: Vec<Interpreter>,
    pub people: Vec<Person>,
    pub requests: Vec<MeetingRequest>,
    pub ties: Vec<FriendshipTie>,
    pub missions: Vec<Mission>,
}

fn date(raw: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").with_context(|| format!("date {raw:?}"))
}

fn languages(raw: &[String]) -> Result<Vec<LanguageCode>> {
    raw.iter()
        .map(|l| LanguageCode::parse(l).map_err(anyhow::Error::from))
        .collect()
}

fn items(raw: &[ItemIn]) -> Result<Vec<TradeItem>> {
    raw.iter()
        .map(|i| {
            let hs =
                i.hs.iter()
                    .map(|c| HsCode::parse(c))
                    .collect::<Result<Vec<_>, _>>()?;
            Ok(TradeItem::new(i.text.clone(), hs))
        })
        .collect()
}

/// Loads the embedded demo conference.
pub fn conference() -> Result<Conference> {
    let file: File = serde_json::from_str(CONFERENCE_JSON).context("data/demo/conference.json")?;
    if file.format != "mitra/demo-conference@1" {
        bail!(
            "data/demo/conference.json: unexpected format {:?}",
            file.format
        );
    }
    let e = &file.event;
    let day = date(&e.date)?;
    let sessions = e
        .sessions
        .iter()
        .map(|s| {
            Ok(Session {
                id: SessionId::parse(&s.id)?,
                name: s.name.clone(),
                date: day,
                start: NaiveTime::parse_from_str(&s.start, "%H:%M")
                    .with_context(|| format!("session start {:?}", s.start))?,
                slot_count: s.slots,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let event = Event {
        id: EventId::parse(&e.id)?,
        name: e.name.clone(),
        name_zh: e.name_zh.clone(),
        name_id: e.name_id.clone(),
        venue: e.venue.clone(),
        city: e.city.clone(),
        time_zone: e
            .time_zone
            .parse()
            .map_err(|_| anyhow!("time zone {:?}", e.time_zone))?,
        slot_minutes: e.slot_minutes,
        demo: true,
    };
    let plan = EventPlan::new(event, sessions)?;

    let mut people = vec![Person {
        id: PersonId::parse("demo-organizer")?,
        name: "Demo Organizer".into(),
        email: "organizer@example.org".into(),
        title: Some("Conference organizer (demo)".into()),
        languages: languages(&["zh".into(), "en".into()])?,
        role: Role::Organizer,
        demo: true,
    }];

    let mut delegations = Vec::with_capacity(file.delegations.len());
    for d in &file.delegations {
        let id = DelegationId::parse(&d.id)?;
        people.push(Person {
            id: PersonId::parse(&format!("lead-{}", d.id))?,
            name: d.lead.name.clone(),
            email: d.lead.email.clone(),
            title: d.lead.title.clone(),
            languages: languages(&d.lead.languages)?,
            role: Role::DelegationLead(id.clone()),
            demo: true,
        });
        delegations.push(Delegation {
            id,
            name: d.name.clone(),
            country: CountryCode::parse(&d.country)?,
            region: d.region.clone(),
            lead: None,
            lead_name: Some(d.lead.name.clone()),
            objectives: Objectives {
                export_products: items(&d.objectives.export_products)?,
                technology_sought: items(&d.objectives.technology_sought)?,
                risks: d.objectives.risks.iter().map(|r| r.text.clone()).collect(),
            },
            demo: true,
        });
    }

    // The organizations are validated by the same reader as any import.
    let document = serde_json::json!({"format": mitra_formats::organizations::FORMAT, "organizations": file.organizations});
    let mut organizations =
        mitra_formats::organizations::from_value(&document).map_err(|problems| {
            anyhow!(
                "data/demo/conference.json: {}",
                problems
                    .iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        })?;
    let mut tables = Vec::new();
    for (org, raw) in organizations.iter_mut().zip(&file.organizations) {
        org.demo = true;
        if let Some(table) = raw.get("table").and_then(Value::as_str) {
            tables.push(Table {
                id: TableId::parse(table)?,
                fixed_to: Some(org.id.clone()),
            });
        }
        if let Some(rep) = raw.get("representative") {
            let rep: PersonIn = serde_json::from_value(rep.clone())
                .with_context(|| format!("representative of {}", org.id))?;
            people.push(Person {
                id: PersonId::parse(&format!("rep-{}", org.id))?,
                name: rep.name,
                email: rep.email,
                title: rep.title,
                languages: languages(&rep.languages)?,
                role: Role::CompanyRep(org.id.clone()),
                demo: true,
            });
        }
    }
    tables.sort_by(|a, b| a.id.cmp(&b.id));
    for n in 1..=e.pool_tables {
        tables.push(Table {
            id: TableId::parse(&format!("P{n:02}"))?,
            fixed_to: None,
        });
    }

    let interpreters = file
        .interpreters
        .iter()
        .map(|i| {
            let id = InterpreterId::parse(&i.id)?;
            people.push(Person {
                id: PersonId::parse(&format!("interp-{}", i.id))?,
                name: i.name.clone(),
                email: i
                    .email
                    .clone()
                    .unwrap_or_else(|| format!("{}@example.org", i.id)),
                title: Some("Interpreter".into()),
                languages: languages(&i.languages)?,
                role: Role::Interpreter(id.clone()),
                demo: true,
            });
            Ok(Interpreter {
                id,
                name: i.name.clone(),
                email: i.email.clone(),
                languages: languages(&i.languages)?,
                unavailable: Vec::new(),
                demo: true,
            })
        })
        .collect::<Result<Vec<_>>>()?;

    let requests = file
        .requests
        .iter()
        .map(|r| {
            let priority = Priority::from_number(r.priority)
                .ok_or_else(|| anyhow!("request priority {}", r.priority))?;
            Ok(MeetingRequest {
                from: OrgId::parse(&r.from)?,
                to: OrgId::parse(&r.to)?,
                priority,
                // Mutual and accepted requests are confirmed; suggestions
                // wait for an answer but may still be scheduled.
                status: if priority == Priority::Suggested {
                    RequestStatus::Pending
                } else {
                    RequestStatus::Accepted
                },
                message: r.message.clone(),
            })
        })
        .collect::<Result<Vec<_>>>()?;

    let ties = file
        .friendship_ties
        .iter()
        .map(|t| {
            Ok(FriendshipTie {
                id: TieId::parse(&t.id)?,
                region_a: RegionRef {
                    country: CountryCode::parse(&t.region_a.country)?,
                    region: t.region_a.region.clone(),
                },
                region_b: RegionRef {
                    country: CountryCode::parse(&t.region_b.country)?,
                    region: t.region_b.region.clone(),
                },
                since: t.since.as_deref().map(date).transpose()?,
                status: AgreementKind::parse(&t.status)?,
                agreements: t
                    .agreements
                    .iter()
                    .map(|a| {
                        Ok(Agreement {
                            kind: AgreementKind::parse(&a.kind)?,
                            title: a.title.clone(),
                            signed_on: a.signed_on.as_deref().map(date).transpose()?,
                            place: a.place.clone(),
                            summary: a.summary.clone(),
                        })
                    })
                    .collect::<Result<_>>()?,
                cooperation_areas: t.cooperation_areas.clone(),
                milestones: t
                    .milestones
                    .iter()
                    .map(|m| {
                        Ok(Milestone {
                            title: m.title.clone(),
                            due: m.due.as_deref().map(date).transpose()?,
                            status: MilestoneStatus::parse(&m.status)?,
                        })
                    })
                    .collect::<Result<_>>()?,
                demo: true,
            })
        })
        .collect::<Result<Vec<_>>>()?;

    let missions = file
        .missions
        .iter()
        .map(|m| {
            Ok(Mission {
                id: MissionId::parse(&m.id)?,
                delegation: DelegationId::parse(&m.delegation)?,
                title: m.title.clone(),
                start: date(&m.start)?,
                end: date(&m.end)?,
                itinerary: m
                    .itinerary
                    .iter()
                    .map(|i| {
                        Ok(ItineraryItem {
                            date: date(&i.date)?,
                            kind: ItineraryKind::parse(&i.kind)?,
                            title: i.title.clone(),
                            place: i.place.clone(),
                            host: i.host.clone(),
                            notes: VisitNotes {
                                technologies_seen: i.notes.technologies_seen.clone(),
                                lessons: i.notes.lessons.clone(),
                                contacts: i.notes.contacts.clone(),
                                follow_ups: i.notes.follow_ups.clone(),
                            },
                        })
                    })
                    .collect::<Result<_>>()?,
                demo: true,
            })
        })
        .collect::<Result<Vec<_>>>()?;

    organizations.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Conference {
        notice: file.notice,
        plan,
        delegations,
        organizations,
        tables,
        interpreters,
        people,
        requests,
        ties,
        missions,
    })
}

/// A stable 64-bit hash (FNV-1a) of a text: the demo's only source of
/// variety, so that every run gives the same day.
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What happened on the demo's day, after the fact: most meetings held, a
/// few no-shows, and for held meetings an outcome recorded by each side —
/// plausible, not all successes, and every note marked as demo.
pub fn simulate_day(
    meetings: &[mitra_store::StoredMeeting],
    organizations: &[Organization],
) -> DayResult {
    use mitra_core::meeting::{Interest, MeetingStatus, Money, NextStep, Outcome};
    let by_id: std::collections::HashMap<&str, &Organization> =
        organizations.iter().map(|o| (o.id.as_str(), o)).collect();
    let mut result = DayResult::default();
    for stored in meetings {
        let m = &stored.meeting;
        let key = format!("{}|{}|{}", m.a, m.b, m.slot);
        let roll = stable_hash(&key) % 100;
        if roll < 7 {
            result.statuses.push((stored.id, MeetingStatus::NoShow));
            continue;
        }
        result.statuses.push((stored.id, MeetingStatus::Held));
        for side in [&m.a, &m.b] {
            let Some(org) = by_id.get(side.as_str()) else {
                continue;
            };
            let other = if side == &m.a { &m.b } else { &m.a };
            let r = stable_hash(&format!("{key}|{side}")) % 100;
            let (interest, next_step) = match r {
                0..=14 => (Interest::Low, NextStep::None),
                15..=24 => (Interest::Medium, NextStep::None),
                25..=54 => (Interest::Medium, NextStep::FollowUp),
                55..=74 => (Interest::High, NextStep::Samples),
                75..=86 => (Interest::High, NextStep::Quotation),
                87..=95 => (Interest::High, NextStep::Mou),
                _ => (Interest::High, NextStep::Contract),
            };
            let estimated_value = matches!(
                next_step,
                NextStep::Quotation | NextStep::Mou | NextStep::Contract
            )
            .then(|| {
                let thousands = 5 + stable_hash(&format!("{key}|{side}|value")) % 246;
                Money {
                    amount: thousands * 1000,
                    currency: "USD".into(),
                }
            });
            // The products discussed: what the seller of the pair offers.
            let seller = if org.offers.is_empty() {
                by_id.get(other.as_str()).copied()
            } else {
                Some(*org)
            };
            let products = seller
                .and_then(|s| s.offers.first())
                .map(|item| vec![item.text.chars().take(80).collect::<String>()])
                .unwrap_or_default();
            let language = org.languages.first().map(|l| l.as_str()).unwrap_or("en");
            let note = match (language, next_step) {
                ("id", NextStep::None) => "Belum ada kecocokan untuk saat ini.",
                ("id", _) => "Sepakat melanjutkan pembicaraan; tindak lanjut lewat e-mail.",
                ("zh", NextStep::None) => "暂无合作需求。",
                ("zh", _) => "双方同意继续洽谈，会后邮件跟进。",
                (_, NextStep::None) => "No fit for now.",
                _ => "Agreed to continue; follow-up by e-mail.",
            };
            result.outcomes.push((
                stored.id,
                Outcome {
                    recorded_by: side.clone(),
                    interest,
                    next_step,
                    products,
                    estimated_value,
                    notes: Some(format!("(demo) {note}")),
                },
            ));
        }
    }
    result
}

/// Status changes and outcomes of the simulated day.
#[derive(Debug, Default)]
pub struct DayResult {
    pub statuses: Vec<(i64, mitra_core::meeting::MeetingStatus)>,
    pub outcomes: Vec<(i64, mitra_core::meeting::Outcome)>,
}
