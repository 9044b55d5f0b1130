//! The JSON API over a fresh copy of the demo conference: each operation
//! for the role allowed, one access matrix walked for every endpoint and
//! every kind of caller, bad input, and the OpenAPI document (snapshot
//! and coverage of every route the router serves).

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::*;
use mitra_core::ids::{OrgId, PersonId};
use mitra_core::organization::Side;
use mitra_core::people::Role;
use mitra_store::Store;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use tower::ServiceExt;

/// An API answer: status and JSON body (`Null` when empty).
struct Reply {
    status: StatusCode,
    json: Value,
    content_type: String,
}

impl Reply {
    /// Checks the error shape and returns its code.
    fn error_code(&self) -> String {
        let e = &self.json["error"];
        assert!(
            e["code"].is_string() && e["message"].is_string() && e.get("field").is_some(),
            "not the error shape: {} {}",
            self.status,
            self.json
        );
        assert!(!e["message"].as_str().unwrap().is_empty());
        e["code"].as_str().unwrap().to_string()
    }

    fn field(&self) -> Option<&str> {
        self.json["error"]["field"].as_str()
    }
}

async fn call_raw(
    app: &axum::Router,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<(&str, Vec<u8>)>,
    lang: Option<&str>,
) -> Reply {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(t) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    if let Some(l) = lang {
        request = request.header(header::ACCEPT_LANGUAGE, l);
    }
    let request = match body {
        Some((content_type, bytes)) => request
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(bytes)),
        None => request.body(Body::empty()),
    }
    .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = axum::body::to_bytes(response.into_body(), 16 << 20)
        .await
        .unwrap();
    let json = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
    };
    Reply {
        status,
        json,
        content_type,
    }
}

async fn call(
    app: &axum::Router,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Reply {
    let body = body.map(|b| ("application/json", serde_json::to_vec(&b).unwrap()));
    call_raw(app, method, path, token, body, None).await
}

/// A token for a demo person, made the way a client makes one: by
/// following an invitation through `POST /api/v1/tokens`.
async fn token_for(app: &axum::Router, store: &Store, person: &str) -> String {
    let link = invite(store, person).await;
    let reply = call(
        app,
        Method::POST,
        "/api/v1/tokens",
        None,
        Some(json!({ "invitation": link })),
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::CREATED,
        "{person}: {}",
        reply.json
    );
    reply.json["token"].as_str().unwrap().to_string()
}

/// The people the tests act as, and the things their calls name.
struct Cast {
    /// Person ids by column: organizer, lead, rep, interpreter, other rep.
    people: [String; 5],
    /// Tokens by the same columns.
    tokens: [String; 5],
    revoked: String,
    /// Another company, on the other side, with nothing open with ours.
    partner: String,
    /// A pending request to our company, from another host.
    incoming: i64,
    /// A meeting on our company's agenda.
    meeting: i64,
}

/// Whether `x` and `o` have a request or a meeting between them.
fn touches(
    requests: &[mitra_store::StoredRequest],
    meetings: &[mitra_store::StoredMeeting],
    x: &OrgId,
    o: &OrgId,
) -> bool {
    requests.iter().any(|r| {
        (&r.request.from == x && &r.request.to == o) || (&r.request.to == x && &r.request.from == o)
    }) || meetings.iter().any(|m| {
        (&m.meeting.a == x && &m.meeting.b == o) || (&m.meeting.b == x && &m.meeting.a == o)
    })
}

/// A pending request from `from` to our company, with its note.
async fn ask_ours(store: &Store, from: &OrgId, note: &str) -> i64 {
    let ours = OrgId::parse(GUEST_ORG).unwrap();
    let now = mitra_web::auth::now();
    match store
        .ask_meeting(&event(), from, &ours, Some(note), now, now + 3600)
        .await
        .unwrap()
    {
        mitra_store::Asked::Pending(id) => id,
        other => panic!("expected a pending request, got {other:?}"),
    }
}

async fn cast(store: &Store, app: &axum::Router) -> Cast {
    let event = event();
    let people = store.people(&event).await.unwrap();
    let orgs = store.organizations(&event).await.unwrap();
    let meetings = store.meetings(&event).await.unwrap();
    let requests = store.requests(&event).await.unwrap();
    let ours = OrgId::parse(GUEST_ORG).unwrap();
    let touches = |x: &OrgId, o: &OrgId| touches(&requests, &meetings, x, o);
    let hosts: Vec<_> = orgs
        .iter()
        .filter(|o| o.side == Side::Host && !touches(&ours, &o.id))
        .collect();
    let partner = hosts[0].id.clone();
    let asker = hosts[1].id.clone();
    let interpreter = people
        .iter()
        .find(|p| match &p.role {
            Role::Interpreter(i) => meetings
                .iter()
                .any(|m| m.meeting.interpreter.as_ref() == Some(i)),
            _ => false,
        })
        .expect("an interpreter with meetings");
    let guest = |o: &OrgId| orgs.iter().any(|x| &x.id == o && x.side == Side::Guest);
    let other_rep = people
        .iter()
        .find(|p| {
            matches!(&p.role, Role::CompanyRep(o)
                if o != &ours && guest(o) && !touches(o, &partner) && !touches(o, &asker))
        })
        .expect("another guest company's representative");
    let partner = partner.to_string();
    let meeting = meetings
        .iter()
        .find(|m| {
            (m.meeting.a == ours || m.meeting.b == ours)
                && m.meeting.status != mitra_core::meeting::MeetingStatus::Cancelled
        })
        .expect("the Lampung company has meetings")
        .id;
    let incoming = ask_ours(store, &asker, "Kopi?").await;
    let people = [
        ORGANIZER.to_string(),
        LEAD.to_string(),
        format!("rep-{GUEST_ORG}"),
        interpreter.id.to_string(),
        other_rep.id.to_string(),
    ];
    let mut tokens = Vec::new();
    for p in &people {
        tokens.push(token_for(app, store, p).await);
    }
    let revoked = token_for(app, store, &people[2]).await;
    let reply = call(
        app,
        Method::DELETE,
        "/api/v1/tokens/current",
        Some(&revoked),
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    Cast {
        people,
        tokens: tokens.try_into().unwrap(),
        revoked,
        partner,
        incoming,
        meeting,
    }
}

// ------------------------------------------------------------ the matrix

/// Who calls, one column of the matrix.
#[derive(Debug, Clone, Copy)]
enum Who {
    Organizer,
    Lead,
    Rep,
    Interpreter,
    OtherRep,
    Stranger,
    Revoked,
}

const WHO: [Who; 7] = [
    Who::Organizer,
    Who::Lead,
    Who::Rep,
    Who::Interpreter,
    Who::OtherRep,
    Who::Stranger,
    Who::Revoked,
];

/// One endpoint: method, path as documented, the path called (with
/// `{event}`, `{org}`, `{partner}`, `{request}`, `{meeting}`,
/// `{delegation}` filled in), a body, and the status expected for each
/// column of [`WHO`].
struct Row {
    method: &'static str,
    path: &'static str,
    call: &'static str,
    body: Option<&'static str>,
    expect: [u16; 7],
}

/// THE access table: every API endpoint × every kind of caller.
/// Columns: organizer, delegation lead, company rep (lpg-01), interpreter,
/// another company's rep, no token, a revoked token. Rows run in order
/// (the schedule is proposed before it is read and published).
const MATRIX: &[Row] = &[
    Row {
        method: "post",
        path: "/api/v1/tokens",
        call: "/api/v1/tokens",
        body: Some(r#"{"invitation": "{invitation}"}"#),
        expect: [201, 201, 201, 201, 201, 201, 201],
    },
    Row {
        method: "delete",
        path: "/api/v1/tokens/current",
        call: "/api/v1/tokens/current",
        body: None,
        expect: [204, 204, 204, 204, 204, 401, 401],
    },
    Row {
        method: "get",
        path: "/api/v1/me",
        call: "/api/v1/me",
        body: None,
        expect: [200, 200, 200, 200, 200, 401, 401],
    },
    Row {
        method: "get",
        path: "/api/v1/events",
        call: "/api/v1/events",
        body: None,
        expect: [200, 200, 200, 200, 200, 200, 401],
    },
    Row {
        method: "post",
        path: "/api/v1/events",
        call: "/api/v1/events",
        body: Some(
            r#"{"id": "{new-event}", "name": "Matrix fair", "time_zone": "Asia/Jakarta", "slot_minutes": 30,
                        "sessions": [{"id": "am", "date": "2026-03-02", "start": "09:00", "slots": 4}], "pool_tables": 3}"#,
        ),
        expect: [201, 403, 403, 403, 403, 401, 401],
    },
    Row {
        method: "get",
        path: "/api/v1/events/{event}",
        call: "/api/v1/events/{event}",
        body: None,
        expect: [200, 200, 200, 200, 200, 200, 401],
    },
    Row {
        method: "get",
        path: "/api/v1/events/{event}/delegations",
        call: "/api/v1/events/{event}/delegations",
        body: None,
        expect: [200, 200, 200, 200, 200, 200, 401],
    },
    Row {
        method: "get",
        path: "/api/v1/events/{event}/delegations/{delegation}",
        call: "/api/v1/events/{event}/delegations/lampung",
        body: None,
        expect: [200, 200, 200, 200, 200, 200, 401],
    },
    Row {
        method: "get",
        path: "/api/v1/events/{event}/organizations",
        call: "/api/v1/events/{event}/organizations",
        body: None,
        expect: [200, 200, 200, 200, 200, 200, 401],
    },
    Row {
        method: "get",
        path: "/api/v1/events/{event}/organizations/{org}",
        call: "/api/v1/events/{event}/organizations/{org}",
        body: None,
        expect: [200, 200, 200, 200, 200, 200, 401],
    },
    Row {
        method: "patch",
        path: "/api/v1/events/{event}/organizations/{org}",
        call: "/api/v1/events/{event}/organizations/{org}",
        body: Some(r#"{"description": "Robusta from Lampung, by the matrix."}"#),
        expect: [403, 403, 200, 403, 403, 401, 401],
    },
    Row {
        method: "get",
        path: "/api/v1/events/{event}/organizations/{org}/recommendations",
        call: "/api/v1/events/{event}/organizations/{org}/recommendations",
        body: None,
        expect: [200, 200, 200, 200, 200, 200, 401],
    },
    Row {
        method: "get",
        path: "/api/v1/events/{event}/requests",
        call: "/api/v1/events/{event}/requests",
        body: None,
        expect: [200, 200, 200, 403, 200, 401, 401],
    },
    Row {
        method: "post",
        path: "/api/v1/events/{event}/requests",
        call: "/api/v1/events/{event}/requests",
        body: Some(r#"{"to": "{partner}", "message": "Shall we meet?"}"#),
        expect: [403, 403, 201, 403, 201, 401, 401],
    },
    Row {
        method: "post",
        path: "/api/v1/events/{event}/requests/{request}/answer",
        call: "/api/v1/events/{event}/requests/{request}/answer",
        body: Some(r#"{"decision": "accept", "message": "Gladly"}"#),
        expect: [403, 403, 200, 403, 404, 401, 401],
    },
    Row {
        method: "get",
        path: "/api/v1/events/{event}/meetings",
        call: "/api/v1/events/{event}/meetings",
        body: None,
        expect: [200, 200, 200, 200, 200, 401, 401],
    },
    Row {
        method: "put",
        path: "/api/v1/events/{event}/meetings/{meeting}/outcome",
        call: "/api/v1/events/{event}/meetings/{meeting}/outcome",
        body: Some(
            r#"{"interest": "high", "next_step": "samples", "products": ["robusta"], "estimated_value": {"amount": 25000, "currency": "usd"}}"#,
        ),
        expect: [403, 403, 200, 403, 403, 401, 401],
    },
    Row {
        method: "get",
        path: "/api/v1/events/{event}/outcomes",
        call: "/api/v1/events/{event}/outcomes",
        body: None,
        expect: [200, 200, 200, 403, 200, 401, 401],
    },
    Row {
        method: "post",
        path: "/api/v1/events/{event}/matching",
        call: "/api/v1/events/{event}/matching",
        body: None,
        expect: [200, 403, 403, 403, 403, 401, 401],
    },
    Row {
        method: "post",
        path: "/api/v1/events/{event}/schedule",
        call: "/api/v1/events/{event}/schedule",
        body: None,
        expect: [200, 403, 403, 403, 403, 401, 401],
    },
    Row {
        method: "get",
        path: "/api/v1/events/{event}/schedule",
        call: "/api/v1/events/{event}/schedule",
        body: None,
        expect: [200, 403, 403, 403, 403, 401, 401],
    },
    Row {
        method: "post",
        path: "/api/v1/events/{event}/publish",
        call: "/api/v1/events/{event}/publish",
        body: None,
        expect: [200, 403, 403, 403, 403, 401, 401],
    },
];

async fn access_matrix_every_endpoint_every_caller(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let c = cast(&store, &app).await;
    let mut fresh = 0;
    let mut failures = Vec::new();
    for row in MATRIX {
        for (column, who) in WHO.iter().enumerate() {
            let person = match who {
                Who::Organizer => Some(&c.people[0]),
                Who::Lead => Some(&c.people[1]),
                Who::Rep => Some(&c.people[2]),
                Who::Interpreter => Some(&c.people[3]),
                Who::OtherRep => Some(&c.people[4]),
                Who::Stranger | Who::Revoked => None,
            };
            // Revoking spends a token: that row uses a fresh one.
            let token = match (who, row.path) {
                (Who::Stranger, _) => None,
                (Who::Revoked, _) => Some(c.revoked.clone()),
                (_, "/api/v1/tokens/current") => {
                    Some(token_for(&app, &store, person.unwrap()).await)
                }
                _ => Some(c.tokens[column].clone()),
            };
            fresh += 1;
            let fill = |s: &str| {
                s.replace("{event}", EVENT)
                    .replace("{org}", GUEST_ORG)
                    .replace("{partner}", &c.partner)
                    .replace("{request}", &c.incoming.to_string())
                    .replace("{meeting}", &c.meeting.to_string())
                    .replace("{new-event}", &format!("matrix-{fresh}"))
            };
            let mut body = row.body.map(fill);
            if let Some(b) = &body
                && b.contains("{invitation}")
            {
                let link = invite(&store, &c.people[column % 5]).await;
                body = Some(b.replace("{invitation}", &link));
            }
            let body = body.map(|b| ("application/json", b.into_bytes()));
            let method = Method::from_bytes(row.method.to_uppercase().as_bytes()).unwrap();
            let reply = call_raw(&app, method, &fill(row.call), token.as_deref(), body, None).await;
            if reply.status.as_u16() != row.expect[column] {
                failures.push(format!(
                    "{} {} as {:?}: expected {}, got {} {}",
                    row.method, row.path, who, row.expect[column], reply.status, reply.json
                ));
            } else if reply.status.is_client_error() {
                reply.error_code();
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The other company's request above went to the same partner: both
    // are stored once.
    let other_org = store
        .people(&event())
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.id.as_str() == c.people[4])
        .and_then(|p| p.role.subject().map(str::to_string))
        .unwrap();
    let requests = store.requests(&event()).await.unwrap();
    assert_eq!(
        requests
            .iter()
            .filter(|r| r.request.to.as_str() == c.partner
                && [GUEST_ORG, other_org.as_str()].contains(&r.request.from.as_str()))
            .count(),
        2
    );
}

/// The matrix covers exactly the operations the router serves, and the
/// document describes exactly those.
async fn every_served_route_is_in_the_document_and_the_matrix(backend: Backend) {
    let served: BTreeSet<(String, String)> = mitra_web::api::OPERATIONS
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    let doc = serde_json::to_value(mitra_web::api::openapi()).unwrap();
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                documented.insert((method.clone(), path.clone()));
            }
        }
    }
    assert_eq!(served, documented, "served vs documented");
    let walked: BTreeSet<(String, String)> = MATRIX
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    assert_eq!(served, walked, "served vs the access matrix");
    assert_eq!(
        MATRIX.len(),
        walked.len(),
        "an endpoint twice in the matrix"
    );
    // And each one is really routed: an anonymous call never falls
    // through to the HTML 404 page, nor gets 405.
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store);
    for (method, path) in &served {
        let path = path
            .replace("{event}", EVENT)
            .replace("{org}", GUEST_ORG)
            .replace("{delegation}", "lampung")
            .replace("{request}", "1")
            .replace("{meeting}", "1");
        let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let reply = call(&app, method.clone(), &path, None, Some(json!({}))).await;
        assert!(
            reply.content_type.starts_with("application/json")
                && reply.status != StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}: {} {}",
            reply.status,
            reply.content_type
        );
    }
}

async fn the_openapi_document_matches_its_snapshot(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store);
    let reply = call(&app, Method::GET, "/api/openapi.json", None, None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json["openapi"], "3.1.0");
    let served = serde_json::to_string_pretty(&reply.json).unwrap() + "\n";
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/openapi.json");
    if std::env::var_os("MITRA_UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &served).unwrap();
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        stored == served,
        "the OpenAPI document changed; if that is intended, run with MITRA_UPDATE_SNAPSHOTS=1 and commit {}",
        path.display()
    );
}

// ------------------------------------------------------- each operation

async fn tokens_from_password_or_invitation_and_revoked(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let event = event();
    let organizer = PersonId::parse(ORGANIZER).unwrap();
    mitra_web::auth::set_password(&store, &event, &organizer, "jinan-2025")
        .await
        .unwrap();
    let email = store
        .people(&event)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.id == organizer)
        .unwrap()
        .email;
    let wrong = call(
        &app,
        Method::POST,
        "/api/v1/tokens",
        None,
        Some(json!({ "email": email, "password": "guess" })),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.error_code(), "bad-credentials");
    let made = call(
        &app,
        Method::POST,
        "/api/v1/tokens",
        None,
        Some(json!({ "email": email, "password": "jinan-2025" })),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.json);
    assert_eq!(made.json["me"]["role"], "organizer");
    let token = made.json["token"].as_str().unwrap().to_string();
    // Stored only hashed: the token itself finds nothing.
    let now = mitra_web::auth::now();
    assert!(store.session_account(&token, now).await.unwrap().is_none());
    let hashed = mitra_web::auth::token_hash(&token);
    assert!(store.session_account(&hashed, now).await.unwrap().is_some());
    let me = call(&app, Method::GET, "/api/v1/me", Some(&token), None).await;
    assert_eq!(me.json["person"], ORGANIZER);
    // An invitation works once.
    let link = invite(&store, LEAD).await;
    let first = call(
        &app,
        Method::POST,
        "/api/v1/tokens",
        None,
        Some(json!({ "invitation": link })),
    )
    .await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(first.json["me"]["role"], "delegation-lead");
    assert_eq!(first.json["me"]["subject"], "lampung");
    let again = call(
        &app,
        Method::POST,
        "/api/v1/tokens",
        None,
        Some(json!({ "invitation": link })),
    )
    .await;
    assert_eq!(again.status, StatusCode::GONE);
    assert_eq!(again.error_code(), "invitation-gone");
    // Both kinds of credentials at once, or none, are refused.
    let both = call(
        &app,
        Method::POST,
        "/api/v1/tokens",
        None,
        Some(json!({ "email": email, "password": "x", "invitation": link })),
    )
    .await;
    assert_eq!(both.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Revoked means gone; cookies do not authenticate the API.
    let gone = call(
        &app,
        Method::DELETE,
        "/api/v1/tokens/current",
        Some(&token),
        None,
    )
    .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    let after = call(&app, Method::GET, "/api/v1/me", Some(&token), None).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    assert_eq!(after.error_code(), "invalid-token");
    let malformed = call(&app, Method::GET, "/api/v1/me", Some("not-a-token"), None).await;
    assert_eq!(malformed.status, StatusCode::UNAUTHORIZED);
}

async fn an_organizer_creates_an_event_from_a_plan(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let token = token_for(&app, &store, ORGANIZER).await;
    let plan = json!({
        "id": "lampung-expo-2026", "name": "Lampung Expo", "name_id": "Pameran Lampung",
        "time_zone": "Asia/Jakarta", "slot_minutes": 20,
        "sessions": [
            {"id": "am", "name": "Morning", "date": "2026-06-10", "start": "09:00", "slots": 6},
            {"id": "pm", "date": "2026-06-10", "start": "13:30", "slots": 3}
        ],
        "pool_tables": 12
    });
    let made = call(
        &app,
        Method::POST,
        "/api/v1/events",
        Some(&token),
        Some(plan.clone()),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.json);
    assert_eq!(made.json["slots"].as_array().unwrap().len(), 9);
    assert_eq!(made.json["slots"][0]["id"], "am-0900");
    let got = call(
        &app,
        Method::GET,
        "/api/v1/events/lampung-expo-2026",
        None,
        None,
    )
    .await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.json["time_zone"], "Asia/Jakarta");
    let tables = store
        .tables(&mitra_core::ids::EventId::parse("lampung-expo-2026").unwrap())
        .await
        .unwrap();
    assert_eq!(tables.len(), 12);
    let listed = call(&app, Method::GET, "/api/v1/events", None, None).await;
    assert!(
        listed
            .json
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["id"] == "lampung-expo-2026")
    );
    // The same id again is a conflict.
    let twice = call(
        &app,
        Method::POST,
        "/api/v1/events",
        Some(&token),
        Some(plan),
    )
    .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert_eq!(twice.error_code(), "conflict");
    // Overlapping sessions and an unknown zone name their field; nothing is stored.
    for (bad, field) in [
        (
            json!({"id": "x1", "name": "X", "time_zone": "Mars/Olympus", "slot_minutes": 20,
                "sessions": [{"id": "am", "date": "2026-06-10", "start": "09:00", "slots": 2}]}),
            "time_zone",
        ),
        (
            json!({"id": "x2", "name": "X", "time_zone": "Asia/Jakarta", "slot_minutes": 20,
                "sessions": [{"id": "am", "date": "2026-06-10", "start": "09:00", "slots": 6},
                             {"id": "pm", "date": "2026-06-10", "start": "10:00", "slots": 2}]}),
            "sessions",
        ),
        (
            json!({"id": "x3", "name": "X", "time_zone": "Asia/Jakarta", "slot_minutes": 20,
                "sessions": [{"id": "am", "date": "10/06/2026", "start": "09:00", "slots": 2}]}),
            "sessions[0].date",
        ),
        (
            json!({"id": "no spaces", "name": "X", "time_zone": "Asia/Jakarta", "slot_minutes": 20,
                "sessions": [{"id": "am", "date": "2026-06-10", "start": "09:00", "slots": 2}]}),
            "id",
        ),
    ] {
        let reply = call(
            &app,
            Method::POST,
            "/api/v1/events",
            Some(&token),
            Some(bad),
        )
        .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.json
        );
        assert_eq!(reply.field(), Some(field), "{}", reply.json);
    }
    let events: Vec<String> = store
        .events()
        .await
        .unwrap()
        .iter()
        .map(|e| e.id.to_string())
        .collect();
    assert!(
        !events
            .iter()
            .any(|e| e.starts_with('x') || e == "no spaces")
    );
}

async fn a_company_edits_its_own_profile_only(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let token = token_for(&app, &store, &format!("rep-{GUEST_ORG}")).await;
    let path = format!("/api/v1/events/{EVENT}/organizations/{GUEST_ORG}");
    let patch = json!({
        "needs": [{"text": "drip irrigation for coffee estates", "hs": ["842482"]}],
        "description": "Robusta and pepper from Lampung"
    });
    let reply = call(&app, Method::PATCH, &path, Some(&token), Some(patch)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json);
    let got = call(&app, Method::GET, &path, None, None).await;
    assert_eq!(got.json["needs"][0]["hs"][0], "842482");
    assert_eq!(got.json["description"], "Robusta and pepper from Lampung");
    // Offers were left out, so they stay.
    assert!(!got.json["offers"].as_array().unwrap().is_empty());
    // A code outside the nomenclature names its place; nothing changes.
    let bad = json!({"offers": [{"text": "coffee", "hs": ["0901"]}, {"text": "pepper", "hs": ["000000"]}],
                     "description": "changed"});
    let reply = call(&app, Method::PATCH, &path, Some(&token), Some(bad)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reply.field(), Some("offers[1].hs[0]"));
    let after = call(&app, Method::GET, &path, None, None).await;
    assert_eq!(after.json, got.json, "nothing half-saved");
    // Another company's profile is not this representative's to change.
    let other = store
        .organizations(&event())
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.id.as_str() != GUEST_ORG)
        .unwrap();
    let reply = call(
        &app,
        Method::PATCH,
        &format!("/api/v1/events/{EVENT}/organizations/{}", other.id),
        Some(&token),
        Some(json!({"description": "mine now"})),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
}

async fn requests_are_made_accepted_and_declined_with_a_message(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let c = cast(&store, &app).await;
    let rep = &c.tokens[2];
    let base = format!("/api/v1/events/{EVENT}/requests");
    // Ask a partner on the other side.
    let asked = call(
        &app,
        Method::POST,
        &base,
        Some(rep),
        Some(json!({"to": c.partner, "message": "We grow robusta"})),
    )
    .await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.json);
    assert_eq!(asked.json["status"], "pending");
    assert!(asked.json["expires_at"].is_i64());
    let again = call(
        &app,
        Method::POST,
        &base,
        Some(rep),
        Some(json!({"to": c.partner})),
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.field(), Some("to"));
    // Not a company of the other side.
    let same_side = call(
        &app,
        Method::POST,
        &base,
        Some(rep),
        Some(json!({"to": GUEST_ORG})),
    )
    .await;
    assert_eq!(same_side.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(same_side.field(), Some("to"));
    // The partner's representative declines with a message.
    let partner_rep = store
        .people(&event())
        .await
        .unwrap()
        .into_iter()
        .find(|p| matches!(&p.role, Role::CompanyRep(o) if o.as_str() == c.partner))
        .unwrap();
    let partner = token_for(&app, &store, partner_rep.id.as_str()).await;
    let id = asked.json["id"].as_i64().unwrap();
    let declined = call(
        &app,
        Method::POST,
        &format!("{base}/{id}/answer"),
        Some(&partner),
        Some(json!({"decision": "decline", "message": "Not this season"})),
    )
    .await;
    assert_eq!(declined.status, StatusCode::OK, "{}", declined.json);
    assert_eq!(declined.json["status"], "declined");
    assert_eq!(declined.json["answer_message"], "Not this season");
    // Answers are final.
    let late = call(
        &app,
        Method::POST,
        &format!("{base}/{id}/answer"),
        Some(&partner),
        Some(json!({"decision": "accept"})),
    )
    .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(late.error_code(), "already-answered");
    // Our company accepts the request it received.
    let accepted = call(
        &app,
        Method::POST,
        &format!("{base}/{}/answer", c.incoming),
        Some(rep),
        Some(json!({"decision": "accept", "message": "See you in Jinan"})),
    )
    .await;
    assert_eq!(accepted.status, StatusCode::OK);
    assert_eq!(accepted.json["status"], "accepted");
    // Each sees only its own; the lead sees the delegation's; organizers all.
    let mine = call(&app, Method::GET, &base, Some(rep), None).await;
    assert!(
        mine.json
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["from"] == GUEST_ORG || r["to"] == GUEST_ORG)
    );
    assert!(mine.json.as_array().unwrap().iter().any(|r| r["id"] == id));
    let theirs = call(&app, Method::GET, &base, Some(&c.tokens[4]), None).await;
    assert!(
        !theirs
            .json
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == id)
    );
    let all = call(&app, Method::GET, &base, Some(&c.tokens[0]), None).await;
    assert!(all.json.as_array().unwrap().len() > mine.json.as_array().unwrap().len());
    let lead = call(&app, Method::GET, &base, Some(&c.tokens[1]), None).await;
    assert!(lead.json.as_array().unwrap().iter().any(|r| r["id"] == id));
}

async fn meetings_and_outcomes_by_role(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let c = cast(&store, &app).await;
    let meetings = format!("/api/v1/events/{EVENT}/meetings");
    let all = call(&app, Method::GET, &meetings, Some(&c.tokens[0]), None).await;
    let mine = call(&app, Method::GET, &meetings, Some(&c.tokens[2]), None).await;
    let interpreter = call(&app, Method::GET, &meetings, Some(&c.tokens[3]), None).await;
    let all = all.json.as_array().unwrap();
    let mine = mine.json.as_array().unwrap();
    assert!(!mine.is_empty() && mine.len() < all.len());
    assert!(
        mine.iter()
            .all(|m| m["a"] == GUEST_ORG || m["b"] == GUEST_ORG)
    );
    let interpreted = interpreter.json.as_array().unwrap();
    assert!(!interpreted.is_empty());
    assert!(interpreted.iter().all(|m| m["interpreter"].is_string()));
    // Record an outcome on our meeting; the other company does not see it.
    let path = format!("/api/v1/events/{EVENT}/meetings/{}/outcome", c.meeting);
    let recorded = call(
        &app,
        Method::PUT,
        &path,
        Some(&c.tokens[2]),
        Some(json!({
            "interest": "high", "next_step": "quotation", "products": ["robusta", "pepper"],
            "estimated_value": {"amount": 40000, "currency": "USD"}, "notes": "Send samples by June"
        })),
    )
    .await;
    assert_eq!(recorded.status, StatusCode::OK, "{}", recorded.json);
    assert_eq!(recorded.json["next_step"], "quotation");
    let outcomes = format!("/api/v1/events/{EVENT}/outcomes");
    let ours = call(&app, Method::GET, &outcomes, Some(&c.tokens[2]), None).await;
    assert!(
        ours.json
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["meeting"] == c.meeting && o["notes"] == "Send samples by June")
    );
    assert!(
        ours.json
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["recorded_by"] == GUEST_ORG)
    );
    let theirs = call(&app, Method::GET, &outcomes, Some(&c.tokens[4]), None).await;
    assert!(
        theirs
            .json
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["recorded_by"] != GUEST_ORG)
    );
    let lead = call(&app, Method::GET, &outcomes, Some(&c.tokens[1]), None).await;
    assert!(
        lead.json
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["notes"] == "Send samples by June")
    );
    // Bad values name their field and change nothing.
    for (body, field) in [
        (json!({"interest": "very", "next_step": "mou"}), "interest"),
        (
            json!({"interest": "low", "next_step": "mou", "estimated_value": {"amount": 5, "currency": "dollars"}}),
            "estimated_value.currency",
        ),
        (
            json!({"interest": "low", "next_step": "mou", "estimated_value": {"amount": -5, "currency": "USD"}}),
            "estimated_value.amount",
        ),
    ] {
        let reply = call(&app, Method::PUT, &path, Some(&c.tokens[2]), Some(body)).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.json
        );
        assert_eq!(reply.field(), Some(field), "{}", reply.json);
    }
    let still = call(&app, Method::GET, &outcomes, Some(&c.tokens[2]), None).await;
    assert_eq!(still.json, ours.json);
}

async fn the_organizer_runs_matching_schedules_and_publishes(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let c = cast(&store, &app).await;
    let org = &c.tokens[0];
    let base = format!("/api/v1/events/{EVENT}");
    let none = call(
        &app,
        Method::GET,
        &format!("{base}/schedule"),
        Some(org),
        None,
    )
    .await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
    assert_eq!(none.error_code(), "no-proposal");
    let nothing = call(
        &app,
        Method::POST,
        &format!("{base}/publish"),
        Some(org),
        None,
    )
    .await;
    assert_eq!(nothing.status, StatusCode::CONFLICT);
    let matched = call(
        &app,
        Method::POST,
        &format!("{base}/matching"),
        Some(org),
        None,
    )
    .await;
    assert_eq!(matched.status, StatusCode::OK, "{}", matched.json);
    assert!(matched.json["organizations"].as_u64().unwrap() >= 200);
    let recs = call(
        &app,
        Method::GET,
        &format!("{base}/organizations/{GUEST_ORG}/recommendations"),
        None,
        None,
    )
    .await;
    assert!(!recs.json.as_array().unwrap().is_empty());
    // The demo's day has happened: its meetings are history, which the
    // re-scheduling must leave exactly where they are.
    let history: Vec<_> = store
        .meetings(&event())
        .await
        .unwrap()
        .into_iter()
        .filter(|m| {
            matches!(
                m.meeting.status,
                mitra_core::meeting::MeetingStatus::Held
                    | mitra_core::meeting::MeetingStatus::NoShow
            )
        })
        .collect();
    assert!(history.len() > 100);
    // Something new to place, with room by construction (see
    // `host_with_room`): that host asks us, and our company accepts.
    let ours = OrgId::parse(GUEST_ORG).unwrap();
    let requests = store.requests(&event()).await.unwrap();
    let meetings = store.meetings(&event()).await.unwrap();
    let fresh_hosts: Vec<OrgId> = store
        .organizations(&event())
        .await
        .unwrap()
        .into_iter()
        .filter(|o| o.side == Side::Host && !touches(&requests, &meetings, &o.id, &ours))
        .map(|o| o.id)
        .collect();
    let host = host_with_room(&store, fresh_hosts).await;
    let asker = host.to_string();
    let incoming = ask_ours(&store, &host, "Lada?").await;
    let accepted = call(
        &app,
        Method::POST,
        &format!("{base}/requests/{incoming}/answer"),
        Some(&c.tokens[2]),
        Some(json!({"decision": "accept"})),
    )
    .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.json);
    let proposal = call(
        &app,
        Method::POST,
        &format!("{base}/schedule"),
        Some(org),
        None,
    )
    .await;
    assert_eq!(proposal.status, StatusCode::OK, "{}", proposal.json);
    assert!(
        proposal.json["meetings"].as_u64().unwrap() > 0,
        "{}",
        proposal.json
    );
    let met: u64 = proposal.json["met"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .sum();
    let bound: u64 = proposal.json["bound_met"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert!(met <= bound);
    let review = call(
        &app,
        Method::GET,
        &format!("{base}/schedule"),
        Some(org),
        None,
    )
    .await;
    assert_eq!(review.json["meetings"], proposal.json["meetings"]);
    let published = call(
        &app,
        Method::POST,
        &format!("{base}/publish"),
        Some(org),
        None,
    )
    .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.json);
    assert_eq!(published.json["added"], proposal.json["added"]);
    let after = store.meetings(&event()).await.unwrap();
    for m in &history {
        assert!(after.contains(m), "history changed: {m:?}");
    }
    assert!(published.json["added"].as_u64().unwrap() > 0);
    let asker = &asker;
    let agenda = call(
        &app,
        Method::GET,
        &format!("{base}/meetings"),
        Some(&c.tokens[2]),
        None,
    )
    .await;
    let placed = agenda
        .json
        .as_array()
        .unwrap()
        .iter()
        .any(|m| (m["a"] == *asker || m["b"] == *asker) && m["status"] == "published");
    let unscheduled = proposal.json["unscheduled"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["a"] == *asker || u["b"] == *asker);
    assert!(
        placed || unscheduled,
        "the accepted request is placed or said why not"
    );
    // A proof applies to a first schedule only; a malformed flag is named.
    let before = store.schedule_proposal(&event()).await.unwrap();
    let malformed = call(
        &app,
        Method::POST,
        &format!("{base}/schedule?prove=yes"),
        Some(org),
        None,
    )
    .await;
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(malformed.field(), Some("prove"), "{}", malformed.json);
    let refused = call(
        &app,
        Method::POST,
        &format!("{base}/schedule?prove=true"),
        Some(org),
        None,
    )
    .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.json);
    assert_eq!(refused.error_code(), "cannot-prove");
    assert_eq!(store.schedule_proposal(&event()).await.unwrap(), before);
}

// ------------------------------------------------------------ bad input

/// Method, path, body (content type and bytes), status, code, field.
type BadCase<'a> = (
    Method,
    String,
    Option<(&'a str, Vec<u8>)>,
    u16,
    &'a str,
    Option<&'a str>,
);

async fn bad_input_gets_4xx_with_the_error_shape_and_saves_nothing(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let token = token_for(&app, &store, &format!("rep-{GUEST_ORG}")).await;
    let org_path = format!("/api/v1/events/{EVENT}/organizations/{GUEST_ORG}");
    let before = call(&app, Method::GET, &org_path, None, None).await.json;
    let requests_before = store.requests(&event()).await.unwrap().len();
    let json = |s: &str| Some(("application/json", s.as_bytes().to_vec()));
    let big = format!("{{\"description\": \"{}\"}}", "x".repeat(100 * 1024));
    let cases: Vec<BadCase> = vec![
        (
            Method::PATCH,
            org_path.clone(),
            json("{\"description\": "),
            400,
            "malformed-json",
            None,
        ),
        (
            Method::PATCH,
            org_path.clone(),
            json("{\"description\": \"a\"} trailing"),
            400,
            "malformed-json",
            None,
        ),
        (
            Method::PATCH,
            org_path.clone(),
            json("{\"descripton\": \"typo\"}"),
            422,
            "invalid",
            Some("descripton"),
        ),
        (
            Method::PATCH,
            org_path.clone(),
            json("{\"offers\": [{\"text\": \"x\", \"hs\": [\"0901\"], \"price\": 1}]}"),
            422,
            "invalid",
            Some("offers[0].price"),
        ),
        (
            Method::PATCH,
            org_path.clone(),
            json("{\"offers\": \"coffee\"}"),
            422,
            "invalid",
            Some("offers"),
        ),
        (
            Method::PATCH,
            org_path.clone(),
            json("{\"offers\": [{\"text\": 5}]}"),
            422,
            "invalid",
            Some("offers[0].text"),
        ),
        (
            Method::PATCH,
            org_path.clone(),
            json("[]"),
            422,
            "invalid",
            None,
        ),
        (
            Method::PATCH,
            org_path.clone(),
            Some(("text/plain", b"{}".to_vec())),
            415,
            "unsupported-media-type",
            None,
        ),
        (
            Method::PATCH,
            org_path.clone(),
            None,
            415,
            "unsupported-media-type",
            None,
        ),
        (
            Method::PATCH,
            org_path.clone(),
            Some(("application/json", big.into_bytes())),
            413,
            "payload-too-large",
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/events/{EVENT}/requests"),
            json("{\"to\": 42}"),
            422,
            "invalid",
            Some("to"),
        ),
        (
            Method::POST,
            format!("/api/v1/events/{EVENT}/requests"),
            json("{\"to\": \"no-such-org\"}"),
            422,
            "invalid",
            Some("to"),
        ),
        (
            Method::POST,
            format!("/api/v1/events/{EVENT}/requests"),
            json(&format!(
                "{{\"to\": \"x\", \"message\": \"{}\"}}",
                "m".repeat(501)
            )),
            422,
            "invalid",
            Some("message"),
        ),
        (
            Method::POST,
            format!("/api/v1/events/{EVENT}/requests/abc/answer"),
            json("{\"decision\": \"accept\"}"),
            404,
            "not-found",
            Some("request"),
        ),
        (
            Method::POST,
            format!("/api/v1/events/{EVENT}/requests/99999999/answer"),
            json("{\"decision\": \"accept\"}"),
            404,
            "not-found",
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/events/{EVENT}/requests/1/answer"),
            json("{\"decision\": \"maybe\"}"),
            422,
            "invalid",
            Some("decision"),
        ),
        (
            Method::PUT,
            format!("/api/v1/events/{EVENT}/meetings/-1/outcome"),
            json("{\"interest\": \"high\", \"next_step\": \"mou\"}"),
            404,
            "not-found",
            Some("meeting"),
        ),
        (
            Method::PUT,
            format!("/api/v1/events/{EVENT}/meetings/1e9/outcome"),
            json("{\"interest\": \"high\", \"next_step\": \"mou\"}"),
            404,
            "not-found",
            Some("meeting"),
        ),
        (
            Method::GET,
            "/api/v1/events/no%20such%20event".into(),
            None,
            404,
            "not-found",
            Some("event"),
        ),
        (
            Method::GET,
            "/api/v1/events/nosuchevent".into(),
            None,
            404,
            "not-found",
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/events/{EVENT}/organizations/%E2%9C%93"),
            None,
            404,
            "not-found",
            Some("org"),
        ),
        (
            Method::GET,
            format!("/api/v1/events/{EVENT}/delegations/atlantis"),
            None,
            404,
            "not-found",
            Some("delegation"),
        ),
        (
            Method::GET,
            "/api/v1/no/such/route".into(),
            None,
            404,
            "not-found",
            None,
        ),
    ];
    for (method, path, body, status, code, field) in cases {
        let reply = call_raw(&app, method.clone(), &path, Some(&token), body, None).await;
        assert_eq!(
            reply.status.as_u16(),
            status,
            "{method} {path}: {}",
            reply.json
        );
        assert_eq!(reply.error_code(), code, "{method} {path}");
        assert_eq!(reply.field(), field, "{method} {path}: {}", reply.json);
        assert!(reply.content_type.starts_with("application/json"));
    }
    let after = call(&app, Method::GET, &org_path, None, None).await.json;
    assert_eq!(before, after, "nothing half-saved");
    assert_eq!(
        store.requests(&event()).await.unwrap().len(),
        requests_before
    );
}

async fn errors_speak_the_callers_language(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store);
    let path = format!("/api/v1/events/{EVENT}/meetings");
    let mut messages = BTreeSet::new();
    for lang in ["en", "id", "zh-CN"] {
        let reply = call_raw(&app, Method::GET, &path, None, None, Some(lang)).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_eq!(reply.error_code(), "unauthorized");
        messages.insert(reply.json["error"]["message"].as_str().unwrap().to_string());
    }
    assert_eq!(messages.len(), 3, "{messages:?}");
    // ?lang= works as on the pages.
    let reply = call_raw(
        &app,
        Method::GET,
        &format!("{path}?lang=id"),
        None,
        None,
        None,
    )
    .await;
    assert!(
        reply.json["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Kirim token")
    );
}

/// A token lasts long, and its expiry is in the answer.
async fn a_token_is_long_lived(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let link = invite(&store, LEAD).await;
    let reply = call(
        &app,
        Method::POST,
        "/api/v1/tokens",
        None,
        Some(json!({"invitation": link})),
    )
    .await;
    let expires = reply.json["expires_at"].as_i64().unwrap();
    let days = (expires - mitra_web::auth::now()) / 86_400;
    assert!(days >= 89, "{days} days");
}

mitra_store::backend_tests!(
    access_matrix_every_endpoint_every_caller,
    every_served_route_is_in_the_document_and_the_matrix,
    the_openapi_document_matches_its_snapshot,
    tokens_from_password_or_invitation_and_revoked,
    an_organizer_creates_an_event_from_a_plan,
    a_company_edits_its_own_profile_only,
    requests_are_made_accepted_and_declined_with_a_message,
    meetings_and_outcomes_by_role,
    the_organizer_runs_matching_schedules_and_publishes,
    bad_input_gets_4xx_with_the_error_shape_and_saves_nothing,
    errors_speak_the_callers_language,
    a_token_is_long_lived,
);
