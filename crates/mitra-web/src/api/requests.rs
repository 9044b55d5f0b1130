//! Meeting requests: each company sees its own, a delegation lead its
//! companies', organizers all; only a company representative asks and
//! answers, as on the company page.

use super::caller::Caller;
use super::error::{ApiError, ApiJson, ApiResult, ErrorBody, OrApi};
use super::events::event_id;
use super::types::*;
use crate::AppState;
use crate::auth::now;
use crate::i18n::Lang;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use fluent_templates::fluent_bundle::FluentValue;
use mitra_core::ids::{EventId, OrgId};
use mitra_core::meeting::RequestStatus;
use mitra_core::people::Role;
use mitra_store::Store;
use std::collections::HashSet;

const MAX_MESSAGE: usize = 500;

/// The organizations whose private data (requests, meetings, outcomes) a
/// role sees in an event: `None` for all of them.
pub async fn own_orgs(
    store: &Store,
    lang: Lang,
    event: &EventId,
    role: &Role,
) -> ApiResult<Option<HashSet<OrgId>>> {
    Ok(match role {
        Role::Organizer => None,
        Role::CompanyRep(org) => Some(HashSet::from([org.clone()])),
        Role::DelegationLead(d) => Some(
            store
                .organizations(event)
                .await
                .or_api(lang)?
                .into_iter()
                .filter(|o| o.delegation.as_ref() == Some(d))
                .map(|o| o.id)
                .collect(),
        ),
        Role::Interpreter(_) => Some(HashSet::new()),
    })
}

async fn request_out(store: &Store, lang: Lang, event: &EventId, id: i64) -> ApiResult<RequestOut> {
    let requests = store.requests(event).await.or_api(lang)?;
    let clocks = store.request_clocks(event).await.or_api(lang)?;
    requests
        .iter()
        .find(|r| r.id == id)
        .map(|r| RequestOut::new(r, clocks.get(&r.id)))
        .ok_or_else(|| ApiError::not_found(lang))
}

fn message(lang: Lang, raw: &Option<String>) -> ApiResult<Option<String>> {
    let m = raw.as_deref().unwrap_or("").trim();
    if m.chars().count() > MAX_MESSAGE {
        return Err(ApiError::invalid(
            "message",
            lang.t_args("field-too-long", &[("max", FluentValue::from(MAX_MESSAGE))]),
        ));
    }
    Ok((!m.is_empty()).then(|| m.to_string()))
}

#[utoipa::path(get, path = "/api/v1/events/{event}/requests", tag = "requests",
    params(("event" = String, Path, description = "Event id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Organizer: all; delegation lead: its companies'; company: its own", body = Vec<RequestOut>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_requests(
    State(state): State<AppState>,
    caller: Caller,
    Path(event): Path<String>,
) -> ApiResult<Json<Vec<RequestOut>>> {
    let lang = caller.lang;
    let event = event_id(lang, &event)?;
    let account = caller.member(&event)?;
    if matches!(account.role, Role::Interpreter(_)) {
        return Err(ApiError::forbidden(lang));
    }
    let store = &state.store;
    store.expire_requests(&event, now()).await.or_api(lang)?;
    let own = own_orgs(store, lang, &event, &account.role).await?;
    let clocks = store.request_clocks(&event).await.or_api(lang)?;
    let list = store
        .requests(&event)
        .await
        .or_api(lang)?
        .iter()
        .filter(|r| {
            own.as_ref()
                .is_none_or(|own| own.contains(&r.request.from) || own.contains(&r.request.to))
        })
        .map(|r| RequestOut::new(r, clocks.get(&r.id)))
        .collect();
    Ok(Json(list))
}

#[utoipa::path(post, path = "/api/v1/events/{event}/requests", tag = "requests",
    params(("event" = String, Path, description = "Event id")),
    request_body = NewRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Pending; or accepted at once when the other side had asked already", body = RequestOut),
        (status = 401, body = ErrorBody), (status = 403, description = "Not a company representative", body = ErrorBody),
        (status = 409, description = "A request between the two is open", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create_request(
    State(state): State<AppState>,
    caller: Caller,
    Path(event): Path<String>,
    body: Result<ApiJson<NewRequest>, ApiError>,
) -> ApiResult<(StatusCode, Json<RequestOut>)> {
    let lang = caller.lang;
    let event = event_id(lang, &event)?;
    let org = caller.company(&event)?;
    let ApiJson(body) = body?;
    let message = message(lang, &body.message)?;
    let store = &state.store;
    let orgs = store.organizations(&event).await.or_api(lang)?;
    let me = orgs
        .iter()
        .find(|o| o.id == org)
        .ok_or_else(|| ApiError::not_found(lang))?;
    let target = OrgId::parse(body.to.trim())
        .ok()
        .and_then(|id| orgs.iter().find(|o| o.id == id))
        .filter(|t| t.id != me.id && t.side != me.side)
        .ok_or_else(|| ApiError::invalid("to", lang.t("request-unknown-partner")))?;
    let now = now();
    let expires = now + state.config.request_ttl.as_secs().max(1) as i64;
    let asked = match store
        .ask_meeting(&event, &me.id, &target.id, message.as_deref(), now, expires)
        .await
    {
        Ok(asked) => asked,
        Err(mitra_store::StoreError::Conflict(_)) => {
            return Err(ApiError {
                status: StatusCode::CONFLICT,
                code: "conflict",
                message: lang.t("request-already-open"),
                field: Some("to".into()),
                retry_after: None,
            });
        }
        Err(e) => return Err(ApiError::store(lang, e)),
    };
    let id = match asked {
        mitra_store::Asked::Pending(id) | mitra_store::Asked::Mutual(id) => id,
    };
    Ok((
        StatusCode::CREATED,
        Json(request_out(store, lang, &event, id).await?),
    ))
}

#[utoipa::path(post, path = "/api/v1/events/{event}/requests/{request}/answer", tag = "requests",
    params(("event" = String, Path, description = "Event id"), ("request" = i64, Path, description = "Request id")),
    request_body = AnswerIn,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The request as answered", body = RequestOut),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, description = "No such request addressed to the caller's company", body = ErrorBody),
        (status = 409, description = "Answered or lapsed before", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn answer_request(
    State(state): State<AppState>,
    caller: Caller,
    Path((event, request)): Path<(String, String)>,
    body: Result<ApiJson<AnswerIn>, ApiError>,
) -> ApiResult<Json<RequestOut>> {
    let lang = caller.lang;
    let event = event_id(lang, &event)?;
    let org = caller.company(&event)?;
    let ApiJson(body) = body?;
    let id: i64 = request
        .parse()
        .map_err(|_| ApiError::not_found(lang).with_field("request"))?;
    let message = message(lang, &body.message)?;
    let accept = body.decision == Decision::Accept;
    let status = state
        .store
        .answer_request(&event, id, &org, accept, message.as_deref(), now())
        .await
        .or_api(lang)?;
    let wanted = if accept {
        RequestStatus::Accepted
    } else {
        RequestStatus::Declined
    };
    let out = request_out(&state.store, lang, &event, id).await?;
    // Asking twice for the same answer is harmless; another is refused.
    if status != wanted {
        return Err(ApiError::new(
            lang,
            StatusCode::CONFLICT,
            "already-answered",
        ));
    }
    Ok(Json(out))
}
