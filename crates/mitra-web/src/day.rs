//! The live day's pages: the check-in desk (`/organizer/checkin`), the
//! organizer's day board (`/organizer/day`: who is here, no-shows,
//! walk-ins, re-scheduling the rest of the day, the mail queue), a
//! company's own no-show button, and the calendar feeds (`/calendar/…`),
//! which calendar clients fetch without a session: the link's signature is
//! the key.

use crate::AppState;
use crate::auth::{Viewer, now};
use crate::errors::{OrPage, PageError, PageResult, Problem};
use crate::services::calendar;
use crate::services::day::{self, DayError, Marker};
use crate::services::paper::{self, Paper};
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
const DAY_NOTICES: [&str; 8] = [
    "no-show",
    "walk-in",
    "rescheduled",
    "not-started",
    "both-present",
    "no-free-slot",
    "not-a-pair",
    "busy",
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
        DayError::Busy => Some("busy"),
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
    match day::reschedule_rest(&state.store, &event, &from, account.person.as_str(), now()).await {
        Ok(_) => Ok(day_redirect(&form.slot, "rescheduled")),
        Err(e) => match notice(&e) {
            Some(n) => Ok(day_redirect(&form.slot, n)),
            None => Err(day_error(&viewer, e)),
        },
    }
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
    calendar::for_person(&state.store, &event, &person).await
}

/// The signed-in person with an agenda of their own: a company's
/// representative or an interpreter. Organizers and delegation leads have
/// none: 403, as for any page of another role.
fn agenda_holder(viewer: &Viewer) -> Result<&mitra_store::Account, PageError> {
    let account = viewer.account()?;
    match account.role {
        Role::CompanyRep(_) | Role::Interpreter(_) => Ok(account),
        Role::Organizer | Role::DelegationLead(_) => Err(viewer.error(Problem::Forbidden)),
    }
}

/// The signed-in person's own calendar as a download.
pub async fn my_calendar(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    let account = agenda_holder(&viewer)?;
    let body = calendar::for_person(&state.store, &account.event, &account.person)
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

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PaperQuery {
    /// `pdf` for the PDF; anything else gives the print-styled HTML.
    format: String,
    /// The reader's own time zone (IANA), shown beside the event's.
    tz: String,
}

/// Bytes of a document with its content type.
fn document(content_type: &'static str, bytes: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, content_type)], bytes).into_response()
}

/// Renders HTML, or PDF with the system's fonts, off the async threads.
async fn paper_response(
    viewer: &Viewer,
    pdf: bool,
    html: impl FnOnce() -> Result<String, String> + Send + 'static,
    to_pdf: impl FnOnce(&mitra_docs::Fonts) -> Result<Vec<u8>, String> + Send + 'static,
) -> PageResult {
    let unexpected = |e: String| viewer.error(Problem::Unexpected(e));
    let made = tokio::task::spawn_blocking(move || {
        if pdf {
            let fonts = mitra_docs::Fonts::system().map_err(|e| e.to_string())?;
            to_pdf(&fonts).map(|b| ("application/pdf", b))
        } else {
            html().map(|h| ("text/html; charset=utf-8", h.into_bytes()))
        }
    })
    .await
    .map_err(|e| unexpected(e.to_string()))?
    .map_err(unexpected)?;
    Ok(document(made.0, made.1))
}

/// The signed-in person's printable agenda (with their badge's QR code).
pub async fn my_agenda(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<PaperQuery>,
) -> PageResult {
    let account = agenda_holder(&viewer)?;
    let lang = viewer.lang;
    let paper = Paper::load(&state.store, &account.event)
        .await
        .or_page(lang)?;
    let zone = q.tz.parse::<chrono_tz::Tz>().ok();
    let agenda = paper
        .agenda(&account.person, zone)
        .ok_or(viewer.error(Problem::NotFound))?;
    let doc = paper::doc_lang(lang);
    let for_pdf = agenda.clone();
    paper_response(
        &viewer,
        q.format == "pdf",
        move || mitra_docs::render_agenda_html(&agenda, doc).map_err(|e| e.to_string()),
        move |fonts| mitra_docs::render_agenda_pdf(&for_pdf, doc, fonts).map_err(|e| e.to_string()),
    )
    .await
}

/// The organizer's print shop: `badges`, `table-plan` or `tents`.
pub async fn organizer_paper(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(what): Path<String>,
    Query(q): Query<PaperQuery>,
) -> PageResult {
    let account = viewer.organizer()?;
    let lang = viewer.lang;
    let paper = Paper::load(&state.store, &account.event)
        .await
        .or_page(lang)?;
    let doc = paper::doc_lang(lang);
    let event = paper.event();
    let pdf = q.format == "pdf";
    match what.as_str() {
        "badges" => {
            let badges = paper.badges();
            let (e2, b2) = (event.clone(), badges.clone());
            paper_response(
                &viewer,
                pdf,
                move || {
                    mitra_docs::render_badges_html(&event, &badges, doc).map_err(|e| e.to_string())
                },
                move |fonts| {
                    mitra_docs::render_badges_pdf(&e2, &b2, doc, fonts).map_err(|e| e.to_string())
                },
            )
            .await
        }
        "table-plan" => {
            let plan = paper.table_plan();
            let p2 = plan.clone();
            paper_response(
                &viewer,
                pdf,
                move || Ok(mitra_docs::render_table_plan_html(&plan, doc)),
                move |fonts| {
                    mitra_docs::render_table_plan_pdf(&p2, doc, fonts).map_err(|e| e.to_string())
                },
            )
            .await
        }
        "tents" => {
            let tents = paper.table_tents();
            let (e2, t2) = (event.clone(), tents.clone());
            paper_response(
                &viewer,
                pdf,
                move || Ok(mitra_docs::render_table_tents_html(&event, &tents, doc)),
                move |fonts| {
                    mitra_docs::render_table_tents_pdf(&e2, &t2, doc, fonts)
                        .map_err(|e| e.to_string())
                },
            )
            .await
        }
        _ => Err(viewer.error(Problem::NotFound)),
    }
}

/// The organizer's mail buttons: `reminders` (everyone's agenda as it
/// stands) and `invitations` (a fresh single-use sign-in link for everyone
/// with an e-mail address). Queued, then sent by the mail sender.
pub async fn send_mail(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(what): Path<String>,
    Form(form): Form<CsrfOnly>,
) -> PageResult {
    let account = viewer.organizer()?;
    viewer.check_csrf(&form.csrf)?;
    let event = account.event.clone();
    let lang = viewer.lang;
    let store = &state.store;
    let clock = now();
    let mails = match what.as_str() {
        "reminders" => {
            let parts = day::Parts::load(store, &event).await.or_page(lang)?;
            let meetings = store.meetings(&event).await.or_page(lang)?;
            notify::agenda_mails(
                &parts.audience(clock),
                &meetings,
                &meetings,
                "reminder",
                true,
            )
        }
        "invitations" => {
            let plan = store.event_plan(&event).await.or_page(lang)?;
            let people = store.people(&event).await.or_page(lang)?;
            let valid = std::time::Duration::from_secs(14 * 24 * 3600);
            let expires = chrono::DateTime::from_timestamp(clock + valid.as_secs() as i64, 0)
                .map(|t| {
                    t.with_timezone(&plan.event.time_zone)
                        .format("%Y-%m-%d %H:%M")
                        .to_string()
                })
                .unwrap_or_default();
            let mut mails = Vec::new();
            for p in people
                .iter()
                .filter(|p| !matches!(p.role, Role::Organizer) && !p.email.trim().is_empty())
            {
                let link = crate::auth::create_invitation(store, &event, &p.id, valid)
                    .await
                    .map_err(|e| viewer.error(Problem::Unexpected(e)))?;
                let l = notify::language_of(p);
                let base = state.config.public_url.trim_end_matches('/');
                let body = [
                    l.t_args("mail-greeting", &[("name", p.name.clone().into())]),
                    String::new(),
                    l.t_args(
                        "mail-invitation-intro",
                        &[
                            ("event", plan.event.name.clone().into()),
                            ("expires", expires.clone().into()),
                        ],
                    ),
                    String::new(),
                    format!("{base}{link}"),
                    String::new(),
                    l.t("mail-signature"),
                ]
                .join("\n");
                // The link is new each time, so is the message.
                let token_part = &crate::auth::token_hash(&link)[..16];
                mails.push(mitra_store::NewMail {
                    message_id: format!("{event}.{}.invitation.{token_part}@mitra", p.id),
                    to_name: p.name.clone(),
                    to_address: p.email.clone(),
                    subject: l.t_args(
                        "mail-invitation-subject",
                        &[("event", plan.event.name.clone().into())],
                    ),
                    body,
                    calendar: None,
                });
            }
            mails
        }
        _ => return Err(viewer.error(Problem::NotFound)),
    };
    store
        .enqueue_mail(&event, clock, &mails)
        .await
        .or_page(lang)?;
    store
        .audit(
            &event,
            clock,
            account.person.as_str(),
            &format!("mail-{what}"),
            "",
            &format!("{} messages", mails.len()),
        )
        .await
        .or_page(lang)?;
    Ok(Redirect::to(&format!("/organizer?done={what}")).into_response())
}
