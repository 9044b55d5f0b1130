//! The SQL behind [`crate::Store`]: rows to domain values and back.

use crate::db::{Tx, flag};
use crate::{ImportSummary, Result, StoreError};
use chrono::{NaiveDate, NaiveTime};
use mitra_core::codes::{CountryCode, LanguageCode};
use mitra_core::event::{Event, EventPlan, Interpreter, Session, Table};
use mitra_core::ids::{
    DelegationId, EventId, InterpreterId, MissionId, OrgId, PersonId, SessionId, SlotId, TableId,
    TieId,
};
use mitra_core::meeting::{
    Interest, Meeting, MeetingRequest, MeetingStatus, Money, NextStep, Outcome, Priority,
    RequestStatus,
};
use mitra_core::mission::{
    Agreement, AgreementKind, FriendshipTie, ItineraryItem, ItineraryKind, Milestone,
    MilestoneStatus, Mission, RegionRef, VisitNotes,
};
use mitra_core::organization::{Delegation, Objectives, Organization, Sector, Side, TradeItem};
use mitra_core::people::{Person, Role};
use mitra_hs::HsCode;
use serde_json::{Value, json};
use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};
use std::collections::HashMap;

/// An event as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventSummary {
    pub id: EventId,
    pub name: String,
    pub demo: bool,
}

/// A stored request with its row id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRequest {
    pub id: i64,
    pub request: MeetingRequest,
}

/// A stored meeting with its row id and the request it meets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMeeting {
    pub id: i64,
    pub request_id: Option<i64>,
    pub meeting: Meeting,
}

/// One recommended partner.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    pub other: OrgId,
    pub score: f64,
    /// The reasons as JSON, in the shape of `mitra/matches@1`.
    pub reasons: Value,
}

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

fn json_list(items: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    Value::Array(
        items
            .into_iter()
            .map(|s| Value::String(s.as_ref().to_string()))
            .collect(),
    )
    .to_string()
}

fn parse_list(raw: &str) -> Result<Vec<String>> {
    serde_json::from_str(raw).map_err(|e| corrupt(format!("list {raw:?}: {e}")))
}

fn languages(raw: &str) -> Result<Vec<LanguageCode>> {
    parse_list(raw)?
        .iter()
        .map(|l| LanguageCode::parse(l).map_err(corrupt))
        .collect()
}

fn items_json(items: &[TradeItem]) -> Value {
    Value::Array(
        items
            .iter()
            .map(|i| json!({"text": i.text, "hs": i.hs.iter().map(|c| c.as_str()).collect::<Vec<_>>()}))
            .collect(),
    )
}

fn items_from_json(value: &Value) -> Result<Vec<TradeItem>> {
    let Some(list) = value.as_array() else {
        return Ok(Vec::new());
    };
    list.iter()
        .map(|item| {
            let text = item.get("text").and_then(Value::as_str).unwrap_or_default();
            let hs = item
                .get("hs")
                .and_then(Value::as_array)
                .map(|codes| {
                    codes
                        .iter()
                        .filter_map(Value::as_str)
                        .map(HsCode::parse)
                        .collect::<std::result::Result<Vec<_>, _>>()
                })
                .transpose()
                .map_err(corrupt)?
                .unwrap_or_default();
            Ok(TradeItem::new(text, hs))
        })
        .collect()
}

fn objectives_json(o: &Objectives) -> String {
    json!({
        "export_products": items_json(&o.export_products),
        "technology_sought": items_json(&o.technology_sought),
        "risks": o.risks,
    })
    .to_string()
}

fn objectives_from(raw: &str) -> Result<Objectives> {
    let v: Value = serde_json::from_str(raw).map_err(corrupt)?;
    Ok(Objectives {
        export_products: items_from_json(&v["export_products"])?,
        technology_sought: items_from_json(&v["technology_sought"])?,
        risks: v["risks"]
            .as_array()
            .map(|r| {
                r.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
    })
}

fn date(raw: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|e| corrupt(format!("date {raw:?}: {e}")))
}

fn opt_date(raw: Option<String>) -> Result<Option<NaiveDate>> {
    raw.as_deref().map(date).transpose()
}

pub(crate) async fn event_key(
    pool: impl sqlx::Executor<'_, Database = sqlx::Any>,
    event: &EventId,
) -> Result<i64> {
    sqlx::query_scalar("SELECT id FROM event WHERE code = $1")
        .bind(event.as_str())
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "event",
            id: event.to_string(),
        })
}

/// code → row id for one table of an event.
async fn keys(tx: &mut Tx<'_>, table: &str, event_key: i64) -> Result<HashMap<String, i64>> {
    // `table` is always one of this module's own constants, never input.
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT code, id FROM {table} WHERE event_id = $1"
    )))
    .bind(event_key)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get::<String, _>(0), r.get::<i64, _>(1)))
        .collect())
}

fn key_of(map: &HashMap<String, i64>, what: &'static str, code: &str) -> Result<i64> {
    map.get(code).copied().ok_or_else(|| StoreError::NotFound {
        what,
        id: code.to_string(),
    })
}

pub(crate) async fn insert_event(tx: &mut Tx<'_>, plan: &EventPlan) -> Result<()> {
    let e = &plan.event;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM event WHERE code = $1")
        .bind(e.id.as_str())
        .fetch_optional(&mut **tx)
        .await?;
    if exists.is_some() {
        return Err(StoreError::Conflict(format!(
            "event {:?} already exists",
            e.id.as_str()
        )));
    }
    let event_key: i64 = sqlx::query_scalar(
        "INSERT INTO event (code, name, name_zh, name_id, venue, city, time_zone, slot_minutes, demo)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(e.id.as_str())
    .bind(&e.name)
    .bind(&e.name_zh)
    .bind(&e.name_id)
    .bind(&e.venue)
    .bind(&e.city)
    .bind(e.time_zone.name())
    .bind(i64::from(e.slot_minutes))
    .bind(e.demo)
    .fetch_one(&mut **tx)
    .await?;
    for s in &plan.sessions {
        let session_key: i64 = sqlx::query_scalar(
            "INSERT INTO session (event_id, code, name, date, start_time, slot_count) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(event_key)
        .bind(s.id.as_str())
        .bind(&s.name)
        .bind(s.date.format("%Y-%m-%d").to_string())
        .bind(s.start.format("%H:%M").to_string())
        .bind(i64::from(s.slot_count))
        .fetch_one(&mut **tx)
        .await?;
        for slot in plan.slots_of(&s.id) {
            sqlx::query("INSERT INTO slot (event_id, session_id, code, position, starts_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(event_key)
                .bind(session_key)
                .bind(slot.id.as_str())
                .bind(i64::from(slot.index))
                .bind(slot.start.format("%Y-%m-%dT%H:%M").to_string())
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

pub(crate) async fn events(pool: &AnyPool) -> Result<Vec<EventSummary>> {
    let rows = sqlx::query("SELECT code, name, demo FROM event ORDER BY code")
        .fetch_all(pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(EventSummary {
                id: EventId::parse(r.get("code")).map_err(corrupt)?,
                name: r.get("name"),
                demo: flag(r, "demo"),
            })
        })
        .collect()
}

pub(crate) async fn event_plan(pool: &AnyPool, event: &EventId) -> Result<EventPlan> {
    let row = sqlx::query("SELECT * FROM event WHERE code = $1")
        .bind(event.as_str())
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "event",
            id: event.to_string(),
        })?;
    let tz: String = row.get("time_zone");
    let minutes: i64 = row.get("slot_minutes");
    let head = Event {
        id: event.clone(),
        name: row.get("name"),
        name_zh: row.get("name_zh"),
        name_id: row.get("name_id"),
        venue: row.get("venue"),
        city: row.get("city"),
        time_zone: tz
            .parse()
            .map_err(|_| corrupt(format!("time zone {tz:?}")))?,
        slot_minutes: u32::try_from(minutes).map_err(corrupt)?,
        demo: flag(&row, "demo"),
    };
    let key: i64 = row.get("id");
    let sessions = sqlx::query("SELECT code, name, date, start_time, slot_count FROM session WHERE event_id = $1 ORDER BY date, start_time")
        .bind(key)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            let start: String = r.get("start_time");
            Ok(Session {
                id: SessionId::parse(r.get("code")).map_err(corrupt)?,
                name: r.get("name"),
                date: date(r.get("date"))?,
                start: NaiveTime::parse_from_str(&start, "%H:%M").map_err(corrupt)?,
                slot_count: u32::try_from(r.get::<i64, _>("slot_count")).map_err(corrupt)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let plan = EventPlan::new(head, sessions).map_err(corrupt)?;
    // The stored slots must be the ones the plan derives; anything else
    // means the rows were edited behind Mitra's back.
    let stored: Vec<(String, String)> =
        sqlx::query_as("SELECT code, starts_at FROM slot WHERE event_id = $1 ORDER BY starts_at")
            .bind(key)
            .fetch_all(pool)
            .await?;
    let derived: Vec<(String, String)> = plan
        .slots
        .iter()
        .map(|s| {
            (
                s.id.to_string(),
                s.start.format("%Y-%m-%dT%H:%M").to_string(),
            )
        })
        .collect();
    if stored != derived {
        return Err(corrupt(format!(
            "the slots of event {event} do not follow its sessions"
        )));
    }
    Ok(plan)
}

pub(crate) async fn import(
    tx: &mut Tx<'_>,
    event: &EventId,
    delegations: &[Delegation],
    organizations: &[Organization],
) -> Result<ImportSummary> {
    let event_key = event_key(&mut **tx, event).await?;
    let mut summary = ImportSummary::default();
    let mut delegation_keys = keys(tx, "delegation", event_key).await?;
    for d in delegations {
        let existed = delegation_keys.contains_key(d.id.as_str());
        let key: i64 = sqlx::query_scalar(
            "INSERT INTO delegation (event_id, code, name, country, region, lead_name, objectives, demo)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (event_id, code) DO UPDATE SET name = excluded.name, country = excluded.country,
               region = excluded.region, lead_name = excluded.lead_name, objectives = excluded.objectives, demo = excluded.demo
             RETURNING id",
        )
        .bind(event_key)
        .bind(d.id.as_str())
        .bind(&d.name)
        .bind(d.country.as_str())
        .bind(&d.region)
        .bind(&d.lead_name)
        .bind(objectives_json(&d.objectives))
        .bind(d.demo)
        .fetch_one(&mut **tx)
        .await?;
        if !existed {
            summary.delegations_added += 1;
        }
        delegation_keys.insert(d.id.to_string(), key);
    }
    let org_keys = keys(tx, "organization", event_key).await?;
    for org in organizations {
        let delegation_key = match &org.delegation {
            None => None,
            Some(code) => match delegation_keys.get(code.as_str()) {
                Some(k) => Some(*k),
                None => {
                    let key: i64 = sqlx::query_scalar(
                        "INSERT INTO delegation (event_id, code, name, country, region, demo) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                    )
                    .bind(event_key)
                    .bind(code.as_str())
                    .bind(code.as_str())
                    .bind(org.country.as_str())
                    .bind(&org.region)
                    .bind(org.demo)
                    .fetch_one(&mut **tx)
                    .await?;
                    summary.delegations_added += 1;
                    delegation_keys.insert(code.to_string(), key);
                    Some(key)
                }
            },
        };
        if org_keys.contains_key(org.id.as_str()) {
            summary.organizations_updated += 1;
        } else {
            summary.organizations_added += 1;
        }
        let key: i64 = sqlx::query_scalar(
            "INSERT INTO organization (event_id, code, name, side, country, region, delegation_id, sector, languages,
               description, certifications, capacity, website, demo)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
             ON CONFLICT (event_id, code) DO UPDATE SET name = excluded.name, side = excluded.side,
               country = excluded.country, region = excluded.region, delegation_id = excluded.delegation_id,
               sector = excluded.sector, languages = excluded.languages, description = excluded.description,
               certifications = excluded.certifications, capacity = excluded.capacity, website = excluded.website,
               demo = excluded.demo
             RETURNING id",
        )
        .bind(event_key)
        .bind(org.id.as_str())
        .bind(&org.name)
        .bind(org.side.as_str())
        .bind(org.country.as_str())
        .bind(&org.region)
        .bind(delegation_key)
        .bind(org.sector.map(|s| s.as_str()))
        .bind(json_list(org.languages.iter().map(|l| l.as_str())))
        .bind(&org.description)
        .bind(json_list(&org.certifications))
        .bind(&org.capacity)
        .bind(&org.website)
        .bind(org.demo)
        .fetch_one(&mut **tx)
        .await?;
        sqlx::query("DELETE FROM trade_item WHERE organization_id = $1")
            .bind(key)
            .execute(&mut **tx)
            .await?;
        for (direction, items) in [("offer", &org.offers), ("need", &org.needs)] {
            for (position, item) in items.iter().enumerate() {
                sqlx::query("INSERT INTO trade_item (organization_id, direction, position, text, hs) VALUES ($1, $2, $3, $4, $5)")
                    .bind(key)
                    .bind(direction)
                    .bind(position as i64)
                    .bind(&item.text)
                    .bind(json_list(item.hs.iter().map(|c| c.as_str())))
                    .execute(&mut **tx)
                    .await?;
            }
        }
    }
    Ok(summary)
}

pub(crate) async fn delegations(pool: &AnyPool, event: &EventId) -> Result<Vec<Delegation>> {
    let key = event_key(pool, event).await?;
    let rows = sqlx::query(
        "SELECT d.code, d.name, d.country, d.region, d.lead_name, d.objectives, d.demo,
                (SELECT p.code FROM person p WHERE p.delegation_id = d.id AND p.role = 'delegation-lead' ORDER BY p.id LIMIT 1) AS lead
         FROM delegation d WHERE d.event_id = $1 ORDER BY d.code",
    )
    .bind(key)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Delegation {
                id: DelegationId::parse(r.get("code")).map_err(corrupt)?,
                name: r.get("name"),
                country: CountryCode::parse(r.get("country")).map_err(corrupt)?,
                region: r.get("region"),
                lead: r
                    .get::<Option<String>, _>("lead")
                    .map(|p| PersonId::parse(&p))
                    .transpose()
                    .map_err(corrupt)?,
                lead_name: r.get("lead_name"),
                objectives: objectives_from(r.get("objectives"))?,
                demo: flag(r, "demo"),
            })
        })
        .collect()
}

pub(crate) async fn organizations(pool: &AnyPool, event: &EventId) -> Result<Vec<Organization>> {
    let key = event_key(pool, event).await?;
    let items = sqlx::query(
        "SELECT t.organization_id, t.direction, t.text, t.hs FROM trade_item t
         JOIN organization o ON o.id = t.organization_id WHERE o.event_id = $1 ORDER BY t.organization_id, t.direction, t.position",
    )
    .bind(key)
    .fetch_all(pool)
    .await?;
    let mut offers: HashMap<i64, Vec<TradeItem>> = HashMap::new();
    let mut needs: HashMap<i64, Vec<TradeItem>> = HashMap::new();
    for r in &items {
        let hs = parse_list(r.get("hs"))?
            .iter()
            .map(|c| HsCode::parse(c))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(corrupt)?;
        let item = TradeItem::new(r.get::<String, _>("text"), hs);
        let target = if r.get::<String, _>("direction") == "offer" {
            &mut offers
        } else {
            &mut needs
        };
        target
            .entry(r.get("organization_id"))
            .or_default()
            .push(item);
    }
    let rows = sqlx::query(
        "SELECT o.*, d.code AS delegation_code FROM organization o LEFT JOIN delegation d ON d.id = o.delegation_id
         WHERE o.event_id = $1 ORDER BY o.code",
    )
    .bind(key)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| organization_from(r, &mut offers, &mut needs))
        .collect()
}

fn organization_from(
    r: &AnyRow,
    offers: &mut HashMap<i64, Vec<TradeItem>>,
    needs: &mut HashMap<i64, Vec<TradeItem>>,
) -> Result<Organization> {
    let key: i64 = r.get("id");
    Ok(Organization {
        id: OrgId::parse(r.get("code")).map_err(corrupt)?,
        name: r.get("name"),
        side: Side::parse(r.get("side")).map_err(corrupt)?,
        country: CountryCode::parse(r.get("country")).map_err(corrupt)?,
        region: r.get("region"),
        delegation: r
            .get::<Option<String>, _>("delegation_code")
            .map(|d| DelegationId::parse(&d))
            .transpose()
            .map_err(corrupt)?,
        sector: r
            .get::<Option<String>, _>("sector")
            .map(|s| Sector::parse(&s))
            .transpose()
            .map_err(corrupt)?,
        languages: languages(r.get("languages"))?,
        description: r.get("description"),
        offers: offers.remove(&key).unwrap_or_default(),
        needs: needs.remove(&key).unwrap_or_default(),
        certifications: parse_list(r.get("certifications"))?,
        capacity: r.get("capacity"),
        website: r.get("website"),
        demo: flag(r, "demo"),
    })
}

pub(crate) async fn set_tables(tx: &mut Tx<'_>, event: &EventId, tables: &[Table]) -> Result<()> {
    let event_key = event_key(&mut **tx, event).await?;
    let orgs = keys(tx, "organization", event_key).await?;
    sqlx::query("DELETE FROM meeting_table WHERE event_id = $1")
        .bind(event_key)
        .execute(&mut **tx)
        .await?;
    for t in tables {
        let fixed = t
            .fixed_to
            .as_ref()
            .map(|o| key_of(&orgs, "organization", o.as_str()))
            .transpose()?;
        sqlx::query("INSERT INTO meeting_table (event_id, code, fixed_org_id) VALUES ($1, $2, $3)")
            .bind(event_key)
            .bind(t.id.as_str())
            .bind(fixed)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

pub(crate) async fn tables(pool: &AnyPool, event: &EventId) -> Result<Vec<Table>> {
    let key = event_key(pool, event).await?;
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT t.code, o.code FROM meeting_table t LEFT JOIN organization o ON o.id = t.fixed_org_id WHERE t.event_id = $1 ORDER BY t.code",
    )
    .bind(key)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(code, fixed)| {
            Ok(Table {
                id: TableId::parse(&code).map_err(corrupt)?,
                fixed_to: fixed
                    .map(|f| OrgId::parse(&f))
                    .transpose()
                    .map_err(corrupt)?,
            })
        })
        .collect()
}

pub(crate) async fn set_interpreters(
    tx: &mut Tx<'_>,
    event: &EventId,
    interpreters: &[Interpreter],
) -> Result<()> {
    let event_key = event_key(&mut **tx, event).await?;
    let slots = keys(tx, "slot", event_key).await?;
    sqlx::query("DELETE FROM interpreter WHERE event_id = $1")
        .bind(event_key)
        .execute(&mut **tx)
        .await?;
    for i in interpreters {
        let key: i64 = sqlx::query_scalar("INSERT INTO interpreter (event_id, code, name, email, languages, demo) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
            .bind(event_key)
            .bind(i.id.as_str())
            .bind(&i.name)
            .bind(&i.email)
            .bind(json_list(i.languages.iter().map(|l| l.as_str())))
            .bind(i.demo)
            .fetch_one(&mut **tx)
            .await?;
        for s in &i.unavailable {
            sqlx::query("INSERT INTO interpreter_unavailable (interpreter_id, slot_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(key)
                .bind(key_of(&slots, "slot", s.as_str())?)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

pub(crate) async fn interpreters(pool: &AnyPool, event: &EventId) -> Result<Vec<Interpreter>> {
    let key = event_key(pool, event).await?;
    let unavailable: Vec<(String, String)> = sqlx::query_as(
        "SELECT i.code, s.code FROM interpreter_unavailable u JOIN interpreter i ON i.id = u.interpreter_id
         JOIN slot s ON s.id = u.slot_id WHERE i.event_id = $1 ORDER BY s.starts_at",
    )
    .bind(key)
    .fetch_all(pool)
    .await?;
    let rows = sqlx::query("SELECT code, name, email, languages, demo FROM interpreter WHERE event_id = $1 ORDER BY code")
        .bind(key)
        .fetch_all(pool)
        .await?;
    rows.iter()
        .map(|r| {
            let code: String = r.get("code");
            Ok(Interpreter {
                id: InterpreterId::parse(&code).map_err(corrupt)?,
                name: r.get("name"),
                email: r.get("email"),
                languages: languages(r.get("languages"))?,
                unavailable: unavailable
                    .iter()
                    .filter(|(i, _)| *i == code)
                    .map(|(_, s)| SlotId::parse(s).map_err(corrupt))
                    .collect::<Result<_>>()?,
                demo: flag(r, "demo"),
            })
        })
        .collect()
}

pub(crate) async fn add_people(tx: &mut Tx<'_>, event: &EventId, people: &[Person]) -> Result<()> {
    let event_key = event_key(&mut **tx, event).await?;
    let orgs = keys(tx, "organization", event_key).await?;
    let delegations = keys(tx, "delegation", event_key).await?;
    let interpreters = keys(tx, "interpreter", event_key).await?;
    for p in people {
        let (org, delegation, interpreter) = match &p.role {
            Role::Organizer => (None, None, None),
            Role::CompanyRep(o) => (Some(key_of(&orgs, "organization", o.as_str())?), None, None),
            Role::DelegationLead(d) => (
                None,
                Some(key_of(&delegations, "delegation", d.as_str())?),
                None,
            ),
            Role::Interpreter(i) => (
                None,
                None,
                Some(key_of(&interpreters, "interpreter", i.as_str())?),
            ),
        };
        sqlx::query(
            "INSERT INTO person (event_id, code, name, email, title, languages, role, organization_id, delegation_id, interpreter_id, demo)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(event_key)
        .bind(p.id.as_str())
        .bind(&p.name)
        .bind(&p.email)
        .bind(&p.title)
        .bind(json_list(p.languages.iter().map(|l| l.as_str())))
        .bind(p.role.kind())
        .bind(org)
        .bind(delegation)
        .bind(interpreter)
        .bind(p.demo)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

pub(crate) async fn people(pool: &AnyPool, event: &EventId) -> Result<Vec<Person>> {
    let key = event_key(pool, event).await?;
    let rows = sqlx::query(
        "SELECT p.*, COALESCE(o.code, d.code, i.code) AS subject FROM person p
         LEFT JOIN organization o ON o.id = p.organization_id LEFT JOIN delegation d ON d.id = p.delegation_id
         LEFT JOIN interpreter i ON i.id = p.interpreter_id WHERE p.event_id = $1 ORDER BY p.code",
    )
    .bind(key)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            let kind: String = r.get("role");
            let subject: Option<String> = r.get("subject");
            Ok(Person {
                id: PersonId::parse(r.get("code")).map_err(corrupt)?,
                name: r.get("name"),
                email: r.get("email"),
                title: r.get("title"),
                languages: languages(r.get("languages"))?,
                role: Role::from_parts(&kind, subject.as_deref())
                    .ok_or_else(|| corrupt(format!("role {kind}")))?,
                demo: flag(r, "demo"),
            })
        })
        .collect()
}

pub(crate) async fn add_requests(
    tx: &mut Tx<'_>,
    event: &EventId,
    requests: &[MeetingRequest],
) -> Result<()> {
    let event_key = event_key(&mut **tx, event).await?;
    let orgs = keys(tx, "organization", event_key).await?;
    for r in requests {
        sqlx::query("INSERT INTO meeting_request (event_id, from_org_id, to_org_id, priority, status, message) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(event_key)
            .bind(key_of(&orgs, "organization", r.from.as_str())?)
            .bind(key_of(&orgs, "organization", r.to.as_str())?)
            .bind(i64::from(r.priority.number()))
            .bind(r.status.as_str())
            .bind(&r.message)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

pub(crate) async fn requests(pool: &AnyPool, event: &EventId) -> Result<Vec<StoredRequest>> {
    let key = event_key(pool, event).await?;
    let rows = sqlx::query(
        "SELECT r.id, f.code AS from_code, t.code AS to_code, r.priority, r.status, r.message FROM meeting_request r
         JOIN organization f ON f.id = r.from_org_id JOIN organization t ON t.id = r.to_org_id
         WHERE r.event_id = $1 ORDER BY r.id",
    )
    .bind(key)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(StoredRequest {
                id: r.get("id"),
                request: MeetingRequest {
                    from: OrgId::parse(r.get("from_code")).map_err(corrupt)?,
                    to: OrgId::parse(r.get("to_code")).map_err(corrupt)?,
                    priority: Priority::from_number(r.get("priority"))
                        .ok_or_else(|| corrupt("priority"))?,
                    status: RequestStatus::parse(r.get("status")).map_err(corrupt)?,
                    message: r.get("message"),
                },
            })
        })
        .collect()
}

pub(crate) async fn replace_draft_meetings(
    tx: &mut Tx<'_>,
    event: &EventId,
    meetings: &[(Option<i64>, Meeting)],
) -> Result<()> {
    let event_key = event_key(&mut **tx, event).await?;
    let orgs = keys(tx, "organization", event_key).await?;
    let slots = keys(tx, "slot", event_key).await?;
    let tables = keys(tx, "meeting_table", event_key).await?;
    let interpreters = keys(tx, "interpreter", event_key).await?;
    sqlx::query("DELETE FROM meeting WHERE event_id = $1 AND status = 'draft'")
        .bind(event_key)
        .execute(&mut **tx)
        .await?;
    for (request, m) in meetings {
        sqlx::query(
            "INSERT INTO meeting (event_id, request_id, a_org_id, b_org_id, slot_id, table_id, interpreter_id, status)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(event_key)
        .bind(request)
        .bind(key_of(&orgs, "organization", m.a.as_str())?)
        .bind(key_of(&orgs, "organization", m.b.as_str())?)
        .bind(key_of(&slots, "slot", m.slot.as_str())?)
        .bind(key_of(&tables, "table", m.table.as_str())?)
        .bind(m.interpreter.as_ref().map(|i| key_of(&interpreters, "interpreter", i.as_str())).transpose()?)
        .bind(m.status.as_str())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

pub(crate) async fn meetings(pool: &AnyPool, event: &EventId) -> Result<Vec<StoredMeeting>> {
    let key = event_key(pool, event).await?;
    meetings_by_key(pool, key).await
}

/// Every meeting of the event with this row key, by slot then table; on
/// any executor, so that a transaction can read them too.
pub(crate) async fn meetings_by_key(
    executor: impl sqlx::Executor<'_, Database = sqlx::Any>,
    key: i64,
) -> Result<Vec<StoredMeeting>> {
    let rows = sqlx::query(
        "SELECT m.id, m.request_id, a.code AS a_code, b.code AS b_code, s.code AS slot_code, t.code AS table_code,
                i.code AS interpreter_code, m.status
         FROM meeting m JOIN organization a ON a.id = m.a_org_id JOIN organization b ON b.id = m.b_org_id
         JOIN slot s ON s.id = m.slot_id JOIN meeting_table t ON t.id = m.table_id
         LEFT JOIN interpreter i ON i.id = m.interpreter_id
         WHERE m.event_id = $1 ORDER BY s.starts_at, t.code, m.id",
    )
    .bind(key)
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(StoredMeeting {
                id: r.get("id"),
                request_id: r.get("request_id"),
                meeting: Meeting {
                    a: OrgId::parse(r.get("a_code")).map_err(corrupt)?,
                    b: OrgId::parse(r.get("b_code")).map_err(corrupt)?,
                    slot: SlotId::parse(r.get("slot_code")).map_err(corrupt)?,
                    table: TableId::parse(r.get("table_code")).map_err(corrupt)?,
                    interpreter: r
                        .get::<Option<String>, _>("interpreter_code")
                        .map(|i| InterpreterId::parse(&i))
                        .transpose()
                        .map_err(corrupt)?,
                    status: MeetingStatus::parse(r.get("status")).map_err(corrupt)?,
                },
            })
        })
        .collect()
}

pub(crate) async fn save_tie(tx: &mut Tx<'_>, tie: &FriendshipTie) -> Result<()> {
    sqlx::query("DELETE FROM friendship_tie WHERE code = $1")
        .bind(tie.id.as_str())
        .execute(&mut **tx)
        .await?;
    let key: i64 = sqlx::query_scalar(
        "INSERT INTO friendship_tie (code, region_a_country, region_a, region_b_country, region_b, since, status, cooperation_areas, demo)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(tie.id.as_str())
    .bind(tie.region_a.country.as_str())
    .bind(&tie.region_a.region)
    .bind(tie.region_b.country.as_str())
    .bind(&tie.region_b.region)
    .bind(tie.since.map(|d| d.to_string()))
    .bind(tie.status.as_str())
    .bind(json_list(&tie.cooperation_areas))
    .bind(tie.demo)
    .fetch_one(&mut **tx)
    .await?;
    for (position, a) in tie.agreements.iter().enumerate() {
        sqlx::query("INSERT INTO agreement (tie_id, position, kind, title, signed_on, place, summary) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(key)
            .bind(position as i64)
            .bind(a.kind.as_str())
            .bind(&a.title)
            .bind(a.signed_on.map(|d| d.to_string()))
            .bind(&a.place)
            .bind(&a.summary)
            .execute(&mut **tx)
            .await?;
    }
    for (position, m) in tie.milestones.iter().enumerate() {
        sqlx::query(
            "INSERT INTO milestone (tie_id, position, title, due, status) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(key)
        .bind(position as i64)
        .bind(&m.title)
        .bind(m.due.map(|d| d.to_string()))
        .bind(m.status.as_str())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

pub(crate) async fn ties(pool: &AnyPool) -> Result<Vec<FriendshipTie>> {
    let rows = sqlx::query("SELECT * FROM friendship_tie ORDER BY code")
        .fetch_all(pool)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let key: i64 = r.get("id");
        let agreements = sqlx::query("SELECT * FROM agreement WHERE tie_id = $1 ORDER BY position")
            .bind(key)
            .fetch_all(pool)
            .await?
            .iter()
            .map(|a| {
                Ok(Agreement {
                    kind: AgreementKind::parse(a.get("kind")).map_err(corrupt)?,
                    title: a.get("title"),
                    signed_on: opt_date(a.get("signed_on"))?,
                    place: a.get("place"),
                    summary: a.get("summary"),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let milestones = sqlx::query("SELECT * FROM milestone WHERE tie_id = $1 ORDER BY position")
            .bind(key)
            .fetch_all(pool)
            .await?
            .iter()
            .map(|m| {
                Ok(Milestone {
                    title: m.get("title"),
                    due: opt_date(m.get("due"))?,
                    status: MilestoneStatus::parse(m.get("status")).map_err(corrupt)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        out.push(FriendshipTie {
            id: TieId::parse(r.get("code")).map_err(corrupt)?,
            region_a: RegionRef {
                country: CountryCode::parse(r.get("region_a_country")).map_err(corrupt)?,
                region: r.get("region_a"),
            },
            region_b: RegionRef {
                country: CountryCode::parse(r.get("region_b_country")).map_err(corrupt)?,
                region: r.get("region_b"),
            },
            since: opt_date(r.get("since"))?,
            status: AgreementKind::parse(r.get("status")).map_err(corrupt)?,
            agreements,
            cooperation_areas: parse_list(r.get("cooperation_areas"))?,
            milestones,
            demo: flag(r, "demo"),
        });
    }
    Ok(out)
}

pub(crate) async fn save_mission(
    tx: &mut Tx<'_>,
    event: &EventId,
    mission: &Mission,
) -> Result<()> {
    mission.check().map_err(StoreError::Conflict)?;
    let event_key = event_key(&mut **tx, event).await?;
    let delegations = keys(tx, "delegation", event_key).await?;
    let delegation = key_of(&delegations, "delegation", mission.delegation.as_str())?;
    sqlx::query("DELETE FROM mission WHERE delegation_id = $1 AND code = $2")
        .bind(delegation)
        .bind(mission.id.as_str())
        .execute(&mut **tx)
        .await?;
    let key: i64 = sqlx::query_scalar(
        "INSERT INTO mission (delegation_id, code, title, start_date, end_date, demo) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(delegation)
    .bind(mission.id.as_str())
    .bind(&mission.title)
    .bind(mission.start.to_string())
    .bind(mission.end.to_string())
    .bind(mission.demo)
    .fetch_one(&mut **tx)
    .await?;
    for (position, item) in mission.itinerary.iter().enumerate() {
        let notes = json!({
            "technologies_seen": item.notes.technologies_seen,
            "lessons": item.notes.lessons,
            "contacts": item.notes.contacts,
            "follow_ups": item.notes.follow_ups,
        });
        sqlx::query("INSERT INTO itinerary_item (mission_id, position, date, kind, title, place, host, notes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(key)
            .bind(position as i64)
            .bind(item.date.to_string())
            .bind(item.kind.as_str())
            .bind(&item.title)
            .bind(&item.place)
            .bind(&item.host)
            .bind(notes.to_string())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

pub(crate) async fn missions(pool: &AnyPool, event: &EventId) -> Result<Vec<Mission>> {
    let key = event_key(pool, event).await?;
    let rows = sqlx::query(
        "SELECT m.*, d.code AS delegation_code FROM mission m JOIN delegation d ON d.id = m.delegation_id
         WHERE d.event_id = $1 ORDER BY d.code, m.code",
    )
    .bind(key)
    .fetch_all(pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let mission_key: i64 = r.get("id");
        let items =
            sqlx::query("SELECT * FROM itinerary_item WHERE mission_id = $1 ORDER BY position")
                .bind(mission_key)
                .fetch_all(pool)
                .await?
                .iter()
                .map(|i| {
                    let notes: Value = serde_json::from_str(i.get("notes")).map_err(corrupt)?;
                    let list = |k: &str| -> Vec<String> {
                        notes[k]
                            .as_array()
                            .map(|a| {
                                a.iter()
                                    .filter_map(Value::as_str)
                                    .map(str::to_string)
                                    .collect()
                            })
                            .unwrap_or_default()
                    };
                    Ok(ItineraryItem {
                        date: date(i.get("date"))?,
                        kind: ItineraryKind::parse(i.get("kind")).map_err(corrupt)?,
                        title: i.get("title"),
                        place: i.get("place"),
                        host: i.get("host"),
                        notes: VisitNotes {
                            technologies_seen: list("technologies_seen"),
                            lessons: list("lessons"),
                            contacts: list("contacts"),
                            follow_ups: list("follow_ups"),
                        },
                    })
                })
                .collect::<Result<Vec<_>>>()?;
        out.push(Mission {
            id: MissionId::parse(r.get("code")).map_err(corrupt)?,
            delegation: DelegationId::parse(r.get("delegation_code")).map_err(corrupt)?,
            title: r.get("title"),
            start: date(r.get("start_date"))?,
            end: date(r.get("end_date"))?,
            itinerary: items,
            demo: flag(r, "demo"),
        });
    }
    Ok(out)
}

pub(crate) async fn replace_recommendations(
    tx: &mut Tx<'_>,
    event: &EventId,
    recommendations: &[(OrgId, Vec<Recommendation>)],
) -> Result<()> {
    let event_key = event_key(&mut **tx, event).await?;
    let orgs = keys(tx, "organization", event_key).await?;
    for (org, list) in recommendations {
        let key = key_of(&orgs, "organization", org.as_str())?;
        sqlx::query("DELETE FROM recommendation WHERE org_id = $1")
            .bind(key)
            .execute(&mut **tx)
            .await?;
        for (rank, rec) in list.iter().enumerate() {
            sqlx::query("INSERT INTO recommendation (org_id, rank, other_org_id, score, reasons) VALUES ($1, $2, $3, $4, $5)")
                .bind(key)
                .bind(rank as i64 + 1)
                .bind(key_of(&orgs, "organization", rec.other.as_str())?)
                .bind(rec.score)
                .bind(rec.reasons.to_string())
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

pub(crate) async fn recommendations(
    pool: &AnyPool,
    event: &EventId,
    org: &OrgId,
) -> Result<Vec<Recommendation>> {
    let key = event_key(pool, event).await?;
    let rows = sqlx::query(
        "SELECT o2.code, r.score, r.reasons FROM recommendation r JOIN organization o ON o.id = r.org_id
         JOIN organization o2 ON o2.id = r.other_org_id WHERE o.event_id = $1 AND o.code = $2 ORDER BY r.rank",
    )
    .bind(key)
    .bind(org.as_str())
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Recommendation {
                other: OrgId::parse(r.get("code")).map_err(corrupt)?,
                score: r.get("score"),
                reasons: serde_json::from_str(r.get("reasons")).map_err(corrupt)?,
            })
        })
        .collect()
}

/// Every organization's recommendations, in one read.
pub(crate) async fn all_recommendations(
    pool: &AnyPool,
    event: &EventId,
) -> Result<HashMap<OrgId, Vec<Recommendation>>> {
    let key = event_key(pool, event).await?;
    let rows = sqlx::query(
        "SELECT o.code AS org_code, o2.code, r.score, r.reasons FROM recommendation r JOIN organization o ON o.id = r.org_id
         JOIN organization o2 ON o2.id = r.other_org_id WHERE o.event_id = $1 ORDER BY r.org_id, r.rank",
    )
    .bind(key)
    .fetch_all(pool)
    .await?;
    let mut all: HashMap<OrgId, Vec<Recommendation>> = HashMap::new();
    for r in &rows {
        all.entry(OrgId::parse(r.get("org_code")).map_err(corrupt)?)
            .or_default()
            .push(Recommendation {
                other: OrgId::parse(r.get("code")).map_err(corrupt)?,
                score: r.get("score"),
                reasons: serde_json::from_str(r.get("reasons")).map_err(corrupt)?,
            });
    }
    Ok(all)
}

pub(crate) async fn publish_drafts(tx: &mut Tx<'_>, event: &EventId) -> Result<u64> {
    let key = event_key(&mut **tx, event).await?;
    let done = sqlx::query(
        "UPDATE meeting SET status = 'published' WHERE event_id = $1 AND status = 'draft'",
    )
    .bind(key)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

pub(crate) async fn set_meeting_status(
    conn: &mut sqlx::AnyConnection,
    event: &EventId,
    meeting: i64,
    status: MeetingStatus,
) -> Result<()> {
    let key = event_key(&mut *conn, event).await?;
    let done = sqlx::query("UPDATE meeting SET status = $1 WHERE id = $2 AND event_id = $3")
        .bind(status.as_str())
        .bind(meeting)
        .bind(key)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound {
            what: "meeting",
            id: meeting.to_string(),
        });
    }
    Ok(())
}

pub(crate) async fn record_outcome(
    tx: &mut Tx<'_>,
    event: &EventId,
    meeting: i64,
    outcome: &Outcome,
) -> Result<()> {
    let event_key = event_key(&mut **tx, event).await?;
    let org: Option<i64> = sqlx::query_scalar(
        "SELECT o.id FROM meeting m JOIN organization o ON o.id IN (m.a_org_id, m.b_org_id)
         WHERE m.id = $1 AND m.event_id = $2 AND o.code = $3",
    )
    .bind(meeting)
    .bind(event_key)
    .bind(outcome.recorded_by.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    let Some(org) = org else {
        return Err(StoreError::Conflict(format!(
            "{} is not a participant of meeting {meeting} (or the meeting does not exist)",
            outcome.recorded_by
        )));
    };
    sqlx::query(
        "INSERT INTO outcome (meeting_id, org_id, interest, next_step, products, value_amount, value_currency, notes, demo)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, (SELECT demo FROM organization WHERE id = $9))
         ON CONFLICT (meeting_id, org_id) DO UPDATE SET interest = excluded.interest, next_step = excluded.next_step,
           products = excluded.products, value_amount = excluded.value_amount, value_currency = excluded.value_currency,
           notes = excluded.notes",
    )
    .bind(meeting)
    .bind(org)
    .bind(outcome.interest.as_str())
    .bind(outcome.next_step.as_str())
    .bind(json_list(&outcome.products))
    .bind(outcome.estimated_value.as_ref().map(|m| i64::try_from(m.amount).unwrap_or(i64::MAX)))
    .bind(outcome.estimated_value.as_ref().map(|m| m.currency.clone()))
    .bind(&outcome.notes)
    .bind(org)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn outcomes(pool: &AnyPool, event: &EventId) -> Result<Vec<(i64, Outcome)>> {
    let key = event_key(pool, event).await?;
    let rows = sqlx::query(
        "SELECT x.meeting_id, o.code, x.interest, x.next_step, x.products, x.value_amount, x.value_currency, x.notes
         FROM outcome x JOIN meeting m ON m.id = x.meeting_id JOIN organization o ON o.id = x.org_id
         WHERE m.event_id = $1 ORDER BY x.meeting_id, o.code",
    )
    .bind(key)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            let amount: Option<i64> = r.get("value_amount");
            let currency: Option<String> = r.get("value_currency");
            let estimated_value = match (amount, currency) {
                (Some(a), Some(c)) => {
                    Some(Money::new(u64::try_from(a).map_err(corrupt)?, &c).map_err(corrupt)?)
                }
                _ => None,
            };
            Ok((
                r.get("meeting_id"),
                Outcome {
                    recorded_by: OrgId::parse(r.get("code")).map_err(corrupt)?,
                    interest: Interest::parse(r.get("interest")).map_err(corrupt)?,
                    next_step: NextStep::parse(r.get("next_step")).map_err(corrupt)?,
                    products: parse_list(r.get("products"))?,
                    estimated_value,
                    notes: r.get("notes"),
                },
            ))
        })
        .collect()
}
