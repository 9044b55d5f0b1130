//! `mitra import`: delegations and organizations into an event, all or
//! nothing, from the registration workbook, a CSV or mitra/organizations@1.

use super::{choose_event, open_existing, read_input};
use crate::cli::{ImportArgs, SideArg};
use crate::failure::{Failure, Outcome};
use mitra_core::organization::Side;
use mitra_sheets::SheetFormat;
use mitra_sheets::read::EventDays;
use mitra_sheets::read::ReadOptions;

pub async fn run(args: ImportArgs) -> Outcome {
    let bytes = read_input(&args.file)?;
    let file = args.file.display().to_string();
    let store = open_existing(&args.database.url).await?;
    let event = choose_event(&store, &args.event).await?;
    let (delegations, organizations) = match SheetFormat::from_file_name(&file) {
        Some(_) => {
            let options = ReadOptions {
                default_side: args.side.map(|s| match s {
                    SideArg::Guest => Side::Guest,
                    SideArg::Host => Side::Host,
                }),
            };
            // Dates of attendance must fall within the event's days.
            let days = EventDays::of_plan(&store.event_plan(&event).await?);
            let registration =
                mitra_sheets::read_registration_for_event(&bytes, &file, options, days).map_err(
                    |problems| Failure::bad_input(problems.iter().map(|p| format!("{file}: {p}"))),
                )?;
            (registration.delegations, registration.organizations)
        }
        None => {
            let organizations =
                mitra_formats::organizations::parse(&bytes).map_err(|problems| {
                    Failure::bad_input(problems.iter().map(|p| format!("{file}: {p}")))
                })?;
            (Vec::new(), organizations)
        }
    };
    let summary = store.import(&event, &delegations, &organizations).await?;
    eprintln!(
        "imported {} organizations into {event}: {} new, {} updated; {} new delegations",
        organizations.len(),
        summary.organizations_added,
        summary.organizations_updated,
        summary.delegations_added
    );
    store.close().await;
    Ok(())
}
