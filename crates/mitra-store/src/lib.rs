//! Persistence. One [`Store`] over a database chosen by URL: SQLite
//! (`sqlite:mitra.db`, `sqlite://mitra.db`, a plain path works too) or
//! PostgreSQL (`postgres://user:password@host/database`, also
//! `postgresql://…`), behind the same methods and the same SQL (see
//! `db.rs`). Handlers and the command line never write SQL.
//!
//! Every write that belongs together runs in one transaction: an import,
//! an event with its slots, a schedule. The schema (migrations/sqlite and
//! migrations/postgres, kept in step by tests/schema.rs) refuses double
//! bookings by itself; see ARCHITECTURE.md for the invariants. On
//! PostgreSQL write transactions are SERIALIZABLE and run again when a
//! concurrent one wins, so both databases behave the same.

mod accounts;
mod api_queries;
pub mod backup;
mod changes;
mod day;
mod db;
mod rows;
mod setup;
pub mod testing;

use db::write_tx;
use mitra_core::event::{EventPlan, Interpreter, Table};
use mitra_core::ids::{EventId, OrgId};
use mitra_core::meeting::{Meeting, MeetingRequest, MeetingStatus, Outcome};
use mitra_core::mission::{FriendshipTie, Mission};
use mitra_core::organization::{Delegation, Organization};
use mitra_core::people::Person;
use sqlx::AnyPool;

pub use accounts::{Account, Asked, Redeemed, RequestClock};
pub use day::{
    Announcement, AuditEntry, AuditLine, CheckIn, MailQueueSummary, MeetingStamp, NewMail,
    QueuedMail,
};
pub use db::{Backend, redact as redact_url};
pub use rows::{EventSummary, Recommendation, StoredMeeting, StoredRequest};

/// Errors of the storage layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "database URL {0:?} is not supported (use sqlite:PATH, a file path, or postgres://USER:PASSWORD@HOST/DATABASE)"
    )]
    UnsupportedUrl(String),
    #[error("cannot open database {url}: {source}")]
    Open { url: String, source: sqlx::Error },
    #[error("cannot bring the database schema up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{what} {id:?} does not exist")]
    NotFound { what: &'static str, id: String },
    #[error("{0}")]
    Conflict(String),
    #[error("the database holds a value Mitra cannot read: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    /// Whether the schema refused a write because a unique key was taken
    /// (on either backend): for a write that can meet a double booking
    /// and does not map it to [`StoreError::Conflict`] itself, such as
    /// [`Store::publish_schedule`] of a stale proposal. Ask this rather
    /// than read the message, which differs between SQLite and PostgreSQL.
    pub fn is_unique_violation(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::Database(e)) => e.is_unique_violation(),
            _ => false,
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The database behind Mitra.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

/// What an import changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub organizations_added: usize,
    pub organizations_updated: usize,
    pub delegations_added: usize,
}

impl Store {
    /// Opens the database at `url` and migrates it: `postgres://…` or
    /// `postgresql://…` is PostgreSQL (the database must exist; the schema
    /// is made in the connection's `search_path`); `sqlite:PATH`,
    /// `sqlite://PATH` or a plain path is a SQLite file, created if
    /// needed. SQLite runs in WAL mode with `synchronous = FULL`, foreign
    /// keys on and a busy timeout of 10 s, so that a committed transaction
    /// survives a crash.
    pub async fn open(url: &str) -> Result<Store> {
        let (pool, backend) = db::open(url).await?;
        Ok(Store { pool, backend })
    }

    /// Closes every connection (and checkpoints SQLite's WAL).
    pub async fn close(self) {
        self.pool.close().await;
    }

    /// The database behind this store.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The connection pool, for tests that check the schema directly
    /// (`$1, $2, …` placeholders work on both backends).
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Creates an event with its sessions and slots.
    pub async fn create_event(&self, plan: &EventPlan) -> Result<()> {
        write_tx!(self, |tx| rows::insert_event(tx, plan).await)
    }

    /// Every event, by id.
    pub async fn events(&self) -> Result<Vec<EventSummary>> {
        rows::events(&self.pool).await
    }

    /// An event with its sessions and slots.
    pub async fn event_plan(&self, event: &EventId) -> Result<EventPlan> {
        rows::event_plan(&self.pool, event).await
    }

    /// Adds or updates delegations and organizations of an event, all or
    /// nothing. Organizations are matched by id, so importing the same file
    /// twice changes nothing. A delegation an organization names but the
    /// import does not describe is created from the organization's country
    /// and region.
    pub async fn import(
        &self,
        event: &EventId,
        delegations: &[Delegation],
        organizations: &[Organization],
    ) -> Result<ImportSummary> {
        write_tx!(self, |tx| rows::import(
            tx,
            event,
            delegations,
            organizations
        )
        .await)
    }

    pub async fn delegations(&self, event: &EventId) -> Result<Vec<Delegation>> {
        rows::delegations(&self.pool, event).await
    }

    /// Every organization of an event, by id.
    pub async fn organizations(&self, event: &EventId) -> Result<Vec<Organization>> {
        rows::organizations(&self.pool, event).await
    }

    /// Replaces the event's tables.
    pub async fn set_tables(&self, event: &EventId, tables: &[Table]) -> Result<()> {
        write_tx!(self, |tx| rows::set_tables(tx, event, tables).await)
    }

    pub async fn tables(&self, event: &EventId) -> Result<Vec<Table>> {
        rows::tables(&self.pool, event).await
    }

    /// Replaces the event's interpreters.
    pub async fn set_interpreters(
        &self,
        event: &EventId,
        interpreters: &[Interpreter],
    ) -> Result<()> {
        write_tx!(self, |tx| rows::set_interpreters(tx, event, interpreters)
            .await)
    }

    pub async fn interpreters(&self, event: &EventId) -> Result<Vec<Interpreter>> {
        rows::interpreters(&self.pool, event).await
    }

    /// Adds people with accounts.
    pub async fn add_people(&self, event: &EventId, people: &[Person]) -> Result<()> {
        write_tx!(self, |tx| rows::add_people(tx, event, people).await)
    }

    pub async fn people(&self, event: &EventId) -> Result<Vec<Person>> {
        rows::people(&self.pool, event).await
    }

    /// Adds meeting requests, all or nothing.
    pub async fn add_requests(&self, event: &EventId, requests: &[MeetingRequest]) -> Result<()> {
        write_tx!(self, |tx| rows::add_requests(tx, event, requests).await)
    }

    /// Every request of an event, in the order they were made.
    pub async fn requests(&self, event: &EventId) -> Result<Vec<StoredRequest>> {
        rows::requests(&self.pool, event).await
    }

    /// Replaces the event's draft meetings (published ones stay), all or
    /// nothing; the schema refuses a double booking.
    pub async fn replace_draft_meetings(
        &self,
        event: &EventId,
        meetings: &[(Option<i64>, Meeting)],
    ) -> Result<()> {
        write_tx!(self, |tx| rows::replace_draft_meetings(tx, event, meetings)
            .await)
    }

    /// Every meeting of an event, by slot then table.
    pub async fn meetings(&self, event: &EventId) -> Result<Vec<StoredMeeting>> {
        rows::meetings(&self.pool, event).await
    }

    /// Publishes every draft meeting of the event; returns how many.
    pub async fn publish_drafts(&self, event: &EventId) -> Result<u64> {
        write_tx!(self, |tx| rows::publish_drafts(tx, event).await)
    }

    /// Changes a meeting's status (held, no-show, cancelled, ...).
    pub async fn set_meeting_status(
        &self,
        event: &EventId,
        meeting: i64,
        status: MeetingStatus,
    ) -> Result<()> {
        write_tx!(self, |tx| rows::set_meeting_status(
            tx, event, meeting, status
        )
        .await)
    }

    /// Records (or replaces) what one side wrote after a meeting. Only the
    /// meeting's two organizations may record an outcome.
    pub async fn record_outcome(
        &self,
        event: &EventId,
        meeting: i64,
        outcome: &Outcome,
    ) -> Result<()> {
        write_tx!(self, |tx| rows::record_outcome(tx, event, meeting, outcome)
            .await)
    }

    /// [`record_outcome`](Self::record_outcome), with its line in the audit
    /// log written in the same transaction.
    pub async fn record_outcome_audited(
        &self,
        event: &EventId,
        meeting: i64,
        outcome: &Outcome,
        line: &AuditLine<'_>,
    ) -> Result<()> {
        write_tx!(self, |tx| {
            rows::record_outcome(tx, event, meeting, outcome).await?;
            day::audit_line(tx, event, line).await
        })
    }

    /// [`import`](Self::import), with its line in the audit log written in
    /// the same transaction (a profile or objectives edited on the web).
    pub async fn import_audited(
        &self,
        event: &EventId,
        delegations: &[Delegation],
        organizations: &[Organization],
        line: &AuditLine<'_>,
    ) -> Result<ImportSummary> {
        write_tx!(self, |tx| {
            let summary = rows::import(tx, event, delegations, organizations).await?;
            day::audit_line(tx, event, line).await?;
            Ok(summary)
        })
    }

    /// [`save_mission`](Self::save_mission), with its line in the audit log
    /// written in the same transaction.
    pub async fn save_mission_audited(
        &self,
        event: &EventId,
        mission: &Mission,
        line: &AuditLine<'_>,
    ) -> Result<()> {
        write_tx!(self, |tx| {
            rows::save_mission(tx, event, mission).await?;
            day::audit_line(tx, event, line).await
        })
    }

    /// Records a day's results in one transaction: meeting statuses (held,
    /// no-show, ...) and outcomes.
    pub async fn record_day(
        &self,
        event: &EventId,
        statuses: &[(i64, MeetingStatus)],
        outcomes: &[(i64, Outcome)],
    ) -> Result<()> {
        write_tx!(self, |tx| {
            for (meeting, status) in statuses {
                rows::set_meeting_status(tx, event, *meeting, *status).await?;
            }
            for (meeting, outcome) in outcomes {
                rows::record_outcome(tx, event, *meeting, outcome).await?;
            }
            Ok(())
        })
    }

    /// Every outcome of the event with its meeting's row id.
    pub async fn outcomes(&self, event: &EventId) -> Result<Vec<(i64, Outcome)>> {
        rows::outcomes(&self.pool, event).await
    }

    /// Adds or replaces a friendship tie (by id).
    pub async fn save_tie(&self, tie: &FriendshipTie) -> Result<()> {
        write_tx!(self, |tx| rows::save_tie(tx, tie).await)
    }

    pub async fn ties(&self) -> Result<Vec<FriendshipTie>> {
        rows::ties(&self.pool).await
    }

    /// Adds or replaces a mission (by delegation and id).
    pub async fn save_mission(&self, event: &EventId, mission: &Mission) -> Result<()> {
        write_tx!(self, |tx| rows::save_mission(tx, event, mission).await)
    }

    pub async fn missions(&self, event: &EventId) -> Result<Vec<Mission>> {
        rows::missions(&self.pool, event).await
    }

    /// Replaces the recommendations of the given organizations.
    pub async fn replace_recommendations(
        &self,
        event: &EventId,
        recommendations: &[(OrgId, Vec<Recommendation>)],
    ) -> Result<()> {
        write_tx!(self, |tx| rows::replace_recommendations(
            tx,
            event,
            recommendations
        )
        .await)
    }

    /// An organization's recommended partners, best first.
    pub async fn recommendations(
        &self,
        event: &EventId,
        org: &OrgId,
    ) -> Result<Vec<Recommendation>> {
        rows::recommendations(&self.pool, event, org).await
    }

    /// Every organization's recommended partners, best first, in one read
    /// (organizations without any are absent).
    pub async fn all_recommendations(
        &self,
        event: &EventId,
    ) -> Result<std::collections::HashMap<OrgId, Vec<Recommendation>>> {
        rows::all_recommendations(&self.pool, event).await
    }

    // ------------------------------------------------------------------
    // The web application: accounts, sessions, requests made on the web,
    // schedule proposals. Times are Unix seconds, given by the caller.

    /// A person's row id, for accounts.
    pub async fn person_key(
        &self,
        event: &EventId,
        person: &mitra_core::ids::PersonId,
    ) -> Result<i64> {
        accounts::person_key(&self.pool, event, person).await
    }

    /// Sets a person's password hash (argon2 PHC string, made by the caller).
    pub async fn set_password(&self, person_key: i64, hash: &str) -> Result<()> {
        write_tx!(self, |tx| accounts::set_password(tx, person_key, hash)
            .await)
    }

    /// The organizers with a password under this e-mail: row id and hash.
    pub async fn organizer_passwords(&self, email: &str) -> Result<Vec<(i64, String)>> {
        accounts::organizer_passwords(&self.pool, email).await
    }

    /// Stores a single-use invitation (the SHA-256 of its token, in hex).
    pub async fn create_invitation(
        &self,
        person_key: i64,
        token_hash: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        write_tx!(self, |tx| accounts::create_invitation(
            tx, person_key, token_hash, now, expires_at
        )
        .await)
    }

    /// Uses an invitation, at most once.
    pub async fn redeem_invitation(&self, token_hash: &str, now: i64) -> Result<Redeemed> {
        accounts::redeem_invitation(self, token_hash, now).await
    }

    /// Starts a session (the SHA-256 of its cookie token, in hex).
    pub async fn create_session(
        &self,
        person_key: i64,
        token_hash: &str,
        csrf: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        write_tx!(self, |tx| accounts::create_session(
            tx, person_key, token_hash, csrf, now, expires_at
        )
        .await)
    }

    /// The person behind a live session.
    pub async fn session_account(&self, token_hash: &str, now: i64) -> Result<Option<Account>> {
        accounts::session_account(&self.pool, token_hash, now).await
    }

    pub async fn end_session(&self, token_hash: &str) -> Result<()> {
        write_tx!(self, |tx| accounts::end_session(tx, token_hash).await)
    }

    /// Marks unanswered web requests past their time as expired.
    pub async fn expire_requests(&self, event: &EventId, now: i64) -> Result<u64> {
        accounts::expire_requests(self, event, now).await
    }

    /// Asks for a meeting; if the other side had asked already, their
    /// request becomes a mutual, accepted one.
    pub async fn ask_meeting(
        &self,
        event: &EventId,
        from: &OrgId,
        to: &OrgId,
        message: Option<&str>,
        now: i64,
        expires_at: i64,
    ) -> Result<Asked> {
        write_tx!(self, |tx| accounts::ask_meeting(
            tx, event, from, to, message, now, expires_at
        )
        .await)
    }

    /// Accepts or declines a pending request addressed to `by`; returns
    /// the request's status afterwards (unchanged if it was already
    /// answered, `Expired` if it lapsed).
    pub async fn answer_request(
        &self,
        event: &EventId,
        request: i64,
        by: &OrgId,
        accept: bool,
        message: Option<&str>,
        now: i64,
    ) -> Result<mitra_core::meeting::RequestStatus> {
        write_tx!(self, |tx| accounts::answer_request(
            tx, event, request, by, accept, message, now
        )
        .await)
    }

    /// The clocks of the event's web requests, by request row id.
    pub async fn request_clocks(
        &self,
        event: &EventId,
    ) -> Result<std::collections::HashMap<i64, RequestClock>> {
        accounts::request_clocks(&self.pool, event).await
    }

    /// Keeps a computed schedule (`mitra/schedule@1`) for review.
    pub async fn save_schedule_proposal(
        &self,
        event: &EventId,
        json: &str,
        now: i64,
    ) -> Result<()> {
        write_tx!(self, |tx| accounts::save_schedule_proposal(
            tx, event, json, now
        )
        .await)
    }

    /// The schedule awaiting review, with when it was computed.
    pub async fn schedule_proposal(&self, event: &EventId) -> Result<Option<(String, i64)>> {
        accounts::schedule_proposal(&self.pool, event).await
    }

    /// Publishes a reviewed schedule in one transaction: gives kept
    /// meetings their new interpreters, cancels the meetings it moved or
    /// dropped, adds its new meetings as published, and forgets the
    /// proposal; audits it and queues its announcement.
    pub async fn publish_schedule(
        &self,
        event: &EventId,
        cancel: &[i64],
        reassign: &[(i64, Option<mitra_core::ids::InterpreterId>)],
        add: &[(Option<i64>, Meeting)],
        announcement: &Announcement<'_>,
    ) -> Result<()> {
        let detail = format!(
            "{} added, {} cancelled, {} reassigned",
            add.len(),
            cancel.len(),
            reassign.len()
        );
        write_tx!(self, |tx| {
            accounts::publish_schedule(tx, event, cancel, reassign, add).await?;
            let key = rows::event_key(&mut **tx, event).await?;
            day::announce(tx, key, announcement, "publish", "schedule", &detail).await
        })
    }
}
