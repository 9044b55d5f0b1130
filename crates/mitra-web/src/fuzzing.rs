//! Entry points for the fuzz targets in `fuzz/` (not part of the API).
//!
//! [`request`] sends one fuzz input through the real router, signed in as
//! the role each route is for, and panics when the answer is a 5xx: a
//! server error for anything a visitor can send is a bug. The router runs
//! over a temporary SQLite database with a small event, built once per
//! process ([`ROUTES`] lists what it serves the fuzzer).
//!
//! An input is read as:
//!
//! ```text
//! byte 0      the route: ROUTES[byte % ROUTES.len()]
//! byte 1      the language: Accept-Language none, `id` or `zh-CN` (byte % 3)
//! then        one line per `{}` in the route's path (ending in '\n'),
//!             percent-encoded into the path
//! the rest    the body: a form (after `csrf=TOKEN&`), a JSON document, the
//!             parts of a multipart form (after a `csrf` part), or, for a
//!             GET, the query string
//! ```
//!
//! [`samples`] gives a meaningful input for every route: the fuzz corpus's
//! seeds (`fuzz/corpus/web/`), and this module's test.

use crate::{WebConfig, router_with};
use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, Uri, header};
use axum::response::Response;
use chrono::{NaiveDate, NaiveTime};
use mitra_core::codes::{CountryCode, LanguageCode};
use mitra_core::event::{Event, EventPlan, Interpreter, Session, Table};
use mitra_core::ids::{
    DelegationId, EventId, InterpreterId, MissionId, OrgId, PersonId, SessionId, SlotId, TableId,
};
use mitra_core::meeting::{Meeting, MeetingStatus};
use mitra_core::mission::{ItineraryItem, ItineraryKind, Mission, VisitNotes};
use mitra_core::organization::{Delegation, Objectives, Organization, Side, TradeItem};
use mitra_core::people::{Person, Role};
use mitra_store::Store;
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The event most routes work on; it keeps its people, companies,
/// requests and meetings, though inputs may add to them.
pub const EVENT: &str = "fuzz-expo";
/// The event `/organizer/setup` and `/organizer/import` may rewrite
/// freely (its own organizer), so that the main event stays meaningful.
pub const SCRATCH_EVENT: &str = "fuzz-scratch";
/// The main event's secret for badges and feed links.
const PASS_KEY: &str = "fuzz-pass-key";
/// The fixture's invitations (a pair of hex digits, repeated to 64).
const PAGE_INVITATION: &str = "ab";
const API_INVITATION: &str = "cd";
/// The multipart boundary of `/organizer/import` bodies.
pub const BOUNDARY: &str = "mitra-fuzz-boundary";

/// Who sends a route's requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Nobody signed in (a CSRF cookie only).
    Visitor,
    /// The main event's organizer.
    Organizer,
    /// The representative of the main event's guest company `g1`.
    Company,
    /// The lead of the main event's delegation `lampung`.
    Lead,
    /// The scratch event's organizer.
    ScratchOrganizer,
}

impl Who {
    /// The session (and bearer) token: 64 hex digits, fixed.
    fn token(self) -> String {
        let n: u8 = match self {
            Who::Visitor => 0xcc,
            Who::Organizer => 0x01,
            Who::Company => 0x02,
            Who::Lead => 0x03,
            Who::ScratchOrganizer => 0x04,
        };
        format!("{n:02x}").repeat(32)
    }

    /// The CSRF token its forms carry (a visitor's is its cookie's).
    fn csrf(self) -> String {
        match self {
            Who::Visitor => self.token(),
            other => format!("csrf-{other:?}"),
        }
    }
}

/// How an input's body travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carry {
    /// `application/x-www-form-urlencoded`, after `csrf=TOKEN&`.
    Form,
    /// `multipart/form-data` with [`BOUNDARY`], after a `csrf` part.
    Multipart,
    /// `application/json` with a bearer token (none for a visitor).
    Json,
    /// No body; the input is the query string (pages: session cookie;
    /// `/api/`: bearer token).
    Query,
}

/// One route the fuzzer reaches.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    pub method: &'static str,
    /// `{}` stands for a parameter taken from the input.
    pub path: &'static str,
    pub who: Who,
    pub carry: Carry,
}

const fn route(method: &'static str, path: &'static str, who: Who, carry: Carry) -> Route {
    Route {
        method,
        path,
        who,
        carry,
    }
}

/// A form, posted.
const fn form(path: &'static str, who: Who) -> Route {
    route("POST", path, who, Carry::Form)
}

/// A JSON body.
const fn json(method: &'static str, path: &'static str, who: Who) -> Route {
    route(method, path, who, Carry::Json)
}

/// A GET with the input as its query.
const fn get(path: &'static str, who: Who) -> Route {
    route("GET", path, who, Carry::Query)
}

/// Every route the fuzzer sends to: the application's POST, PUT and PATCH
/// routes and its `/api/v1` endpoints but those in [`LEFT_OUT`], and the
/// pages that read a query or a path a visitor types (not the paper's
/// PDFs: they need the system's fonts).
pub const ROUTES: &[Route] = &[
    // sign-in and registration
    form("/signin", Who::Visitor),
    form("/invite/{}", Who::Visitor),
    form("/events/{}/register", Who::Visitor),
    // a company
    form("/company/profile", Who::Company),
    form("/company/requests", Who::Company),
    form("/company/requests/{}", Who::Company),
    form("/company/meetings/{}/outcome", Who::Company),
    form("/company/meetings/{}/no-show", Who::Company),
    // a delegation lead
    form("/delegation/objectives", Who::Lead),
    form("/delegation/itinerary/{}/{}", Who::Lead),
    // the organizer
    form("/organizer/checkin", Who::Organizer),
    form("/organizer/meetings/{}/no-show", Who::Organizer),
    form("/organizer/walk-in", Who::Organizer),
    form("/organizer/reschedule", Who::Organizer),
    form("/organizer/mail/{}", Who::Organizer),
    form("/organizer/registrations/{}/approve", Who::Organizer),
    form("/organizer/registrations/{}/reject", Who::Organizer),
    form("/organizer/setup", Who::ScratchOrganizer),
    route(
        "POST",
        "/organizer/import",
        Who::ScratchOrganizer,
        Carry::Multipart,
    ),
    // the API
    json("POST", "/api/v1/tokens", Who::Visitor),
    json("POST", "/api/v1/events", Who::Organizer),
    json("PATCH", "/api/v1/events/{}/organizations/{}", Who::Company),
    json("POST", "/api/v1/events/{}/requests", Who::Company),
    json("POST", "/api/v1/events/{}/requests/{}/answer", Who::Company),
    json("PUT", "/api/v1/events/{}/meetings/{}/outcome", Who::Company),
    get("/api/v1/me", Who::Company),
    get("/api/v1/events", Who::Organizer),
    get("/api/v1/events/{}", Who::Company),
    get("/api/v1/events/{}/delegations", Who::Organizer),
    get("/api/v1/events/{}/delegations/{}", Who::Lead),
    get("/api/v1/events/{}/organizations", Who::Lead),
    get("/api/v1/events/{}/organizations/{}", Who::Company),
    get(
        "/api/v1/events/{}/organizations/{}/recommendations",
        Who::Company,
    ),
    get("/api/v1/events/{}/requests", Who::Company),
    get("/api/v1/events/{}/meetings", Who::Organizer),
    get("/api/v1/events/{}/outcomes", Who::Company),
    get("/api/v1/events/{}/schedule", Who::Organizer),
    // pages that read what a visitor types into the address
    get("/hs", Who::Company),
    get("/organizer/day", Who::Organizer),
    get("/calendar/{}/{}/{}", Who::Visitor),
    get("/events/{}/organizations/{}", Who::Visitor),
    get("/company/meetings/{}/outcome", Who::Company),
    get("/delegation/itinerary/{}/{}", Who::Lead),
];

/// The application's POST, PUT, PATCH and `/api/v1` routes (as
/// [`crate::routes`] writes them) the fuzzer does not send to: sign-out and
/// token revocation would end the fixture's sessions; the engine runs
/// carry nothing but a CSRF token or nothing at all, cost far more than an
/// input should, and rewrite the fixture's meetings (the engines have fuzz
/// targets of their own); unknown API paths all answer the same 404.
pub const LEFT_OUT: &[(&str, &str)] = &[
    ("post", "/signout"),
    ("delete", "/api/v1/tokens/current"),
    ("post", "/organizer/matching"),
    ("post", "/organizer/schedule"),
    ("post", "/organizer/publish"),
    ("post", "/api/v1/events/{event}/matching"),
    ("post", "/api/v1/events/{event}/schedule"),
    ("post", "/api/v1/events/{event}/publish"),
    ("any", "/api/v1/{*rest}"),
];

/// Sends one fuzz input (see the module's documentation); panics on a 5xx.
pub fn request(data: &[u8]) {
    let Some((route, request)) = build(data) else {
        return;
    };
    let harness = harness();
    let logged = Logged::default();
    let (status, body) = tracing::subscriber::with_default(logged.clone(), || {
        harness.runtime.block_on(send(harness.app.clone(), request))
    });
    assert!(
        !status.is_server_error(),
        "{} {} answered {status}; the application logged:\n{}\nthe body:\n{}",
        route.method,
        route.path,
        logged.text(),
        String::from_utf8_lossy(&body[..body.len().min(2000)])
    );
}

/// What the application logs at WARN or above while answering (a 5xx's
/// cause is logged, not shown), kept to go with the panic.
#[derive(Clone, Default)]
struct Logged(std::sync::Arc<std::sync::Mutex<String>>);

impl Logged {
    fn text(&self) -> String {
        self.0.lock().map(|t| t.clone()).unwrap_or_default()
    }
}

impl tracing::Subscriber for Logged {
    fn enabled(&self, metadata: &tracing::Metadata<'_>) -> bool {
        *metadata.level() <= tracing::Level::WARN
    }

    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }

    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        struct Fields<'a>(&'a mut String);
        impl tracing::field::Visit for Fields<'_> {
            fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
                self.0.push_str(&format!(" {}={value:?}", field.name()));
            }
        }
        if let Ok(mut text) = self.0.lock() {
            text.push_str(event.metadata().level().as_str());
            event.record(&mut Fields(&mut text));
            text.push('\n');
        }
    }

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}

/// The input as a request, or `None` where it cannot be one (a path or
/// header the HTTP types refuse: no application code runs on it).
fn build(data: &[u8]) -> Option<(&'static Route, Request<Body>)> {
    let (&which, rest) = data.split_first()?;
    let (&lang, mut rest) = rest.split_first().unwrap_or((&0, &[]));
    let route = &ROUTES[usize::from(which) % ROUTES.len()];
    let mut pieces = route.path.split("{}");
    let mut path = pieces.next().unwrap_or_default().to_string();
    for piece in pieces {
        let (param, after) = match rest.iter().position(|&b| b == b'\n') {
            Some(at) => (&rest[..at], &rest[at + 1..]),
            None => (rest, &rest[rest.len()..]),
        };
        encode(param, b"", &mut path);
        path.push_str(piece);
        rest = after;
    }
    let who = route.who;
    let mut builder = Request::builder().method(Method::from_bytes(route.method.as_bytes()).ok()?);
    builder = match lang % 3 {
        1 => builder.header(header::ACCEPT_LANGUAGE, "id"),
        2 => builder.header(header::ACCEPT_LANGUAGE, "zh-CN,zh;q=0.9"),
        _ => builder,
    };
    let api = route.path.starts_with("/api/");
    if api {
        if who != Who::Visitor {
            builder = builder.header(header::AUTHORIZATION, format!("Bearer {}", who.token()));
        }
    } else if who == Who::Visitor {
        builder = builder.header(header::COOKIE, format!("mitra_csrf={}", who.token()));
    } else {
        builder = builder.header(header::COOKIE, format!("mitra_session={}", who.token()));
    }
    let body = match route.carry {
        Carry::Query => {
            if !rest.is_empty() {
                path.push('?');
                // What may stand in a query as it is stays (so `&`, `=` and
                // `%` keep their meaning); the rest is percent-encoded.
                encode(rest, b"!$&'()*+,;=:@/?%", &mut path);
            }
            Body::empty()
        }
        Carry::Form => {
            builder = builder.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
            let mut body = format!("csrf={}&", who.csrf()).into_bytes();
            body.extend_from_slice(rest);
            Body::from(body)
        }
        Carry::Multipart => {
            builder = builder.header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            );
            let mut body = format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n",
                who.csrf()
            )
            .into_bytes();
            body.extend_from_slice(rest);
            Body::from(body)
        }
        Carry::Json => {
            builder = builder.header(header::CONTENT_TYPE, "application/json");
            Body::from(rest.to_vec())
        }
    };
    let uri: Uri = path.parse().ok()?;
    let request = builder.uri(uri).body(body).ok()?;
    Some((route, request))
}

/// Percent-encodes all but letters, digits, `-._~` and `keep`.
fn encode(bytes: &[u8], keep: &[u8], out: &mut String) {
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

/// One request through the router: the status and the body.
async fn send(app: Router, request: Request<Body>) -> (StatusCode, Vec<u8>) {
    let response = call(app, request).await;
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), 64 << 20)
        .await
        .map(|b| b.to_vec())
        .unwrap_or_else(|e| format!("(the body could not be read: {e})").into_bytes());
    (status, body)
}

/// Calls a service once. `tower` is only a dev-dependency of this crate;
/// `axum::ServiceExt` has tower's `Service` as its supertrait, so a bound
/// on it reaches `poll_ready` and `call` (what `tower::ServiceExt::oneshot`
/// does).
async fn call<S>(mut service: S, request: Request<Body>) -> Response
where
    S: axum::ServiceExt<Request<Body>, Response = Response, Error = Infallible>,
{
    let Ok(()) = std::future::poll_fn(|cx| service.poll_ready(cx)).await;
    let Ok(response) = service.call(request).await;
    response
}

/// The router over the fixture, and the runtime it runs on.
struct Harness {
    runtime: tokio::runtime::Runtime,
    app: Router,
}

fn harness() -> &'static Harness {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    HARNESS.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let store = runtime
            .block_on(fixture(&database_dir()))
            .unwrap_or_else(|e| panic!("building the fuzz fixture: {e}"));
        let app = router_with(store, WebConfig::default());
        Harness { runtime, app }
    })
}

/// A fresh folder for this process's database under the system's
/// temporary folder (`TMPDIR`). Folders of processes that have ended are
/// removed first: the process ends inside libFuzzer, which runs no
/// destructors.
fn database_dir() -> PathBuf {
    let base = std::env::temp_dir();
    let prefix = "mitra-fuzz-web-";
    if Path::new("/proc/self").exists()
        && let Ok(entries) = std::fs::read_dir(&base)
    {
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(prefix)) else {
                continue;
            };
            if !Path::new("/proc").join(pid).exists() {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    let dir = base.join(format!("{prefix}{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
    dir
}

fn id<T>(parse: fn(&str) -> Result<T, mitra_core::ids::IdError>, raw: &str) -> T {
    parse(raw).unwrap_or_else(|e| panic!("fixture id {raw:?}: {e}"))
}

fn language(code: &str) -> LanguageCode {
    LanguageCode::parse(code).unwrap_or_else(|e| panic!("fixture language {code:?}: {e}"))
}

fn country(code: &str) -> CountryCode {
    CountryCode::parse(code).unwrap_or_else(|e| panic!("fixture country {code:?}: {e}"))
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 5, 27).unwrap_or_default()
}

fn plan(event: &str) -> Result<EventPlan, String> {
    let session = |code: &str, hour: u32, slots: u32| Session {
        id: id(SessionId::parse, code),
        name: code.to_string(),
        date: day(),
        start: NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default(),
        slot_count: slots,
    };
    let event = Event {
        id: id(EventId::parse, event),
        name: format!("Fuzz {event}"),
        name_zh: Some("模糊测试".into()),
        name_id: None,
        venue: Some("Hall 1".into()),
        city: Some("Jinan".into()),
        time_zone: chrono_tz::Asia::Shanghai,
        slot_minutes: 20,
        demo: false,
    };
    EventPlan::new(event, vec![session("am", 9, 4), session("pm", 14, 3)])
        .map_err(|e| e.to_string())
}

fn organization(code: &str, side: Side, languages: &[&str], offers: &str) -> Organization {
    Organization {
        id: id(OrgId::parse, code),
        name: format!("Company {code}"),
        side,
        country: country(if side == Side::Guest { "ID" } else { "CN" }),
        region: None,
        delegation: (side == Side::Guest).then(|| id(DelegationId::parse, "lampung")),
        sector: None,
        languages: languages.iter().map(|l| language(l)).collect(),
        description: Some(format!("{code} makes things")),
        offers: vec![TradeItem::new(offers, Vec::new())],
        needs: Vec::new(),
        certifications: Vec::new(),
        capacity: None,
        website: None,
        demo: false,
    }
}

fn person(code: &str, role: Role) -> Person {
    Person {
        id: id(PersonId::parse, code),
        name: format!("Person {code}"),
        email: format!("{code}@example.test"),
        title: None,
        languages: vec![language("en")],
        role,
        demo: false,
    }
}

/// The fixture: the main event with two sessions, three tables, an
/// interpreter, a delegation with its mission, two guests and five
/// hosts, requests in each state, three published meetings, a schedule
/// proposal, two pending registrations and two invitations; the scratch
/// event with its organizer; a session for each [`Who`].
async fn fixture(dir: &Path) -> Result<Store, Box<dyn std::error::Error>> {
    let store = Store::open(&format!("sqlite:{}", dir.join("fuzz.db").display())).await?;
    let event = id(EventId::parse, EVENT);
    store.create_event(&plan(EVENT)?).await?;
    store.set_pass_key(&event, PASS_KEY).await?;
    let lampung = Delegation {
        id: id(DelegationId::parse, "lampung"),
        name: "Lampung".into(),
        country: country("ID"),
        region: Some("Lampung".into()),
        lead: None,
        lead_name: Some("Person lead".into()),
        objectives: Objectives::default(),
        demo: false,
    };
    let orgs = [
        organization("g1", Side::Guest, &["id", "en"], "Kopi robusta [0901]"),
        organization("g2", Side::Guest, &["id"], "Lada hitam"),
        organization("h1", Side::Host, &["zh"], "滴灌设备"),
        organization("h2", Side::Host, &["zh", "en"], "Coffee roasting"),
        organization("h3", Side::Host, &["zh"], "Pepper grinding machines"),
        organization("h4", Side::Host, &["en"], "Cold chain logistics"),
        organization("h5", Side::Host, &["zh", "id"], "Greenhouse film"),
    ];
    store.import(&event, &[lampung], &orgs).await?;
    let table = |code: &str, fixed: Option<&str>| Table {
        id: id(TableId::parse, code),
        fixed_to: fixed.map(|o| id(OrgId::parse, o)),
    };
    store
        .set_tables(
            &event,
            &[
                table("T1", Some("h1")),
                table("P01", None),
                table("P02", None),
            ],
        )
        .await?;
    store
        .set_interpreters(
            &event,
            &[Interpreter {
                id: id(InterpreterId::parse, "i1"),
                name: "Interpreter i1".into(),
                email: Some("i1@example.test".into()),
                languages: vec![language("id"), language("zh")],
                unavailable: Vec::new(),
                demo: false,
            }],
        )
        .await?;
    store
        .add_people(
            &event,
            &[
                person("boss", Role::Organizer),
                person("rep-g1", Role::CompanyRep(id(OrgId::parse, "g1"))),
                person("rep-h1", Role::CompanyRep(id(OrgId::parse, "h1"))),
                person(
                    "lead",
                    Role::DelegationLead(id(DelegationId::parse, "lampung")),
                ),
            ],
        )
        .await?;
    store
        .save_mission(
            &event,
            &Mission {
                id: id(MissionId::parse, "lampung-2025"),
                delegation: id(DelegationId::parse, "lampung"),
                title: "Lampung to Shandong".into(),
                start: day(),
                end: day(),
                itinerary: vec![ItineraryItem {
                    date: day(),
                    kind: ItineraryKind::SiteVisit,
                    title: "Greenhouses".into(),
                    place: Some("Shouguang".into()),
                    host: None,
                    notes: VisitNotes::default(),
                }],
                demo: false,
            },
        )
        .await?;
    // Requests 1 (g1 asks h1), 2 and 3 (h2 and h3 ask g1: g1 may answer)
    // and 4 (g2 and h1 ask each other: accepted).
    let now = crate::auth::now();
    let later = now + 30 * 24 * 3600;
    let org = |code: &str| id(OrgId::parse, code);
    for (from, to) in [
        ("g1", "h1"),
        ("h2", "g1"),
        ("h3", "g1"),
        ("g2", "h1"),
        ("h1", "g2"),
    ] {
        store
            .ask_meeting(&event, &org(from), &org(to), Some("Halo"), now, later)
            .await?;
    }
    // Meetings 1 (g1–h1, with the interpreter), 2 (g1–h2) and 3 (g2–h2).
    let meeting = |a: &str, b: &str, slot: &str, table: &str, interpreter: Option<&str>| {
        (
            None,
            Meeting {
                a: org(a),
                b: org(b),
                slot: id(SlotId::parse, slot),
                table: id(TableId::parse, table),
                interpreter: interpreter.map(|i| id(InterpreterId::parse, i)),
                status: MeetingStatus::Draft,
            },
        )
    };
    store
        .replace_draft_meetings(
            &event,
            &[
                meeting("g1", "h1", "am-0900", "T1", Some("i1")),
                meeting("g1", "h2", "am-0920", "P01", None),
                meeting("g2", "h2", "am-0900", "P01", None),
            ],
        )
        .await?;
    store.publish_drafts(&event).await?;
    // A schedule proposal awaiting review.
    crate::services::engines::propose_schedule(&store, &event, now, false)
        .await
        .map_err(|e| e.to_string())?;
    // Registrations 1 and 2, pending.
    for code in ["newcomer", "latecomer"] {
        let mut company = organization(code, Side::Host, &["zh"], "Greenhouse film");
        company.name = format!("{code} Ltd");
        company.delegation = None;
        let rep = person(&format!("rep-{code}"), Role::CompanyRep(org(code)));
        store
            .submit_registration(&event, &company, &rep, now)
            .await?;
    }
    // Invitations for h1's representative: one for the page, one for the
    // API.
    let rep_h1 = store
        .person_key(&event, &id(PersonId::parse, "rep-h1"))
        .await?;
    for token in [PAGE_INVITATION, API_INVITATION] {
        store
            .create_invitation(
                rep_h1,
                &crate::auth::token_hash(&token.repeat(32)),
                now,
                later,
            )
            .await?;
    }
    // The scratch event, its organizer and a host for its tables.
    let scratch = id(EventId::parse, SCRATCH_EVENT);
    store.create_event(&plan(SCRATCH_EVENT)?).await?;
    store
        .import(
            &scratch,
            &[],
            &[organization("h9", Side::Host, &["zh"], "Seeds")],
        )
        .await?;
    store
        .add_people(&scratch, &[person("boss", Role::Organizer)])
        .await?;
    // Sessions.
    for (who, event, code) in [
        (Who::Organizer, &event, "boss"),
        (Who::Company, &event, "rep-g1"),
        (Who::Lead, &event, "lead"),
        (Who::ScratchOrganizer, &scratch, "boss"),
    ] {
        let key = store.person_key(event, &id(PersonId::parse, code)).await?;
        store
            .create_session(
                key,
                &crate::auth::token_hash(&who.token()),
                &who.csrf(),
                now,
                now + 365 * 24 * 3600,
            )
            .await?;
    }
    Ok(store)
}

/// A meaningful input for every route of [`ROUTES`]: (a name, the input).
pub fn samples() -> Vec<(String, Vec<u8>)> {
    let event = id(EventId::parse, EVENT);
    let badge =
        crate::services::passes::badge_code(PASS_KEY, &event, &id(PersonId::parse, "rep-g1"));
    let feed = crate::services::passes::feed_path(PASS_KEY, &event, &id(PersonId::parse, "rep-g1"));
    let feed: Vec<&str> = feed.trim_start_matches("/calendar/").split('/').collect();
    let invitation = PAGE_INVITATION.repeat(32);
    let api_invitation = API_INVITATION.repeat(32);
    let csv = "id,name,side,country,languages,offers,needs\n\
               g7,Kopi Tujuh,guest,ID,id,Kopi robusta [0901.11],Mesin sangrai\n";
    let import = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"side\"\r\n\r\nguest\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"companies.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{csv}\r\n--{BOUNDARY}--\r\n"
    );
    let setup = "name=Scratch+expo&name_zh=&name_id=&venue=&city=&time_zone=Asia%2FShanghai\
                 &slot_minutes=20&s0_code=am&s0_name=Morning&s0_date=2025-05-27&s0_start=09%3A00\
                 &s0_slots=4&s1_new=1&s1_code=pm&s1_name=&s1_date=2025-05-28&s1_start=14%3A00&s1_slots=3\
                 &pool=P01+P02&pool_add=1&fixed_h9=T9\
                 &i0_new=1&i0_code=&i0_name=Wang+Li&i0_email=wang%40example.test&i0_languages=id+zh\
                 &i0_unavailable=am-0900";
    let register = "company=Kopi+Baru&side=guest&country=ID&delegation=lampung&languages=id%2C+en\
                    &sector=agriculture&description=Kopi&offers=Kopi+robusta+%5B0901%5D&needs=\
                    &rep_name=Ayu&rep_email=ayu%40example.test&rep_languages=id";
    let event_json = r#"{"id": "fuzz-new", "name": "New", "time_zone": "Asia/Jakarta",
        "slot_minutes": 15, "sessions": [{"id": "am", "date": "2025-06-02", "start": "09:00", "slots": 8}],
        "pool_tables": 3}"#;
    let outcome_json = r#"{"interest": "high", "next_step": "samples", "products": ["Robusta"],
        "estimated_value": {"amount": 12000, "currency": "USD"}, "notes": "Kirim sampel"}"#;
    let list: Vec<(&str, &str, Vec<&str>, String)> = vec![
        // first: changing the meetings drops the fixture's proposal
        ("api-schedule", "GET /api/v1/events/{}/schedule", vec![EVENT], String::new()),
        ("signin", "POST /signin", vec![], "email=boss%40example.test&password=wrong".into()),
        ("invite", "POST /invite/{}", vec![&invitation], String::new()),
        ("register", "POST /events/{}/register", vec![EVENT], register.into()),
        ("profile", "POST /company/profile", vec![], "description=Kopi+dari+Lampung&offers=Kopi+robusta+%5B0901.11%5D%0ALada&needs=Mesin".into()),
        ("ask", "POST /company/requests", vec![], "to=h4&message=Boleh+bertemu%3F".into()),
        ("answer", "POST /company/requests/{}", vec!["2"], "action=accept&message=Ya".into()),
        ("outcome", "POST /company/meetings/{}/outcome", vec!["1"], "interest=high&next_step=samples&products=Robusta%2C+Lada&amount=12000&currency=USD&notes=Sampel".into()),
        ("company-no-show", "POST /company/meetings/{}/no-show", vec!["2"], String::new()),
        ("objectives", "POST /delegation/objectives", vec![], "export_products=Kopi+%5B0901%5D&technology_sought=Irigasi+tetes&risks=Harga".into()),
        ("notes", "POST /delegation/itinerary/{}/{}", vec!["lampung-2025", "0"], "technologies_seen=Drip&lessons=Film&contacts=Wang&follow_ups=Visit".into()),
        ("checkin", "POST /organizer/checkin", vec![], format!("code={}", badge.replace('|', "%7C"))),
        ("organizer-no-show", "POST /organizer/meetings/{}/no-show", vec!["3"], "slot=am-0900".into()),
        ("walk-in", "POST /organizer/walk-in", vec![], "guest=g2&host=h1&slot=am-0920".into()),
        ("reschedule", "POST /organizer/reschedule", vec![], "slot=pm-1400".into()),
        ("mail", "POST /organizer/mail/{}", vec!["reminders"], String::new()),
        ("approve", "POST /organizer/registrations/{}/approve", vec!["1"], String::new()),
        ("reject", "POST /organizer/registrations/{}/reject", vec!["2"], String::new()),
        ("setup", "POST /organizer/setup", vec![], setup.into()),
        ("import", "POST /organizer/import", vec![], import),
        ("api-token", "POST /api/v1/tokens", vec![], format!(r#"{{"invitation": "/invite/{api_invitation}"}}"#)),
        ("api-event", "POST /api/v1/events", vec![], event_json.into()),
        ("api-patch-organization", "PATCH /api/v1/events/{}/organizations/{}", vec![EVENT, "g1"], r#"{"description": "Kopi", "offers": [{"text": "Kopi robusta", "hs": ["0901.11"]}]}"#.into()),
        ("api-request", "POST /api/v1/events/{}/requests", vec![EVENT], r#"{"to": "h5", "message": "Halo"}"#.into()),
        ("api-answer", "POST /api/v1/events/{}/requests/{}/answer", vec![EVENT, "3"], r#"{"decision": "decline", "message": "Maaf"}"#.into()),
        ("api-outcome", "PUT /api/v1/events/{}/meetings/{}/outcome", vec![EVENT, "2"], outcome_json.into()),
        ("api-me", "GET /api/v1/me", vec![], String::new()),
        ("api-events", "GET /api/v1/events", vec![], String::new()),
        ("api-event-get", "GET /api/v1/events/{}", vec![EVENT], String::new()),
        ("api-delegations", "GET /api/v1/events/{}/delegations", vec![EVENT], String::new()),
        ("api-delegation", "GET /api/v1/events/{}/delegations/{}", vec![EVENT, "lampung"], String::new()),
        ("api-organizations", "GET /api/v1/events/{}/organizations", vec![EVENT], String::new()),
        ("api-organization", "GET /api/v1/events/{}/organizations/{}", vec![EVENT, "g1"], String::new()),
        ("api-recommendations", "GET /api/v1/events/{}/organizations/{}/recommendations", vec![EVENT, "g1"], String::new()),
        ("api-requests", "GET /api/v1/events/{}/requests", vec![EVENT], String::new()),
        ("api-meetings", "GET /api/v1/events/{}/meetings", vec![EVENT], String::new()),
        ("api-outcomes", "GET /api/v1/events/{}/outcomes", vec![EVENT], String::new()),
        ("hs", "GET /hs", vec![], "q=0901".into()),
        ("day", "GET /organizer/day", vec![], "slot=am-0900&done=walk-in".into()),
        ("calendar", "GET /calendar/{}/{}/{}", feed, String::new()),
        ("organization-page", "GET /events/{}/organizations/{}", vec![EVENT, "h1"], String::new()),
        ("outcome-form", "GET /company/meetings/{}/outcome", vec!["1"], String::new()),
        ("notes-form", "GET /delegation/itinerary/{}/{}", vec!["lampung-2025", "0"], String::new()),
    ];
    assert_eq!(list.len(), ROUTES.len(), "one sample per route");
    list.into_iter()
        .map(|(name, key, params, body)| {
            let which = ROUTES
                .iter()
                .position(|r| format!("{} {}", r.method, r.path) == key)
                .unwrap_or_else(|| panic!("sample {name}: no route {key}"));
            let mut input = vec![u8::try_from(which).unwrap_or(u8::MAX), 0];
            for param in params {
                input.extend_from_slice(param.as_bytes());
                input.push(b'\n');
            }
            input.extend_from_slice(body.as_bytes());
            (name.to_string(), input)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every sample reaches its handler and is served: a success or a
    /// redirect (the sign-in's wrong password aside), never a refusal of
    /// the session, the CSRF token or the body's shape, which would make
    /// the fuzz corpus's seeds useless.
    #[test]
    fn every_sample_is_served() {
        let harness = harness();
        let mut refused = Vec::new();
        for (name, input) in samples() {
            let (route, request) = build(&input).expect("a sample makes a request");
            let (status, body) = harness.runtime.block_on(send(harness.app.clone(), request));
            // The organizer has no password: signing in is refused.
            let served = match name.as_str() {
                "signin" => status == StatusCode::UNAUTHORIZED,
                _ => status.is_success() || status.is_redirection(),
            };
            if !served {
                let body = String::from_utf8_lossy(&body);
                refused.push(format!(
                    "sample {name}: {} {} answered {status}:\n{}",
                    route.method,
                    route.path,
                    errors_of(&body)
                ));
            }
        }
        assert!(refused.is_empty(), "{}", refused.join("\n\n"));
    }

    /// A page's error messages (or the start of a body without any).
    fn errors_of(body: &str) -> String {
        let errors: Vec<&str> = body
            .split("role=\"alert\"")
            .skip(1)
            .filter_map(|rest| rest.split_once('>'))
            .filter_map(|(_, rest)| rest.split_once('<'))
            .map(|(text, _)| text.trim())
            .collect();
        if errors.is_empty() {
            body.chars().take(600).collect()
        } else {
            errors.join(" | ")
        }
    }

    /// The fuzz corpus (`fuzz/corpus/web/`) starts from every sample, as
    /// it is now. When routes or samples change, write them anew with
    /// `MITRA_WRITE_FUZZ_CORPUS=1 cargo test -p mitra-web --lib fuzz_corpus`.
    #[test]
    fn fuzz_corpus_holds_every_sample() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/web");
        let write = std::env::var_os("MITRA_WRITE_FUZZ_CORPUS").is_some();
        if write {
            std::fs::create_dir_all(&dir).expect("the corpus folder");
        }
        let mut stale = Vec::new();
        for (name, input) in samples() {
            let path = dir.join(format!("sample-{name}"));
            if write {
                std::fs::write(&path, &input).expect("a seed");
            }
            if std::fs::read(&path).ok().as_deref() != Some(&input[..]) {
                stale.push(name);
            }
        }
        assert!(
            stale.is_empty(),
            "fuzz/corpus/web lacks or differs in the samples {stale:?}; write them with \
             MITRA_WRITE_FUZZ_CORPUS=1 cargo test -p mitra-web --lib fuzz_corpus"
        );
    }

    /// A route added to the application is fuzzed or left out knowingly.
    #[test]
    fn every_route_that_takes_input_is_fuzzed_or_left_out() {
        // `{event}` and `{}` alike
        let pattern = |path: &str| -> String {
            let mut out = String::new();
            let mut inside = false;
            for c in path.chars() {
                match c {
                    '{' => inside = true,
                    '}' => {
                        inside = false;
                        out.push_str("{}");
                    }
                    _ if !inside => out.push(c),
                    _ => {}
                }
            }
            out
        };
        let fuzzed: Vec<(String, String)> = ROUTES
            .iter()
            .map(|r| (r.method.to_lowercase(), pattern(r.path)))
            .collect();
        let missing: Vec<String> = crate::routes()
            .into_iter()
            .filter(|(method, path)| *method != "get" || path.starts_with("/api/v1/"))
            .filter(|route| !LEFT_OUT.contains(route))
            .filter(|(method, path)| !fuzzed.contains(&(method.to_string(), pattern(path))))
            .map(|(method, path)| format!("{method} {path}"))
            .collect();
        assert!(
            missing.is_empty(),
            "add to ROUTES (with a sample) or LEFT_OUT: {missing:?}"
        );
        for route in LEFT_OUT {
            assert!(
                crate::routes().contains(route),
                "{route:?} is no route any more"
            );
        }
    }

    #[test]
    fn odd_inputs_make_a_request_or_none() {
        assert!(build(b"").is_none());
        for input in [
            &b"\x00"[..],
            b"\x05\x01\n\n",
            b"\x13\x02\xff\xfe",
            b"\x27\x00a b\nc",
        ] {
            assert!(build(input).is_some());
        }
    }
}
