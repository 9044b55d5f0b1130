//! `mitra export`: an event in the shared formats.

use super::{choose_event, open_existing, write_output};
use crate::cli::{ExportArgs, ExportWhat};
use crate::failure::Outcome;
use mitra_core::ids::EventId;
use mitra_store::Store;

pub async fn run(args: ExportArgs) -> Outcome {
    let store = open_existing(&args.database.url).await?;
    let event = choose_event(&store, &args.event).await?;
    let bytes = match args.what {
        ExportWhat::Organizations => organizations(&store, &event).await?,
        ExportWhat::ScheduleInstance => schedule_instance(&store, &event).await?,
    };
    store.close().await;
    write_output(args.output.as_deref(), &bytes)
}

/// The event's organizations as `mitra/organizations@1`, by id.
pub async fn organizations(store: &Store, event: &EventId) -> Outcome<Vec<u8>> {
    let orgs = store.organizations(event).await?;
    let demo = store.event_plan(event).await?.event.demo;
    let notice = demo.then_some(mitra_formats::event_instance::DEMO_NOTICE);
    Ok(mitra_formats::organizations::write(&orgs, notice))
}

/// The event as `mitra/schedule-instance@1`.
pub async fn schedule_instance(store: &Store, event: &EventId) -> Outcome<Vec<u8>> {
    let plan = store.event_plan(event).await?;
    let orgs = store.organizations(event).await?;
    let tables = store.tables(event).await?;
    let interpreters = store.interpreters(event).await?;
    let requests: Vec<_> = store
        .requests(event)
        .await?
        .into_iter()
        .map(|r| r.request)
        .collect();
    let instance = mitra_formats::event_instance::instance_for_event(
        &plan,
        &orgs,
        &tables,
        &interpreters,
        &requests,
    );
    Ok(mitra_formats::event_instance::write_instance(
        &instance,
        plan.event.demo,
    ))
}
