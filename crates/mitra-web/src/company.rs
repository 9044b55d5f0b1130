//! The company representative's area: profile, recommended partners,
//! requests, agenda, outcomes. Every handler starts with
//! [`Viewer::company`], so only the company's own representative gets in.

use crate::AppState;
use crate::auth::{Viewer, now};
use crate::errors::{OrPage, PageResult, Problem};
use crate::i18n::Lang;
use crate::view::{page_key, render, render_html, when};
use axum::Form;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use fluent_templates::fluent_bundle::FluentValue;
use mitra_core::event::EventPlan;
use mitra_core::ids::{EventId, OrgId};
use mitra_core::meeting::{Interest, MeetingStatus, Money, NextStep, Outcome, RequestStatus};
use mitra_core::organization::{Organization, TradeItem};
use mitra_hs::HsCode;
use mitra_store::{AuditLine, StoredMeeting};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// Longest text a person may type into one field.
pub(crate) const MAX_TEXT: usize = 2000;
const MAX_MESSAGE: usize = 500;
const MAX_ITEMS: usize = 30;

pub(crate) fn names(orgs: &[Organization]) -> HashMap<String, String> {
    orgs.iter()
        .map(|o| (o.id.to_string(), o.name.clone()))
        .collect()
}

/// A meeting as an agenda line.
pub(crate) fn agenda_line(
    plan: &EventPlan,
    m: &StoredMeeting,
    me: Option<&OrgId>,
    names: &HashMap<String, String>,
    interpreters: &HashMap<String, String>,
) -> minijinja::Value {
    let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_string());
    let partner = match me {
        Some(me) if &m.meeting.a == me => m.meeting.b.as_str(),
        Some(_) => m.meeting.a.as_str(),
        None => "",
    };
    minijinja::context! {
        id => m.id,
        when => when(plan, &m.meeting.slot),
        slot => m.meeting.slot.as_str(),
        table => m.meeting.table.as_str(),
        a => name(m.meeting.a.as_str()), b => name(m.meeting.b.as_str()),
        partner => name(partner), partner_id => partner,
        interpreter => m.meeting.interpreter.as_ref().map(|i| interpreters.get(i.as_str()).cloned().unwrap_or_else(|| i.to_string())),
        status => m.meeting.status.as_str(),
    }
}

/// Whether a meeting shows in agendas (published and after).
pub(crate) fn on_agenda(m: &StoredMeeting) -> bool {
    matches!(
        m.meeting.status,
        MeetingStatus::Published | MeetingStatus::Held | MeetingStatus::NoShow
    )
}

fn iso(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|d| d.to_rfc3339())
        .unwrap_or_default()
}

/// The company's overview, with form errors from a failed request.
async fn overview_page(
    state: &AppState,
    viewer: &Viewer,
    event: &EventId,
    org: &OrgId,
    errors: minijinja::Value,
    done: Option<&'static str>,
) -> PageResult {
    let lang = viewer.lang;
    let store = &state.store;
    let clock = now();
    let known = viewer
        .account
        .as_ref()
        .filter(|a| &a.event == event)
        .map(|a| a.event_generation);
    let view = state
        .views
        .get_known(store, event, known, clock)
        .await
        .or_page(lang)?;
    let plan = &view.plan;
    let Some(me) = view.organizations.iter().find(|o| &o.id == org) else {
        return Err(viewer.error(Problem::NotFound));
    };
    // Without form errors the page depends on the view, the viewer, the
    // notice and which slots have begun (no-show buttons): kept by those.
    let key = (errors.len() == Some(0)).then(|| {
        let begun = plan
            .slots
            .iter()
            .filter(|s| {
                crate::services::day::slot_starts_at(plan, &s.id).is_some_and(|t| t <= clock)
            })
            .count();
        page_key(
            viewer,
            "company.html",
            &format!("{begun} {}", done.unwrap_or("")),
        )
    });
    let build = async {
        let names = &view.names;
        let mut open_with = std::collections::HashSet::new();
        let mut incoming = Vec::new();
        let mut outgoing = Vec::new();
        for r in view.requests.iter().rev() {
            let q = &r.request;
            let (mine, other) = if &q.from == org {
                (true, &q.to)
            } else if &q.to == org {
                (false, &q.from)
            } else {
                continue;
            };
            if matches!(q.status, RequestStatus::Pending | RequestStatus::Accepted) {
                open_with.insert(other.to_string());
            }
            let clock = view.clocks.get(&r.id);
            let line = minijinja::context! {
                id => r.id, other => names.get(other.as_str()).cloned().unwrap_or_else(|| other.to_string()), other_id => other.as_str(),
                status => q.status.as_str(), message => q.message.clone(),
                expires => clock.filter(|_| q.status == RequestStatus::Pending).map(|c| iso(c.expires_at)),
                answer => clock.and_then(|c| c.answer_message.clone()),
            };
            if mine {
                outgoing.push(line);
            } else {
                incoming.push(line);
            }
        }
        let recommendations: Vec<_> = view
        .recommendations(store, event, org)
        .await
        .or_page(lang)?
        .iter()
        .map(|r| {
            let reasons: Vec<String> = r
                .reasons
                .as_array()
                .map(|list| list.iter().filter_map(|x| x.get("text").and_then(|t| t.as_str()).map(str::to_string)).collect())
                .unwrap_or_default();
            minijinja::context! {
                id => r.other.as_str(), name => names.get(r.other.as_str()).cloned().unwrap_or_else(|| r.other.to_string()),
                score => format!("{:.2}", r.score), reasons, open => open_with.contains(r.other.as_str()),
            }
        })
        .collect();
        let outcomes: std::collections::HashSet<i64> = view
            .outcomes
            .iter()
            .filter(|(_, o)| &o.recorded_by == org)
            .map(|(m, _)| *m)
            .collect();
        let agenda: Vec<_> = view
        .meetings
        .iter()
        .filter(|m| on_agenda(m) && (&m.meeting.a == org || &m.meeting.b == org))
        .map(|m| {
            let started = crate::services::day::slot_starts_at(plan, &m.meeting.slot)
                .is_some_and(|t| t <= clock);
            let can_no_show = started && m.meeting.status == mitra_core::meeting::MeetingStatus::Published;
            minijinja::context! { ..agenda_line(plan, m, Some(org), names, &view.interpreters), ..minijinja::context! { recorded => outcomes.contains(&m.id), can_no_show } }
        })
        .collect();
        let feed = viewer
            .account
            .as_ref()
            .map(|a| crate::services::passes::feed_path(&view.secret, event, &a.person));
        render_html(
            viewer,
            "company.html",
            minijinja::context! {
                org => minijinja::context! { id => me.id.as_str(), name => me.name.clone(), side => me.side.as_str(), demo => me.demo },
                event => minijinja::context! { name => plan.event.name.clone(), zone => plan.event.time_zone.name() },
                recommendations, incoming, outgoing, agenda, errors, feed, done,
            },
        )
    };
    Ok(match key {
        Some(key) => Html(view.page(key, build).await?).into_response(),
        None => Html(build.await?).into_response(),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DoneQuery {
    done: String,
}

/// The notices the company page knows (the query is the visitor's to type).
const NOTICES: [&str; 3] = ["no-show", "not-started", "both-present"];

pub async fn overview(
    State(state): State<AppState>,
    viewer: Viewer,
    axum::extract::Query(q): axum::extract::Query<DoneQuery>,
) -> PageResult {
    let (account, org) = viewer.company()?;
    let event = account.event.clone();
    let done = NOTICES.iter().find(|n| **n == q.done).copied();
    overview_page(&state, &viewer, &event, &org, minijinja::context! {}, done).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AskForm {
    csrf: String,
    to: String,
    message: String,
}

/// The page that shows why a form was refused, with the status that says
/// so (422 for a field, 409 for a request already open): never a 200.
fn refused(status: StatusCode, page: PageResult) -> PageResult {
    page.map(|r| (status, r).into_response())
}

pub async fn ask(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<AskForm>,
) -> PageResult {
    let (account, org) = viewer.company()?;
    viewer.check_csrf(&form.csrf)?;
    let event = account.event.clone();
    let lang = viewer.lang;
    let fail = |field: &str, message: String| {
        let mut errors = BTreeMap::new();
        errors.insert(field.to_string(), message);
        errors.insert("for".to_string(), form.to.clone());
        minijinja::Value::from(minijinja::value::Serde(&errors))
    };
    let message = form.message.trim();
    if message.chars().count() > MAX_MESSAGE {
        let e = fail(
            "message",
            lang.t_args("field-too-long", &[("max", FluentValue::from(MAX_MESSAGE))]),
        );
        return refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            overview_page(&state, &viewer, &event, &org, e, None).await,
        );
    }
    let orgs = state.store.organizations(&event).await.or_page(lang)?;
    let Some(me) = orgs.iter().find(|o| o.id == org) else {
        return Err(viewer.error(Problem::NotFound));
    };
    let target = OrgId::parse(form.to.trim())
        .ok()
        .and_then(|id| orgs.iter().find(|o| o.id == id));
    let Some(target) = target.filter(|t| t.id != me.id && t.side != me.side) else {
        let e = fail("to", lang.t("request-unknown-partner"));
        return refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            overview_page(&state, &viewer, &event, &org, e, None).await,
        );
    };
    let now = now();
    let expires = now + state.config.request_ttl.as_secs().max(1) as i64;
    let message = (!message.is_empty()).then_some(message);
    match state
        .store
        .ask_meeting(&event, &me.id, &target.id, message, now, expires)
        .await
    {
        Ok(asked) => {
            let (id, kind) = match asked {
                mitra_store::Asked::Pending(id) => (id, "request"),
                mitra_store::Asked::Mutual(id) => (id, "accepted"),
            };
            let plan = state.store.event_plan(&event).await.or_page(lang)?;
            let people = state.store.people(&event).await.or_page(lang)?;
            let link = format!(
                "{}/company#requests",
                state.config.public_url.trim_end_matches('/')
            );
            let mails = crate::services::notify::request_mails(
                &plan,
                &people,
                &target.id,
                &crate::services::notify::RequestNews {
                    kind,
                    request_id: id,
                    other: &me.name,
                    message,
                    link: &link,
                },
            );
            // The request stands even if the mail cannot be queued; the
            // page shows it either way.
            if let Err(e) = state.store.enqueue_mail(&event, now, &mails).await {
                tracing::error!(error = %e, "queueing the request's mail");
            }
            Ok(Redirect::to("/company#requests").into_response())
        }
        Err(mitra_store::StoreError::Conflict(_)) => {
            let e = fail("to", lang.t("request-already-open"));
            refused(
                StatusCode::CONFLICT,
                overview_page(&state, &viewer, &event, &org, e, None).await,
            )
        }
        Err(e) => Err(viewer.error(Problem::Unexpected(e.to_string()))),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AnswerForm {
    csrf: String,
    action: String,
    message: String,
}

pub async fn answer(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<AnswerForm>,
) -> PageResult {
    let (account, org) = viewer.company()?;
    viewer.check_csrf(&form.csrf)?;
    let lang = viewer.lang;
    let Ok(id) = id.parse::<i64>() else {
        return Err(viewer.error(Problem::NotFound));
    };
    let accept = match form.action.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(viewer.error(Problem::BadRequest("error-bad-form"))),
    };
    let event = account.event.clone();
    let message = form.message.trim();
    if message.chars().count() > MAX_MESSAGE {
        let mut errors = BTreeMap::new();
        errors.insert(
            "answer".to_string(),
            lang.t_args("field-too-long", &[("max", FluentValue::from(MAX_MESSAGE))]),
        );
        errors.insert("for".to_string(), id.to_string());
        return overview_page(
            &state,
            &viewer,
            &event,
            &org,
            minijinja::Value::from(minijinja::value::Serde(&errors)),
            None,
        )
        .await;
    }
    let message = (!message.is_empty()).then_some(message);
    let clock = now();
    state
        .store
        .answer_request(&event, id, &org, accept, message, clock)
        .await
        .or_page(lang)?;
    // Tell the side that asked.
    let asker = state
        .store
        .requests(&event)
        .await
        .or_page(lang)?
        .into_iter()
        .find(|r| r.id == id)
        .map(|r| r.request.from);
    if let Some(asker) = asker {
        let plan = state.store.event_plan(&event).await.or_page(lang)?;
        let people = state.store.people(&event).await.or_page(lang)?;
        let me = state
            .store
            .organizations(&event)
            .await
            .or_page(lang)?
            .into_iter()
            .find(|o| o.id == org)
            .map(|o| o.name)
            .unwrap_or_default();
        let link = format!(
            "{}/company#requests",
            state.config.public_url.trim_end_matches('/')
        );
        let kind = if accept { "accepted" } else { "declined" };
        let mails = crate::services::notify::request_mails(
            &plan,
            &people,
            &asker,
            &crate::services::notify::RequestNews {
                kind,
                request_id: id,
                other: &me,
                message,
                link: &link,
            },
        );
        if let Err(e) = state.store.enqueue_mail(&event, clock, &mails).await {
            tracing::error!(error = %e, "queueing the answer's mail");
        }
    }
    Ok(Redirect::to("/company#requests").into_response())
}

/// Reads "text | 0901, 090111" lines into trade items; errors name the line.
pub(crate) fn parse_items(lang: Lang, raw: &str) -> Result<Vec<TradeItem>, String> {
    let mut items = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (text, codes) = match line.split_once('|') {
            Some((t, c)) => (t.trim(), c),
            None => (line, ""),
        };
        let at = [("line", FluentValue::from(n + 1))];
        if text.is_empty() {
            return Err(lang.t_args("field-item-empty", &at));
        }
        if text.chars().count() > 300 {
            return Err(lang.t_args("field-item-long", &at));
        }
        let mut hs = Vec::new();
        for code in codes.split([',', ' ', ';']).filter(|c| !c.is_empty()) {
            match HsCode::parse(code) {
                Ok(c) if mitra_hs::nomenclature().contains(&c) => hs.push(c),
                _ => {
                    return Err(lang.t_args(
                        "field-hs-invalid",
                        &[
                            ("line", FluentValue::from(n + 1)),
                            ("code", FluentValue::from(code.to_string())),
                        ],
                    ));
                }
            }
        }
        items.push(TradeItem::new(text, hs));
    }
    if items.len() > MAX_ITEMS {
        return Err(lang.t_args("field-too-many", &[("max", FluentValue::from(MAX_ITEMS))]));
    }
    Ok(items)
}

pub(crate) fn items_text(items: &[TradeItem]) -> String {
    items
        .iter()
        .map(|i| {
            if i.hs.is_empty() {
                i.text.clone()
            } else {
                format!(
                    "{} | {}",
                    i.text,
                    i.hs.iter()
                        .map(|c| c.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ProfileForm {
    csrf: String,
    description: String,
    offers: String,
    needs: String,
}

fn profile_page(
    viewer: &Viewer,
    org: &Organization,
    form: &ProfileForm,
    errors: minijinja::Value,
    saved: bool,
) -> PageResult {
    render(
        viewer,
        "profile.html",
        minijinja::context! {
            org => minijinja::context! { id => org.id.as_str(), name => org.name.clone() },
            form => minijinja::context! { description => form.description.clone(), offers => form.offers.clone(), needs => form.needs.clone() },
            errors, saved,
        },
    )
}

async fn own_org(
    state: &AppState,
    viewer: &Viewer,
    event: &EventId,
    org: &OrgId,
) -> Result<Organization, crate::errors::PageError> {
    state
        .store
        .organizations(event)
        .await
        .or_page(viewer.lang)?
        .into_iter()
        .find(|o| &o.id == org)
        .ok_or(viewer.error(Problem::NotFound))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SavedQuery {
    saved: Option<String>,
}

pub async fn profile_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> PageResult {
    let (account, org) = viewer.company()?;
    let event = account.event.clone();
    let o = own_org(&state, &viewer, &event, &org).await?;
    let form = ProfileForm {
        csrf: String::new(),
        description: o.description.clone().unwrap_or_default(),
        offers: items_text(&o.offers),
        needs: items_text(&o.needs),
    };
    profile_page(
        &viewer,
        &o,
        &form,
        minijinja::context! {},
        q.saved.is_some(),
    )
}

pub async fn save_profile(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<ProfileForm>,
) -> PageResult {
    let (account, org) = viewer.company()?;
    viewer.check_csrf(&form.csrf)?;
    let lang = viewer.lang;
    let event = account.event.clone();
    let mut o = own_org(&state, &viewer, &event, &org).await?;
    let mut errors = BTreeMap::new();
    let description = form.description.trim();
    if description.chars().count() > MAX_TEXT {
        errors.insert(
            "description",
            lang.t_args("field-too-long", &[("max", FluentValue::from(MAX_TEXT))]),
        );
    }
    let offers = parse_items(lang, &form.offers)
        .map_err(|e| errors.insert("offers", e))
        .ok();
    let needs = parse_items(lang, &form.needs)
        .map_err(|e| errors.insert("needs", e))
        .ok();
    let (Some(offers), Some(needs), true) = (offers, needs, errors.is_empty()) else {
        let errors = minijinja::Value::from(minijinja::value::Serde(&errors));
        return profile_page(&viewer, &o, &form, errors, false)
            .map(|r| (axum::http::StatusCode::UNPROCESSABLE_ENTITY, r).into_response());
    };
    o.description = (!description.is_empty()).then(|| description.to_string());
    o.offers = offers;
    o.needs = needs;
    let detail = format!("{} offers, {} needs", o.offers.len(), o.needs.len());
    state
        .store
        .import_audited(
            &event,
            &[],
            std::slice::from_ref(&o),
            &AuditLine {
                actor: account_person(&viewer),
                now: now(),
                action: "profile",
                subject: o.id.as_str(),
                detail: &detail,
            },
        )
        .await
        .or_page(lang)?;
    // Only the lists this edit changes are recomputed and stored.
    if let Err(e) = crate::services::engines::profile_changed(
        &state.store,
        &state.recommenders,
        &event,
        &o,
        crate::organizer::TOP_K,
    )
    .await
    {
        tracing::error!(error = %e, "recommendations were not updated after a profile edit");
    }
    Ok(Redirect::to("/company/profile?saved=1").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct HsQuery {
    q: String,
}

/// HS code suggestions for what a person types: a code prefix, or words
/// of the nomenclature's descriptions. Small JSON for our own script.
pub async fn hs_suggestions(Query(q): Query<HsQuery>) -> Response {
    let query = q.q.trim();
    let nomenclature = mitra_hs::nomenclature();
    let found: Vec<_> = if query.chars().count() < 2 || query.len() > 100 {
        Vec::new()
    } else if query
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ' ')
    {
        nomenclature.search_prefix(query).iter().take(8).collect()
    } else {
        let words: Vec<String> = query
            .to_lowercase()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        nomenclature
            .entries()
            .iter()
            .filter(|e| {
                let d = e.description.to_lowercase();
                words.iter().all(|w| d.contains(w.as_str()))
            })
            .take(8)
            .collect()
    };
    let list: Vec<_> = found
        .iter()
        .map(|e| serde_json::json!({ "code": e.code.as_str(), "description": e.description }))
        .collect();
    (
        [(axum::http::header::CACHE_CONTROL, "public, max-age=3600")],
        Json(list),
    )
        .into_response()
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OutcomeForm {
    csrf: String,
    interest: String,
    next_step: String,
    products: String,
    amount: String,
    currency: String,
    notes: String,
}

async fn own_meeting(
    state: &AppState,
    viewer: &Viewer,
    event: &EventId,
    org: &OrgId,
    id: &str,
) -> Result<StoredMeeting, crate::errors::PageError> {
    let Ok(id) = id.parse::<i64>() else {
        return Err(viewer.error(Problem::NotFound));
    };
    let meeting = state
        .store
        .meetings(event)
        .await
        .or_page(viewer.lang)?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or(viewer.error(Problem::NotFound))?;
    if !(on_agenda(&meeting) && (&meeting.meeting.a == org || &meeting.meeting.b == org)) {
        return Err(viewer.error(Problem::Forbidden));
    }
    Ok(meeting)
}

async fn outcome_page(
    state: &AppState,
    viewer: &Viewer,
    event: &EventId,
    org: &OrgId,
    m: &StoredMeeting,
    form: &OutcomeForm,
    errors: minijinja::Value,
) -> PageResult {
    let lang = viewer.lang;
    let plan = state.store.event_plan(event).await.or_page(lang)?;
    let orgs = state.store.organizations(event).await.or_page(lang)?;
    let meeting = agenda_line(&plan, m, Some(org), &names(&orgs), &HashMap::new());
    render(
        viewer,
        "outcome.html",
        minijinja::context! {
            meeting,
            interests => Interest::ALL.iter().map(|i| i.as_str()).collect::<Vec<_>>(),
            next_steps => NextStep::ALL.iter().map(|i| i.as_str()).collect::<Vec<_>>(),
            form => minijinja::context! {
                interest => form.interest.clone(), next_step => form.next_step.clone(), products => form.products.clone(),
                amount => form.amount.clone(), currency => form.currency.clone(), notes => form.notes.clone(),
            },
            errors,
        },
    )
}

pub async fn outcome_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> PageResult {
    let (account, org) = viewer.company()?;
    let event = account.event.clone();
    let m = own_meeting(&state, &viewer, &event, &org, &id).await?;
    let existing = state
        .store
        .outcomes(&event)
        .await
        .or_page(viewer.lang)?
        .into_iter()
        .find(|(mid, o)| *mid == m.id && o.recorded_by == org);
    let form = match existing {
        Some((_, o)) => OutcomeForm {
            csrf: String::new(),
            interest: o.interest.as_str().into(),
            next_step: o.next_step.as_str().into(),
            products: o.products.join(", "),
            amount: o
                .estimated_value
                .as_ref()
                .map(|v| v.amount.to_string())
                .unwrap_or_default(),
            currency: o
                .estimated_value
                .as_ref()
                .map(|v| v.currency.clone())
                .unwrap_or_default(),
            notes: o.notes.unwrap_or_default(),
        },
        None => OutcomeForm {
            interest: "medium".into(),
            next_step: "follow-up".into(),
            ..Default::default()
        },
    };
    outcome_page(
        &state,
        &viewer,
        &event,
        &org,
        &m,
        &form,
        minijinja::context! {},
    )
    .await
}

pub async fn save_outcome(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Form(form): Form<OutcomeForm>,
) -> PageResult {
    let (account, org) = viewer.company()?;
    viewer.check_csrf(&form.csrf)?;
    let lang = viewer.lang;
    let event = account.event.clone();
    let m = own_meeting(&state, &viewer, &event, &org, &id).await?;
    let mut errors = BTreeMap::new();
    let interest = Interest::parse(&form.interest)
        .map_err(|_| errors.insert("interest", lang.t("field-choose")))
        .ok();
    let next_step = NextStep::parse(&form.next_step)
        .map_err(|_| errors.insert("next_step", lang.t("field-choose")))
        .ok();
    let products: Vec<String> = form
        .products
        .split(',')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if form.products.chars().count() > MAX_TEXT {
        errors.insert(
            "products",
            lang.t_args("field-too-long", &[("max", FluentValue::from(MAX_TEXT))]),
        );
    }
    let amount = form.amount.trim();
    let currency = form.currency.trim().to_uppercase();
    let value = if amount.is_empty() && currency.is_empty() {
        None
    } else {
        match amount.replace([',', '_', ' '], "").parse::<u64>() {
            Err(_) => {
                errors.insert("amount", lang.t("field-amount"));
                None
            }
            Ok(n) => match Money::new(n, &currency) {
                Ok(v) => Some(v),
                Err(_) => {
                    errors.insert("currency", lang.t("field-currency"));
                    None
                }
            },
        }
    };
    if form.notes.chars().count() > MAX_TEXT {
        errors.insert(
            "notes",
            lang.t_args("field-too-long", &[("max", FluentValue::from(MAX_TEXT))]),
        );
    }
    let (Some(interest), Some(next_step), true) = (interest, next_step, errors.is_empty()) else {
        let errors = minijinja::Value::from(minijinja::value::Serde(&errors));
        return outcome_page(&state, &viewer, &event, &org, &m, &form, errors)
            .await
            .map(|r| (axum::http::StatusCode::UNPROCESSABLE_ENTITY, r).into_response());
    };
    let notes = form.notes.trim();
    let outcome = Outcome {
        recorded_by: org.clone(),
        interest,
        next_step,
        products,
        estimated_value: value,
        notes: (!notes.is_empty()).then(|| notes.to_string()),
    };
    let subject = format!("meeting {}", m.id);
    let detail = outcome_detail(&outcome);
    state
        .store
        .record_outcome_audited(
            &event,
            m.id,
            &outcome,
            &AuditLine {
                actor: account_person(&viewer),
                now: now(),
                action: "outcome",
                subject: &subject,
                detail: &detail,
            },
        )
        .await
        .or_page(lang)?;
    Ok(Redirect::to("/company#agenda").into_response())
}

/// The signed-in person's id, for the audit log ("" when none: every
/// route that writes has checked the caller already).
pub(crate) fn account_person(viewer: &Viewer) -> &str {
    viewer
        .account
        .as_ref()
        .map(|a| a.person.as_str())
        .unwrap_or("")
}

/// An outcome in one line of the audit log.
pub(crate) fn outcome_detail(outcome: &Outcome) -> String {
    format!(
        "by {}: interest {}, next step {}",
        outcome.recorded_by,
        outcome.interest.as_str(),
        outcome.next_step.as_str()
    )
}
