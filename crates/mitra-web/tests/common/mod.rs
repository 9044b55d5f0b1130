//! What the web tests share: a fresh copy of the demo conference for every
//! test (built once per test run by the real `mitra demo`), invitations,
//! and a small cookie-keeping client over the router.

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use mitra_core::ids::{EventId, PersonId};
use mitra_store::Store;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;
use tower::ServiceExt;

pub const EVENT: &str = "fcw-2025-jinan";
pub const ORGANIZER: &str = "demo-organizer";
pub const GUEST_ORG: &str = "lpg-01";
pub const LEAD: &str = "lead-lampung";

/// The target folder the tests run from (`…/debug/deps/TEST` → `…/debug`).
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test knows its own path");
    exe.parent()
        .and_then(Path::parent)
        .expect("tests run from target/PROFILE/deps")
        .to_path_buf()
}

/// The pristine demo database, built once per test binary with the real
/// `mitra demo` (compiled first if needed).
fn pristine_demo() -> &'static PathBuf {
    static DEMO: OnceLock<PathBuf> = OnceLock::new();
    DEMO.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = std::process::Command::new(cargo)
            .args(["build", "--quiet", "-p", "mitra", "--bin", "mitra"])
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the mitra binary failed");
        let bin = profile_dir().join("mitra");
        let dir = profile_dir().join(format!("web-test-demo-{}", std::process::id()));
        let out = std::process::Command::new(&bin)
            .args(["demo", "--no-serve", "--dir"])
            .arg(&dir)
            .output()
            .unwrap_or_else(|e| panic!("running {}: {e}", bin.display()));
        assert!(
            out.status.success(),
            "mitra demo failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        dir.join("mitra-demo.db")
    })
}

/// A fresh copy of the demo database in its own folder.
pub async fn demo_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("demo.db");
    std::fs::copy(pristine_demo(), &db).expect("copying the demo database");
    let store = Store::open(&format!("sqlite:{}", db.display()))
        .await
        .expect("the demo database opens");
    (dir, store)
}

pub fn event() -> EventId {
    EventId::parse(EVENT).unwrap()
}

/// An invitation path (`/invite/TOKEN`) for a demo person.
pub async fn invite(store: &Store, person: &str) -> String {
    mitra_web::auth::create_invitation(
        store,
        &event(),
        &PersonId::parse(person).unwrap(),
        Duration::from_secs(3600),
    )
    .await
    .expect("an invitation")
}

/// An answer: status, headers and body text.
pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub location: Option<String>,
    pub body: String,
}

impl Answer {
    /// The CSRF token of the page's forms.
    pub fn csrf(&self) -> String {
        let at = self
            .body
            .find("name=\"csrf\" value=\"")
            .unwrap_or_else(|| panic!("no form on the page: {}", self.body));
        let rest = &self.body[at + 19..];
        rest[..rest.find('"').unwrap()].to_string()
    }
}

/// A browser-like client: keeps cookies, does not follow redirects.
#[derive(Clone)]
pub struct Client {
    pub app: Router,
    pub cookies: HashMap<String, String>,
}

impl Client {
    pub fn new(app: Router) -> Client {
        Client {
            app,
            cookies: HashMap::new(),
        }
    }

    async fn send(&mut self, request: Request<Body>) -> Answer {
        let response = self.app.clone().oneshot(request).await.unwrap();
        for value in response.headers().get_all(header::SET_COOKIE) {
            let text = value.to_str().unwrap();
            let (pair, attributes) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attributes.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_string(), value.to_string());
            }
        }
        let status = response.status();
        let headers = response.headers().clone();
        let location = response
            .headers()
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_string());
        let bytes = axum::body::to_bytes(response.into_body(), 16 << 20)
            .await
            .unwrap();
        Answer {
            status,
            headers,
            location,
            // Lossy, so that PDFs and other bytes can be looked at too.
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub async fn get(&mut self, path: &str) -> Answer {
        let request = Request::get(path)
            .header(header::COOKIE, self.cookie_header())
            .body(Body::empty())
            .unwrap();
        self.send(request).await
    }

    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Answer {
        let body = form
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let request = Request::post(path)
            .header(header::COOKIE, self.cookie_header())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }

    /// Follows an invitation: the page, then its button.
    pub async fn sign_in_by(&mut self, invitation: &str) -> Answer {
        let page = self.get(invitation).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let csrf = page.csrf();
        self.post(invitation, &[("csrf", &csrf)]).await
    }

    /// The CSRF token this client's forms carry now.
    pub async fn csrf(&mut self) -> String {
        self.get("/signin").await.csrf()
    }
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
