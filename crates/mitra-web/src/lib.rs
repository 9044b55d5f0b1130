//! The web application: public event pages, sign-in (organizer passwords,
//! invitation links), and one area per role — `/company`, `/delegation`,
//! `/interpreter`, `/organizer` — each checked on the server. Every page,
//! message and error is in English, Bahasa Indonesia and Simplified
//! Chinese (Fluent files in `locales/`). Handlers read and write through
//! the store and never write SQL; the engines run through [`services`].

pub mod api;
pub mod auth;
mod company;
mod day;
mod delegation;
mod errors;
/// Entry points for the fuzz targets in `fuzz/` (not part of the API).
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
mod interpreter;
mod organizer;
mod pages;
pub mod security;
pub mod services;
mod setup;
mod upload;
mod view;

use axum::Router;
use axum::routing::{get, post};
use mitra_store::Store;
use std::time::Duration;

/// How the application behaves; tests shorten the times.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` even without `X-Forwarded-Proto: https`
    /// (set it when the server is reached over HTTPS only).
    pub secure_cookies: bool,
    /// How long a meeting request waits for its answer before it lapses.
    pub request_ttl: Duration,
    /// How long a signed-in session lasts.
    pub session_ttl: Duration,
    /// The address people reach this server at, for links in e-mail
    /// (`mitra serve --public-url`).
    pub public_url: String,
    /// How many failed sign-ins an account and an address get.
    pub throttle: security::ThrottleLimits,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            secure_cookies: false,
            request_ttl: Duration::from_secs(48 * 3600),
            session_ttl: Duration::from_secs(14 * 24 * 3600),
            public_url: "http://127.0.0.1:8080".to_string(),
            throttle: security::ThrottleLimits::default(),
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: WebConfig,
    /// Matching state per event, for incremental recommendations.
    pub recommenders: services::engines::Recommenders,
    /// Failed sign-ins, per account and address.
    pub throttle: std::sync::Arc<security::Throttle>,
    /// What the personal pages read of each event, kept between requests.
    pub views: services::snapshot::EventViews,
}

/// The application's routes over a store, with the default configuration.
pub fn router(store: Store) -> Router {
    router_with(store, WebConfig::default())
}

/// The application's routes; tests serve it on port 0.
pub fn router_with(store: Store, config: WebConfig) -> Router {
    let throttle = std::sync::Arc::new(security::Throttle::new(config.throttle));
    let state = AppState {
        store,
        config,
        recommenders: services::engines::Recommenders::default(),
        throttle,
        views: services::snapshot::EventViews::default(),
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
        .route("/static/mitra.js", get(pages::script))
        .route("/hs", get(company::hs_suggestions))
        .route("/signin", get(auth::signin_form).post(auth::signin))
        .route("/invite/{token}", get(auth::invite_form).post(auth::invite))
        .route("/signout", post(auth::signout))
        .route("/me", get(auth::me))
        .route("/company", get(company::overview))
        .route(
            "/company/profile",
            get(company::profile_form).post(company::save_profile),
        )
        .route("/company/requests", post(company::ask))
        .route("/company/requests/{id}", post(company::answer))
        .route(
            "/company/meetings/{id}/outcome",
            get(company::outcome_form).post(company::save_outcome),
        )
        .route("/delegation", get(delegation::overview))
        .route("/delegation/report", get(delegation::mission_report))
        .route(
            "/delegation/objectives",
            get(delegation::objectives_form).post(delegation::save_objectives),
        )
        .route(
            "/delegation/itinerary/{mission}/{index}",
            get(delegation::notes_form).post(delegation::save_notes),
        )
        .route("/interpreter", get(interpreter::overview))
        .route("/organizer", get(organizer::dashboard))
        .route("/organizer/matching", post(organizer::run_matching))
        .route(
            "/organizer/schedule",
            get(organizer::review).post(organizer::run_schedule),
        )
        .route("/organizer/publish", post(organizer::publish))
        .route("/organizer/tables", get(organizer::table_plan))
        .route(
            "/organizer/checkin",
            get(day::checkin_desk).post(day::checkin_scan),
        )
        .route("/organizer/day", get(day::board))
        .route(
            "/organizer/meetings/{id}/no-show",
            post(day::organizer_no_show),
        )
        .route("/organizer/walk-in", post(day::walk_in))
        .route("/organizer/mail/{what}", post(day::send_mail))
        .route("/organizer/reschedule", post(day::reschedule))
        .route("/company/meetings/{id}/no-show", post(day::company_no_show))
        .route("/me/calendar.ics", get(day::my_calendar))
        .route("/me/agenda", get(day::my_agenda))
        .route("/organizer/paper/{what}", get(day::organizer_paper))
        .route("/calendar/{event}/{person}/{file}", get(day::feed))
        .merge(api::routes())
        .merge(setup::routes())
        .merge(upload::routes())
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::viewer_layer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .with_state(state)
}

/// How many connections may wait to be accepted. The day opens with
/// hundreds of phones connecting at once; the usual 128 would drop some
/// handshakes and make them retry a second later. (The kernel caps it at
/// `net.core.somaxconn`.)
const ACCEPT_QUEUE: u32 = 4096;

/// A listening socket for the server at `addr` (`127.0.0.1:8080`,
/// `[::]:80`; port 0 picks a free one) with a deep accept queue.
pub async fn listen(addr: &str) -> std::io::Result<tokio::net::TcpListener> {
    let mut last = None;
    for address in tokio::net::lookup_host(addr).await? {
        let socket = if address.is_ipv4() {
            tokio::net::TcpSocket::new_v4()?
        } else {
            tokio::net::TcpSocket::new_v6()?
        };
        socket.set_reuseaddr(true)?;
        match socket.bind(address) {
            Ok(()) => return socket.listen(ACCEPT_QUEUE),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::AddrNotAvailable,
            format!("{addr} names no address"),
        )
    }))
}

/// Serves until Ctrl-C.
pub async fn serve(listener: tokio::net::TcpListener, store: Store) -> std::io::Result<()> {
    serve_with(listener, store, WebConfig::default()).await
}

/// Serves with a configuration until Ctrl-C.
pub async fn serve_with(
    listener: tokio::net::TcpListener,
    store: Store,
    config: WebConfig,
) -> std::io::Result<()> {
    let app =
        router_with(store, config).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
