//! `mitra export`: an event in the shared formats.

use super::{choose_event, open_existing, write_output};
use crate::cli::{ExportArgs, ExportWhat};
use crate::failure::{Failure, Outcome};
use mitra_core::ids::EventId;
use mitra_sheets::SheetFormat;
use mitra_sheets::export::{self, Names};
use mitra_store::Store;
use std::collections::HashMap;

pub async fn run(args: ExportArgs) -> Outcome {
    let store = open_existing(&args.database.url).await?;
    let event = choose_event(&store, &args.event).await?;
    let format = match &args.output {
        Some(path) => SheetFormat::from_file_name(&path.display().to_string()),
        None => None,
    };
    let sheet_format = || -> Outcome<SheetFormat> {
        match (&args.output, format) {
            (None, _) => Ok(SheetFormat::Csv),
            (Some(_), Some(f)) => Ok(f),
            (Some(path), None) => Err(Failure::bad_input([format!(
                "-o {}: the file must end in .xlsx or .csv",
                path.display()
            )])),
        }
    };
    let bytes = match args.what {
        ExportWhat::Organizations => organizations(&store, &event).await?,
        ExportWhat::ScheduleInstance => schedule_instance(&store, &event).await?,
        ExportWhat::Participants => {
            let delegations = store.delegations(&event).await?;
            let orgs = store.organizations(&event).await?;
            mitra_sheets::template::write_registration(&delegations, &orgs, sheet_format()?)
                .map_err(anyhow::Error::from)?
        }
        ExportWhat::Requests | ExportWhat::Schedule | ExportWhat::Outcomes => {
            let format = sheet_format()?;
            let orgs = store.organizations(&event).await?;
            let interpreters = store.interpreters(&event).await?;
            let names = Names::new(&orgs, &interpreters);
            let tables = match args.what {
                ExportWhat::Requests => {
                    let requests: Vec<_> = store
                        .requests(&event)
                        .await?
                        .into_iter()
                        .map(|r| r.request)
                        .collect();
                    vec![export::requests_table(&requests, &names)]
                }
                ExportWhat::Schedule => {
                    let plan = store.event_plan(&event).await?;
                    let meetings: Vec<_> = store
                        .meetings(&event)
                        .await?
                        .into_iter()
                        .map(|m| m.meeting)
                        .collect();
                    export::schedule_tables(&plan, &meetings, &names)
                }
                _ => {
                    let meetings: HashMap<i64, _> = store
                        .meetings(&event)
                        .await?
                        .into_iter()
                        .map(|m| (m.id, m.meeting))
                        .collect();
                    let outcomes: Vec<_> = store
                        .outcomes(&event)
                        .await?
                        .into_iter()
                        .filter_map(|(id, o)| meetings.get(&id).map(|m| (m.clone(), o)))
                        .collect();
                    vec![export::outcomes_table(&outcomes, &names)]
                }
            };
            export::write_tables(&tables, format).map_err(anyhow::Error::from)?
        }
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

/// The event as `mitra/schedule-instance@1` (the same service the web
/// application's scheduler runs on).
pub async fn schedule_instance(store: &Store, event: &EventId) -> Outcome<Vec<u8>> {
    Ok(mitra_web::services::engines::schedule_instance(store, event).await?)
}
