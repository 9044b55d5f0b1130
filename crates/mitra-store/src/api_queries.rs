//! Store queries that only the JSON API needs.

use crate::db::write_tx;
use crate::{Result, Store, rows};
use mitra_core::event::{EventPlan, Table};

impl Store {
    /// Creates an event with its sessions, slots and tables in one
    /// transaction: either all of it is stored or none of it.
    pub async fn create_event_with_tables(&self, plan: &EventPlan, tables: &[Table]) -> Result<()> {
        write_tx!(self, |tx| {
            rows::insert_event(tx, plan).await?;
            rows::set_tables(tx, &plan.event.id, tables).await
        })
    }
}
