//! The browser's protections on every answer, the brake on guessing
//! passwords and links, and logs that never hold a secret.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use mitra_core::ids::PersonId;
use mitra_web::WebConfig;
use mitra_web::security::ThrottleLimits;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tower::ServiceExt;

/// Everything any test in this binary logs, at every level.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn logs() -> &'static Captured {
    static LOGS: OnceLock<Captured> = OnceLock::new();
    LOGS.get_or_init(|| {
        let captured = Captured::default();
        let writer = captured.clone();
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("trace"))
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .init();
        captured
    })
}

fn limits(per_account: u32, per_address: u32) -> WebConfig {
    WebConfig {
        throttle: ThrottleLimits {
            per_account,
            per_address,
            window: Duration::from_secs(600),
        },
        ..WebConfig::default()
    }
}

async fn organizer_email(store: &mitra_store::Store, password: &str) -> String {
    let organizer = PersonId::parse(ORGANIZER).unwrap();
    mitra_web::auth::set_password(store, &event(), &organizer, password)
        .await
        .unwrap();
    store
        .people(&event())
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.id == organizer)
        .unwrap()
        .email
}

async fn every_answer_carries_the_security_headers(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router(store.clone());
    let mut stranger = Client::new(app.clone());
    let mut rep = Client::new(app.clone());
    let link = invite(&store, "rep-lpg-01").await;
    assert_eq!(rep.sign_in_by(&link).await.status, StatusCode::SEE_OTHER);
    let answers = [
        ("/signin", stranger.get("/signin").await),
        ("/nowhere", stranger.get("/nowhere").await),
        ("/static/mitra.css", stranger.get("/static/mitra.css").await),
        ("/company", rep.get("/company").await),
        ("/api/v1/me", stranger.get("/api/v1/me").await),
        (
            "/me/agenda?format=pdf",
            rep.get("/me/agenda?format=pdf").await,
        ),
    ];
    for (path, answer) in &answers {
        let h = &answer.headers;
        let csp = h
            .get("content-security-policy")
            .unwrap_or_else(|| panic!("{path}: no CSP"))
            .to_str()
            .unwrap();
        for directive in [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'",
            "form-action 'self'",
        ] {
            assert!(csp.contains(directive), "{path}: {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert!(h.contains_key("permissions-policy"), "{path}");
        assert!(
            !h.contains_key(header::STRICT_TRANSPORT_SECURITY),
            "{path}: no HSTS over plain HTTP"
        );
    }
    assert_eq!(answers[3].1.headers[header::CACHE_CONTROL], "no-store");
    assert!(
        answers[2].1.headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .starts_with("public"),
        "the stylesheet keeps its own caching"
    );
    // Behind an HTTPS proxy, browsers are told to stay on HTTPS.
    let behind_tls = app
        .clone()
        .oneshot(
            Request::get("/signin")
                .header("x-forwarded-proto", "https")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert!(
        behind_tls
            .headers()
            .contains_key(header::STRICT_TRANSPORT_SECURITY)
    );
    // The pages the policy governs need nothing inline: no style
    // attributes, no inline scripts or handlers.
    let mut organizer = Client::new(app.clone());
    let link = invite(&store, ORGANIZER).await;
    organizer.sign_in_by(&link).await;
    let register = format!("/events/{EVENT}/register");
    for (who, path) in [
        (0, "/organizer"),
        (0, "/organizer/setup"),
        (1, register.as_str()),
        (2, "/company"),
        (2, "/company/profile"),
    ] {
        let client = match who {
            0 => &mut organizer,
            1 => &mut stranger,
            _ => &mut rep,
        };
        let page = client.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(!page.body.contains(" style=\""), "{path}: inline style");
        assert!(!page.body.contains("<script>"), "{path}: inline script");
        assert!(!page.body.contains(" onclick="), "{path}: inline handler");
    }
}

async fn password_guessing_is_stopped_per_account_and_per_address(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let email = organizer_email(&store, "correct horse battery").await;
    let app = mitra_web::router_with(store.clone(), limits(3, 5));
    let mut client = Client::new(app.clone());
    let csrf = client.csrf().await;
    for _ in 0..3 {
        let wrong = client
            .post(
                "/signin",
                &[("csrf", &csrf), ("email", &email), ("password", "guess")],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    }
    // Now even the right password waits: the guesser learns nothing.
    let held = client
        .post(
            "/signin?lang=id",
            &[
                ("csrf", &csrf),
                ("email", &email.to_uppercase()),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(held.status, StatusCode::TOO_MANY_REQUESTS, "{}", held.body);
    assert!(
        held.body.contains("Terlalu banyak percobaan"),
        "{}",
        held.body
    );
    let wait: u64 = held.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(wait > 0 && wait <= 600, "{wait}");
    assert!(client.get("/me").await.location.as_deref() == Some("/signin"));
    // The API's password grant is held for the same account.
    let api = app
        .clone()
        .oneshot(
            Request::post("/api/v1/tokens")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(format!(
                    r#"{{"email":"{email}","password":"correct horse battery"}}"#
                )))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(api.headers().contains_key(header::RETRY_AFTER));
    let body = axum::body::to_bytes(api.into_body(), 1 << 16)
        .await
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(json["error"]["code"], "too-many-attempts");
    // Another account from the same address has its own count, until the
    // address has used up its own (5 failures in all).
    let other = client
        .post(
            "/signin",
            &[
                ("csrf", &csrf),
                ("email", "nobody@example.org"),
                ("password", "x"),
            ],
        )
        .await;
    assert_eq!(other.status, StatusCode::UNAUTHORIZED);
    let other = client
        .post(
            "/signin",
            &[
                ("csrf", &csrf),
                ("email", "nobody2@example.org"),
                ("password", "x"),
            ],
        )
        .await;
    assert_eq!(other.status, StatusCode::UNAUTHORIZED);
    let other = client
        .post(
            "/signin",
            &[
                ("csrf", &csrf),
                ("email", "nobody3@example.org"),
                ("password", "x"),
            ],
        )
        .await;
    assert_eq!(other.status, StatusCode::TOO_MANY_REQUESTS);
    // Invitation links from a held address wait too, even a good one.
    let link = invite(&store, "rep-lpg-01").await;
    let page = client.get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    let redeem = client.post(&link, &[("csrf", &page.csrf())]).await;
    assert_eq!(redeem.status, StatusCode::TOO_MANY_REQUESTS);
    // A fresh server (the window is per process) lets the right password in
    // and does not count a success against anyone.
    let app = mitra_web::router_with(store.clone(), limits(3, 5));
    let mut client = Client::new(app);
    let csrf = client.csrf().await;
    for _ in 0..2 {
        client
            .post(
                "/signin",
                &[("csrf", &csrf), ("email", &email), ("password", "guess")],
            )
            .await;
    }
    let right = client
        .post(
            "/signin",
            &[
                ("csrf", &csrf),
                ("email", &email),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(right.status, StatusCode::SEE_OTHER, "{}", right.body);
}

async fn guessed_invitation_links_are_counted(backend: Backend) {
    let (_dir, store) = demo_store_on(backend).await;
    let app = mitra_web::router_with(store.clone(), limits(100, 3));
    let mut client = Client::new(app);
    let csrf = client.csrf().await;
    for i in 0..3 {
        let guess = format!("/invite/{:064x}", i + 1);
        let answer = client.post(&guess, &[("csrf", &csrf)]).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND);
    }
    let link = invite(&store, "rep-lpg-01").await;
    let answer = client.post(&link, &[("csrf", &csrf)]).await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
    // The real link was not spent by the refusal.
    let mut later = Client::new(mitra_web::router(store.clone()));
    assert_eq!(later.sign_in_by(&link).await.status, StatusCode::SEE_OTHER);
}

async fn no_secret_reaches_the_logs(backend: Backend) {
    let captured = logs();
    let (_dir, store) = demo_store_on(backend).await;
    let password = "log-check horse battery";
    let email = organizer_email(&store, password).await;
    let app = mitra_web::router(store.clone());
    let mut secrets = vec![password.to_string()];

    // An invitation, followed; its session cookie.
    let link = invite(&store, "rep-lpg-01").await;
    secrets.push(link.trim_start_matches("/invite/").to_string());
    let mut rep = Client::new(app.clone());
    assert_eq!(rep.sign_in_by(&link).await.status, StatusCode::SEE_OTHER);
    secrets.push(rep.cookies["mitra_session"].clone());
    rep.get("/company").await;
    // Its calendar link, fetched.
    let page = rep.get("/company").await;
    let feed = page
        .body
        .replace("&#x2f;", "/")
        .split("href=\"")
        .filter_map(|s| s.split('"').next())
        .find_map(|h| h.find("/calendar/").map(|at| h[at..].to_string()))
        .unwrap_or_else(|| {
            panic!(
                "the agenda links its calendar feed: {} {}",
                page.status, page.body
            )
        });
    secrets.push(
        feed.rsplit('/')
            .next()
            .unwrap()
            .trim_end_matches(".ics")
            .to_string(),
    );
    assert_eq!(rep.get(&feed).await.status, StatusCode::OK);
    // A used link and a wrong password, which are logged as failures.
    let mut other = Client::new(app.clone());
    let csrf = other.csrf().await;
    assert_eq!(
        other.post(&link, &[("csrf", &csrf)]).await.status,
        StatusCode::GONE
    );
    other
        .post(
            "/signin",
            &[
                ("csrf", &csrf),
                ("email", &email),
                ("password", "wrong-secret-guess"),
            ],
        )
        .await;
    secrets.push("wrong-secret-guess".to_string());
    // A password sign-in and an API token.
    let right = other
        .post(
            "/signin",
            &[("csrf", &csrf), ("email", &email), ("password", password)],
        )
        .await;
    assert_eq!(right.status, StatusCode::SEE_OTHER);
    secrets.push(other.cookies["mitra_session"].clone());
    let reply = app
        .clone()
        .oneshot(
            Request::post("/api/v1/tokens")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(format!(
                    r#"{{"email":"{email}","password":"{password}"}}"#
                )))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::CREATED);
    let body = axum::body::to_bytes(reply.into_body(), 1 << 16)
        .await
        .unwrap();
    let token = serde_json::from_slice::<serde_json::Value>(&body).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let me = app
        .clone()
        .oneshot(
            Request::get("/api/v1/me")
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    secrets.push(token);

    let text = String::from_utf8_lossy(&captured.0.lock().unwrap()).into_owned();
    assert!(
        text.contains("a password sign-in failed"),
        "the logs were captured at every level"
    );
    for secret in &secrets {
        assert!(secret.len() >= 16, "a real secret: {secret}");
        assert!(
            !text.contains(secret.as_str()),
            "a secret in the logs: {secret}"
        );
    }
}

mitra_store::backend_tests!(
    every_answer_carries_the_security_headers,
    password_guessing_is_stopped_per_account_and_per_address,
    guessed_invitation_links_are_counted,
    no_secret_reaches_the_logs,
);
