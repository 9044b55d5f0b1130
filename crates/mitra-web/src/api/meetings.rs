//! Meetings and their outcomes: organizers see all, a company its own
//! agenda, a delegation lead its companies', an interpreter the meetings
//! assigned. Outcomes are recorded by a meeting's own companies and seen
//! only by the side that wrote them (and its lead, and organizers).

use super::caller::Caller;
use super::error::{ApiError, ApiJson, ApiResult, ErrorBody, OrApi};
use super::events::event_id;
use super::requests::own_orgs;
use super::types::*;
use crate::AppState;
use crate::company::{MAX_TEXT, on_agenda};
use crate::i18n::Lang;
use axum::Json;
use axum::extract::{Path, State};
use fluent_templates::fluent_bundle::FluentValue;
use mitra_core::meeting::{Interest, Money, NextStep, Outcome};
use mitra_core::people::Role;

#[utoipa::path(get, path = "/api/v1/events/{event}/meetings", tag = "meetings",
    params(("event" = String, Path, description = "Event id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Organizer: every meeting, drafts too; others: their published agenda", body = Vec<MeetingOut>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_meetings(
    State(state): State<AppState>,
    caller: Caller,
    Path(event): Path<String>,
) -> ApiResult<Json<Vec<MeetingOut>>> {
    let lang = caller.lang;
    let event = event_id(lang, &event)?;
    let account = caller.member(&event)?;
    let store = &state.store;
    let plan = store.event_plan(&event).await.or_api(lang)?;
    let own = own_orgs(store, lang, &event, &account.role).await?;
    let list = store
        .meetings(&event)
        .await
        .or_api(lang)?
        .iter()
        .filter(|m| match (&account.role, &own) {
            (Role::Organizer, _) => true,
            (Role::Interpreter(i), _) => on_agenda(m) && m.meeting.interpreter.as_ref() == Some(i),
            (_, Some(own)) => {
                on_agenda(m) && (own.contains(&m.meeting.a) || own.contains(&m.meeting.b))
            }
            (_, None) => false,
        })
        .map(|m| MeetingOut::new(&plan, m))
        .collect();
    Ok(Json(list))
}

#[utoipa::path(get, path = "/api/v1/events/{event}/outcomes", tag = "outcomes",
    params(("event" = String, Path, description = "Event id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Organizer: all; delegation lead: its companies'; company: its own", body = Vec<OutcomeOut>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_outcomes(
    State(state): State<AppState>,
    caller: Caller,
    Path(event): Path<String>,
) -> ApiResult<Json<Vec<OutcomeOut>>> {
    let lang = caller.lang;
    let event = event_id(lang, &event)?;
    let account = caller.member(&event)?;
    if matches!(account.role, Role::Interpreter(_)) {
        return Err(ApiError::forbidden(lang));
    }
    let store = &state.store;
    let own = own_orgs(store, lang, &event, &account.role).await?;
    let list = store
        .outcomes(&event)
        .await
        .or_api(lang)?
        .iter()
        .filter(|(_, o)| own.as_ref().is_none_or(|own| own.contains(&o.recorded_by)))
        .map(|(m, o)| OutcomeOut::new(*m, o))
        .collect();
    Ok(Json(list))
}

fn too_long(lang: Lang, field: &str) -> ApiError {
    ApiError::invalid(
        field,
        lang.t_args("field-too-long", &[("max", FluentValue::from(MAX_TEXT))]),
    )
}

#[utoipa::path(put, path = "/api/v1/events/{event}/meetings/{meeting}/outcome", tag = "outcomes",
    params(("event" = String, Path, description = "Event id"), ("meeting" = i64, Path, description = "Meeting id")),
    request_body = OutcomeIn,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Recorded (replacing the side's earlier one)", body = OutcomeOut),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not a meeting on the caller's company's agenda", body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn record_outcome(
    State(state): State<AppState>,
    caller: Caller,
    Path((event, meeting)): Path<(String, String)>,
    body: Result<ApiJson<OutcomeIn>, ApiError>,
) -> ApiResult<Json<OutcomeOut>> {
    let lang = caller.lang;
    let event = event_id(lang, &event)?;
    let org = caller.company(&event)?;
    let id: i64 = meeting
        .parse()
        .map_err(|_| ApiError::not_found(lang).with_field("meeting"))?;
    let store = &state.store;
    let m = store
        .meetings(&event)
        .await
        .or_api(lang)?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or_else(|| ApiError::not_found(lang).with_field("meeting"))?;
    if !(on_agenda(&m) && (m.meeting.a == org || m.meeting.b == org)) {
        return Err(ApiError::forbidden(lang));
    }
    let ApiJson(body) = body?;
    let products: Vec<String> = body
        .products
        .iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if body.products.len() > 50
        || products
            .iter()
            .map(|p| p.chars().count() + 2)
            .sum::<usize>()
            > MAX_TEXT
    {
        return Err(too_long(lang, "products"));
    }
    let value = body
        .estimated_value
        .as_ref()
        .map(|v| {
            Money::new(v.amount, &v.currency.trim().to_uppercase()).map_err(|_| {
                ApiError::invalid("estimated_value.currency", lang.t("field-currency"))
            })
        })
        .transpose()?;
    let notes = body.notes.as_deref().unwrap_or("").trim();
    if notes.chars().count() > MAX_TEXT {
        return Err(too_long(lang, "notes"));
    }
    let choose = |field: &str| ApiError::invalid(field, lang.t("field-choose"));
    let interest = Interest::parse(&serde_plain(&body.interest)).map_err(|_| choose("interest"))?;
    let next_step =
        NextStep::parse(&serde_plain(&body.next_step)).map_err(|_| choose("next_step"))?;
    let outcome = Outcome {
        recorded_by: org,
        interest,
        next_step,
        products,
        estimated_value: value,
        notes: (!notes.is_empty()).then(|| notes.to_string()),
    };
    let actor = caller
        .account
        .as_ref()
        .map(|a| a.person.to_string())
        .unwrap_or_default();
    let subject = format!("meeting {}", m.id);
    let detail = format!("{} (API)", crate::company::outcome_detail(&outcome));
    store
        .record_outcome_audited(
            &event,
            m.id,
            &outcome,
            &mitra_store::AuditLine {
                actor: &actor,
                now: crate::auth::now(),
                action: "outcome",
                subject: &subject,
                detail: &detail,
            },
        )
        .await
        .or_api(lang)?;
    Ok(Json(OutcomeOut::new(m.id, &outcome)))
}

/// The spelling serde gives a unit variant (the domain's own spelling).
fn serde_plain<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
