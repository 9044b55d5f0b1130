//! `mitra init`: a new empty database, optionally with an event.

use crate::cli::InitArgs;
use crate::failure::{Failure, Outcome};
use chrono::{NaiveDate, NaiveTime};
use mitra_core::event::{Event, EventPlan, Session, Table};
use mitra_core::ids::{EventId, SessionId, TableId};
use mitra_store::Store;

pub async fn run(args: InitArgs) -> Outcome {
    let plan = match &args.event {
        Some(event) => Some(plan_from_args(&args, event)?),
        None => None,
    };
    let store = Store::open(&args.database.url).await?;
    if let Some(plan) = plan {
        store.create_event(&plan).await.map_err(|e| match e {
            mitra_store::StoreError::Conflict(m) => Failure::bad_input([format!("--event: {m}")]),
            other => Failure::Other(other.into()),
        })?;
        let pool: Vec<Table> = (1..=args.pool_tables)
            .map(|n| {
                Ok(Table {
                    id: TableId::parse(&format!("P{n:02}"))
                        .map_err(|e| Failure::Other(e.into()))?,
                    fixed_to: None,
                })
            })
            .collect::<Outcome<_>>()?;
        store.set_tables(&plan.event.id, &pool).await?;
        eprintln!(
            "created event {} with {} slots and {} pool tables in {}",
            plan.event.id,
            plan.slots.len(),
            pool.len(),
            args.database.url
        );
    } else {
        eprintln!("database ready: {}", args.database.url);
    }
    store.close().await;
    Ok(())
}

fn plan_from_args(args: &InitArgs, event: &str) -> Outcome<EventPlan> {
    let mut problems = Vec::new();
    let id = EventId::parse(event)
        .map_err(|e| problems.push(format!("--event: {e}")))
        .ok();
    let date = args.date.as_deref().and_then(|d| {
        NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| problems.push(format!("--date: {d:?} is not a date like 2025-05-27")))
            .ok()
    });
    let time_zone = args
        .time_zone
        .parse::<chrono_tz::Tz>()
        .map_err(|_| {
            problems.push(format!(
                "--time-zone: unknown time zone {:?} (an IANA name such as Asia/Shanghai)",
                args.time_zone
            ))
        })
        .ok();
    let mut sessions = Vec::new();
    for (i, raw) in args.sessions.iter().enumerate() {
        match parse_session(raw, date) {
            Ok(Some(s)) => sessions.push(s),
            Ok(None) => {}
            Err(m) => problems.push(format!("--session[{i}] {raw:?}: {m}")),
        }
    }
    if !problems.is_empty() {
        return Err(Failure::BadInput(problems));
    }
    let (Some(id), Some(time_zone)) = (id, time_zone) else {
        return Err(Failure::bad_input(["--event: invalid"]));
    };
    let event = Event {
        id,
        name: args.name.clone().unwrap_or_default(),
        name_zh: None,
        name_id: None,
        venue: None,
        city: None,
        time_zone,
        slot_minutes: args.slot_minutes,
        demo: false,
    };
    EventPlan::new(event, sessions).map_err(|e| Failure::bad_input([format!("sessions: {e}")]))
}

/// `am=09:00+9`: session id, start time, number of slots.
fn parse_session(raw: &str, date: Option<NaiveDate>) -> Result<Option<Session>, String> {
    let (id, rest) = raw.split_once('=').ok_or("expected ID=HH:MM+SLOTS")?;
    let (start, count) = rest.split_once('+').ok_or("expected ID=HH:MM+SLOTS")?;
    let id = SessionId::parse(id).map_err(|e| e.to_string())?;
    let start = NaiveTime::parse_from_str(start, "%H:%M")
        .map_err(|_| format!("{start:?} is not a time like 09:00"))?;
    let slot_count: u32 = count
        .parse()
        .map_err(|_| format!("{count:?} is not a number of slots"))?;
    Ok(date.map(|date| Session {
        name: id.to_string(),
        id,
        date,
        start,
        slot_count,
    }))
}
