//! THE access-control matrix: every route the application serves
//! ([`mitra_web::routes`]) × every kind of caller, from one table.
//!
//! - The table's rows are exactly the served routes: a route added without
//!   a row (or a row left behind by a removed route) fails the test.
//! - Columns: the organizer, the Lampung delegation lead, the
//!   representative of its company `lpg-01`, an interpreter with meetings,
//!   a company representative of ANOTHER event (made here), and a stranger.
//!   Pages are reached with the session cookie of an invitation, the API
//!   with a bearer token; the stranger has neither.
//! - Bodies are minimal: what is checked is who may, so the role check
//!   must come before any validation (a wrong role gets 403, a stranger
//!   the sign-in page or 401, whatever the body).
//! - Page forms are posted WITHOUT the CSRF token by this event's people
//!   and the stranger: the right role gets 400, a wrong one 403. The other
//!   event's representative posts WITH its own valid token, so that its
//!   column shows what the handlers' own checks do: it is a company
//!   representative, and it must still get 403 or 404 on everything that
//!   names this event's objects (and nothing here may change).
//! - Rows run in order on one copy of the demo: the API's scheduling and
//!   publication (which replace meetings) come last.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::*;
use mitra_core::codes::{CountryCode, LanguageCode};
use mitra_core::ids::{EventId, OrgId, PersonId};
use mitra_core::meeting::{MeetingStatus, RequestStatus};
use mitra_core::organization::{Organization, Side};
use mitra_core::people::{Person, Role};
use mitra_store::Store;
use serde_json::json;
use std::collections::BTreeSet;
use std::time::Duration;
use tower::ServiceExt;

// ------------------------------------------------------------ the table

/// The callers, one column each, in the table's order.
const CALLERS: [&str; 6] = [
    "organizer",
    "delegation lead",
    "company rep",
    "interpreter",
    "other event's rep",
    "stranger",
];
const OTHER: usize = 4;
const STRANGER: usize = 5;

/// One route: its method and pattern as [`mitra_web::routes`] lists them,
/// the path called, a minimal body and what each caller gets.
///
/// In `call` and `body`: `{event}` the demo event, `{org}` the rep's
/// company `lpg-01`, `{partner}` a host
/// company with nothing open with it, `{request}` a pending request to
/// it, `{meeting}` a meeting on its agenda, `{mission}` the Lampung
/// mission, `{registration}` a pending registration, `{feed}` the rep's
/// calendar feed, `{invitation}` a fresh invitation link of the caller
/// (the rep's for the stranger).
struct Row {
    method: &'static str,
    path: &'static str,
    call: &'static str,
    /// Form fields (`a=1&b=2`) for pages, JSON for the API.
    body: &'static str,
    /// Per caller: the status, and after a space where a redirect goes.
    expect: [&'static str; 6],
}

const fn row(method: &'static str, path: &'static str, expect: [&'static str; 6]) -> Row {
    Row {
        method,
        path,
        call: path,
        body: "",
        expect,
    }
}

impl Row {
    /// Calls another path than the pattern (filled in, with a query).
    const fn to(mut self, call: &'static str) -> Row {
        self.call = call;
        self
    }

    const fn with(mut self, body: &'static str) -> Row {
        self.body = body;
        self
    }
}

const OK: &str = "200";
const CREATED: &str = "201";
/// A form without its CSRF token, posted by the role allowed.
const NO_CSRF: &str = "400";
const UNAUTHORIZED: &str = "401";
const FORBIDDEN: &str = "403";
const NOT_FOUND: &str = "404";
const INVALID: &str = "422";
/// A page for the signed-in only, asked by a stranger.
const SIGN_IN: &str = "303 /signin";

/// Every route × every caller: organizer, lead, rep, interpreter, the
/// other event's rep, stranger.
#[rustfmt::skip]
const TABLE: &[Row] = &[
    // ----------------------------------------------- public pages and files
    row("get", "/healthz", [OK, OK, OK, OK, OK, OK]),
    // Several events: the list (with one, a redirect to it).
    row("get", "/", [OK, OK, OK, OK, OK, OK]),
    row("get", "/events/{event}", [OK, OK, OK, OK, OK, OK]),
    row("get", "/events/{event}/organizations/{org}", [OK, OK, OK, OK, OK, OK]),
    row("get", "/static/mitra.css", [OK, OK, OK, OK, OK, OK]),
    row("get", "/static/mitra.js", [OK, OK, OK, OK, OK, OK]),
    row("get", "/hs", [OK, OK, OK, OK, OK, OK]).to("/hs?q=0901"),
    // The link is the key: anyone holding it reads the calendar.
    row("get", "/calendar/{event}/{person}/{file}", [OK, OK, OK, OK, OK, OK]).to("{feed}"),
    row("get", "/events/{event}/register", [OK, OK, OK, OK, OK, OK]),
    // The other event's rep passes the CSRF check and meets the form's
    // own checks (nothing filled in).
    row("post", "/events/{event}/register", [NO_CSRF, NO_CSRF, NO_CSRF, NO_CSRF, INVALID, NO_CSRF]),
    // ------------------------------------------------------------- sign-in
    row("get", "/signin", [OK, OK, OK, OK, OK, OK]),
    row("post", "/signin", [NO_CSRF, NO_CSRF, NO_CSRF, NO_CSRF, OK, NO_CSRF]).with("email=&password="),
    row("get", "/invite/{token}", [OK, OK, OK, OK, OK, OK]).to("{invitation}"),
    // With its token, the other event's rep follows its own invitation.
    row("post", "/invite/{token}", [NO_CSRF, NO_CSRF, NO_CSRF, NO_CSRF, "303 /me", NO_CSRF]).to("{invitation}"),
    row("post", "/signout", [NO_CSRF, NO_CSRF, NO_CSRF, NO_CSRF, "303 /", NO_CSRF]),
    row("get", "/me", ["303 /organizer", "303 /delegation", "303 /company", "303 /interpreter", "303 /company", SIGN_IN]),
    // One's own agenda: representatives' and interpreters'; organizers
    // and leads have none.
    row("get", "/me/calendar.ics", [FORBIDDEN, FORBIDDEN, OK, OK, OK, SIGN_IN]),
    row("get", "/me/agenda", [FORBIDDEN, FORBIDDEN, OK, OK, OK, SIGN_IN]),
    // ------------------------------------------------------------- company
    // The other event's rep sees and keeps its own company.
    row("get", "/company", [FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, OK, SIGN_IN]),
    row("get", "/company/profile", [FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, OK, SIGN_IN]),
    row("post", "/company/profile", [FORBIDDEN, FORBIDDEN, NO_CSRF, FORBIDDEN, "303 /company/profile?saved=1", SIGN_IN]),
    // Asking this event's company: unknown in the other event, the form
    // comes back with the field's error and nothing is asked.
    row("post", "/company/requests", [FORBIDDEN, FORBIDDEN, NO_CSRF, FORBIDDEN, INVALID, SIGN_IN]).with("to={partner}"),
    row("post", "/company/requests/{id}", [FORBIDDEN, FORBIDDEN, NO_CSRF, FORBIDDEN, NOT_FOUND, SIGN_IN]).to("/company/requests/{request}").with("action=accept"),
    row("get", "/company/meetings/{id}/outcome", [FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, NOT_FOUND, SIGN_IN]).to("/company/meetings/{meeting}/outcome"),
    row("post", "/company/meetings/{id}/outcome", [FORBIDDEN, FORBIDDEN, NO_CSRF, FORBIDDEN, NOT_FOUND, SIGN_IN]).to("/company/meetings/{meeting}/outcome").with("interest=high&next_step=samples"),
    row("post", "/company/meetings/{id}/no-show", [FORBIDDEN, FORBIDDEN, NO_CSRF, FORBIDDEN, NOT_FOUND, SIGN_IN]).to("/company/meetings/{meeting}/no-show"),
    // ---------------------------------------------------------- delegation
    row("get", "/delegation", [FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    row("get", "/delegation/report", [FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    row("get", "/delegation/objectives", [FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    row("post", "/delegation/objectives", [FORBIDDEN, NO_CSRF, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    row("get", "/delegation/itinerary/{mission}/{index}", [FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]).to("/delegation/itinerary/{mission}/0"),
    row("post", "/delegation/itinerary/{mission}/{index}", [FORBIDDEN, NO_CSRF, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]).to("/delegation/itinerary/{mission}/0"),
    // --------------------------------------------------------- interpreter
    row("get", "/interpreter", [FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, SIGN_IN]),
    // ----------------------------------------------------------- organizer
    row("get", "/organizer", [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    row("post", "/organizer/matching", [NO_CSRF, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    row("get", "/organizer/schedule", [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    row("post", "/organizer/schedule", [NO_CSRF, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    row("post", "/organizer/publish", [NO_CSRF, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    row("get", "/organizer/tables", [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    row("get", "/organizer/checkin", [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    row("post", "/organizer/checkin", [NO_CSRF, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]).with("code=x"),
    row("get", "/organizer/day", [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    row("post", "/organizer/meetings/{id}/no-show", [NO_CSRF, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]).to("/organizer/meetings/{meeting}/no-show"),
    row("post", "/organizer/walk-in", [NO_CSRF, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    row("post", "/organizer/mail/{what}", [NO_CSRF, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]).to("/organizer/mail/reminders"),
    row("post", "/organizer/reschedule", [NO_CSRF, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    row("get", "/organizer/paper/{what}", [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]).to("/organizer/paper/table-plan"),
    row("get", "/organizer/setup", [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    row("post", "/organizer/setup", [NO_CSRF, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    row("get", "/organizer/registrations", [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    row("post", "/organizer/registrations/{id}/approve", [NO_CSRF, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]).to("/organizer/registrations/{registration}/approve"),
    row("post", "/organizer/registrations/{id}/reject", [NO_CSRF, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]).to("/organizer/registrations/{registration}/reject"),
    row("get", "/organizer/import", [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    // Not even a multipart form: refused after the role check.
    row("post", "/organizer/import", [NO_CSRF, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    row("get", "/organizer/import/template.xlsx", [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, SIGN_IN]),
    // ----------------------------------------------------------------- API
    row("get", "/api/openapi.json", [OK, OK, OK, OK, OK, OK]),
    // Unknown API paths: JSON 404 for everyone.
    row("any", "/api/v1/{*rest}", [NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND]).to("/api/v1/no-such-thing"),
    row("post", "/api/v1/tokens", [CREATED, CREATED, CREATED, CREATED, CREATED, CREATED]).with(r#"{"invitation": "{invitation}"}"#),
    // Each caller revokes a token of its own made for this row.
    row("delete", "/api/v1/tokens/current", ["204", "204", "204", "204", "204", UNAUTHORIZED]),
    row("get", "/api/v1/me", [OK, OK, OK, OK, OK, UNAUTHORIZED]),
    row("get", "/api/v1/events", [OK, OK, OK, OK, OK, OK]),
    row("post", "/api/v1/events", [INVALID, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHORIZED]).with("{}"),
    row("get", "/api/v1/events/{event}", [OK, OK, OK, OK, OK, OK]),
    row("get", "/api/v1/events/{event}/delegations", [OK, OK, OK, OK, OK, OK]),
    row("get", "/api/v1/events/{event}/delegations/{delegation}", [OK, OK, OK, OK, OK, OK]).to("/api/v1/events/{event}/delegations/lampung"),
    row("get", "/api/v1/events/{event}/organizations", [OK, OK, OK, OK, OK, OK]),
    row("get", "/api/v1/events/{event}/organizations/{org}", [OK, OK, OK, OK, OK, OK]),
    // An empty patch changes nothing: the rep's own company answers 200.
    row("patch", "/api/v1/events/{event}/organizations/{org}", [FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, UNAUTHORIZED]).with("{}"),
    row("get", "/api/v1/events/{event}/organizations/{org}/recommendations", [OK, OK, OK, OK, OK, OK]),
    row("get", "/api/v1/events/{event}/requests", [OK, OK, OK, FORBIDDEN, FORBIDDEN, UNAUTHORIZED]),
    row("post", "/api/v1/events/{event}/requests", [FORBIDDEN, FORBIDDEN, INVALID, FORBIDDEN, FORBIDDEN, UNAUTHORIZED]).with("{}"),
    row("post", "/api/v1/events/{event}/requests/{request}/answer", [FORBIDDEN, FORBIDDEN, INVALID, FORBIDDEN, FORBIDDEN, UNAUTHORIZED]).with("{}"),
    row("get", "/api/v1/events/{event}/meetings", [OK, OK, OK, OK, FORBIDDEN, UNAUTHORIZED]),
    row("put", "/api/v1/events/{event}/meetings/{meeting}/outcome", [FORBIDDEN, FORBIDDEN, INVALID, FORBIDDEN, FORBIDDEN, UNAUTHORIZED]).with("{}"),
    row("get", "/api/v1/events/{event}/outcomes", [OK, OK, OK, FORBIDDEN, FORBIDDEN, UNAUTHORIZED]),
    row("post", "/api/v1/events/{event}/matching", [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHORIZED]),
    row("post", "/api/v1/events/{event}/schedule", [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHORIZED]),
    row("get", "/api/v1/events/{event}/schedule", [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHORIZED]),
    row("post", "/api/v1/events/{event}/publish", [OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHORIZED]),
];

// ------------------------------------------------------------- the cast

/// Everyone the table calls as, and the things the calls name.
struct Cast {
    /// Person ids by column (the stranger's is the rep's, for links).
    people: [PersonId; 6],
    /// The event each column's person belongs to.
    events: [EventId; 6],
    /// Cookie clients by column; the stranger's never signs in.
    clients: Vec<Client>,
    /// Bearer tokens by column; the stranger has none.
    tokens: Vec<Option<String>>,
    other_event: EventId,
    partner: String,
    request: i64,
    meeting: i64,
    mission: String,
    registration: i64,
    feed: String,
}

const OTHER_EVENT: &str = "other-fair-2026";
const OTHER_ORG: &str = "other-co";
const OTHER_REP: &str = "rep-other-co";

/// Another event in the same store, made through the API by the demo's
/// organizer, with one company and its representative.
async fn other_event(app: &axum::Router, store: &Store) -> EventId {
    let token = token(app, store, &event(), &PersonId::parse(ORGANIZER).unwrap()).await;
    let plan = json!({
        "id": OTHER_EVENT, "name": "Another fair", "time_zone": "Asia/Jakarta", "slot_minutes": 20,
        "sessions": [{"id": "am", "date": "2026-06-10", "start": "09:00", "slots": 4}],
        "pool_tables": 2
    });
    let made = send(
        app,
        Method::POST,
        "/api/v1/events",
        Some(&token),
        Some(plan.to_string()),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let other = EventId::parse(OTHER_EVENT).unwrap();
    let org = Organization {
        id: OrgId::parse(OTHER_ORG).unwrap(),
        name: "Other Coffee Co".into(),
        side: Side::Guest,
        country: CountryCode::parse("ID").unwrap(),
        region: None,
        delegation: None,
        sector: None,
        languages: vec![LanguageCode::parse("id").unwrap()],
        description: None,
        offers: vec![],
        needs: vec![],
        certifications: vec![],
        capacity: None,
        website: None,
        demo: false,
    };
    store.import(&other, &[], &[org]).await.unwrap();
    let rep = Person {
        id: PersonId::parse(OTHER_REP).unwrap(),
        name: "Other Rep".into(),
        email: "rep@other-co.example.test".into(),
        title: None,
        languages: vec![LanguageCode::parse("id").unwrap()],
        role: Role::CompanyRep(OrgId::parse(OTHER_ORG).unwrap()),
        demo: false,
    };
    store.add_people(&other, &[rep]).await.unwrap();
    other
}

/// An invitation path for a person of an event.
async fn invitation(store: &Store, event: &EventId, person: &PersonId) -> String {
    mitra_web::auth::create_invitation(store, event, person, Duration::from_secs(3600))
        .await
        .expect("an invitation")
}

/// A bearer token, made as a client makes one: from an invitation.
async fn token(app: &axum::Router, store: &Store, event: &EventId, person: &PersonId) -> String {
    let link = invitation(store, event, person).await;
    let body = json!({ "invitation": link }).to_string();
    let reply = send(app, Method::POST, "/api/v1/tokens", None, Some(body)).await;
    assert_eq!(
        reply.status,
        StatusCode::CREATED,
        "{person}: {}",
        reply.body
    );
    let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    json["token"].as_str().unwrap().to_string()
}

/// A client signed in by a fresh invitation.
async fn signed_in(
    app: &axum::Router,
    store: &Store,
    event: &EventId,
    person: &PersonId,
) -> Client {
    let mut client = Client::new(app.clone());
    let answer = client
        .sign_in_by(&invitation(store, event, person).await)
        .await;
    assert_eq!(
        answer.status,
        StatusCode::SEE_OTHER,
        "{person}: {}",
        answer.body
    );
    client
}

async fn cast(app: &axum::Router, store: &Store) -> Cast {
    let event = event();
    let other_event = other_event(app, store).await;
    let people = store.people(&event).await.unwrap();
    let orgs = store.organizations(&event).await.unwrap();
    let meetings = store.meetings(&event).await.unwrap();
    let requests = store.requests(&event).await.unwrap();
    let ours = OrgId::parse(GUEST_ORG).unwrap();
    let interpreter = people
        .iter()
        .find(|p| match &p.role {
            Role::Interpreter(i) => meetings
                .iter()
                .any(|m| m.meeting.interpreter.as_ref() == Some(i)),
            _ => false,
        })
        .expect("an interpreter with meetings")
        .id
        .clone();
    let meeting = meetings
        .iter()
        .find(|m| {
            (m.meeting.a == ours || m.meeting.b == ours)
                && matches!(
                    m.meeting.status,
                    MeetingStatus::Published | MeetingStatus::Held | MeetingStatus::NoShow
                )
        })
        .expect("the Lampung company has meetings")
        .id;
    // Two host companies with nothing open with ours: one to ask, one
    // that asks.
    let touches = |o: &OrgId| {
        requests.iter().any(|r| {
            (r.request.from == ours && &r.request.to == o)
                || (&r.request.from == o && r.request.to == ours)
        }) || meetings.iter().any(|m| {
            (m.meeting.a == ours && &m.meeting.b == o) || (&m.meeting.a == o && m.meeting.b == ours)
        })
    };
    let hosts: Vec<_> = orgs
        .iter()
        .filter(|o| o.side == Side::Host && !touches(&o.id))
        .collect();
    let (partner, asker) = (hosts[0].id.to_string(), hosts[1].id.clone());
    let now = mitra_web::auth::now();
    let request = match store
        .ask_meeting(&event, &asker, &ours, Some("Kopi?"), now, now + 3600)
        .await
        .unwrap()
    {
        mitra_store::Asked::Pending(id) => id,
        other => panic!("expected a pending request, got {other:?}"),
    };
    let mission = store
        .missions(&event)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.delegation.as_str() == "lampung" && !m.itinerary.is_empty())
        .expect("a Lampung mission")
        .id
        .to_string();
    let mut company = orgs.iter().find(|o| o.id == ours).unwrap().clone();
    company.id = OrgId::parse("pending-co").unwrap();
    company.name = "Pending Pepper Co".into();
    let mut representative = people
        .iter()
        .find(|p| p.id.as_str() == format!("rep-{GUEST_ORG}"))
        .unwrap()
        .clone();
    representative.id = PersonId::parse("rep-pending-co").unwrap();
    representative.email = "rep@pending-co.example.test".into();
    representative.role = Role::CompanyRep(company.id.clone());
    let registration = store
        .submit_registration(&event, &company, &representative, now)
        .await
        .unwrap();
    let rep = PersonId::parse(&format!("rep-{GUEST_ORG}")).unwrap();
    let secret = mitra_web::services::passes::event_secret(store, &event)
        .await
        .unwrap();
    let feed = mitra_web::services::passes::feed_path(&secret, &event, &rep);
    let people = [
        PersonId::parse(ORGANIZER).unwrap(),
        PersonId::parse(LEAD).unwrap(),
        rep.clone(),
        interpreter,
        PersonId::parse(OTHER_REP).unwrap(),
        rep,
    ];
    let events = std::array::from_fn(|i| {
        if i == OTHER {
            other_event.clone()
        } else {
            event.clone()
        }
    });
    let mut clients = Vec::new();
    let mut tokens = Vec::new();
    for column in 0..CALLERS.len() {
        if column == STRANGER {
            clients.push(Client::new(app.clone()));
            tokens.push(None);
        } else {
            let (e, p) = (&events[column], &people[column]);
            clients.push(signed_in(app, store, e, p).await);
            tokens.push(Some(token(app, store, e, p).await));
        }
    }
    Cast {
        people,
        events,
        clients,
        tokens,
        other_event,
        partner,
        request,
        meeting,
        mission,
        registration,
        feed,
    }
}

// -------------------------------------------------------------- calling

/// An answer: status, where a redirect goes, body text.
struct Reply {
    status: StatusCode,
    location: Option<String>,
    body: String,
}

/// One API call with an optional bearer token and JSON body.
async fn send(
    app: &axum::Router,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<String>,
) -> Reply {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(t) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let request = match body {
        Some(b) => request
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(b)),
        None => request.body(Body::empty()),
    }
    .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_string());
    let bytes = axum::body::to_bytes(response.into_body(), 16 << 20)
        .await
        .unwrap();
    Reply {
        status,
        location,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// Form fields from `a=1&b=2` (values without `&` or `=`).
fn fields(body: &str) -> Vec<(&str, &str)> {
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect()
}

/// Whether an answer is what a cell expects: "303 /signin" also checks
/// where the redirect goes.
fn matches(expect: &str, reply: &Reply) -> bool {
    let (code, location) = match expect.split_once(' ') {
        Some((c, l)) => (c, Some(l)),
        None => (expect, None),
    };
    reply.status.as_str() == code && (location.is_none() || reply.location.as_deref() == location)
}

// ------------------------------------------------------------- the test

async fn every_route_answers_every_caller_as_the_table_says(backend: Backend) {
    // The table covers exactly what the router serves.
    let served: Vec<(&str, &str)> = mitra_web::routes();
    let served_set: BTreeSet<_> = served.iter().copied().collect();
    assert_eq!(served.len(), served_set.len(), "a route listed twice");
    let rows: BTreeSet<_> = TABLE.iter().map(|r| (r.method, r.path)).collect();
    assert_eq!(TABLE.len(), rows.len(), "a route twice in the table");
    let missing: Vec<_> = served_set.difference(&rows).collect();
    let stale: Vec<_> = rows.difference(&served_set).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "served without a row: {missing:?}\nrows without a route: {stale:?}"
    );

    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let mut c = cast(&app, &store).await;
    let outcomes_before = store.outcomes(&event()).await.unwrap().len();
    let mut failures = Vec::new();
    for row in TABLE {
        for (column, caller) in CALLERS.iter().enumerate() {
            let (event, person) = (c.events[column].clone(), c.people[column].clone());
            let link = invitation(&store, &event, &person).await;
            let fill = |s: &str| {
                s.replace("{event}", EVENT)
                    .replace("{org}", GUEST_ORG)
                    .replace("{partner}", &c.partner)
                    .replace("{request}", &c.request.to_string())
                    .replace("{meeting}", &c.meeting.to_string())
                    .replace("{mission}", &c.mission)
                    .replace("{registration}", &c.registration.to_string())
                    .replace("{feed}", &c.feed)
                    .replace("{invitation}", &link)
            };
            let path = fill(row.call);
            let body = fill(row.body);
            let reply = if row.path.starts_with("/api/") {
                let method = match row.method {
                    "any" => Method::GET,
                    m => Method::from_bytes(m.to_uppercase().as_bytes()).unwrap(),
                };
                // Revoking spends the token: this row revokes one of its own.
                let token = match (&c.tokens[column], row.path) {
                    (Some(_), "/api/v1/tokens/current") => {
                        Some(token(&app, &store, &event, &person).await)
                    }
                    (t, _) => t.clone(),
                };
                let body = (!body.is_empty()).then_some(body);
                send(&app, method, &path, token.as_deref(), body).await
            } else {
                let client = &mut c.clients[column];
                let answer = match row.method {
                    "get" => client.get(&path).await,
                    "post" => {
                        let mut form = fields(&body);
                        let csrf = match column {
                            OTHER => Some(client.csrf().await),
                            _ => None,
                        };
                        if let Some(token) = &csrf {
                            form.push(("csrf", token));
                        }
                        client.post(&path, &form).await
                    }
                    other => panic!("pages are got and posted, not {other}"),
                };
                // Signing out, or in by another link, ends the session:
                // sign in anew.
                if column != STRANGER && !client.cookies.contains_key("mitra_session") {
                    *client = signed_in(&app, &store, &event, &person).await;
                }
                Reply {
                    status: answer.status,
                    location: answer.location,
                    body: answer.body,
                }
            };
            let expected = row.expect[column];
            if !matches(expected, &reply) {
                let shown: String = reply.body.chars().take(300).collect();
                failures.push(format!(
                    "{} {} ({}) as {}: expected {expected}, got {} {} {shown}",
                    row.method,
                    row.path,
                    path,
                    caller,
                    reply.status,
                    reply.location.unwrap_or_default(),
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cells differ:\n{}",
        failures.len(),
        TABLE.len() * CALLERS.len(),
        failures.join("\n")
    );
    // Nothing the refused calls named has changed: the request waits for
    // its answer, no outcome was recorded, no request comes from the
    // other event's company.
    let requests = store.requests(&event()).await.unwrap();
    let waiting = requests.iter().find(|r| r.id == c.request).unwrap();
    assert_eq!(waiting.request.status, RequestStatus::Pending);
    assert!(
        requests
            .iter()
            .all(|r| r.request.from.as_str() != OTHER_ORG)
    );
    assert_eq!(
        store.outcomes(&event()).await.unwrap().len(),
        outcomes_before
    );
    assert!(
        store.requests(&c.other_event).await.unwrap().is_empty(),
        "the other event's rep asked nobody"
    );
}

mitra_store::backend_tests!(every_route_answers_every_caller_as_the_table_says);
