//! The live day: check-in, no-shows, walk-ins, the calendar stamps of
//! meetings, the mail queue and the audit log.
//!
//! Every change to someone's agenda takes an [`Announcement`]: the mail
//! that tells the people concerned goes into the queue in the same
//! transaction as the change, so a crash loses both or neither.

use crate::db::{Tx, write_tx};
use crate::rows::{self, event_key};
use crate::{Backend, Result, Store, StoreError};
use mitra_core::ids::{EventId, PersonId};
use mitra_core::meeting::{Meeting, MeetingStatus};
use sqlx::Row;
use std::collections::HashMap;

/// A message to queue. `message_id` is made by the caller from what the
/// message announces, so that queueing the same announcement twice sends
/// it once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail {
    pub message_id: String,
    pub to_name: String,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    /// An iCalendar attachment.
    pub calendar: Option<String>,
}

/// A queued message due for (another) attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedMail {
    pub id: i64,
    pub mail: NewMail,
    pub attempts: u32,
}

/// Where the event's mail stands, for the organizer's dashboard.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailQueueSummary {
    pub sent: i64,
    /// Not yet sent and never tried.
    pub waiting: i64,
    /// Tried, failed for a reason that may pass (server down); will retry.
    pub retrying: i64,
    /// Refused for good (e.g. an address the server rejects).
    pub failed: i64,
    pub last_error: Option<String>,
}

/// Who makes a change, when, and the mail that announces it.
#[derive(Debug, Clone, Copy)]
pub struct Announcement<'a> {
    /// A person's code, or `system`.
    pub actor: &'a str,
    pub now: i64,
    pub mails: &'a [NewMail],
}

/// Who changes what, for the audit line a write leaves in the same
/// transaction (`Store::import_audited` and its siblings).
#[derive(Debug, Clone, Copy)]
pub struct AuditLine<'a> {
    /// The person (id) who made the change.
    pub actor: &'a str,
    /// Unix seconds.
    pub now: i64,
    /// What kind of change: `profile`, `outcome`, `objectives`, ...
    pub action: &'a str,
    /// What it changed: an organization, a meeting, a delegation.
    pub subject: &'a str,
    pub detail: &'a str,
}

/// Writes `line` inside the change's transaction.
pub(crate) async fn audit_line(
    tx: &mut Tx<'_>,
    event: &EventId,
    line: &AuditLine<'_>,
) -> Result<()> {
    let key = event_key(&mut **tx, event).await?;
    audit(
        tx,
        key,
        line.now,
        line.actor,
        line.action,
        line.subject,
        line.detail,
    )
    .await
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

/// What a badge scan did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckIn {
    /// Checked in now.
    First(i64),
    /// Already checked in at that time; nothing changed.
    Again(i64),
}

/// A meeting row's calendar stamp: when it last changed and how often.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingStamp {
    pub changed_at: i64,
    pub revision: i64,
}

pub(crate) async fn audit(
    tx: &mut Tx<'_>,
    event_key: i64,
    now: i64,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (event_id, at, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(event_key)
    .bind(now)
    .bind(actor)
    .bind(action)
    .bind(subject)
    .bind(detail)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn enqueue(
    tx: &mut Tx<'_>,
    event_key: i64,
    now: i64,
    mails: &[NewMail],
) -> Result<()> {
    for mail in mails {
        sqlx::query(
            "INSERT INTO mail_outbox (event_id, message_id, to_name, to_address, subject, body, calendar, created_at, next_attempt_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (message_id) DO NOTHING",
        )
        .bind(event_key)
        .bind(&mail.message_id)
        .bind(&mail.to_name)
        .bind(&mail.to_address)
        .bind(&mail.subject)
        .bind(&mail.body)
        .bind(&mail.calendar)
        .bind(now)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A row of `mail_outbox` as a queued message.
fn queued_mail(r: &sqlx::any::AnyRow) -> QueuedMail {
    QueuedMail {
        id: r.get("id"),
        attempts: u32::try_from(r.get::<i64, _>("attempts")).unwrap_or(u32::MAX),
        mail: NewMail {
            message_id: r.get("message_id"),
            to_name: r.get("to_name"),
            to_address: r.get("to_address"),
            subject: r.get("subject"),
            body: r.get("body"),
            calendar: r.get("calendar"),
        },
    }
}

/// Audits a change and queues its mail, inside the change's transaction.
pub(crate) async fn announce(
    tx: &mut Tx<'_>,
    event_key: i64,
    announcement: &Announcement<'_>,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<()> {
    audit(
        tx,
        event_key,
        announcement.now,
        announcement.actor,
        action,
        subject,
        detail,
    )
    .await?;
    enqueue(tx, event_key, announcement.now, announcement.mails).await
}

impl Store {
    /// The event's secret for signing badges and feed links. The first
    /// call stores `fresh` (random, from the caller); later calls return
    /// the stored one.
    pub async fn pass_key(&self, event: &EventId, fresh: &str) -> Result<String> {
        let key = event_key(&self.pool, event).await?;
        // Read first: the common case must not take SQLite's write lock.
        let stored: Option<String> = sqlx::query_scalar("SELECT pass_key FROM event WHERE id = $1")
            .bind(key)
            .fetch_one(&self.pool)
            .await?;
        if let Some(secret) = stored {
            return Ok(secret);
        }
        write_tx!(self, |tx| {
            sqlx::query("UPDATE event SET pass_key = $1 WHERE id = $2 AND pass_key IS NULL")
                .bind(fresh)
                .bind(key)
                .execute(&mut **tx)
                .await?;
            Ok(())
        })?;
        let stored: Option<String> = sqlx::query_scalar("SELECT pass_key FROM event WHERE id = $1")
            .bind(key)
            .fetch_one(&self.pool)
            .await?;
        stored.ok_or_else(|| StoreError::Corrupt("event without a pass key".into()))
    }

    /// Replaces the event's secret (the demo's fixed one; or to revoke
    /// every badge and feed link at once).
    pub async fn set_pass_key(&self, event: &EventId, secret: &str) -> Result<()> {
        let key = event_key(&self.pool, event).await?;
        write_tx!(self, |tx| {
            sqlx::query("UPDATE event SET pass_key = $1 WHERE id = $2")
                .bind(secret)
                .bind(key)
                .execute(&mut **tx)
                .await?;
            Ok(())
        })
    }

    /// Checks a person in (once; a second scan changes nothing).
    pub async fn check_in(
        &self,
        event: &EventId,
        person: &PersonId,
        actor: &str,
        now: i64,
    ) -> Result<CheckIn> {
        write_tx!(self, |tx| {
            let key = event_key(&mut **tx, event).await?;
            let person_key: i64 =
                sqlx::query_scalar("SELECT id FROM person WHERE event_id = $1 AND code = $2")
                    .bind(key)
                    .bind(person.as_str())
                    .fetch_optional(&mut **tx)
                    .await?
                    .ok_or_else(|| StoreError::NotFound {
                        what: "person",
                        id: person.to_string(),
                    })?;
            let before: Option<i64> =
                sqlx::query_scalar("SELECT checked_in_at FROM checkin WHERE person_id = $1")
                    .bind(person_key)
                    .fetch_optional(&mut **tx)
                    .await?;
            if let Some(at) = before {
                return Ok(CheckIn::Again(at));
            }
            let by: Option<i64> =
                sqlx::query_scalar("SELECT id FROM person WHERE event_id = $1 AND code = $2")
                    .bind(key)
                    .bind(actor)
                    .fetch_optional(&mut **tx)
                    .await?;
            sqlx::query(
                "INSERT INTO checkin (person_id, checked_in_at, by_person_id) VALUES ($1, $2, $3)",
            )
            .bind(person_key)
            .bind(now)
            .bind(by)
            .execute(&mut **tx)
            .await?;
            audit(tx, key, now, actor, "check-in", person.as_str(), "").await?;
            Ok(CheckIn::First(now))
        })
    }

    /// Who has checked in, and when.
    pub async fn checkins(&self, event: &EventId) -> Result<HashMap<PersonId, i64>> {
        let key = event_key(&self.pool, event).await?;
        let rows = sqlx::query(
            "SELECT p.code, c.checked_in_at FROM checkin c JOIN person p ON p.id = c.person_id WHERE p.event_id = $1",
        )
        .bind(key)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let code: String = r.get("code");
                let person =
                    PersonId::parse(&code).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                Ok((person, r.get("checked_in_at")))
            })
            .collect()
    }

    /// Writes one line to the event's audit log (for what has no
    /// transaction of its own, such as a refused badge scan).
    pub async fn audit(
        &self,
        event: &EventId,
        now: i64,
        actor: &str,
        action: &str,
        subject: &str,
        detail: &str,
    ) -> Result<()> {
        write_tx!(self, |tx| {
            let key = event_key(&mut **tx, event).await?;
            audit(tx, key, now, actor, action, subject, detail).await?;
            Ok(())
        })
    }

    /// The event's audit log, newest first.
    pub async fn audit_log(&self, event: &EventId, limit: u32) -> Result<Vec<AuditEntry>> {
        let key = event_key(&self.pool, event).await?;
        let rows = sqlx::query(
            "SELECT at, actor, action, subject, detail FROM audit_log WHERE event_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
        )
        .bind(key)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| AuditEntry {
                at: r.get("at"),
                actor: r.get("actor"),
                action: r.get("action"),
                subject: r.get("subject"),
                detail: r.get("detail"),
            })
            .collect())
    }

    /// Every meeting row's calendar stamp, by row id.
    pub async fn meeting_stamps(&self, event: &EventId) -> Result<HashMap<i64, MeetingStamp>> {
        let key = event_key(&self.pool, event).await?;
        let rows = sqlx::query("SELECT id, changed_at, revision FROM meeting WHERE event_id = $1")
            .bind(key)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .map(|r| {
                (
                    r.get("id"),
                    MeetingStamp {
                        changed_at: r.get("changed_at"),
                        revision: r.get("revision"),
                    },
                )
            })
            .collect())
    }

    /// Dates every meeting's last change to `at` (records entered after the
    /// fact, such as the demo's, so that calendars made from them are the
    /// same on every run).
    pub async fn restamp_meetings(&self, event: &EventId, at: i64) -> Result<()> {
        let key = event_key(&self.pool, event).await?;
        write_tx!(self, |tx| {
            sqlx::query("UPDATE meeting SET changed_at = $1 WHERE event_id = $2")
                .bind(at)
                .bind(key)
                .execute(&mut **tx)
                .await?;
            Ok(())
        })
    }

    /// Marks a published meeting as a no-show, audited and announced.
    pub async fn mark_no_show(
        &self,
        event: &EventId,
        meeting: i64,
        announcement: &Announcement<'_>,
    ) -> Result<()> {
        write_tx!(self, |tx| {
            let key = event_key(&mut **tx, event).await?;
            let status: Option<String> =
                sqlx::query_scalar("SELECT status FROM meeting WHERE id = $1 AND event_id = $2")
                    .bind(meeting)
                    .bind(key)
                    .fetch_optional(&mut **tx)
                    .await?;
            match status.as_deref() {
                None => {
                    return Err(StoreError::NotFound {
                        what: "meeting",
                        id: meeting.to_string(),
                    });
                }
                Some("published") => {}
                Some(other) => {
                    return Err(StoreError::Conflict(format!(
                        "meeting {meeting} is {other}, not published"
                    )));
                }
            }
            rows::set_meeting_status(tx, event, meeting, MeetingStatus::NoShow).await?;
            announce(tx, key, announcement, "no-show", &meeting.to_string(), "").await?;
            Ok(())
        })
    }

    /// Books a walk-in meeting (published at once) in a free slot and
    /// table; the schema refuses it if anyone is already busy. Records an
    /// accepted request for it. Returns the meeting's row id.
    pub async fn book_walk_in(
        &self,
        event: &EventId,
        meeting: &Meeting,
        announcement: &Announcement<'_>,
    ) -> Result<i64> {
        write_tx!(self, |tx| {
            let key = event_key(&mut **tx, event).await?;
            let org = |code: &str| {
                sqlx::query_scalar::<_, i64>(
                    "SELECT id FROM organization WHERE event_id = $1 AND code = $2",
                )
                .bind(key)
                .bind(code.to_string())
            };
            let not_found = |what: &'static str, id: &str| StoreError::NotFound {
                what,
                id: id.to_string(),
            };
            let a: i64 = org(meeting.a.as_str())
                .fetch_optional(&mut **tx)
                .await?
                .ok_or_else(|| not_found("organization", meeting.a.as_str()))?;
            let b: i64 = org(meeting.b.as_str())
                .fetch_optional(&mut **tx)
                .await?
                .ok_or_else(|| not_found("organization", meeting.b.as_str()))?;
            let slot: i64 =
                sqlx::query_scalar("SELECT id FROM slot WHERE event_id = $1 AND code = $2")
                    .bind(key)
                    .bind(meeting.slot.as_str())
                    .fetch_optional(&mut **tx)
                    .await?
                    .ok_or_else(|| not_found("slot", meeting.slot.as_str()))?;
            let table: i64 = sqlx::query_scalar(
                "SELECT id FROM meeting_table WHERE event_id = $1 AND code = $2",
            )
            .bind(key)
            .bind(meeting.table.as_str())
            .fetch_optional(&mut **tx)
            .await?
            .ok_or_else(|| not_found("table", meeting.table.as_str()))?;
            let interpreter: Option<i64> = match &meeting.interpreter {
                None => None,
                Some(code) => Some(
                    sqlx::query_scalar(
                        "SELECT id FROM interpreter WHERE event_id = $1 AND code = $2",
                    )
                    .bind(key)
                    .bind(code.as_str())
                    .fetch_optional(&mut **tx)
                    .await?
                    .ok_or_else(|| not_found("interpreter", code.as_str()))?,
                ),
            };
            let request: i64 = sqlx::query_scalar(
            "INSERT INTO meeting_request (event_id, from_org_id, to_org_id, priority, status, message)
             VALUES ($1, $2, $3, 2, 'accepted', 'walk-in') RETURNING id",
        )
        .bind(key)
        .bind(a)
        .bind(b)
        .fetch_one(&mut **tx)
        .await?;
            let inserted = sqlx::query_scalar::<_, i64>(
            "INSERT INTO meeting (event_id, request_id, a_org_id, b_org_id, slot_id, table_id, interpreter_id, status)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'published') RETURNING id",
        )
        .bind(key)
        .bind(request)
        .bind(a)
        .bind(b)
        .bind(slot)
        .bind(table)
        .bind(interpreter)
        .fetch_one(&mut **tx)
        .await;
            let id = match inserted {
                Ok(id) => id,
                Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                    return Err(StoreError::Conflict(format!(
                        "someone is already busy in slot {} (a side, the interpreter or table {})",
                        meeting.slot, meeting.table
                    )));
                }
                Err(e) => return Err(e.into()),
            };
            let detail = format!(
                "{} + {} at {} table {}",
                meeting.a, meeting.b, meeting.slot, meeting.table
            );
            announce(tx, key, announcement, "walk-in", &id.to_string(), &detail).await?;
            Ok(id)
        })
    }

    /// Queues mail outside any other change (invitations, reminders).
    pub async fn enqueue_mail(&self, event: &EventId, now: i64, mails: &[NewMail]) -> Result<()> {
        write_tx!(self, |tx| {
            let key = event_key(&mut **tx, event).await?;
            enqueue(tx, key, now, mails).await?;
            Ok(())
        })
    }

    /// Messages due for an attempt at `now`, oldest first: a look at the
    /// queue that claims nothing (a sender uses [`Store::claim_due_mail`]).
    pub async fn due_mail(&self, now: i64, limit: u32) -> Result<Vec<QueuedMail>> {
        // One query in each dialect's spelling of "not failed": the one its
        // partial index `mail_outbox_due` is written with (SQLite uses a
        // partial index only for a query that repeats its condition).
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT id, message_id, to_name, to_address, subject, body, calendar, attempts FROM mail_outbox
                 WHERE sent_at IS NULL AND failed = 0 AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2"
            }
            Backend::Postgres => {
                "SELECT id, message_id, to_name, to_address, subject, body, calendar, attempts FROM mail_outbox
                 WHERE sent_at IS NULL AND NOT failed AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2"
            }
        };
        let rows = sqlx::query(sql)
            .bind(now)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(queued_mail).collect())
    }

    /// Claims up to `limit` messages due at `now` for `sender` until
    /// `until` (Unix seconds), oldest first, and returns them: in one
    /// write, so that two senders (two servers on one database) never get
    /// the same message. A claimed message is not due for anyone until the
    /// claim ends; recording the attempt ([`Store::mail_sent`],
    /// [`Store::mail_failed`]) ends it. A sender that dies holding a claim
    /// leaves its messages due again at `until`.
    ///
    /// PostgreSQL: the due rows are locked with `FOR UPDATE SKIP LOCKED`
    /// in a `READ COMMITTED` statement, so concurrent senders take
    /// different rows instead of waiting for (or failing on) each other; a
    /// row another sender claimed and committed meanwhile is read again
    /// and is no longer due. SQLite: one `BEGIN IMMEDIATE` write.
    pub async fn claim_due_mail(
        &self,
        sender: &str,
        now: i64,
        until: i64,
        limit: u32,
    ) -> Result<Vec<QueuedMail>> {
        let mut rows = match self.backend {
            Backend::Sqlite => {
                let sql = "UPDATE mail_outbox SET next_attempt_at = $1, claimed_by = $2
                     WHERE id IN (SELECT id FROM mail_outbox
                                  WHERE sent_at IS NULL AND failed = 0 AND next_attempt_at <= $3
                                  ORDER BY next_attempt_at, id LIMIT $4)
                     RETURNING id, message_id, to_name, to_address, subject, body, calendar, attempts";
                write_tx!(self, |tx| {
                    Ok(sqlx::query(sql)
                        .bind(until)
                        .bind(sender)
                        .bind(now)
                        .bind(i64::from(limit))
                        .fetch_all(&mut **tx)
                        .await?)
                })?
            }
            Backend::Postgres => {
                let sql = "UPDATE mail_outbox SET next_attempt_at = $1, claimed_by = $2
                     WHERE id IN (SELECT id FROM mail_outbox
                                  WHERE sent_at IS NULL AND NOT failed AND next_attempt_at <= $3
                                  ORDER BY next_attempt_at, id LIMIT $4
                                  FOR UPDATE SKIP LOCKED)
                     RETURNING id, message_id, to_name, to_address, subject, body, calendar, attempts";
                let mut tx = self
                    .pool
                    .begin_with("BEGIN ISOLATION LEVEL READ COMMITTED")
                    .await?;
                let rows = sqlx::query(sql)
                    .bind(until)
                    .bind(sender)
                    .bind(now)
                    .bind(i64::from(limit))
                    .fetch_all(&mut *tx)
                    .await?;
                tx.commit().await?;
                rows
            }
        };
        rows.sort_by_key(|r| r.get::<i64, _>("id"));
        Ok(rows.iter().map(queued_mail).collect())
    }

    /// Every message the event ever queued, oldest first (for tests and
    /// the organizer's view).
    pub async fn mail_of_event(&self, event: &EventId) -> Result<Vec<(NewMail, Option<i64>)>> {
        let key = event_key(&self.pool, event).await?;
        let rows = sqlx::query(
            "SELECT message_id, to_name, to_address, subject, body, calendar, sent_at FROM mail_outbox
             WHERE event_id = $1 ORDER BY id",
        )
        .bind(key)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| {
                (
                    NewMail {
                        message_id: r.get("message_id"),
                        to_name: r.get("to_name"),
                        to_address: r.get("to_address"),
                        subject: r.get("subject"),
                        body: r.get("body"),
                        calendar: r.get("calendar"),
                    },
                    r.get("sent_at"),
                )
            })
            .collect())
    }

    /// Records a delivered message.
    pub async fn mail_sent(&self, id: i64, now: i64) -> Result<()> {
        write_tx!(self, |tx| {
            sqlx::query("UPDATE mail_outbox SET sent_at = $1, attempts = attempts + 1, last_error = NULL, claimed_by = NULL WHERE id = $2")
                .bind(now)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            Ok(())
        })
    }

    /// Records a failed attempt: retried at `retry_at`, or never again
    /// when `retry_at` is `None` (a permanent refusal).
    pub async fn mail_failed(&self, id: i64, error: &str, retry_at: Option<i64>) -> Result<()> {
        write_tx!(self, |tx| {
            sqlx::query(
                "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1, claimed_by = NULL,
                        failed = $2, next_attempt_at = coalesce($3, next_attempt_at) WHERE id = $4",
            )
            .bind(error)
            .bind(retry_at.is_none())
            .bind(retry_at)
            .bind(id)
            .execute(&mut **tx)
            .await?;
            Ok(())
        })
    }

    /// Where the event's mail stands.
    pub async fn mail_queue(&self, event: &EventId) -> Result<MailQueueSummary> {
        let key = event_key(&self.pool, event).await?;
        let row = sqlx::query(
            "SELECT
                count(CASE WHEN sent_at IS NOT NULL THEN 1 END) AS sent,
                count(CASE WHEN sent_at IS NULL AND NOT failed AND attempts = 0 THEN 1 END) AS waiting,
                count(CASE WHEN sent_at IS NULL AND NOT failed AND attempts > 0 THEN 1 END) AS retrying,
                count(CASE WHEN failed THEN 1 END) AS failed
             FROM mail_outbox WHERE event_id = $1",
        )
        .bind(key)
        .fetch_one(&self.pool)
        .await?;
        let last_error: Option<String> = sqlx::query_scalar(
            "SELECT last_error FROM mail_outbox WHERE event_id = $1 AND sent_at IS NULL AND last_error IS NOT NULL
             ORDER BY id DESC LIMIT 1",
        )
        .bind(key)
        .fetch_optional(&self.pool)
        .await?
        .flatten();
        Ok(MailQueueSummary {
            sent: row.get("sent"),
            waiting: row.get("waiting"),
            retrying: row.get("retrying"),
            failed: row.get("failed"),
            last_error,
        })
    }
}
