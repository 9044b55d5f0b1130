//! Events, delegations and organizations. What the public event pages
//! show is public here too; creating an event takes an organizer, and a
//! profile is changed only by its own company's representative.

use super::caller::Caller;
use super::error::{ApiError, ApiJson, ApiResult, ErrorBody, OrApi};
use super::types::*;
use crate::AppState;
use crate::company::MAX_TEXT;
use crate::i18n::Lang;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{NaiveDate, NaiveTime};
use fluent_templates::fluent_bundle::FluentValue;
use mitra_core::event::{Event, EventPlan, Session, Table};
use mitra_core::ids::{DelegationId, EventId, OrgId, SessionId, TableId};
use mitra_core::organization::TradeItem;
use mitra_hs::HsCode;

const MAX_ITEMS: usize = 30;
const MAX_ITEM_TEXT: usize = 300;
const MAX_NAME: usize = 300;
const MAX_SESSIONS: usize = 50;
const MAX_POOL_TABLES: u32 = 500;

/// An event id from the path; a malformed one is simply not found.
pub fn event_id(lang: Lang, raw: &str) -> ApiResult<EventId> {
    EventId::parse(raw).map_err(|_| ApiError::not_found(lang).with_field("event"))
}

#[utoipa::path(get, path = "/api/v1/events", tag = "events",
    responses((status = 200, body = Vec<EventSummaryOut>)))]
pub async fn list_events(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<EventSummaryOut>>> {
    let events = state.store.events().await.or_api(caller.lang)?;
    Ok(Json(
        events
            .into_iter()
            .map(|e| EventSummaryOut {
                id: e.id.to_string(),
                name: e.name,
                demo: e.demo,
            })
            .collect(),
    ))
}

fn too_long(lang: Lang, field: &str, max: usize) -> ApiError {
    ApiError::invalid(
        field,
        lang.t_args("field-too-long", &[("max", FluentValue::from(max))]),
    )
}

fn optional_text(lang: Lang, field: &str, raw: &Option<String>) -> ApiResult<Option<String>> {
    match raw.as_deref().map(str::trim) {
        Some(t) if t.chars().count() > MAX_NAME => Err(too_long(lang, field, MAX_NAME)),
        Some("") | None => Ok(None),
        Some(t) => Ok(Some(t.to_string())),
    }
}

/// Turns an event plan from the API into the domain's, naming the first
/// field at fault.
fn plan_of(lang: Lang, body: &NewEvent) -> ApiResult<EventPlan> {
    let id = EventId::parse(body.id.trim()).map_err(|e| ApiError::invalid("id", e.to_string()))?;
    let name = body.name.trim();
    if name.is_empty() {
        return Err(ApiError::invalid("name", "Give the event a name.".into()));
    }
    if name.chars().count() > MAX_NAME {
        return Err(too_long(lang, "name", MAX_NAME));
    }
    let time_zone = body.time_zone.parse::<chrono_tz::Tz>().map_err(|_| {
        ApiError::invalid(
            "time_zone",
            format!(
                "unknown time zone {:?} (an IANA name such as Asia/Shanghai)",
                body.time_zone
            ),
        )
    })?;
    if body.sessions.is_empty() || body.sessions.len() > MAX_SESSIONS {
        return Err(ApiError::invalid(
            "sessions",
            format!("give 1 to {MAX_SESSIONS} sessions"),
        ));
    }
    if body.pool_tables > MAX_POOL_TABLES {
        return Err(ApiError::invalid(
            "pool_tables",
            format!("at most {MAX_POOL_TABLES} tables"),
        ));
    }
    let mut sessions = Vec::new();
    for (i, s) in body.sessions.iter().enumerate() {
        let at = |f: &str| format!("sessions[{i}].{f}");
        let sid = SessionId::parse(s.id.trim())
            .map_err(|e| ApiError::invalid(at("id"), e.to_string()))?;
        let date = NaiveDate::parse_from_str(s.date.trim(), "%Y-%m-%d").map_err(|_| {
            ApiError::invalid(
                at("date"),
                format!("{:?} is not a date like 2025-05-27", s.date),
            )
        })?;
        let start = NaiveTime::parse_from_str(s.start.trim(), "%H:%M").map_err(|_| {
            ApiError::invalid(
                at("start"),
                format!("{:?} is not a time like 09:00", s.start),
            )
        })?;
        if s.slots == 0 || s.slots > 100 {
            return Err(ApiError::invalid(at("slots"), "give 1 to 100 slots".into()));
        }
        let name = optional_text(lang, &at("name"), &s.name)?.unwrap_or_else(|| sid.to_string());
        sessions.push(Session {
            id: sid,
            name,
            date,
            start,
            slot_count: s.slots,
        });
    }
    let event = Event {
        id,
        name: name.to_string(),
        name_zh: optional_text(lang, "name_zh", &body.name_zh)?,
        name_id: optional_text(lang, "name_id", &body.name_id)?,
        venue: optional_text(lang, "venue", &body.venue)?,
        city: optional_text(lang, "city", &body.city)?,
        time_zone,
        slot_minutes: body.slot_minutes,
        demo: false,
    };
    EventPlan::new(event, sessions).map_err(|e| {
        let field = match e {
            mitra_core::event::PlanError::SlotLength(_) => "slot_minutes",
            _ => "sessions",
        };
        ApiError::invalid(field, e.to_string())
    })
}

#[utoipa::path(post, path = "/api/v1/events", tag = "events",
    request_body = NewEvent,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created, with its slots", body = EventOut),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, description = "An event with this id exists", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create_event(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<ApiJson<NewEvent>, ApiError>,
) -> ApiResult<(StatusCode, Json<EventOut>)> {
    caller.any_organizer()?;
    // The body is read after the role check: 401/403 whatever it holds.
    let ApiJson(body) = body?;
    let lang = caller.lang;
    let plan = plan_of(lang, &body)?;
    let tables = (1..=body.pool_tables)
        .map(|n| {
            TableId::parse(&format!("P{n:02}"))
                .map(|id| Table { id, fixed_to: None })
                .map_err(|e| ApiError::internal(lang, e))
        })
        .collect::<ApiResult<Vec<_>>>()?;
    state
        .store
        .create_event_with_tables(&plan, &tables)
        .await
        .map_err(|e| ApiError::store(lang, e).with_field("id"))?;
    Ok((StatusCode::CREATED, Json(EventOut::from(&plan))))
}

#[utoipa::path(get, path = "/api/v1/events/{event}", tag = "events",
    params(("event" = String, Path, description = "Event id")),
    responses((status = 200, body = EventOut), (status = 404, body = ErrorBody)))]
pub async fn get_event(
    State(state): State<AppState>,
    caller: Caller,
    Path(event): Path<String>,
) -> ApiResult<Json<EventOut>> {
    let event = event_id(caller.lang, &event)?;
    let plan = state.store.event_plan(&event).await.or_api(caller.lang)?;
    Ok(Json(EventOut::from(&plan)))
}

#[utoipa::path(get, path = "/api/v1/events/{event}/delegations", tag = "delegations",
    params(("event" = String, Path, description = "Event id")),
    responses((status = 200, body = Vec<DelegationOut>), (status = 404, body = ErrorBody)))]
pub async fn list_delegations(
    State(state): State<AppState>,
    caller: Caller,
    Path(event): Path<String>,
) -> ApiResult<Json<Vec<DelegationOut>>> {
    let lang = caller.lang;
    let event = event_id(lang, &event)?;
    let delegations = state.store.delegations(&event).await.or_api(lang)?;
    let orgs = state.store.organizations(&event).await.or_api(lang)?;
    Ok(Json(
        delegations
            .iter()
            .map(|d| DelegationOut::new(d, &orgs))
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/events/{event}/delegations/{delegation}", tag = "delegations",
    params(("event" = String, Path, description = "Event id"), ("delegation" = String, Path, description = "Delegation id")),
    responses((status = 200, body = DelegationOut), (status = 404, body = ErrorBody)))]
pub async fn get_delegation(
    State(state): State<AppState>,
    caller: Caller,
    Path((event, delegation)): Path<(String, String)>,
) -> ApiResult<Json<DelegationOut>> {
    let lang = caller.lang;
    let event = event_id(lang, &event)?;
    let id = DelegationId::parse(&delegation)
        .map_err(|_| ApiError::not_found(lang).with_field("delegation"))?;
    let delegations = state.store.delegations(&event).await.or_api(lang)?;
    let d = delegations
        .iter()
        .find(|d| d.id == id)
        .ok_or_else(|| ApiError::not_found(lang).with_field("delegation"))?;
    let orgs = state.store.organizations(&event).await.or_api(lang)?;
    Ok(Json(DelegationOut::new(d, &orgs)))
}

#[utoipa::path(get, path = "/api/v1/events/{event}/organizations", tag = "organizations",
    params(("event" = String, Path, description = "Event id")),
    responses((status = 200, body = Vec<OrganizationOut>), (status = 404, body = ErrorBody)))]
pub async fn list_organizations(
    State(state): State<AppState>,
    caller: Caller,
    Path(event): Path<String>,
) -> ApiResult<Json<Vec<OrganizationOut>>> {
    let lang = caller.lang;
    let event = event_id(lang, &event)?;
    let orgs = state.store.organizations(&event).await.or_api(lang)?;
    Ok(Json(orgs.iter().map(OrganizationOut::from).collect()))
}

fn org_id(lang: Lang, raw: &str) -> ApiResult<OrgId> {
    OrgId::parse(raw).map_err(|_| ApiError::not_found(lang).with_field("org"))
}

#[utoipa::path(get, path = "/api/v1/events/{event}/organizations/{org}", tag = "organizations",
    params(("event" = String, Path, description = "Event id"), ("org" = String, Path, description = "Organization id")),
    responses((status = 200, body = OrganizationOut), (status = 404, body = ErrorBody)))]
pub async fn get_organization(
    State(state): State<AppState>,
    caller: Caller,
    Path((event, org)): Path<(String, String)>,
) -> ApiResult<Json<OrganizationOut>> {
    let lang = caller.lang;
    let event = event_id(lang, &event)?;
    let id = org_id(lang, &org)?;
    let orgs = state.store.organizations(&event).await.or_api(lang)?;
    orgs.iter()
        .find(|o| o.id == id)
        .map(|o| Json(OrganizationOut::from(o)))
        .ok_or_else(|| ApiError::not_found(lang).with_field("org"))
}

#[utoipa::path(get, path = "/api/v1/events/{event}/organizations/{org}/recommendations", tag = "organizations",
    params(("event" = String, Path, description = "Event id"), ("org" = String, Path, description = "Organization id")),
    responses((status = 200, description = "Best first, as the public organization page shows them", body = Vec<RecommendationOut>),
        (status = 404, body = ErrorBody)))]
pub async fn recommendations(
    State(state): State<AppState>,
    caller: Caller,
    Path((event, org)): Path<(String, String)>,
) -> ApiResult<Json<Vec<RecommendationOut>>> {
    let lang = caller.lang;
    let event = event_id(lang, &event)?;
    let id = org_id(lang, &org)?;
    let orgs = state.store.organizations(&event).await.or_api(lang)?;
    if !orgs.iter().any(|o| o.id == id) {
        return Err(ApiError::not_found(lang).with_field("org"));
    }
    let list = state
        .store
        .recommendations(&event, &id)
        .await
        .or_api(lang)?;
    Ok(Json(
        list.into_iter()
            .map(|r| RecommendationOut {
                org: r.other.to_string(),
                score: r.score,
                reasons: r.reasons,
            })
            .collect(),
    ))
}

/// Checks offers or needs as the profile page does.
fn trade_items(lang: Lang, field: &str, list: &[ItemJson]) -> ApiResult<Vec<TradeItem>> {
    if list.len() > MAX_ITEMS {
        return Err(ApiError::invalid(
            field,
            lang.t_args("field-too-many", &[("max", FluentValue::from(MAX_ITEMS))]),
        ));
    }
    let mut out = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let line = [("line", FluentValue::from(i + 1))];
        let text = item.text.trim();
        if text.is_empty() {
            return Err(ApiError::invalid(
                format!("{field}[{i}].text"),
                lang.t_args("field-item-empty", &line),
            ));
        }
        if text.chars().count() > MAX_ITEM_TEXT {
            return Err(ApiError::invalid(
                format!("{field}[{i}].text"),
                lang.t_args("field-item-long", &line),
            ));
        }
        let mut hs = Vec::with_capacity(item.hs.len());
        for (j, code) in item.hs.iter().enumerate() {
            match HsCode::parse(code.trim()) {
                Ok(c) if mitra_hs::nomenclature().contains(&c) => hs.push(c),
                _ => {
                    return Err(ApiError::invalid(
                        format!("{field}[{i}].hs[{j}]"),
                        lang.t_args(
                            "field-hs-invalid",
                            &[
                                ("line", FluentValue::from(i + 1)),
                                ("code", FluentValue::from(code.clone())),
                            ],
                        ),
                    ));
                }
            }
        }
        out.push(TradeItem::new(text, hs));
    }
    Ok(out)
}

#[utoipa::path(patch, path = "/api/v1/events/{event}/organizations/{org}", tag = "organizations",
    params(("event" = String, Path, description = "Event id"), ("org" = String, Path, description = "Organization id")),
    request_body = ProfilePatch,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The profile as stored", body = OrganizationOut),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not this company's representative", body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn patch_organization(
    State(state): State<AppState>,
    caller: Caller,
    Path((event, org)): Path<(String, String)>,
    body: Result<ApiJson<ProfilePatch>, ApiError>,
) -> ApiResult<Json<OrganizationOut>> {
    let lang = caller.lang;
    let event = event_id(lang, &event)?;
    let own = caller.company(&event)?;
    let id = org_id(lang, &org)?;
    if id != own {
        return Err(ApiError::forbidden(lang));
    }
    let ApiJson(body) = body?;
    let orgs = state.store.organizations(&event).await.or_api(lang)?;
    let mut o = orgs
        .into_iter()
        .find(|o| o.id == id)
        .ok_or_else(|| ApiError::not_found(lang).with_field("org"))?;
    // Everything is checked before anything is stored.
    let description = match body.description.as_deref().map(str::trim) {
        Some(d) if d.chars().count() > MAX_TEXT => {
            return Err(too_long(lang, "description", MAX_TEXT));
        }
        Some(d) => Some((!d.is_empty()).then(|| d.to_string())),
        None => None,
    };
    let offers = body
        .offers
        .as_deref()
        .map(|l| trade_items(lang, "offers", l))
        .transpose()?;
    let needs = body
        .needs
        .as_deref()
        .map(|l| trade_items(lang, "needs", l))
        .transpose()?;
    if let Some(d) = description {
        o.description = d;
    }
    if let Some(l) = offers {
        o.offers = l;
    }
    if let Some(l) = needs {
        o.needs = l;
    }
    let actor = caller
        .account
        .as_ref()
        .map(|a| a.person.to_string())
        .unwrap_or_default();
    let detail = format!("{} offers, {} needs (API)", o.offers.len(), o.needs.len());
    state
        .store
        .import_audited(
            &event,
            &[],
            std::slice::from_ref(&o),
            &mitra_store::AuditLine {
                actor: &actor,
                now: crate::auth::now(),
                action: "profile",
                subject: o.id.as_str(),
                detail: &detail,
            },
        )
        .await
        .or_api(lang)?;
    // As after a profile edit on the page: only the lists it changes.
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
    Ok(Json(OrganizationOut::from(&o)))
}
