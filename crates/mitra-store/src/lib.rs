//! Persistence. One [`Store`] over a database chosen by URL; today SQLite
//! (`sqlite:mitra.db`, a plain path works too), with PostgreSQL to follow
//! behind the same methods. Handlers and the command line never write SQL.
//!
//! Every write that belongs together runs in one transaction: an import,
//! an event with its slots, a schedule. The schema (migrations/) refuses
//! double bookings by itself; see ARCHITECTURE.md for the invariants.

mod accounts;
mod api_queries;
mod day;
mod rows;
mod setup;

use mitra_core::event::{EventPlan, Interpreter, Table};
use mitra_core::ids::{EventId, OrgId};
use mitra_core::meeting::{Meeting, MeetingRequest, MeetingStatus, Outcome};
use mitra_core::mission::{FriendshipTie, Mission};
use mitra_core::organization::{Delegation, Organization};
use mitra_core::people::Person;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

pub use accounts::{Account, Asked, Redeemed, RequestClock};
pub use day::{
    Announcement, AuditEntry, CheckIn, MailQueueSummary, MeetingStamp, NewMail, QueuedMail,
};
pub use rows::{EventSummary, Recommendation, StoredMeeting, StoredRequest};

/// Errors of the storage layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database URL {0:?} is not supported (use sqlite:PATH or a file path)")]
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

pub type Result<T> = std::result::Result<T, StoreError>;

/// The database behind Mitra.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
}

/// What an import changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub organizations_added: usize,
    pub organizations_updated: usize,
    pub delegations_added: usize,
}

impl Store {
    /// Opens (creating if needed) the database at `url` and migrates it.
    /// SQLite runs in WAL mode with `synchronous = FULL` and foreign keys
    /// on, so that a committed transaction survives a crash.
    pub async fn open(url: &str) -> Result<Store> {
        let path = if let Some(rest) = url.strip_prefix("sqlite://") {
            rest
        } else if let Some(rest) = url.strip_prefix("sqlite:") {
            rest
        } else if url.contains("://") {
            return Err(StoreError::UnsupportedUrl(url.to_string()));
        } else {
            url
        };
        let options = SqliteConnectOptions::from_str(&format!("sqlite:{path}"))
            .map_err(|source| StoreError::Open {
                url: url.to_string(),
                source,
            })?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(|source| StoreError::Open {
                url: url.to_string(),
                source,
            })?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        Ok(Store { pool })
    }

    /// Closes every connection (and checkpoints the WAL).
    pub async fn close(self) {
        self.pool.close().await;
    }

    /// The connection pool, for tests that check the schema directly.
    pub fn sqlite_pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Creates an event with its sessions and slots.
    pub async fn create_event(&self, plan: &EventPlan) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        rows::insert_event(&mut tx, plan).await?;
        tx.commit().await?;
        Ok(())
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
        let mut tx = self.pool.begin().await?;
        let summary = rows::import(&mut tx, event, delegations, organizations).await?;
        tx.commit().await?;
        Ok(summary)
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
        let mut tx = self.pool.begin().await?;
        rows::set_tables(&mut tx, event, tables).await?;
        tx.commit().await?;
        Ok(())
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
        let mut tx = self.pool.begin().await?;
        rows::set_interpreters(&mut tx, event, interpreters).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn interpreters(&self, event: &EventId) -> Result<Vec<Interpreter>> {
        rows::interpreters(&self.pool, event).await
    }

    /// Adds people with accounts.
    pub async fn add_people(&self, event: &EventId, people: &[Person]) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        rows::add_people(&mut tx, event, people).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn people(&self, event: &EventId) -> Result<Vec<Person>> {
        rows::people(&self.pool, event).await
    }

    /// Adds meeting requests, all or nothing.
    pub async fn add_requests(&self, event: &EventId, requests: &[MeetingRequest]) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        rows::add_requests(&mut tx, event, requests).await?;
        tx.commit().await?;
        Ok(())
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
        let mut tx = self.pool.begin().await?;
        rows::replace_draft_meetings(&mut tx, event, meetings).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every meeting of an event, by slot then table.
    pub async fn meetings(&self, event: &EventId) -> Result<Vec<StoredMeeting>> {
        rows::meetings(&self.pool, event).await
    }

    /// Publishes every draft meeting of the event; returns how many.
    pub async fn publish_drafts(&self, event: &EventId) -> Result<u64> {
        rows::publish_drafts(&self.pool, event).await
    }

    /// Changes a meeting's status (held, no-show, cancelled, ...).
    pub async fn set_meeting_status(
        &self,
        event: &EventId,
        meeting: i64,
        status: MeetingStatus,
    ) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        rows::set_meeting_status(&mut conn, event, meeting, status).await
    }

    /// Records (or replaces) what one side wrote after a meeting. Only the
    /// meeting's two organizations may record an outcome.
    pub async fn record_outcome(
        &self,
        event: &EventId,
        meeting: i64,
        outcome: &Outcome,
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        rows::record_outcome(&mut tx, event, meeting, outcome).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a day's results in one transaction: meeting statuses (held,
    /// no-show, ...) and outcomes.
    pub async fn record_day(
        &self,
        event: &EventId,
        statuses: &[(i64, MeetingStatus)],
        outcomes: &[(i64, Outcome)],
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        for (meeting, status) in statuses {
            rows::set_meeting_status(&mut tx, event, *meeting, *status).await?;
        }
        for (meeting, outcome) in outcomes {
            rows::record_outcome(&mut tx, event, *meeting, outcome).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Every outcome of the event with its meeting's row id.
    pub async fn outcomes(&self, event: &EventId) -> Result<Vec<(i64, Outcome)>> {
        rows::outcomes(&self.pool, event).await
    }

    /// Adds or replaces a friendship tie (by id).
    pub async fn save_tie(&self, tie: &FriendshipTie) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        rows::save_tie(&mut tx, tie).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn ties(&self) -> Result<Vec<FriendshipTie>> {
        rows::ties(&self.pool).await
    }

    /// Adds or replaces a mission (by delegation and id).
    pub async fn save_mission(&self, event: &EventId, mission: &Mission) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        rows::save_mission(&mut tx, event, mission).await?;
        tx.commit().await?;
        Ok(())
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
        let mut tx = self.pool.begin().await?;
        rows::replace_recommendations(&mut tx, event, recommendations).await?;
        tx.commit().await?;
        Ok(())
    }

    /// An organization's recommended partners, best first.
    pub async fn recommendations(
        &self,
        event: &EventId,
        org: &OrgId,
    ) -> Result<Vec<Recommendation>> {
        rows::recommendations(&self.pool, event, org).await
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
        accounts::set_password(&self.pool, person_key, hash).await
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
        accounts::create_invitation(&self.pool, person_key, token_hash, now, expires_at).await
    }

    /// Uses an invitation, at most once.
    pub async fn redeem_invitation(&self, token_hash: &str, now: i64) -> Result<Redeemed> {
        accounts::redeem_invitation(&self.pool, token_hash, now).await
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
        accounts::create_session(&self.pool, person_key, token_hash, csrf, now, expires_at).await
    }

    /// The person behind a live session.
    pub async fn session_account(&self, token_hash: &str, now: i64) -> Result<Option<Account>> {
        accounts::session_account(&self.pool, token_hash, now).await
    }

    pub async fn end_session(&self, token_hash: &str) -> Result<()> {
        accounts::end_session(&self.pool, token_hash).await
    }

    /// Marks unanswered web requests past their time as expired.
    pub async fn expire_requests(&self, event: &EventId, now: i64) -> Result<u64> {
        accounts::expire_requests(&self.pool, event, now).await
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
        let mut tx = self.pool.begin().await?;
        let asked =
            accounts::ask_meeting(&mut tx, event, from, to, message, now, expires_at).await?;
        tx.commit().await?;
        Ok(asked)
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
        let mut tx = self.pool.begin().await?;
        let status =
            accounts::answer_request(&mut tx, event, request, by, accept, message, now).await?;
        tx.commit().await?;
        Ok(status)
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
        accounts::save_schedule_proposal(&self.pool, event, json, now).await
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
        let mut tx = self.pool.begin().await?;
        accounts::publish_schedule(&mut tx, event, cancel, reassign, add).await?;
        let key = rows::event_key(&mut *tx, event).await?;
        let detail = format!(
            "{} added, {} cancelled, {} reassigned",
            add.len(),
            cancel.len(),
            reassign.len()
        );
        day::announce(&mut tx, key, announcement, "publish", "schedule", &detail).await?;
        tx.commit().await?;
        Ok(())
    }
}
