//! Page handlers and their templates.

use crate::AppState;
use crate::auth::Viewer;
use crate::errors::{OrPage, PageError, PageResult, Problem};
use crate::view::render;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use mitra_core::ids::{EventId, OrgId};
use mitra_core::organization::{Organization, Side, TradeItem};
use serde::Serialize;
use std::collections::BTreeMap;

const CSS: &str = include_str!("../static/mitra.css");
const JS: &str = include_str!("../static/mitra.js");

pub async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.events().await {
        Ok(_) => (StatusCode::OK, "ok\n").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        CSS,
    )
        .into_response()
}

pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        JS,
    )
        .into_response()
}

pub async fn not_found(viewer: Viewer) -> PageError {
    viewer.error(Problem::NotFound)
}

pub async fn home(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    let events = state.store.events().await.or_page(viewer.lang)?;
    if let [only] = events.as_slice() {
        return Ok(Redirect::to(&format!("/events/{}", only.id)).into_response());
    }
    let events: Vec<_> = events
        .iter()
        .map(
            |e| minijinja::context! { id => e.id.as_str(), name => e.name.clone(), demo => e.demo },
        )
        .collect();
    render(&viewer, "home.html", minijinja::context! { events })
}

#[derive(Serialize)]
struct ItemView {
    text: String,
    hs: Vec<String>,
}

#[derive(Serialize)]
struct OrgView {
    id: String,
    name: String,
    side: &'static str,
    country: String,
    region: Option<String>,
    sector: Option<&'static str>,
    languages: Vec<String>,
    description: Option<String>,
    offers: Vec<ItemView>,
    needs: Vec<ItemView>,
    certifications: Vec<String>,
    capacity: Option<String>,
    website: Option<String>,
    demo: bool,
}

fn items(list: &[TradeItem]) -> Vec<ItemView> {
    list.iter()
        .map(|i| ItemView {
            text: i.text.clone(),
            hs: i.hs.iter().map(|c| c.to_string()).collect(),
        })
        .collect()
}

fn org_view(o: &Organization) -> OrgView {
    OrgView {
        id: o.id.to_string(),
        name: o.name.clone(),
        side: o.side.as_str(),
        country: o.country.to_string(),
        region: o.region.clone(),
        sector: o.sector.map(|s| s.as_str()),
        languages: o
            .languages
            .iter()
            .map(|l| l.endonym().to_string())
            .collect(),
        description: o.description.clone(),
        offers: items(&o.offers),
        needs: items(&o.needs),
        certifications: o.certifications.clone(),
        capacity: o.capacity.clone(),
        website: o.website.clone(),
        demo: o.demo,
    }
}

fn parse_event(viewer: &Viewer, raw: &str) -> Result<EventId, PageError> {
    EventId::parse(raw).map_err(|_| viewer.error(Problem::NotFound))
}

pub async fn event(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(event): Path<String>,
) -> PageResult {
    let lang = viewer.lang;
    let id = parse_event(&viewer, &event)?;
    let plan = state.store.event_plan(&id).await.or_page(lang)?;
    let delegations = state.store.delegations(&id).await.or_page(lang)?;
    let organizations = state.store.organizations(&id).await.or_page(lang)?;
    let tables = state.store.tables(&id).await.or_page(lang)?;
    let interpreters = state.store.interpreters(&id).await.or_page(lang)?;
    let requests = state.store.requests(&id).await.or_page(lang)?;
    let mut by_delegation: BTreeMap<String, Vec<OrgView>> = BTreeMap::new();
    let mut hosts = Vec::new();
    for o in &organizations {
        match (o.side, &o.delegation) {
            (Side::Guest, Some(d)) => by_delegation
                .entry(d.to_string())
                .or_default()
                .push(org_view(o)),
            (Side::Guest, None) => by_delegation
                .entry(String::new())
                .or_default()
                .push(org_view(o)),
            (Side::Host, _) => hosts.push(org_view(o)),
        }
    }
    let countries: std::collections::BTreeSet<_> =
        delegations.iter().map(|d| d.country.as_str()).collect();
    let delegation_views: Vec<_> = delegations
        .iter()
        .map(|d| {
            minijinja::context! {
                id => d.id.as_str(), name => d.name.clone(), country => d.country.as_str(), region => d.region.clone(),
                lead => d.lead_name.clone(),
                export_products => d.objectives.export_products.iter().map(|i| i.text.clone()).collect::<Vec<_>>(),
                technology_sought => d.objectives.technology_sought.iter().map(|i| i.text.clone()).collect::<Vec<_>>(),
                risks => d.objectives.risks.clone(),
                companies => minijinja::Value::from(minijinja::value::Serde(by_delegation.remove(d.id.as_str()).unwrap_or_default())),
            }
        })
        .collect();
    let sessions: Vec<_> = plan
        .sessions
        .iter()
        .map(|s| {
            let slots: Vec<_> = plan.slots_of(&s.id).collect();
            let end = slots.last().map(|slot| plan.slot_end(slot).format("%H:%M").to_string()).unwrap_or_default();
            let first = slots.first().map(|slot| crate::view::when(&plan, &slot.id));
            minijinja::context! { name => s.name.clone(), start => s.start.format("%H:%M").to_string(), end, slots => slots.len(), first }
        })
        .collect();
    let e = &plan.event;
    render(
        &viewer,
        "event.html",
        minijinja::context! {
            event => minijinja::context! {
                id => e.id.as_str(), name => e.name.clone(), name_zh => e.name_zh.clone(), name_id => e.name_id.clone(), venue => e.venue.clone(),
                city => e.city.clone(), time_zone => e.time_zone.name(), slot_minutes => e.slot_minutes, demo => e.demo,
                date => plan.sessions.first().map(|s| s.date.format("%Y-%m-%d").to_string()),
            },
            sessions,
            delegations => delegation_views,
            hosts => minijinja::Value::from(minijinja::value::Serde(&hosts)),
            counts => minijinja::context! {
                delegations => delegations.len(), countries => countries.len(),
                guests => organizations.iter().filter(|o| o.side == Side::Guest).count(),
                hosts => organizations.iter().filter(|o| o.side == Side::Host).count(),
                tables => tables.len(), interpreters => interpreters.len(), requests => requests.len(),
            },
        },
    )
}

pub async fn organization(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((event, org)): Path<(String, String)>,
) -> PageResult {
    let lang = viewer.lang;
    let id = parse_event(&viewer, &event)?;
    let org_id = OrgId::parse(&org).map_err(|_| viewer.error(Problem::NotFound))?;
    let organizations = state.store.organizations(&id).await.or_page(lang)?;
    let Some(found) = organizations.iter().find(|o| o.id == org_id) else {
        return Err(viewer.error(Problem::NotFound));
    };
    // Recommendations (partners, scores, reasons) are shown to everyone,
    // as before sign-in existed; outcomes, requests and notes are not.
    let private = true;
    let names: BTreeMap<&str, &str> = organizations
        .iter()
        .map(|o| (o.id.as_str(), o.name.as_str()))
        .collect();
    let stored = state
        .store
        .recommendations(&id, &org_id)
        .await
        .or_page(lang)?;
    let recommendations: Vec<_> = stored
        .iter()
        .map(|r| {
            let reasons: Vec<String> = r
                .reasons
                .as_array()
                .map(|list| list.iter().filter_map(|x| x.get("text").and_then(|t| t.as_str()).map(str::to_string)).collect())
                .unwrap_or_default();
            minijinja::context! {
                id => r.other.as_str(), name => names.get(r.other.as_str()).copied().unwrap_or(r.other.as_str()),
                score => format!("{:.2}", r.score), reasons,
            }
        })
        .collect();
    render(
        &viewer,
        "organization.html",
        minijinja::context! { event_id => id.as_str(), org => minijinja::Value::from(minijinja::value::Serde(org_view(found))), recommendations, private },
    )
}
