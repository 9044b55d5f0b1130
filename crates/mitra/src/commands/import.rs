//! `mitra import`: organizations into an event, all or nothing.

use super::{choose_event, open_existing, read_input};
use crate::cli::ImportArgs;
use crate::failure::{Failure, Outcome};

pub async fn run(args: ImportArgs) -> Outcome {
    let bytes = read_input(&args.file)?;
    let file = args.file.display().to_string();
    let organizations = mitra_formats::organizations::parse(&bytes)
        .map_err(|problems| Failure::bad_input(problems.iter().map(|p| format!("{file}: {p}"))))?;
    let store = open_existing(&args.database.url).await?;
    let event = choose_event(&store, &args.event).await?;
    let summary = store.import(&event, &[], &organizations).await?;
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
