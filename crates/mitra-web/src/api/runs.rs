//! The organizer's engine runs, through the same services as the pages
//! and the command line: matching, a schedule proposal, publication.

use super::caller::Caller;
use super::error::{ApiError, ApiResult, ErrorBody, OrApi};
use super::events::event_id;
use super::types::*;
use crate::AppState;
use crate::auth::now;
use crate::i18n::Lang;
use crate::services::engines::{self, EngineError};
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use mitra_core::ids::EventId;
use mitra_formats::schedule::ScheduleFile;

fn engine_error(lang: Lang, e: EngineError) -> ApiError {
    match e {
        EngineError::Store(e) => ApiError::store(lang, e),
        EngineError::CannotProve => {
            ApiError::new(lang, StatusCode::CONFLICT, "cannot-prove").with_field("prove")
        }
        other => ApiError::internal(lang, other),
    }
}

#[utoipa::path(post, path = "/api/v1/events/{event}/matching", tag = "runs",
    params(("event" = String, Path, description = "Event id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every organization's recommendations, recomputed and stored", body = MatchingOut),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn run_matching(
    State(state): State<AppState>,
    caller: Caller,
    Path(event): Path<String>,
) -> ApiResult<Json<MatchingOut>> {
    let lang = caller.lang;
    let event = event_id(lang, &event)?;
    caller.organizer(&event)?;
    let matches = engines::recommend(&state.store, &event, crate::organizer::TOP_K)
        .await
        .map_err(|e| engine_error(lang, e))?;
    state.recommenders.forget(&event).await;
    Ok(Json(MatchingOut {
        organizations: matches.matches.len(),
        recommendations: matches.matches.iter().map(|m| m.top.len()).sum(),
    }))
}

async fn proposal_out(
    state: &AppState,
    lang: Lang,
    event: &EventId,
    file: &ScheduleFile,
    created_at: i64,
) -> ApiResult<ProposalOut> {
    let changes = engines::changes(&state.store, event, file)
        .await
        .map_err(|e| engine_error(lang, e))?;
    let s = &file.stats;
    Ok(ProposalOut {
        created_at,
        met: s.met,
        requested: s.requested,
        bound_met: s.bound_met,
        breaks: s.breaks,
        idle_slots: s.idle_slots,
        bound_breaks: s.bound_breaks,
        meetings: file.meetings.len(),
        unscheduled: file
            .unscheduled
            .iter()
            .map(|u| UnscheduledOut {
                a: u.a.clone(),
                b: u.b.clone(),
                reason: u.reason.clone(),
            })
            .collect(),
        kept: changes.kept,
        cancelled: changes.cancel.len(),
        added: changes.add.len(),
    })
}

/// `prove=true|false` from a query string (absent: false).
fn prove_param(lang: Lang, query: Option<&str>) -> ApiResult<bool> {
    let value = query.and_then(|q| {
        q.split('&')
            .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
            .rfind(|(key, _)| *key == "prove")
            .map(|(_, value)| value)
    });
    match value {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(_) => Err(ApiError::invalid(
            "prove",
            match lang {
                Lang::En => "must be true or false",
                Lang::Id => "harus true atau false",
                Lang::Zh => "必须为 true 或 false",
            }
            .to_string(),
        )),
    }
}

#[utoipa::path(post, path = "/api/v1/events/{event}/schedule", tag = "runs",
    params(("event" = String, Path, description = "Event id"),
        ("prove" = Option<bool>, Query, description = "After the search, a SAT solver proves the proposal optimal or improves it (up to two minutes; an event's first schedule only)")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A new proposal, kept for review; nothing is published", body = ProposalOut),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "A proof was asked for, but the event has published meetings (re-scheduling keeps them) or this build has no solver", body = ErrorBody),
        (status = 422, description = "`prove` is neither true nor false", body = ErrorBody)))]
pub async fn run_schedule(
    State(state): State<AppState>,
    caller: Caller,
    Path(event): Path<String>,
    RawQuery(query): RawQuery,
) -> ApiResult<Json<ProposalOut>> {
    let lang = caller.lang;
    let prove = prove_param(lang, query.as_deref())?;
    let event = event_id(lang, &event)?;
    caller.organizer(&event)?;
    let now = now();
    let file = engines::propose_schedule(&state.store, &event, now, prove)
        .await
        .map_err(|e| engine_error(lang, e))?;
    Ok(Json(proposal_out(&state, lang, &event, &file, now).await?))
}

#[utoipa::path(get, path = "/api/v1/events/{event}/schedule", tag = "runs",
    params(("event" = String, Path, description = "Event id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The proposal awaiting review", body = ProposalOut),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, description = "No such event, or no proposal", body = ErrorBody)))]
pub async fn get_schedule(
    State(state): State<AppState>,
    caller: Caller,
    Path(event): Path<String>,
) -> ApiResult<Json<ProposalOut>> {
    let lang = caller.lang;
    let event = event_id(lang, &event)?;
    caller.organizer(&event)?;
    let Some((json, created)) = state.store.schedule_proposal(&event).await.or_api(lang)? else {
        return Err(ApiError::new(lang, StatusCode::NOT_FOUND, "no-proposal"));
    };
    let file: ScheduleFile =
        serde_json::from_str(&json).map_err(|e| ApiError::internal(lang, e))?;
    Ok(Json(
        proposal_out(&state, lang, &event, &file, created).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/events/{event}/publish", tag = "runs",
    params(("event" = String, Path, description = "Event id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Published in one transaction", body = PublishedOut),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "No proposal, or meetings changed since it was made (nothing published)", body = ErrorBody)))]
pub async fn publish(
    State(state): State<AppState>,
    caller: Caller,
    Path(event): Path<String>,
) -> ApiResult<Json<PublishedOut>> {
    let lang = caller.lang;
    let event = event_id(lang, &event)?;
    // Publication is audited under the organizer who did it.
    let actor = caller.organizer(&event)?.person.to_string();
    match engines::publish_proposal(&state.store, &event, &actor, now()).await {
        Ok(Some(c)) => Ok(Json(PublishedOut {
            kept: c.kept,
            cancelled: c.cancel.len(),
            added: c.add.len(),
            reassigned: c.reassign.len(),
        })),
        Ok(None) => Err(ApiError::new(lang, StatusCode::CONFLICT, "no-proposal")),
        Err(EngineError::Store(e)) if e.is_unique_violation() => {
            Err(ApiError::new(lang, StatusCode::CONFLICT, "stale-proposal"))
        }
        Err(e) => Err(engine_error(lang, e)),
    }
}
