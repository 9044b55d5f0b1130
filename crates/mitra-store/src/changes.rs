//! How a server knows that what it keeps of an event is still current:
//! the event's generation, counted up by triggers (migration 0005) on
//! every write to a table the event's pages show.

use crate::{Result, Store, StoreError};
use mitra_core::ids::EventId;

impl Store {
    /// A number that grows with every change to the event's plan,
    /// delegations, organizations, people, tables, interpreters, requests,
    /// meetings, outcomes, recommendations and missions, by any process.
    /// Equal numbers mean nothing the pages show has changed.
    pub async fn event_generation(&self, event: &EventId) -> Result<i64> {
        sqlx::query_scalar(
            "SELECT c.generation FROM event_change c JOIN event e ON e.id = c.event_id \
             WHERE e.code = $1",
        )
        .bind(event.as_str())
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| StoreError::NotFound {
            what: "event",
            id: event.to_string(),
        })
    }
}
