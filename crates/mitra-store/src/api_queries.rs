//! Store queries that only the JSON API needs.

use crate::{Result, Store, rows};
use mitra_core::event::{EventPlan, Table};

impl Store {
    /// Creates an event with its sessions, slots and tables in one
    /// transaction: either all of it is stored or none of it.
    pub async fn create_event_with_tables(&self, plan: &EventPlan, tables: &[Table]) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        rows::insert_event(&mut tx, plan).await?;
        rows::set_tables(&mut tx, &plan.event.id, tables).await?;
        tx.commit().await?;
        Ok(())
    }
}
