//! The organizer's event setup and the registrations awaiting approval.

use axum::Router;

use crate::AppState;

/// The setup and registration routes, merged into the application router.
pub fn routes() -> Router<AppState> {
    Router::new()
}
