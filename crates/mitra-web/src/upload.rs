//! The organizer's spreadsheet upload: registration workbooks and platform exports, imported all or nothing.

use axum::Router;

use crate::AppState;

/// The upload routes, merged into the application router.
pub fn routes() -> Router<AppState> {
    Router::new()
}
