//! `mitra demo`: the Shandong 2025 conference, end to end.

use super::{export, write_atomically};
use crate::cli::DemoArgs;
use crate::failure::{Failure, Outcome};
use crate::progress::Step;
use anyhow::Context;
use mitra_store::Store;
use std::path::Path;

/// The demo's trade-flow table: illustrative, not official statistics (its
/// header says so, and every figure taken from it carries that label).
const DEMO_TRADE_FLOWS: &[u8] = include_bytes!("../../../../data/trade/demo-lampung-shandong.csv");

/// How many partners the demo recommends per company.
const TOP_K: usize = 10;

/// Runs matching over the event's organizations and stores the result as
/// each company's recommendations (the same service the web application
/// runs).
pub async fn recommend(
    store: &Store,
    event: &mitra_core::ids::EventId,
) -> Outcome<mitra_formats::matching::MatchesFile> {
    Ok(mitra_web::services::engines::recommend(store, event, TOP_K).await?)
}

/// Schedules the event's requests and stores the meetings as drafts;
/// returns the schedule file (without wall time, so the demo's outputs are
/// the same on every run) and its statistics.
pub async fn schedule(
    store: &Store,
    event: &mitra_core::ids::EventId,
) -> Outcome<(Vec<u8>, mitra_formats::schedule::StatsFile)> {
    use mitra_core::meeting::MeetingStatus;
    let instance = export::schedule_instance(store, event).await?;
    let options = mitra_formats::schedule::ScheduleOptions {
        seconds: false,
        ..Default::default()
    };
    let run = mitra_formats::schedule::run(&instance, None, &options).map_err(|problems| {
        anyhow::anyhow!(
            "the event's schedule instance is invalid: {}",
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        )
    })?;
    for notice in &run.notices {
        eprintln!("{notice}");
    }
    let file: mitra_formats::schedule::ScheduleFile =
        serde_json::from_slice(&run.json).context("reading the schedule")?;
    // Each meeting meets one stored request of its pair (in either order).
    let mut open_requests: std::collections::HashMap<(String, String), Vec<i64>> =
        std::collections::HashMap::new();
    for r in store.requests(event).await? {
        if mitra_formats::event_instance::is_schedulable(&r.request) {
            let (a, b) = (r.request.from.to_string(), r.request.to.to_string());
            let key = if a <= b { (a, b) } else { (b, a) };
            open_requests.entry(key).or_default().push(r.id);
        }
    }
    let mut meetings = Vec::with_capacity(file.meetings.len());
    for m in &file.meetings {
        let key = if m.a <= m.b {
            (m.a.clone(), m.b.clone())
        } else {
            (m.b.clone(), m.a.clone())
        };
        let request = open_requests
            .get_mut(&key)
            .and_then(|ids| (!ids.is_empty()).then(|| ids.remove(0)));
        meetings.push((
            request,
            m.to_meeting(MeetingStatus::Draft)
                .map_err(anyhow::Error::from)?,
        ));
    }
    store.replace_draft_meetings(event, &meetings).await?;
    Ok((run.json, file.stats))
}

/// The demo database's file name inside `--dir`.
pub const DEMO_DB: &str = "mitra-demo.db";

/// The demo's signing secret for badges and calendar links (demo only: a
/// real event's is random).
const DEMO_PASS_KEY: &str = "demo-only-fcw-2025-jinan-not-a-secret";

/// When the demo's schedule was published: 20 May 2025, 12:00 in Jinan.
const DEMO_PUBLISHED_AT: i64 = 1_747_713_600;

/// The registration workbook, every participant's agenda (PDF in their
/// language, and their calendar), the table plan and the badges.
async fn write_paper(
    store: &Store,
    event: &mitra_core::ids::EventId,
    out: &Path,
    fonts: Option<&mitra_docs::Fonts>,
) -> Outcome<String> {
    let template =
        mitra_sheets::template::write_registration(&[], &[], mitra_sheets::SheetFormat::Xlsx)
            .map_err(anyhow::Error::from)?;
    write_atomically(&out.join("registration-template.xlsx"), &template)?;
    let paper = mitra_web::services::paper::Paper::load(store, event).await?;
    let agendas_dir = out.join("agendas");
    let mut agendas = 0;
    for person in paper.people() {
        let Some(agenda) = paper.agenda(&person.id, None) else {
            continue;
        };
        let lang =
            mitra_web::services::paper::doc_lang(mitra_web::services::notify::language_of(person));
        if let Some(ics) =
            mitra_web::services::calendar::for_person(store, event, &person.id).await?
        {
            write_atomically(
                &agendas_dir.join(format!("{}.ics", person.id)),
                ics.as_bytes(),
            )?;
        }
        if let Some(fonts) = fonts {
            let pdf = mitra_docs::render_agenda_pdf(&agenda, lang, fonts)
                .map_err(|e| anyhow::anyhow!("the agenda of {}: {e}", person.id))?;
            write_atomically(&agendas_dir.join(format!("{}.pdf", person.id)), &pdf)?;
        }
        agendas += 1;
    }
    if let Some(fonts) = fonts {
        let en = mitra_docs::Lang::En;
        let plan = mitra_docs::render_table_plan_pdf(&paper.table_plan(), en, fonts)
            .map_err(|e| anyhow::anyhow!("the table plan: {e}"))?;
        write_atomically(&out.join("table-plan.pdf"), &plan)?;
        let badges = mitra_docs::render_badges_pdf(&paper.event(), &paper.badges(), en, fonts)
            .map_err(|e| anyhow::anyhow!("the badges: {e}"))?;
        write_atomically(&out.join("badges.pdf"), &badges)?;
        let tents =
            mitra_docs::render_table_tents_pdf(&paper.event(), &paper.table_tents(), en, fonts)
                .map_err(|e| anyhow::anyhow!("the table tents: {e}"))?;
        write_atomically(&out.join("table-tents.pdf"), &tents)?;
    }
    Ok(format!(
        "{agendas} agendas (PDF and .ics) → {}, table-plan.pdf, table-tents.pdf, badges.pdf, registration-template.xlsx → {}",
        agendas_dir.display(),
        out.display()
    ))
}

pub async fn run(args: DemoArgs) -> Outcome {
    let store = build(&args.dir, args.database.as_deref()).await?;
    super::demo_links::print(&store, &args.addr).await?;
    if args.no_serve {
        store.close().await;
        return Ok(());
    }
    let outbox = args.dir.join("out").join("outbox");
    super::serve::serve(store, &args.addr, &args.mail, &outbox).await
}

/// Opens the database `--database` names, which must hold no event (and
/// no friendship tie) yet: the demo never mixes its fictional conference
/// into other data. Returns the store and the URL to show (without its
/// password).
async fn open_empty(url: &str, dir: &Path) -> Outcome<(Store, String)> {
    let shown = mitra_store::redact_url(url);
    let store = Store::open(url).await?;
    let events = store.events().await?;
    let ties = store.ties().await?;
    if events.is_empty() && ties.is_empty() {
        return Ok((store, shown));
    }
    store.close().await;
    let holds = if events.is_empty() {
        format!("{} friendship tie(s)", ties.len())
    } else {
        format!(
            "{} event(s): {}",
            events.len(),
            events
                .iter()
                .map(|e| e.id.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    Err(Failure::bad_input([format!(
        "--database: {shown} already holds {holds}; the demo is built only into a database \
         without events (give a new, empty one, or leave out --database to rebuild {})",
        dir.join(DEMO_DB).display()
    )]))
}

/// Builds the demo and writes the outputs under `dir`. The database is
/// `database` when given (it must hold no event yet; checked before
/// anything is written), else `dir`'s [`DEMO_DB`], rebuilt from scratch.
pub async fn build(dir: &Path, database: Option<&str>) -> Outcome<Store> {
    let given = match database {
        Some(url) => Some(open_empty(url, dir).await?),
        None => None,
    };
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let db = dir.join(DEMO_DB);
    if given.is_none() {
        // Start from nothing, so that every run gives the same database.
        for suffix in ["", "-wal", "-shm"] {
            let file = dir.join(format!("{DEMO_DB}{suffix}"));
            if file.exists() {
                std::fs::remove_file(&file)
                    .with_context(|| format!("removing the old {}", file.display()))?;
            }
        }
    }

    let step = Step::start("Loading the demo conference");
    let conference = crate::demo::conference()?;
    let event = conference.plan.event.id.clone();
    let (store, place) = match given {
        Some(given) => given,
        None => (
            Store::open(&format!("sqlite:{}", db.display())).await?,
            db.display().to_string(),
        ),
    };
    store.create_event(&conference.plan).await?;
    // A fixed secret, so that the demo's badges and feed links are the same
    // on every run (a real event gets a random one on first use).
    store.set_pass_key(&event, DEMO_PASS_KEY).await?;
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
        place
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

    let step = Step::start("Scheduling the requested meetings");
    let (schedule_json, stats) = schedule(&store, &event).await?;
    write_atomically(&out.join("schedule.json"), &schedule_json)?;
    step.done(format!(
        "met {}/{} mutual, {}/{} accepted, {}/{} suggested requests; {} breaks → {}",
        stats.met[0],
        stats.requested[0],
        stats.met[1],
        stats.requested[1],
        stats.met[2],
        stats.requested[2],
        stats.breaks,
        out.join("schedule.json").display()
    ));

    // The conference took place on 27 May 2025: the demo shows it after the
    // fact, with the schedule published, the day's attendance and outcomes.
    let step = Step::start("Recording the day: attendance and outcomes");
    store.publish_drafts(&event).await?;
    let meetings = store.meetings(&event).await?;
    let day = crate::demo::simulate_day(&meetings, &conference.organizations);
    store
        .record_day(&event, &day.statuses, &day.outcomes)
        .await?;
    // Dated like the records they stand for, not like this run.
    store.restamp_meetings(&event, DEMO_PUBLISHED_AT).await?;
    step.done(format!(
        "{} meetings, {} outcomes recorded (demo)",
        meetings.len(),
        day.outcomes.len()
    ));

    let step = Step::start("Writing the reports");
    let reports = out.join("reports");
    let flows = mitra_insight::flows::TradeFlows::parse(
        DEMO_TRADE_FLOWS,
        "data/trade/demo-lampung-shandong.csv",
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let lampung = mitra_core::ids::DelegationId::parse("lampung").map_err(anyhow::Error::from)?;
    // A machine without a CJK font still gets every other output.
    let fonts = match mitra_docs::Fonts::system() {
        Ok(fonts) => Some(fonts),
        Err(e) => {
            eprintln!("! the PDF reports are skipped: {e}");
            None
        }
    };
    super::report::write_mission(
        &store,
        &event,
        &lampung,
        Some(flows),
        &mitra_docs::Lang::ALL,
        &reports.join("lampung"),
        fonts.as_ref(),
    )
    .await?;
    super::report::write_event(
        &store,
        &event,
        &mitra_docs::Lang::ALL,
        &reports,
        fonts.as_ref(),
    )
    .await?;
    step.done(format!(
        "the Lampung mission report and the event report in English, Indonesian and Chinese → {}",
        reports.display()
    ));

    let step = Step::start("Writing the paper: agendas, calendars, table plan, badges");
    let written = write_paper(&store, &event, &out, fonts.as_ref()).await?;
    step.done(written);

    eprintln!("{}", conference.notice);
    Ok(store)
}
