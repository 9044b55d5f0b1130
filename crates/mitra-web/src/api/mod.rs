//! The JSON API under `/api/v1`, and its OpenAPI document.

use axum::Router;

use crate::AppState;

/// The API routes, merged into the application router.
pub fn routes() -> Router<AppState> {
    Router::new()
}
