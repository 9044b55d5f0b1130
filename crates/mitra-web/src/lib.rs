//! The web application. Today: the event page (its delegations and
//! companies, with recommended partners where matching has run) and
//! `GET /healthz`. Handlers read through the store and render templates;
//! they never write SQL.

mod pages;

use axum::Router;
use axum::routing::get;
use mitra_store::Store;
use std::sync::Arc;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub templates: Arc<minijinja::Environment<'static>>,
}

/// The application's routes over a store; tests serve it on port 0.
pub fn router(store: Store) -> Router {
    let state = AppState {
        store,
        templates: Arc::new(pages::templates()),
    };
    Router::new()
        .route("/healthz", get(pages::healthz))
        .route("/", get(pages::home))
        .route("/events/{event}", get(pages::event))
        .route(
            "/events/{event}/organizations/{org}",
            get(pages::organization),
        )
        .route("/static/mitra.css", get(pages::stylesheet))
        .fallback(pages::not_found)
        .with_state(state)
}

/// Serves until Ctrl-C.
pub async fn serve(listener: tokio::net::TcpListener, store: Store) -> std::io::Result<()> {
    axum::serve(listener, router(store))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
