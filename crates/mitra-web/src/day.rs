//! The live day's pages: the check-in desk (`/organizer/checkin`), the
//! organizer's day board (`/organizer/day`: who is here, no-shows,
//! walk-ins, re-scheduling the rest of the day, the mail queue), a
//! company's own no-show button, and the calendar feeds (`/calendar/…`),
//! which calendar clients fetch without a session: the link's signature is
//! the key.

use crate::AppState;
use crate::auth::{Viewer, now};
use crate::errors::{OrPage, PageResult, Problem};
use crate::services::calendar::{self, Attendee, Names};
use crate::services::day::{self, DayError, Marker};
use crate::services::{notify, passes};
use crate::view::{render, when};
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use mitra_core::ids::{EventId, OrgId, PersonId, SlotId};
use mitra_core::meeting::MeetingStatus;
use mitra_core::organization::Side;
use mitra_core::people::Role;
use mitra_store::CheckIn;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ScanForm {
    csrf: String,
    code: String,
}

/// The check-in desk: a field a scanner types into, and a camera button
/// where the browser can read QR codes.
pub async fn checkin_desk(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    desk(&state, &viewer, None).await
}

async fn desk(state: &AppState, viewer: &Viewer, result: Option<minijinja::Value>) -> PageResult {
    let account = viewer.organizer()?;
    let event = account.event.clone();
    let lang = viewer.lang;
    let people = state.store.people(&event).await.or_page(lang)?;
    let checked = state.store.checkins(&event).await.or_page(lang)?;
    let expected = people
        .iter()
        .filter(|p| matches!(p.role, Role::CompanyRep(_) | Role::Interpreter(_)))
        .count();
    let log: Vec<_> = state
        .store
        .audit_log(&event, 200)
        .await
        .or_page(lang)?
        .into_iter()
        .filter(|e| e.action == "check-in" || e.action == "badge-refused")
        .take(12)
        .map(|e| {
            let name = people
                .iter()
                .find(|p| p.id.as_str() == e.subject)
                .map_or(e.subject.clone(), |p| p.name.clone());
            minijinja::context! { refused => e.action == "badge-refused", name, detail => e.detail }
        })
        .collect();
    render(
        viewer,
        "checkin.html",
        minijinja::context! { result, checked => checked.len(), expected, log },
    )
}

pub async fn checkin_scan(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<ScanForm>,
) -> PageResult {
    let account = viewer.organizer()?;
    viewer.check_csrf(&form.csrf)?;
    let event = account.event.clone();
    let outcome = day::scan_badge(
        &state.store,
        &event,
        &form.code,
        account.person.as_str(),
        now(),
    )
    .await;
    let result = match outcome {
        Ok((person, CheckIn::First(_))) => {
            minijinja::context! { ok => true, key => "checkin-welcome", name => person.name }
        }
        Ok((person, CheckIn::Again(_))) => {
            minijinja::context! { ok => true, key => "checkin-again", name => person.name }
        }
        Err(DayError::Badge(e)) => {
            let key = match e {
                passes::PassError::OtherEvent(_) => "checkin-other-event",
                passes::PassError::Malformed => "checkin-malformed",
                passes::PassError::Forged => "checkin-forged",
            };
            minijinja::context! { ok => false, key, name => "" }
        }
        Err(e) => return Err(viewer.error(Problem::Unexpected(e.to_string()))),
    };
    desk(&state, &viewer, Some(result)).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DayQuery {
    slot: String,
    done: String,
}

/// The notices the day board knows (the query is the visitor's to type).
const DAY_NOTICES: [&str; 7] = [
    "no-show",
    "walk-in",
    "rescheduled",
    "not-started",
    "both-present",
    "no-free-slot",
    "not-a-pair",
];

/// The organizer's day board for one slot.
pub async fn board(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<DayQuery>,
) -> PageResult {
    let account = viewer.organizer()?;
    let event = account.event.clone();
    let lang = viewer.lang;
    let store = &state.store;
    let parts = day::Parts::load(store, &event).await.or_page(lang)?;
    let plan = &parts.plan;
    let clock = now();
    // The slot asked for; else the first that has not started; else the
    // last of the event.
    let slot = plan
        .slots
        .iter()
        .find(|s| s.id.as_str() == q.slot)
        .or_else(|| {
            plan.slots
                .iter()
                .find(|s| day::slot_starts_at(plan, &s.id).is_some_and(|t| t > clock))
        })
        .or(plan.slots.last())
        .ok_or(viewer.error(Problem::NotFound))?;
    let present = day::present_organizations(store, &event, &parts.people)
        .await
        .or_page(lang)?;
    let meetings = store.meetings(&event).await.or_page(lang)?;
    let started = day::slot_starts_at(plan, &slot.id).is_some_and(|t| t <= clock);
    let name = |id: &OrgId| {
        parts
            .org_names
            .get(id.as_str())
            .cloned()
            .unwrap_or_default()
    };
    let rows: Vec<_> = meetings
        .iter()
        .filter(|m| m.meeting.slot == slot.id && m.meeting.status.occupies())
        .filter(|m| m.meeting.status != MeetingStatus::Draft)
        .map(|m| {
            let a_here = present.contains(&m.meeting.a);
            let b_here = present.contains(&m.meeting.b);
            minijinja::context! {
                id => m.id, table => m.meeting.table.as_str(),
                a => name(&m.meeting.a), b => name(&m.meeting.b), a_here, b_here,
                status => m.meeting.status.as_str(),
                can_mark => started && m.meeting.status == MeetingStatus::Published && !(a_here && b_here),
            }
        })
        .collect();
    let options = |side: Side| -> Vec<minijinja::Value> {
        parts
            .organizations
            .iter()
            .filter(|o| o.side == side)
            .map(|o| minijinja::context! { id => o.id.as_str(), name => o.name.clone() })
            .collect()
    };
    let slots: Vec<_> = plan
        .slots
        .iter()
        .map(|s| minijinja::context! { id => s.id.as_str(), when => when(plan, &s.id) })
        .collect();
    let mail = store.mail_queue(&event).await.or_page(lang)?;
    let log: Vec<_> = store
        .audit_log(&event, 15)
        .await
        .or_page(lang)?
        .into_iter()
        .map(|e| {
            let at = chrono::DateTime::from_timestamp(e.at, 0)
                .map(|t| t.with_timezone(&plan.event.time_zone).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
            minijinja::context! { at, actor => e.actor, action => e.action, subject => e.subject, detail => e.detail }
        })
        .collect();
    let done = DAY_NOTICES.iter().find(|n| **n == q.done).copied();
    render(
        &viewer,
        "day.html",
        minijinja::context! {
            slot => slot.id.as_str(), when => when(plan, &slot.id), slots, rows, started,
            guests => options(Side::Guest), hosts => options(Side::Host),
            mail => minijinja::context! {
                sent => mail.sent, waiting => mail.waiting, retrying => mail.retrying,
                failed => mail.failed, last_error => mail.last_error,
            },
            log, done,
        },
    )
}

fn day_redirect(slot: &str, done: &str) -> Response {
    let slot: String = slot
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    Redirect::to(&format!("/organizer/day?slot={slot}&done={done}")).into_response()
}

/// What the day's refusals show as a notice instead of an error page.
fn notice(e: &DayError) -> Option<&'static str> {
    match e {
        DayError::NotStarted => Some("not-started"),
        DayError::BothPresent => Some("both-present"),
        DayError::NoFreeSlot => Some("no-free-slot"),
        DayError::NotAPair => Some("not-a-pair"),
        _ => None,
    }
}

fn day_error(viewer: &Viewer, e: DayError) -> crate::errors::PageError {
    match e {
        DayError::Engine(crate::services::engines::EngineError::Store(
            mitra_store::StoreError::NotFound { .. },
        )) => viewer.error(Problem::NotFound),
        DayError::NotYours => viewer.error(Problem::Forbidden),
        DayError::NotPublished(_) => viewer.error(Problem::BadRequest("error-bad-form")),
        other => viewer.error(Problem::Unexpected(other.to_string())),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SlotForm {
    csrf: String,
    slot: String,
}

pub async fn organizer_no_show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(meeting): Path<i64>,
    Form(form): Form<SlotForm>,
) -> PageResult {
    let account = viewer.organizer()?;
    viewer.check_csrf(&form.csrf)?;
    let event = account.event.clone();
    match day::mark_no_show(
        &state.store,
        &event,
        meeting,
        Marker::Organizer,
        account.person.as_str(),
        now(),
    )
    .await
    {
        Ok(()) => Ok(day_redirect(&form.slot, "no-show")),
        Err(e) => match notice(&e) {
            Some(n) => Ok(day_redirect(&form.slot, n)),
            None => Err(day_error(&viewer, e)),
        },
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CsrfOnly {
    csrf: String,
}

/// A company's own button: the partner did not come.
pub async fn company_no_show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(meeting): Path<i64>,
    Form(form): Form<CsrfOnly>,
) -> PageResult {
    let (account, org) = viewer.company()?;
    viewer.check_csrf(&form.csrf)?;
    let event = account.event.clone();
    match day::mark_no_show(
        &state.store,
        &event,
        meeting,
        Marker::Company(&org),
        account.person.as_str(),
        now(),
    )
    .await
    {
        Ok(()) => Ok(Redirect::to("/company?done=no-show").into_response()),
        Err(e) => match notice(&e) {
            Some(n) => Ok(Redirect::to(&format!("/company?done={n}")).into_response()),
            None => Err(day_error(&viewer, e)),
        },
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct WalkInForm {
    csrf: String,
    guest: String,
    host: String,
    slot: String,
}

pub async fn walk_in(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<WalkInForm>,
) -> PageResult {
    let account = viewer.organizer()?;
    viewer.check_csrf(&form.csrf)?;
    let event = account.event.clone();
    let bad = || viewer.error(Problem::BadRequest("error-bad-form"));
    let guest = OrgId::parse(&form.guest).map_err(|_| bad())?;
    let host = OrgId::parse(&form.host).map_err(|_| bad())?;
    let from = SlotId::parse(&form.slot).map_err(|_| bad())?;
    match day::walk_in(
        &state.store,
        &event,
        &guest,
        &host,
        &from,
        account.person.as_str(),
        now(),
    )
    .await
    {
        Ok(m) => Ok(day_redirect(m.meeting.slot.as_str(), "walk-in")),
        Err(e) => match notice(&e) {
            Some(n) => Ok(day_redirect(&form.slot, n)),
            None => Err(day_error(&viewer, e)),
        },
    }
}

pub async fn reschedule(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<SlotForm>,
) -> PageResult {
    let account = viewer.organizer()?;
    viewer.check_csrf(&form.csrf)?;
    let event = account.event.clone();
    let from = SlotId::parse(&form.slot)
        .map_err(|_| viewer.error(Problem::BadRequest("error-bad-form")))?;
    day::reschedule_rest(&state.store, &event, &from, account.person.as_str(), now())
        .await
        .map_err(|e| day_error(&viewer, e))?;
    Ok(day_redirect(&form.slot, "rescheduled"))
}

/// A person's calendar feed. The link is the key: a wrong signature, an
/// unknown person or event all answer 404, so links cannot be probed.
pub async fn feed(
    State(state): State<AppState>,
    Path((event, person, file)): Path<(String, String, String)>,
) -> Response {
    match feed_body(&state, &event, &person, &file).await {
        Ok(Some(body)) => {
            let mut response = body.into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            );
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-cache"),
            );
            response
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "calendar feed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn feed_body(
    state: &AppState,
    event: &str,
    person: &str,
    file: &str,
) -> Result<Option<String>, mitra_store::StoreError> {
    let (Ok(event), Ok(person), Some(token)) = (
        EventId::parse(event),
        PersonId::parse(person),
        file.strip_suffix(".ics"),
    ) else {
        return Ok(None);
    };
    if !state.store.events().await?.iter().any(|e| e.id == event) {
        return Ok(None);
    }
    let secret = passes::event_secret(&state.store, &event).await?;
    if !passes::feed_token_holds(&secret, &event, &person, token) {
        return Ok(None);
    }
    person_calendar(state, &event, &person).await
}

/// The calendar text of one person (a company representative or an
/// interpreter); `None` for other roles or unknown people.
pub async fn person_calendar(
    state: &AppState,
    event: &EventId,
    person: &PersonId,
) -> Result<Option<String>, mitra_store::StoreError> {
    let store = &state.store;
    let people = store.people(event).await?;
    let Some(found) = people.iter().find(|p| p.id == *person) else {
        return Ok(None);
    };
    let attendee = match &found.role {
        Role::CompanyRep(org) => Attendee::Company(org.clone()),
        Role::Interpreter(i) => Attendee::Interpreter(i.clone()),
        _ => return Ok(None),
    };
    let plan = store.event_plan(event).await?;
    let orgs: HashMap<String, String> = store
        .organizations(event)
        .await?
        .into_iter()
        .map(|o| (o.id.to_string(), o.name))
        .collect();
    let interpreters: HashMap<String, String> = store
        .interpreters(event)
        .await?
        .into_iter()
        .map(|i| (i.id.to_string(), i.name))
        .collect();
    let meetings = store.meetings(event).await?;
    let stamps = store.meeting_stamps(event).await?;
    let cal = calendar::calendar(
        &plan,
        &meetings,
        &stamps,
        &attendee,
        &Names {
            organizations: &orgs,
            interpreters: &interpreters,
        },
        notify::language_of(found),
    );
    Ok(Some(calendar::feed(&cal)))
}

/// The signed-in person's own calendar as a download.
pub async fn my_calendar(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    let account = viewer.account()?;
    let body = person_calendar(&state, &account.event, &account.person)
        .await
        .or_page(viewer.lang)?
        .ok_or(viewer.error(Problem::NotFound))?;
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"mitra-agenda.ics\""),
    );
    Ok(response)
}
