//! Event setup edits and registrations awaiting approval (an `impl Store`
//! block of its own).
//!
//! A setup edit changes the event in place: sessions, slots, tables and
//! interpreters keep their rows (and row ids) while their codes stay, so
//! the meetings, unavailabilities and accounts that point at them stay
//! too. A change that would remove a slot, table or interpreter that a
//! meeting (not cancelled) still uses is refused with those meetings, and
//! nothing is written: the schema would otherwise delete the meetings
//! with it (`ON DELETE CASCADE`).
//!
//! A registration is what a company typed into the public form. It waits
//! in `registration`, read by nothing that matches, schedules or lists
//! organizations; approving it writes the organization, its
//! representative, the representative's invitation and the mail that
//! carries it in one transaction.
//!
//! The methods speak in the domain's types (`EventPlan`, `Organization`,
//! `Person`) and the crate's exported ones only.

use crate::day::{NewMail, enqueue};
use crate::db::{Flag, Tx, write_tx};
use crate::rows::event_key;
use crate::{Result, Store, StoreError, StoredMeeting};
use mitra_core::codes::{CountryCode, LanguageCode};
use mitra_core::event::{EventPlan, Interpreter, Table};
use mitra_core::ids::{DelegationId, EventId, OrgId, PersonId};
use mitra_core::meeting::{Meeting, MeetingStatus};
use mitra_core::organization::{Organization, Sector, Side, TradeItem};
use mitra_core::people::{Person, Role};
use mitra_hs::HsCode;
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};

/// Kept slots are moved out of the way by this much while their
/// positions are rewritten, so that `UNIQUE (session_id, position)` never
/// sees two rows on one position halfway through.
const POSITION_SHIFT: i64 = 1_000_000;

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

fn json_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    Value::Array(items.into_iter().map(|s| Value::String(s.into())).collect()).to_string()
}

/// code → row id, for one of the event's tables (`sql` selects code, id).
async fn codes(tx: &mut Tx<'_>, sql: &'static str, event_key: i64) -> Result<HashMap<String, i64>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(sql)
        .bind(event_key)
        .fetch_all(&mut **tx)
        .await?;
    Ok(rows.into_iter().collect())
}

fn key_of(map: &HashMap<String, i64>, what: &'static str, code: &str) -> Result<i64> {
    map.get(code).copied().ok_or_else(|| StoreError::NotFound {
        what,
        id: code.to_string(),
    })
}

/// The event's meetings that are not cancelled, read inside `tx`.
async fn live_meetings(tx: &mut Tx<'_>, event_key: i64) -> Result<Vec<StoredMeeting>> {
    let mut meetings = crate::rows::meetings_by_key(&mut **tx, event_key).await?;
    meetings.retain(|m| m.meeting.status != MeetingStatus::Cancelled);
    Ok(meetings)
}

fn items_json(items: &[TradeItem]) -> Value {
    Value::Array(
        items
            .iter()
            .map(|i| json!({"text": i.text, "hs": i.hs.iter().map(|c| c.as_str()).collect::<Vec<_>>()}))
            .collect(),
    )
}

fn items_from(value: &Value) -> Result<Vec<TradeItem>> {
    let Some(list) = value.as_array() else {
        return Ok(Vec::new());
    };
    list.iter()
        .map(|item| {
            let hs = item["hs"]
                .as_array()
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
            Ok(TradeItem::new(
                item["text"].as_str().unwrap_or_default(),
                hs,
            ))
        })
        .collect()
}

fn languages_from(value: &Value) -> Result<Vec<LanguageCode>> {
    value
        .as_array()
        .map(|list| {
            list.iter()
                .map(|l| LanguageCode::parse(l.as_str().unwrap_or_default()).map_err(corrupt))
                .collect()
        })
        .unwrap_or_else(|| Ok(Vec::new()))
}

/// A code for a new organization, from its name: lower-case ASCII letters
/// and digits joined by `-` ("PT Kopi Lampung Jaya" → `pt-kopi-lampung-jaya`),
/// `company` when the name has none (a name in Chinese characters); then
/// `-2`, `-3`, … until it is free in the event.
pub fn code_from_name(name: &str, taken: &HashSet<String>) -> String {
    let mut base = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if base.len() >= 40 {
                break;
            }
            base.push(c.to_ascii_lowercase());
        } else if !base.is_empty() && !base.ends_with('-') {
            base.push('-');
        }
    }
    let base = base.trim_end_matches('-');
    let base = if base.is_empty() { "company" } else { base };
    free_code(base, taken)
}

fn free_code(base: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !taken.contains(c))
        .unwrap_or_else(|| base.to_string())
}

/// Whether a company name or e-mail address is taken in the event: by an
/// organization or person, or by another pending registration.
async fn taken(tx: &mut Tx<'_>, event_key: i64, name: &str, email: &str) -> Result<(bool, bool)> {
    let Flag(name_taken) = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM organization WHERE event_id = $1 AND lower(trim(name)) = lower(trim($2)))
             OR EXISTS (SELECT 1 FROM registration WHERE event_id = $1 AND status = 'pending' AND lower(company_name) = lower(trim($2)))",
    )
    .bind(event_key)
    .bind(name)
    .fetch_one(&mut **tx)
    .await?;
    let Flag(email_taken) = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM person WHERE event_id = $1 AND lower(trim(email)) = lower(trim($2)))
             OR EXISTS (SELECT 1 FROM registration WHERE event_id = $1 AND status = 'pending' AND lower(email) = lower(trim($2)))",
    )
    .bind(event_key)
    .bind(email)
    .fetch_one(&mut **tx)
    .await?;
    Ok((name_taken, email_taken))
}

/// Whether a meeting uses a slot, table or interpreter the change removes.
fn blocks(
    m: &Meeting,
    slots: &HashSet<&str>,
    tables: &HashSet<&str>,
    interpreters: &HashSet<&str>,
) -> bool {
    slots.contains(m.slot.as_str())
        || tables.contains(m.table.as_str())
        || m.interpreter
            .as_ref()
            .is_some_and(|i| interpreters.contains(i.as_str()))
}

/// The stored codes that the new list leaves out.
fn gone<'a>(stored: &'a HashMap<String, i64>, kept: &HashSet<&str>) -> HashSet<&'a str> {
    stored
        .keys()
        .map(String::as_str)
        .filter(|c| !kept.contains(c))
        .collect()
}

/// What the form took, as the `registration.submitted` JSON.
fn registration_json(company: &Organization, rep: &Person) -> String {
    json!({
        "company": {
            "code": company.id.as_str(),
            "name": company.name.trim(),
            "side": company.side.as_str(),
            "country": company.country.as_str(),
            "region": company.region,
            "delegation": company.delegation.as_ref().map(|d| d.as_str()),
            "languages": company.languages.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
            "sector": company.sector.map(|s| s.as_str()),
            "description": company.description,
            "offers": items_json(&company.offers),
            "needs": items_json(&company.needs),
            "certifications": company.certifications,
            "capacity": company.capacity,
            "website": company.website,
        },
        "representative": {
            "code": rep.id.as_str(),
            "name": rep.name.trim(),
            "email": rep.email.trim(),
            "title": rep.title,
            "languages": rep.languages.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
        },
    })
    .to_string()
}

fn registration_from(raw: &str) -> Result<(Organization, Person)> {
    let v: Value = serde_json::from_str(raw).map_err(corrupt)?;
    let c = &v["company"];
    let r = &v["representative"];
    let text = |v: &Value, k: &str| v[k].as_str().map(str::to_string);
    let list = |v: &Value, k: &str| -> Vec<String> {
        v[k].as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let org = OrgId::parse(c["code"].as_str().unwrap_or_default()).map_err(corrupt)?;
    let company = Organization {
        id: org.clone(),
        name: text(c, "name").unwrap_or_default(),
        side: Side::parse(c["side"].as_str().unwrap_or_default()).map_err(corrupt)?,
        country: CountryCode::parse(c["country"].as_str().unwrap_or_default()).map_err(corrupt)?,
        region: text(c, "region"),
        delegation: text(c, "delegation")
            .map(|d| DelegationId::parse(&d))
            .transpose()
            .map_err(corrupt)?,
        sector: text(c, "sector")
            .map(|s| Sector::parse(&s))
            .transpose()
            .map_err(corrupt)?,
        languages: languages_from(&c["languages"])?,
        description: text(c, "description"),
        offers: items_from(&c["offers"])?,
        needs: items_from(&c["needs"])?,
        certifications: list(c, "certifications"),
        capacity: text(c, "capacity"),
        website: text(c, "website"),
        demo: false,
    };
    let representative = Person {
        id: PersonId::parse(r["code"].as_str().unwrap_or_default()).map_err(corrupt)?,
        name: text(r, "name").unwrap_or_default(),
        email: text(r, "email").unwrap_or_default(),
        title: text(r, "title"),
        languages: languages_from(&r["languages"])?,
        role: Role::CompanyRep(org),
        demo: false,
    };
    Ok((company, representative))
}

/// A registration of the event and its status; `NotFound` if the event
/// has none with this id.
async fn registration_row(
    conn: &mut sqlx::AnyConnection,
    event_key: i64,
    id: i64,
) -> Result<(String, Organization, Person)> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT status, submitted FROM registration WHERE id = $1 AND event_id = $2",
    )
    .bind(id)
    .bind(event_key)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((status, submitted)) = row else {
        return Err(StoreError::NotFound {
            what: "registration",
            id: id.to_string(),
        });
    };
    let (company, representative) = registration_from(&submitted)?;
    Ok((status, company, representative))
}

/// Marks a pending registration decided. Writing first takes the
/// database's write lock for the rest of the transaction. `Conflict` if
/// it was decided already.
async fn decide(
    tx: &mut Tx<'_>,
    event_key: i64,
    id: i64,
    status: &str,
    by: &PersonId,
    now: i64,
) -> Result<(Organization, Person)> {
    let done = sqlx::query(
        "UPDATE registration SET status = $1, decided_at = $2,
           decided_by = (SELECT id FROM person WHERE event_id = $3 AND code = $4)
         WHERE id = $5 AND event_id = $6 AND status = 'pending'",
    )
    .bind(status)
    .bind(now)
    .bind(event_key)
    .bind(by.as_str())
    .bind(id)
    .bind(event_key)
    .execute(&mut **tx)
    .await?;
    let (was, company, representative) = registration_row(tx, event_key, id).await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Conflict(format!(
            "registration {id} was {was} already"
        )));
    }
    Ok((company, representative))
}

impl Store {
    /// Saves an edited event setup, all or nothing: the event's head
    /// (`plan.event`; its id names the event, its demo flag is kept as
    /// stored), its sessions (slots re-cut: a slot whose code stays keeps
    /// its row), its tables and its interpreters (a kept interpreter keeps
    /// their account; a removed one loses it).
    ///
    /// Returns the meetings (not cancelled) that stand in the way: when
    /// there are any, the change would remove a slot, table or interpreter
    /// they use, or make their interpreter unavailable in their slot, and
    /// nothing was written. Empty: saved.
    pub async fn save_event_setup(
        &self,
        plan: &EventPlan,
        tables: &[Table],
        interpreters: &[Interpreter],
    ) -> Result<Vec<StoredMeeting>> {
        let e = &plan.event;
        write_tx!(
            self,
            |tx| {
                let key = event_key(&mut **tx, &e.id).await?;
                // Writing first takes the write lock: no meeting can be booked
                // between the check below and the changes.
                sqlx::query(
            "UPDATE event SET name = $1, name_zh = $2, name_id = $3, venue = $4, city = $5, time_zone = $6, slot_minutes = $7
             WHERE id = $8",
        )
        .bind(&e.name)
        .bind(&e.name_zh)
        .bind(&e.name_id)
        .bind(&e.venue)
        .bind(&e.city)
        .bind(e.time_zone.name())
        .bind(i64::from(e.slot_minutes))
        .bind(key)
        .execute(&mut **tx)
        .await?;
                let old_slots =
                    codes(tx, "SELECT code, id FROM slot WHERE event_id = $1", key).await?;
                let old_tables = codes(
                    tx,
                    "SELECT code, id FROM meeting_table WHERE event_id = $1",
                    key,
                )
                .await?;
                let old_interpreters = codes(
                    tx,
                    "SELECT code, id FROM interpreter WHERE event_id = $1",
                    key,
                )
                .await?;
                let gone_slots = gone(
                    &old_slots,
                    &plan.slots.iter().map(|s| s.id.as_str()).collect(),
                );
                let gone_tables =
                    gone(&old_tables, &tables.iter().map(|t| t.id.as_str()).collect());
                let gone_interpreters = gone(
                    &old_interpreters,
                    &interpreters.iter().map(|i| i.id.as_str()).collect(),
                );
                // An interpreter kept but now unavailable when they interpret.
                let unavailable: HashSet<(&str, &str)> = interpreters
                    .iter()
                    .flat_map(|i| i.unavailable.iter().map(|s| (i.id.as_str(), s.as_str())))
                    .collect();
                let blocking: Vec<StoredMeeting> = live_meetings(tx, key)
                    .await?
                    .into_iter()
                    .filter(|m| {
                        blocks(&m.meeting, &gone_slots, &gone_tables, &gone_interpreters)
                            || m.meeting.interpreter.as_ref().is_some_and(|i| {
                                unavailable.contains(&(i.as_str(), m.meeting.slot.as_str()))
                            })
                    })
                    .collect();
                if !blocking.is_empty() {
                    // Rolled back below: nothing of the edit is kept.
                    return Ok(blocking);
                }
                for (sql, stored, codes_gone) in [
                    ("DELETE FROM slot WHERE id = $1", &old_slots, &gone_slots),
                    (
                        "DELETE FROM meeting_table WHERE id = $1",
                        &old_tables,
                        &gone_tables,
                    ),
                    (
                        "DELETE FROM interpreter WHERE id = $1",
                        &old_interpreters,
                        &gone_interpreters,
                    ),
                ] {
                    for code in codes_gone {
                        sqlx::query(sql)
                            .bind(key_of(stored, "row", code)?)
                            .execute(&mut **tx)
                            .await?;
                    }
                }
                // Sessions: kept by code and updated, new ones added; the others
                // go once their slots are gone.
                let old_sessions =
                    codes(tx, "SELECT code, id FROM session WHERE event_id = $1", key).await?;
                let mut sessions: HashMap<String, i64> = HashMap::new();
                for s in &plan.sessions {
                    let date = s.date.format("%Y-%m-%d").to_string();
                    let start = s.start.format("%H:%M").to_string();
                    let session_key: i64 = match old_sessions.get(s.id.as_str()) {
                Some(&k) => {
                    sqlx::query("UPDATE session SET name = $1, date = $2, start_time = $3, slot_count = $4 WHERE id = $5")
                        .bind(&s.name)
                        .bind(&date)
                        .bind(&start)
                        .bind(i64::from(s.slot_count))
                        .bind(k)
                        .execute(&mut **tx)
                        .await?;
                    k
                }
                None => sqlx::query_scalar(
                    "INSERT INTO session (event_id, code, name, date, start_time, slot_count) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(key)
                .bind(s.id.as_str())
                .bind(&s.name)
                .bind(&date)
                .bind(&start)
                .bind(i64::from(s.slot_count))
                .fetch_one(&mut **tx)
                .await?,
            };
                    sessions.insert(s.id.to_string(), session_key);
                }
                sqlx::query("UPDATE slot SET position = position + $1 WHERE event_id = $2")
                    .bind(POSITION_SHIFT)
                    .bind(key)
                    .execute(&mut **tx)
                    .await?;
                for slot in &plan.slots {
                    let session_key = key_of(&sessions, "session", slot.session.as_str())?;
                    let starts_at = slot.start.format("%Y-%m-%dT%H:%M").to_string();
                    match old_slots.get(slot.id.as_str()) {
                        Some(&k) => {
                            sqlx::query(
                        "UPDATE slot SET session_id = $1, position = $2, starts_at = $3 WHERE id = $4",
                    )
                    .bind(session_key)
                    .bind(i64::from(slot.index))
                    .bind(&starts_at)
                    .bind(k)
                    .execute(&mut **tx)
                    .await?;
                        }
                        None => {
                            sqlx::query("INSERT INTO slot (event_id, session_id, code, position, starts_at) VALUES ($1, $2, $3, $4, $5)")
                        .bind(key)
                        .bind(session_key)
                        .bind(slot.id.as_str())
                        .bind(i64::from(slot.index))
                        .bind(&starts_at)
                        .execute(&mut **tx)
                        .await?;
                        }
                    }
                }
                for (code, session_key) in &old_sessions {
                    if !sessions.contains_key(code) {
                        sqlx::query("DELETE FROM session WHERE id = $1")
                            .bind(session_key)
                            .execute(&mut **tx)
                            .await?;
                    }
                }
                // Tables: kept by code; the fixed hosts rewritten (the schema
                // allows one table per host).
                let orgs = codes(
                    tx,
                    "SELECT code, id FROM organization WHERE event_id = $1",
                    key,
                )
                .await?;
                sqlx::query("UPDATE meeting_table SET fixed_org_id = NULL WHERE event_id = $1")
                    .bind(key)
                    .execute(&mut **tx)
                    .await?;
                for t in tables {
                    let fixed = t
                        .fixed_to
                        .as_ref()
                        .map(|o| key_of(&orgs, "organization", o.as_str()))
                        .transpose()?;
                    match old_tables.get(t.id.as_str()) {
                        Some(&k) => {
                            sqlx::query("UPDATE meeting_table SET fixed_org_id = $1 WHERE id = $2")
                                .bind(fixed)
                                .bind(k)
                                .execute(&mut **tx)
                                .await?;
                        }
                        None => {
                            sqlx::query(
                        "INSERT INTO meeting_table (event_id, code, fixed_org_id) VALUES ($1, $2, $3)",
                    )
                    .bind(key)
                    .bind(t.id.as_str())
                    .bind(fixed)
                    .execute(&mut **tx)
                    .await?;
                        }
                    }
                }
                // Interpreters: kept by code, with their unavailable slots
                // rewritten.
                let slots = codes(tx, "SELECT code, id FROM slot WHERE event_id = $1", key).await?;
                for i in interpreters {
                    let languages = json_list(i.languages.iter().map(|l| l.as_str()));
                    let interpreter_key: i64 = match old_interpreters.get(i.id.as_str()) {
                Some(&k) => {
                    sqlx::query(
                        "UPDATE interpreter SET name = $1, email = $2, languages = $3 WHERE id = $4",
                    )
                    .bind(&i.name)
                    .bind(&i.email)
                    .bind(&languages)
                    .bind(k)
                    .execute(&mut **tx)
                    .await?;
                    k
                }
                None => sqlx::query_scalar(
                    "INSERT INTO interpreter (event_id, code, name, email, languages, demo) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(key)
                .bind(i.id.as_str())
                .bind(&i.name)
                .bind(&i.email)
                .bind(&languages)
                .bind(i.demo)
                .fetch_one(&mut **tx)
                .await?,
            };
                    sqlx::query("DELETE FROM interpreter_unavailable WHERE interpreter_id = $1")
                        .bind(interpreter_key)
                        .execute(&mut **tx)
                        .await?;
                    for s in &i.unavailable {
                        sqlx::query("INSERT INTO interpreter_unavailable (interpreter_id, slot_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                    .bind(interpreter_key)
                    .bind(key_of(&slots, "slot", s.as_str())?)
                    .execute(&mut **tx)
                    .await?;
                    }
                }
                Ok(Vec::new())
            },
            commit_if = |blocking| blocking.is_empty()
        )
    }

    /// Stores a company's registration as pending: the company and its
    /// representative as typed (their ids are provisional: approval picks
    /// codes free in the event). `Conflict` when the company name or the
    /// e-mail address is taken in the event — by an organization, a
    /// person or another pending registration — and then nothing is
    /// stored. Returns the registration's row id.
    pub async fn submit_registration(
        &self,
        event: &EventId,
        company: &Organization,
        representative: &Person,
        now: i64,
    ) -> Result<i64> {
        write_tx!(self, |tx| {
            let key = event_key(&mut **tx, event).await?;
            if let Some(d) = &company.delegation {
                delegation_key(tx, key, d).await?;
            }
            check_free(tx, key, &company.name, &representative.email).await?;
            let inserted = sqlx::query_scalar(
            "INSERT INTO registration (event_id, company_name, email, submitted, submitted_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(key)
        .bind(company.name.trim())
        .bind(representative.email.trim())
        .bind(registration_json(company, representative))
        .bind(now)
        .fetch_one(&mut **tx)
        .await;
            let id: i64 = match inserted {
                Ok(id) => id,
                // The same company registering twice at once: the unique
                // indexes on pending registrations stop the second.
                Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                    return Err(StoreError::Conflict(format!(
                        "{:?} has a pending registration already",
                        company.name.trim()
                    )));
                }
                Err(e) => return Err(e.into()),
            };
            Ok(id)
        })
    }

    /// The event's registrations with a status (`pending`, `approved` or
    /// `rejected`), oldest first: row id, when it came
    /// (Unix seconds), the company and its representative as typed.
    pub async fn registrations(
        &self,
        event: &EventId,
        status: &str,
    ) -> Result<Vec<(i64, i64, Organization, Person)>> {
        let key = event_key(&self.pool, event).await?;
        let rows: Vec<(i64, i64, String)> = sqlx::query_as(
            "SELECT id, submitted_at, submitted FROM registration WHERE event_id = $1 AND status = $2 ORDER BY id",
        )
        .bind(key)
        .bind(status)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, at, raw)| {
                let (company, rep) = registration_from(&raw)?;
                Ok((id, at, company, rep))
            })
            .collect()
    }

    /// One registration of the event: its status, the company and its
    /// representative as typed.
    pub async fn registration(
        &self,
        event: &EventId,
        id: i64,
    ) -> Result<(String, Organization, Person)> {
        let key = event_key(&self.pool, event).await?;
        let mut conn = self.pool.acquire().await?;
        registration_row(&mut conn, key, id).await
    }

    /// The decision on a registration: who (a person's code) and when;
    /// `None` while it is pending.
    pub async fn registration_decision(
        &self,
        event: &EventId,
        id: i64,
    ) -> Result<Option<(Option<PersonId>, i64)>> {
        let key = event_key(&self.pool, event).await?;
        let row: Option<(Option<String>, Option<i64>)> = sqlx::query_as(
            "SELECT p.code, r.decided_at FROM registration r LEFT JOIN person p ON p.id = r.decided_by
             WHERE r.id = $1 AND r.event_id = $2",
        )
        .bind(id)
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        let Some((by, at)) = row else {
            return Err(StoreError::NotFound {
                what: "registration",
                id: id.to_string(),
            });
        };
        let by = by
            .map(|p| PersonId::parse(&p))
            .transpose()
            .map_err(corrupt)?;
        Ok(at.map(|at| (by, at)))
    }

    /// Approves a pending registration in one transaction: records the
    /// decision (by `decided_by`, at `now`), creates the organization (a
    /// code made from its name, free in the event) with its offers and
    /// needs, its representative as a company representative (`rep-ORG`),
    /// the representative's invitation (`invitation`: the SHA-256 of the
    /// token in hex, and when it expires), and queues `mail`, which
    /// carries the invitation. Returns the new organization's and
    /// person's codes. `Conflict` if it was decided already, or its name
    /// or e-mail address has been taken since.
    pub async fn approve_registration(
        &self,
        event: &EventId,
        id: i64,
        decided_by: &PersonId,
        now: i64,
        invitation: (&str, i64),
        mail: &NewMail,
    ) -> Result<(OrgId, PersonId)> {
        write_tx!(self, |tx| {
            let key = event_key(&mut **tx, event).await?;
            let (company, rep) = decide(tx, key, id, "approved", decided_by, now).await?;
            check_free(tx, key, &company.name, &rep.email).await?;
            let delegation = match &company.delegation {
                None => None,
                Some(d) => Some(delegation_key(tx, key, d).await?),
            };
            let org_codes: HashSet<String> = codes(
                tx,
                "SELECT code, id FROM organization WHERE event_id = $1",
                key,
            )
            .await?
            .into_keys()
            .collect();
            let org = OrgId::parse(&code_from_name(&company.name, &org_codes)).map_err(corrupt)?;
            let org_key: i64 = sqlx::query_scalar(
            "INSERT INTO organization (event_id, code, name, side, country, region, delegation_id, sector, languages,
               description, certifications, capacity, website)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(key)
        .bind(org.as_str())
        .bind(company.name.trim())
        .bind(company.side.as_str())
        .bind(company.country.as_str())
        .bind(&company.region)
        .bind(delegation)
        .bind(company.sector.map(|s| s.as_str()))
        .bind(json_list(company.languages.iter().map(|l| l.as_str())))
        .bind(&company.description)
        .bind(json_list(company.certifications.iter().map(String::as_str)))
        .bind(&company.capacity)
        .bind(&company.website)
        .fetch_one(&mut **tx)
        .await?;
            for (direction, items) in [("offer", &company.offers), ("need", &company.needs)] {
                for (position, item) in items.iter().enumerate() {
                    sqlx::query("INSERT INTO trade_item (organization_id, direction, position, text, hs) VALUES ($1, $2, $3, $4, $5)")
                    .bind(org_key)
                    .bind(direction)
                    .bind(position as i64)
                    .bind(&item.text)
                    .bind(json_list(item.hs.iter().map(|c| c.as_str())))
                    .execute(&mut **tx)
                    .await?;
                }
            }
            let person_codes: HashSet<String> =
                codes(tx, "SELECT code, id FROM person WHERE event_id = $1", key)
                    .await?
                    .into_keys()
                    .collect();
            let person = PersonId::parse(&free_code(&format!("rep-{org}"), &person_codes))
                .map_err(corrupt)?;
            let person_key: i64 = sqlx::query_scalar(
            "INSERT INTO person (event_id, code, name, email, title, languages, role, organization_id)
             VALUES ($1, $2, $3, $4, $5, $6, 'company-rep', $7) RETURNING id",
        )
        .bind(key)
        .bind(person.as_str())
        .bind(rep.name.trim())
        .bind(rep.email.trim())
        .bind(&rep.title)
        .bind(json_list(rep.languages.iter().map(|l| l.as_str())))
        .bind(org_key)
        .fetch_one(&mut **tx)
        .await?;
            let (token_hash, expires_at) = invitation;
            sqlx::query("INSERT INTO invitation (token_hash, person_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(person_key)
            .bind(now)
            .bind(expires_at)
            .execute(&mut **tx)
            .await?;
            sqlx::query("UPDATE registration SET organization_id = $1 WHERE id = $2")
                .bind(org_key)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            enqueue(tx, key, now, std::slice::from_ref(mail)).await?;
            Ok((org, person))
        })
    }

    /// Rejects a pending registration: the decision is recorded, nothing
    /// else is written. `Conflict` if it was decided already.
    pub async fn reject_registration(
        &self,
        event: &EventId,
        id: i64,
        decided_by: &PersonId,
        now: i64,
    ) -> Result<()> {
        write_tx!(self, |tx| {
            let key = event_key(&mut **tx, event).await?;
            decide(tx, key, id, "rejected", decided_by, now).await?;
            Ok(())
        })
    }
}

async fn delegation_key(tx: &mut Tx<'_>, event_key: i64, d: &DelegationId) -> Result<i64> {
    sqlx::query_scalar("SELECT id FROM delegation WHERE event_id = $1 AND code = $2")
        .bind(event_key)
        .bind(d.as_str())
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "delegation",
            id: d.to_string(),
        })
}

/// `Conflict` when the company name or e-mail address is taken in the
/// event.
async fn check_free(tx: &mut Tx<'_>, event_key: i64, name: &str, email: &str) -> Result<()> {
    let (name_taken, email_taken) = taken(tx, event_key, name, email).await?;
    if name_taken {
        return Err(StoreError::Conflict(format!(
            "the company name {:?} is taken in this event",
            name.trim()
        )));
    }
    if email_taken {
        return Err(StoreError::Conflict(format!(
            "the e-mail address {:?} is taken in this event",
            email.trim()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_come_from_names_and_are_free() {
        let mut taken = HashSet::new();
        assert_eq!(
            code_from_name("PT Kopi Lampung Jaya, Tbk.", &taken),
            "pt-kopi-lampung-jaya-tbk"
        );
        assert_eq!(code_from_name("山东农业集团", &taken), "company");
        taken.insert("company".to_string());
        taken.insert("company-2".to_string());
        assert_eq!(code_from_name("山东农业集团", &taken), "company-3");
        let long = "a".repeat(100);
        assert_eq!(code_from_name(&long, &taken).len(), 40);
        assert!(OrgId::parse(&code_from_name("  --  ", &taken)).is_ok());
    }
}
