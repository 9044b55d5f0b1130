//! The web application: public event pages, sign-in (organizer passwords,
//! invitation links), and one area per role — `/company`, `/delegation`,
//! `/interpreter`, `/organizer` — each checked on the server. Every page,
//! message and error is in English, Bahasa Indonesia and Simplified
//! Chinese (Fluent files in `locales/`). Handlers read and write through
//! the store and never write SQL; the engines run through [`services`].

/// Declares routes once, so that a router and the list of what it serves
/// come from the same lines:
///
/// ```text
/// route_table! {
///     /// Docs of the list.
///     pub const LIST, pub(crate) fn router;
///     get "/path/{id}" => handler;
///     post "/path/{id}" => other_handler;
/// }
/// ```
///
/// makes `LIST: &[(&str, &str)]` (method as written, path pattern) and
/// `router() -> Router<AppState>` with one `.route(path, method(handler))`
/// per line (axum merges the methods of one path). The method is the name
/// of an `axum::routing` function: `get`, `post`, `put`, `patch`, `delete`
/// or `any`. [`routes`] gathers every list; a test walks all of them.
macro_rules! route_table {
    ($(#[$doc:meta])* $list_vis:vis const $list:ident, $router_vis:vis fn $router:ident;
     $($method:ident $path:literal => $handler:path;)*) => {
        $(#[$doc])*
        $list_vis const $list: &[(&str, &str)] = &[$((stringify!($method), $path)),*];

        $router_vis fn $router() -> axum::Router<$crate::AppState> {
            let mut router = axum::Router::new();
            $(router = router.route($path, axum::routing::$method($handler));)*
            router
        }
    };
}

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

/// What every handler shares: one allocation, so that the per-request
/// clones axum makes (for each handler and middleware) copy a pointer.
#[derive(Clone)]
pub struct AppState(std::sync::Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The state behind [`AppState`].
pub struct Shared {
    pub store: Store,
    pub config: WebConfig,
    /// Matching state per event, for incremental recommendations.
    pub recommenders: services::engines::Recommenders,
    /// Failed sign-ins, per account and address.
    pub throttle: std::sync::Arc<security::Throttle>,
    /// What the personal pages read of each event, kept between requests.
    pub views: services::snapshot::EventViews,
    /// The sessions this server has seen.
    pub sessions: services::sessions::Sessions,
}

route_table! {
    /// The pages, sign-in, static files and the calendar feed.
    const PAGE_ROUTES, fn page_routes;
    get "/healthz" => pages::healthz;
    get "/" => pages::home;
    get "/events/{event}" => pages::event;
    get "/events/{event}/organizations/{org}" => pages::organization;
    get "/static/mitra.css" => pages::stylesheet;
    get "/static/mitra.js" => pages::script;
    get "/hs" => company::hs_suggestions;
    get "/signin" => auth::signin_form;
    post "/signin" => auth::signin;
    get "/invite/{token}" => auth::invite_form;
    post "/invite/{token}" => auth::invite;
    post "/signout" => auth::signout;
    get "/me" => auth::me;
    get "/company" => company::overview;
    get "/company/profile" => company::profile_form;
    post "/company/profile" => company::save_profile;
    post "/company/requests" => company::ask;
    post "/company/requests/{id}" => company::answer;
    get "/company/meetings/{id}/outcome" => company::outcome_form;
    post "/company/meetings/{id}/outcome" => company::save_outcome;
    get "/delegation" => delegation::overview;
    get "/delegation/report" => delegation::mission_report;
    get "/delegation/objectives" => delegation::objectives_form;
    post "/delegation/objectives" => delegation::save_objectives;
    get "/delegation/itinerary/{mission}/{index}" => delegation::notes_form;
    post "/delegation/itinerary/{mission}/{index}" => delegation::save_notes;
    get "/interpreter" => interpreter::overview;
    get "/organizer" => organizer::dashboard;
    post "/organizer/matching" => organizer::run_matching;
    get "/organizer/schedule" => organizer::review;
    post "/organizer/schedule" => organizer::run_schedule;
    post "/organizer/publish" => organizer::publish;
    get "/organizer/tables" => organizer::table_plan;
    get "/organizer/checkin" => day::checkin_desk;
    post "/organizer/checkin" => day::checkin_scan;
    get "/organizer/day" => day::board;
    post "/organizer/meetings/{id}/no-show" => day::organizer_no_show;
    post "/organizer/walk-in" => day::walk_in;
    post "/organizer/mail/{what}" => day::send_mail;
    post "/organizer/reschedule" => day::reschedule;
    post "/company/meetings/{id}/no-show" => day::company_no_show;
    get "/me/calendar.ics" => day::my_calendar;
    get "/me/agenda" => day::my_agenda;
    get "/organizer/paper/{what}" => day::organizer_paper;
    get "/calendar/{event}/{person}/{file}" => day::feed;
}

/// Every route the application serves, as (method, path pattern): the
/// pages', the setup's, the upload's and the API's, from the same tables
/// that build the router. Unknown paths fall through to the 404 page.
pub fn routes() -> Vec<(&'static str, &'static str)> {
    [
        PAGE_ROUTES,
        setup::ROUTES,
        upload::ROUTES,
        api::OPERATIONS,
        api::OTHER_ROUTES,
    ]
    .concat()
}

/// The application's routes over a store, with the default configuration.
pub fn router(store: Store) -> Router {
    router_with(store, WebConfig::default())
}

/// The application's routes; tests serve it on port 0.
pub fn router_with(store: Store, config: WebConfig) -> Router {
    router_from(app_state(store, config))
}

/// What the handlers of one server share.
fn app_state(store: Store, config: WebConfig) -> AppState {
    let throttle = std::sync::Arc::new(security::Throttle::new(config.throttle));
    AppState(std::sync::Arc::new(Shared {
        store,
        config,
        recommenders: services::engines::Recommenders::default(),
        throttle,
        views: services::snapshot::EventViews::default(),
        sessions: services::sessions::Sessions::default(),
    }))
}

/// Loads each event's view for the personal pages (as many as a server
/// keeps) with its recommendations.
async fn warm_views(state: AppState) {
    let events = match state.store.events().await {
        Ok(events) => events,
        Err(e) => {
            tracing::warn!(error = %e, "listing the events to warm failed");
            return;
        }
    };
    for event in events.iter().take(services::snapshot::MOST_EVENTS) {
        let warmed = async {
            let view = state
                .views
                .get(&state.store, &event.id, auth::now())
                .await?;
            if let Some(org) = view.organizations.first() {
                view.recommendations(&state.store, &event.id, &org.id)
                    .await?;
            }
            Ok::<_, mitra_store::StoreError>(())
        };
        if let Err(e) = warmed.await {
            tracing::warn!(event = %event.id, error = %e, "warming the event's pages failed");
        }
    }
}

/// The router over a server's shared state.
fn router_from(state: AppState) -> Router {
    page_routes()
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
    let state = app_state(store, config);
    // Loaded while the first visitors are still on their way, so that they
    // need not wait for it; a failure only means the first page loads it.
    tokio::spawn(warm_views(state.clone()));
    let app = router_from(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
