//! The JSON API under `/api/v1`, and its OpenAPI 3.1 document at
//! `/api/openapi.json`.
//!
//! - The same operations as the pages, with the same rules: every scoped
//!   handler starts with a [`caller::Caller`] check, and the engines run
//!   through [`crate::services`].
//! - Authentication by `Authorization: Bearer TOKEN` only (see
//!   [`tokens`]); cookies do not count here, so there is no CSRF token.
//! - Every error has one shape, `{"error": {"code", "message", "field"}}`
//!   ([`error::ErrorBody`]), in the caller's language; bodies are JSON of
//!   at most [`error::MAX_BODY`] bytes with no unknown fields. Scoped
//!   handlers take their body as `Result<ApiJson<_>, ApiError>` and read
//!   it after the caller check, so that a stranger gets 401 and a wrong
//!   role 403 whatever the body holds.
//! - [`OPERATIONS`] lists what the router serves, built from the same
//!   lines as the router itself (`route_table!`); a test checks it
//!   against the document.

pub mod caller;
pub mod error;
mod events;
mod meetings;
mod requests;
mod runs;
mod tokens;
pub mod types;

use crate::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::response::IntoResponse;
use error::{ApiError, CallerLang};
use utoipa::OpenApi;

route_table! {
    /// Every operation the API serves: (method, path) as the OpenAPI
    /// document writes them.
    pub const OPERATIONS, fn operations;
    post "/api/v1/tokens" => tokens::create_token;
    delete "/api/v1/tokens/current" => tokens::revoke_token;
    get "/api/v1/me" => tokens::me;
    get "/api/v1/events" => events::list_events;
    post "/api/v1/events" => events::create_event;
    get "/api/v1/events/{event}" => events::get_event;
    get "/api/v1/events/{event}/delegations" => events::list_delegations;
    get "/api/v1/events/{event}/delegations/{delegation}" => events::get_delegation;
    get "/api/v1/events/{event}/organizations" => events::list_organizations;
    get "/api/v1/events/{event}/organizations/{org}" => events::get_organization;
    patch "/api/v1/events/{event}/organizations/{org}" => events::patch_organization;
    get "/api/v1/events/{event}/organizations/{org}/recommendations" => events::recommendations;
    get "/api/v1/events/{event}/requests" => requests::list_requests;
    post "/api/v1/events/{event}/requests" => requests::create_request;
    post "/api/v1/events/{event}/requests/{request}/answer" => requests::answer_request;
    get "/api/v1/events/{event}/meetings" => meetings::list_meetings;
    put "/api/v1/events/{event}/meetings/{meeting}/outcome" => meetings::record_outcome;
    get "/api/v1/events/{event}/outcomes" => meetings::list_outcomes;
    post "/api/v1/events/{event}/matching" => runs::run_matching;
    post "/api/v1/events/{event}/schedule" => runs::run_schedule;
    get "/api/v1/events/{event}/schedule" => runs::get_schedule;
    post "/api/v1/events/{event}/publish" => runs::publish;
}

/// The OpenAPI document, generated from the handlers and types.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Mitra API",
        version = "1",
        description = "Events, delegations, organizations, meeting requests, meetings, outcomes, matching and scheduling runs. Authenticate with `Authorization: Bearer TOKEN` (POST /api/v1/tokens). Errors: `{\"error\": {\"code\", \"message\", \"field\"}}`.",
        license(name = "MIT")
    ),
    paths(
        tokens::create_token, tokens::revoke_token, tokens::me,
        events::list_events, events::create_event, events::get_event,
        events::list_delegations, events::get_delegation,
        events::list_organizations, events::get_organization, events::patch_organization,
        events::recommendations,
        requests::list_requests, requests::create_request, requests::answer_request,
        meetings::list_meetings, meetings::record_outcome, meetings::list_outcomes,
        runs::run_matching, runs::run_schedule, runs::get_schedule, runs::publish,
    ),
    components(schemas(error::ErrorBody, error::ErrorDetail)),
    modifiers(&BearerScheme),
    tags(
        (name = "tokens", description = "Bearer tokens"),
        (name = "events"), (name = "delegations"), (name = "organizations"),
        (name = "requests"), (name = "meetings"), (name = "outcomes"),
        (name = "runs", description = "Matching, scheduling and publication (organizers)"),
    )
)]
pub struct ApiDoc;

struct BearerScheme;

impl utoipa::Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The document as served.
pub fn openapi() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

async fn openapi_json() -> impl IntoResponse {
    axum::Json(openapi())
}

async fn not_found(CallerLang(lang): CallerLang) -> ApiError {
    ApiError::not_found(lang)
}

route_table! {
    /// What the API serves besides [`OPERATIONS`]: its document, and JSON
    /// 404s for unknown API paths (not the HTML page).
    pub const OTHER_ROUTES, fn other_routes;
    any "/api/v1/{*rest}" => not_found;
    get "/api/openapi.json" => openapi_json;
}

/// The API routes, merged into the application router.
pub fn routes() -> Router<AppState> {
    operations()
        .merge(other_routes())
        .layer(DefaultBodyLimit::max(error::MAX_BODY))
}
