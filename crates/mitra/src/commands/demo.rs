//! `mitra demo`: the Shandong 2025 conference, end to end.

use super::{export, write_atomically};
use crate::cli::DemoArgs;
use crate::failure::Outcome;
use crate::progress::Step;
use anyhow::Context;
use mitra_store::Store;
use std::path::Path;

/// How many partners the demo recommends per company.
const TOP_K: usize = 10;

/// Runs matching over the event's organizations and stores the result as
/// each company's recommendations.
pub async fn recommend(
    store: &Store,
    event: &mitra_core::ids::EventId,
) -> Outcome<mitra_formats::matching::MatchesFile> {
    let organizations = store.organizations(event).await?;
    let objectives = store
        .delegations(event)
        .await?
        .into_iter()
        .map(|d| (d.id, d.objectives))
        .collect();
    let matches = mitra_formats::matching::recommend(&organizations, &objectives, TOP_K);
    let mut rows = Vec::with_capacity(matches.matches.len());
    for entry in &matches.matches {
        let org = mitra_core::ids::OrgId::parse(&entry.org).map_err(anyhow::Error::from)?;
        let list = entry
            .top
            .iter()
            .map(|m| {
                Ok(mitra_store::Recommendation {
                    other: mitra_core::ids::OrgId::parse(&m.org)?,
                    score: m.score,
                    reasons: serde_json::to_value(&m.reasons)?,
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        rows.push((org, list));
    }
    store.replace_recommendations(event, &rows).await?;
    Ok(matches)
}

/// The demo database's file name inside `--dir`.
pub const DEMO_DB: &str = "mitra-demo.db";

pub async fn run(args: DemoArgs) -> Outcome {
    let store = build(&args.dir).await?;
    if args.no_serve {
        store.close().await;
        return Ok(());
    }
    super::serve::serve(store, &args.addr).await
}

/// Builds the demo database from scratch and writes the outputs.
pub async fn build(dir: &Path) -> Outcome<Store> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let db = dir.join(DEMO_DB);
    // Start from nothing, so that every run gives the same database.
    for suffix in ["", "-wal", "-shm"] {
        let file = dir.join(format!("{DEMO_DB}{suffix}"));
        if file.exists() {
            std::fs::remove_file(&file)
                .with_context(|| format!("removing the old {}", file.display()))?;
        }
    }

    let step = Step::start("Loading the demo conference");
    let conference = crate::demo::conference()?;
    let event = conference.plan.event.id.clone();
    let store = Store::open(&format!("sqlite:{}", db.display())).await?;
    store.create_event(&conference.plan).await?;
    store
        .import(&event, &conference.delegations, &conference.organizations)
        .await?;
    store.set_tables(&event, &conference.tables).await?;
    store
        .set_interpreters(&event, &conference.interpreters)
        .await?;
    store.add_people(&event, &conference.people).await?;
    store.add_requests(&event, &conference.requests).await?;
    for tie in &conference.ties {
        store.save_tie(tie).await?;
    }
    for mission in &conference.missions {
        store.save_mission(&event, mission).await?;
    }
    let guests = conference
        .organizations
        .iter()
        .filter(|o| o.side == mitra_core::organization::Side::Guest)
        .count();
    step.done(format!(
        "{}: {} delegations, {} guest and {} host companies, {} requests, {} interpreters → {}",
        conference.plan.event.name,
        conference.delegations.len(),
        guests,
        conference.organizations.len() - guests,
        conference.requests.len(),
        conference.interpreters.len(),
        db.display()
    ));

    let out = dir.join("out");
    let step = Step::start("Writing the shared formats");
    write_atomically(
        &out.join("organizations.json"),
        &export::organizations(&store, &event).await?,
    )?;
    write_atomically(
        &out.join("schedule-instance.json"),
        &export::schedule_instance(&store, &event).await?,
    )?;
    step.done(format!(
        "{} and {}",
        out.join("organizations.json").display(),
        out.join("schedule-instance.json").display()
    ));

    let step = Step::start("Matching every company with its best partners");
    let matches = recommend(&store, &event).await?;
    write_atomically(
        &out.join("matches.json"),
        &mitra_formats::to_json_bytes(&matches),
    )?;
    step.done(format!(
        "{} ranked partners for every company → {}",
        TOP_K,
        out.join("matches.json").display()
    ));

    eprintln!("{}", conference.notice);
    Ok(store)
}
