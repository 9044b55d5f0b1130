//! The SQL behind the web application's accounts (passwords, invitations,
//! sessions), the clock of meeting requests made on the web, and schedule
//! proposals awaiting publication. Secrets never reach the database: tokens
//! are stored as their SHA-256, passwords as argon2 hashes made by the
//! caller.

use crate::db::write_tx;
use crate::db::{Flag, Tx};
use crate::rows::{self, event_key};
use crate::{Result, Store, StoreError};
use mitra_core::ids::{EventId, InterpreterId, OrgId, PersonId};
use mitra_core::meeting::{Meeting, MeetingStatus, Priority, RequestStatus};
use mitra_core::people::Role;
use sqlx::{AnyPool, Row};
use std::collections::HashMap;

/// A signed-in person, as a session finds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The person's row id.
    pub person_key: i64,
    pub event: EventId,
    pub person: PersonId,
    pub name: String,
    pub role: Role,
    /// The CSRF token every form of this session carries.
    pub csrf: String,
    /// The event's generation (`Store::event_generation`) read with the
    /// session, so that a page can tell whether what it keeps of the event
    /// is current without asking the database again.
    pub event_generation: i64,
    /// When the session ends (Unix seconds).
    pub session_expires_at: i64,
}

/// What became of an invitation link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redeemed {
    /// Valid: the person's row id. The link is now used.
    Person(i64),
    /// Used before.
    Used,
    /// Past its expiry.
    Expired,
    /// No such link.
    Unknown,
}

/// When a web request was made, when it lapses, and its answer's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestClock {
    pub created_at: i64,
    pub expires_at: i64,
    pub answered_at: Option<i64>,
    pub answer_message: Option<String>,
}

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

pub(crate) async fn person_key(pool: &AnyPool, event: &EventId, person: &PersonId) -> Result<i64> {
    let event_key = event_key(pool, event).await?;
    sqlx::query_scalar("SELECT id FROM person WHERE event_id = $1 AND code = $2")
        .bind(event_key)
        .bind(person.as_str())
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "person",
            id: person.to_string(),
        })
}

pub(crate) async fn set_password(tx: &mut Tx<'_>, person_key: i64, hash: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO password_login (person_id, hash) VALUES ($1, $2)
         ON CONFLICT (person_id) DO UPDATE SET hash = excluded.hash",
    )
    .bind(person_key)
    .bind(hash)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn organizer_passwords(pool: &AnyPool, email: &str) -> Result<Vec<(i64, String)>> {
    let rows = sqlx::query(
        "SELECT p.id, l.hash FROM person p JOIN password_login l ON l.person_id = p.id
         WHERE p.role = 'organizer' AND lower(p.email) = lower($1) ORDER BY p.id",
    )
    .bind(email.trim())
    .fetch_all(pool)
    .await?;
    Ok(rows.iter().map(|r| (r.get("id"), r.get("hash"))).collect())
}

pub(crate) async fn create_invitation(
    tx: &mut Tx<'_>,
    person_key: i64,
    token_hash: &str,
    now: i64,
    expires_at: i64,
) -> Result<()> {
    sqlx::query("INSERT INTO invitation (token_hash, person_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash)
        .bind(person_key)
        .bind(now)
        .bind(expires_at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub(crate) async fn redeem_invitation(
    store: &Store,
    token_hash: &str,
    now: i64,
) -> Result<Redeemed> {
    // One statement marks the link used, so two browsers racing with the
    // same link cannot both sign in.
    let taken: Option<i64> = write_tx!(store, |tx| {
        Ok(sqlx::query_scalar(
            "UPDATE invitation SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $3
             RETURNING person_id",
        )
        .bind(now)
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut **tx)
        .await?)
    })?;
    if let Some(person) = taken {
        return Ok(Redeemed::Person(person));
    }
    let row = sqlx::query("SELECT used_at FROM invitation WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(&store.pool)
        .await?;
    Ok(match row {
        None => Redeemed::Unknown,
        Some(r) if r.get::<Option<i64>, _>("used_at").is_some() => Redeemed::Used,
        Some(_) => Redeemed::Expired,
    })
}

pub(crate) async fn create_session(
    tx: &mut Tx<'_>,
    person_key: i64,
    token_hash: &str,
    csrf: &str,
    now: i64,
    expires_at: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO web_session (token_hash, person_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(person_key)
    .bind(csrf)
    .bind(now)
    .bind(expires_at)
    .execute(&mut **tx)
    .await?;
    // Old sessions are cleared as new ones begin, so the table stays small.
    sqlx::query("DELETE FROM web_session WHERE expires_at <= $1")
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub(crate) async fn session_account(
    pool: &AnyPool,
    token_hash: &str,
    now: i64,
) -> Result<Option<Account>> {
    let row = sqlx::query(
        "SELECT p.id AS person_key, p.code, p.name, p.role, e.code AS event_code, s.csrf,
                COALESCE(o.code, d.code, i.code) AS subject, c.generation, s.expires_at
         FROM web_session s JOIN person p ON p.id = s.person_id JOIN event e ON e.id = p.event_id
         JOIN event_change c ON c.event_id = e.id
         LEFT JOIN organization o ON o.id = p.organization_id LEFT JOIN delegation d ON d.id = p.delegation_id
         LEFT JOIN interpreter i ON i.id = p.interpreter_id
         WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let kind: String = r.get("role");
    let subject: Option<String> = r.get("subject");
    Ok(Some(Account {
        person_key: r.get("person_key"),
        event: EventId::parse(r.get("event_code")).map_err(corrupt)?,
        person: PersonId::parse(r.get("code")).map_err(corrupt)?,
        name: r.get("name"),
        role: Role::from_parts(&kind, subject.as_deref())
            .ok_or_else(|| corrupt(format!("role {kind}")))?,
        csrf: r.get("csrf"),
        event_generation: r.get("generation"),
        session_expires_at: r.get("expires_at"),
    }))
}

pub(crate) async fn end_session(tx: &mut Tx<'_>, token_hash: &str) -> Result<()> {
    sqlx::query("DELETE FROM web_session WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub(crate) async fn expire_requests(store: &Store, event: &EventId, now: i64) -> Result<u64> {
    let pool = &store.pool;
    let key = event_key(pool, event).await?;
    // Pages call this on every view: look before taking the write lock.
    let Flag(due) = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM meeting_request r JOIN request_clock c ON c.request_id = r.id
         WHERE r.event_id = $1 AND r.status = 'pending' AND c.answered_at IS NULL AND c.expires_at <= $2)",
    )
    .bind(key)
    .bind(now)
    .fetch_one(pool)
    .await?;
    if !due {
        return Ok(0);
    }
    write_tx!(store, |tx| {
        let done = sqlx::query(
            "UPDATE meeting_request SET status = 'expired'
             WHERE event_id = $1 AND status = 'pending'
               AND id IN (SELECT request_id FROM request_clock WHERE answered_at IS NULL AND expires_at <= $2)",
        )
        .bind(key)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected())
    })
}

async fn org_key(tx: &mut Tx<'_>, event_key: i64, org: &OrgId) -> Result<i64> {
    sqlx::query_scalar("SELECT id FROM organization WHERE event_id = $1 AND code = $2")
        .bind(event_key)
        .bind(org.as_str())
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "organization",
            id: org.to_string(),
        })
}

/// What asking for a meeting did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    /// A new pending request (its row id).
    Pending(i64),
    /// The other side had already asked: their request is now accepted as
    /// mutual (its row id).
    Mutual(i64),
}

pub(crate) async fn ask_meeting(
    tx: &mut Tx<'_>,
    event: &EventId,
    from: &OrgId,
    to: &OrgId,
    message: Option<&str>,
    now: i64,
    expires_at: i64,
) -> Result<Asked> {
    let event_key = event_key(&mut **tx, event).await?;
    let from_key = org_key(tx, event_key, from).await?;
    let to_key = org_key(tx, event_key, to).await?;
    if from_key == to_key {
        return Err(StoreError::Conflict(
            "an organization cannot meet itself".into(),
        ));
    }
    let open: Vec<(i64, i64, String)> = sqlx::query(
        "SELECT id, from_org_id, status FROM meeting_request
         WHERE event_id = $1 AND status IN ('pending', 'accepted')
           AND ((from_org_id = $2 AND to_org_id = $3) OR (from_org_id = $4 AND to_org_id = $5))",
    )
    .bind(event_key)
    .bind(from_key)
    .bind(to_key)
    .bind(to_key)
    .bind(from_key)
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(|r| (r.get("id"), r.get("from_org_id"), r.get("status")))
    .collect();
    if let Some((id, _, _)) = open.iter().find(|(_, f, s)| *f == to_key && s == "pending") {
        sqlx::query("UPDATE meeting_request SET status = 'accepted', priority = $1 WHERE id = $2")
            .bind(i64::from(Priority::Mutual.number()))
            .bind(id)
            .execute(&mut **tx)
            .await?;
        sqlx::query("UPDATE request_clock SET answered_at = $1 WHERE request_id = $2")
            .bind(now)
            .bind(id)
            .execute(&mut **tx)
            .await?;
        return Ok(Asked::Mutual(*id));
    }
    if !open.is_empty() {
        return Err(StoreError::Conflict(format!(
            "{from} and {to} already have an open request"
        )));
    }
    // Pending requests are priority 2 until answered: the scheduler only
    // places accepted ones, so an unanswered request never holds a slot.
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO meeting_request (event_id, from_org_id, to_org_id, priority, status, message)
         VALUES ($1, $2, $3, $4, 'pending', $5) RETURNING id",
    )
    .bind(event_key)
    .bind(from_key)
    .bind(to_key)
    .bind(i64::from(Priority::Accepted.number()))
    .bind(message)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO request_clock (request_id, created_at, expires_at) VALUES ($1, $2, $3)",
    )
    .bind(id)
    .bind(now)
    .bind(expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(Asked::Pending(id))
}

pub(crate) async fn answer_request(
    tx: &mut Tx<'_>,
    event: &EventId,
    request: i64,
    by: &OrgId,
    accept: bool,
    message: Option<&str>,
    now: i64,
) -> Result<RequestStatus> {
    let event_key = event_key(&mut **tx, event).await?;
    let by_key = org_key(tx, event_key, by).await?;
    let row = sqlx::query(
        "SELECT r.status, c.expires_at FROM meeting_request r LEFT JOIN request_clock c ON c.request_id = r.id
         WHERE r.id = $1 AND r.event_id = $2 AND r.to_org_id = $3",
    )
    .bind(request)
    .bind(event_key)
    .bind(by_key)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| StoreError::NotFound {
        what: "request",
        id: request.to_string(),
    })?;
    let status: String = row.get("status");
    let status = RequestStatus::parse(&status).map_err(corrupt)?;
    let expires_at: Option<i64> = row.get("expires_at");
    let next = if accept {
        RequestStatus::Accepted
    } else {
        RequestStatus::Declined
    };
    if status == RequestStatus::Pending && expires_at.is_some_and(|t| t <= now) {
        sqlx::query("UPDATE meeting_request SET status = 'expired' WHERE id = $1")
            .bind(request)
            .execute(&mut **tx)
            .await?;
        return Ok(RequestStatus::Expired);
    }
    if !status.can_become(next) || status != RequestStatus::Pending {
        return Ok(status);
    }
    sqlx::query("UPDATE meeting_request SET status = $1 WHERE id = $2")
        .bind(next.as_str())
        .bind(request)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO request_clock (request_id, created_at, expires_at, answered_at, answer_message)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (request_id) DO UPDATE SET answered_at = excluded.answered_at, answer_message = excluded.answer_message",
    )
    .bind(request)
    .bind(now)
    .bind(now + 1)
    .bind(now)
    .bind(message)
    .execute(&mut **tx)
    .await?;
    Ok(next)
}

pub(crate) async fn request_clocks(
    pool: &AnyPool,
    event: &EventId,
) -> Result<HashMap<i64, RequestClock>> {
    let key = event_key(pool, event).await?;
    let rows = sqlx::query(
        "SELECT c.* FROM request_clock c JOIN meeting_request r ON r.id = c.request_id WHERE r.event_id = $1",
    )
    .bind(key)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| {
            (
                r.get("request_id"),
                RequestClock {
                    created_at: r.get("created_at"),
                    expires_at: r.get("expires_at"),
                    answered_at: r.get("answered_at"),
                    answer_message: r.get("answer_message"),
                },
            )
        })
        .collect())
}

pub(crate) async fn save_schedule_proposal(
    tx: &mut Tx<'_>,
    event: &EventId,
    json: &str,
    now: i64,
) -> Result<()> {
    let key = event_key(&mut **tx, event).await?;
    sqlx::query(
        "INSERT INTO schedule_proposal (event_id, json, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (event_id) DO UPDATE SET json = excluded.json, created_at = excluded.created_at",
    )
    .bind(key)
    .bind(json)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn schedule_proposal(
    pool: &AnyPool,
    event: &EventId,
) -> Result<Option<(String, i64)>> {
    let key = event_key(pool, event).await?;
    let row = sqlx::query("SELECT json, created_at FROM schedule_proposal WHERE event_id = $1")
        .bind(key)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|r| (r.get("json"), r.get("created_at"))))
}

pub(crate) async fn publish_schedule(
    tx: &mut Tx<'_>,
    event: &EventId,
    cancel: &[i64],
    reassign: &[(i64, Option<InterpreterId>)],
    add: &[(Option<i64>, Meeting)],
) -> Result<()> {
    let key = event_key(&mut **tx, event).await?;
    // Cancellations first: they free the people and interpreters that kept
    // and new meetings take over.
    for id in cancel {
        rows::set_meeting_status(tx, event, *id, MeetingStatus::Cancelled).await?;
    }
    // Interpreters change in two steps, so that two meetings of one slot
    // can swap theirs without a moment of double booking.
    for (id, _) in reassign {
        sqlx::query("UPDATE meeting SET interpreter_id = NULL WHERE id = $1 AND event_id = $2")
            .bind(id)
            .bind(key)
            .execute(&mut **tx)
            .await?;
    }
    for (id, interpreter) in reassign {
        let Some(code) = interpreter else { continue };
        let done = sqlx::query(
            "UPDATE meeting SET interpreter_id = (SELECT id FROM interpreter WHERE event_id = $1 AND code = $2)
             WHERE id = $3 AND event_id = $4",
        )
        .bind(key)
        .bind(code.as_str())
        .bind(id)
        .bind(key)
        .execute(&mut **tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what: "meeting",
                id: id.to_string(),
            });
        }
    }
    // The new meetings go in as drafts first (the store's one insert path,
    // checked by the schema), then become published together.
    let drafts: Vec<(Option<i64>, Meeting)> = add
        .iter()
        .map(|(r, m)| {
            (
                *r,
                Meeting {
                    status: MeetingStatus::Draft,
                    ..m.clone()
                },
            )
        })
        .collect();
    rows::replace_draft_meetings(tx, event, &drafts).await?;
    sqlx::query("UPDATE meeting SET status = 'published' WHERE event_id = $1 AND status = 'draft'")
        .bind(key)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM schedule_proposal WHERE event_id = $1")
        .bind(key)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
