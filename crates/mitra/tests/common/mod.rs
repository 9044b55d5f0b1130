//! What the tests of real `mitra serve` processes share: the demo built
//! into a database by the real `mitra demo`, servers started on it (and
//! killed), and a small HTTP client that signs in through invitation links
//! as a browser or an API client does.

#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

pub const EVENT: &str = "fcw-2025-jinan";
pub const ORGANIZER: &str = "demo-organizer";

pub fn mitra() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mitra"));
    command.env_remove("MITRA_DATABASE_URL");
    command
}

/// The write-ahead log beside the SQLite database `db`.
pub fn wal_path(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", db.display()))
}

/// How far the log of `db` has grown (0 when there is none).
pub fn wal_len(db: &Path) -> u64 {
    std::fs::metadata(wal_path(db))
        .map(|m| m.len())
        .unwrap_or(0)
}

/// When a crash test kills a process: at a fraction of the unkilled run's
/// time, or once the log has grown past a share of what the unkilled run
/// wrote to it (which lands inside a transaction on a fast machine and a
/// slow one alike, where timed kills missed it).
#[derive(Debug, Clone, Copy)]
pub enum Moment {
    Clock(f64),
    LogGrown(f64),
}

/// How often a crash test looks at the log's size while it waits.
pub const LOG_POLL: Duration = Duration::from_micros(200);

/// The log size past which a kill `Moment::LogGrown(share)` lands: `share`
/// of the unkilled run's `growth` beyond the log's size `before` it.
pub fn log_threshold(before: u64, growth: u64, share: f64) -> u64 {
    before + ((growth as f64) * share) as u64
}

/// A copy of a closed SQLite database (its log folded in, so the file
/// alone holds everything).
pub fn copy_db(from: &Path, to: &Path) {
    assert!(
        !wal_path(from).exists(),
        "the source database is closed, its log folded in"
    );
    std::fs::copy(from, to).unwrap();
}

/// `mitra demo --no-serve` into the database at `url`.
pub fn build_demo(url: &str, dir: &Path) {
    let out = mitra()
        .args(["demo", "--no-serve", "--database", url, "--dir"])
        .arg(dir)
        .output()
        .expect("running mitra demo");
    assert!(
        out.status.success(),
        "mitra demo failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A running `mitra serve`; killed when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
    /// Every line the server wrote to its standard error.
    lines: mpsc::Receiver<String>,
    log: Vec<String>,
}

impl Server {
    /// Starts a server on `url` on a free port, mail into `outbox`, and
    /// waits until it says where it serves.
    pub fn start(url: &str, outbox: &Path) -> Server {
        let mut child = mitra()
            .args(["serve", "--addr", "127.0.0.1:0", "--database", url])
            .arg("--mail")
            .arg(format!("outbox:{}", outbox.display()))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting mitra serve");
        let stderr = child.stderr.take().expect("the server's stderr");
        let (send, lines) = mpsc::channel();
        // Keep reading, so that a full pipe never stops the server.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let mut log = Vec::new();
        let base = loop {
            let line = lines
                .recv_timeout(Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("mitra serve did not start: {log:#?}"));
            log.push(line.clone());
            if let Some(rest) = line.strip_prefix("Mitra is serving on ") {
                let url = rest.split_whitespace().next().unwrap_or_default();
                break url.trim_end_matches('/').to_string();
            }
        };
        Server {
            child,
            base,
            lines,
            log,
        }
    }

    /// What the server has written so far.
    pub fn log(&mut self) -> &[String] {
        while let Ok(line) = self.lines.try_recv() {
            self.log.push(line);
        }
        &self.log
    }

    /// SIGKILL, and wait for it to be gone.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

pub type HttpClient = Client<HttpConnector, Body>;

pub fn http_client() -> HttpClient {
    Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(64)
        .build_http()
}

/// An answer: status, `Location`, cookies set, body.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: StatusCode,
    pub location: Option<String>,
    pub cookies: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Sends a request; panics only when the server does not answer at all.
pub async fn send(client: &HttpClient, request: Request<Body>) -> Answer {
    let what = format!("{} {}", request.method(), request.uri());
    let response = tokio::time::timeout(Duration::from_secs(300), client.request(request))
        .await
        .unwrap_or_else(|_| panic!("{what}: no answer in 300 s"))
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    let status = response.status();
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let cookies = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| {
            let pair = v.split(';').next()?;
            let (k, value) = pair.split_once('=')?;
            Some((k.trim().to_string(), value.trim().to_string()))
        })
        .collect();
    let body = axum::body::to_bytes(Body::new(response.into_body()), 64 << 20)
        .await
        .map(|b| String::from_utf8_lossy(&b).to_string())
        .unwrap_or_default();
    Answer {
        status,
        location,
        cookies,
        body,
    }
}

/// Percent-encodes a form value.
pub fn form_encode(pairs: &[(&str, &str)]) -> String {
    let encode = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    char::from(b).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A browser's session on one server: its cookie and CSRF token.
#[derive(Debug, Clone)]
pub struct Browser {
    pub base: String,
    pub session: String,
    pub csrf: String,
}

impl Browser {
    /// Follows an invitation link (`/invite/TOKEN`) as a browser does: the
    /// page, then its button.
    pub async fn sign_in(client: &HttpClient, base: &str, link: &str) -> Browser {
        let page = send(
            client,
            Request::get(format!("{base}{link}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(page.status, StatusCode::OK, "invitation page");
        let csrf = page
            .cookie("mitra_csrf")
            .expect("a CSRF cookie")
            .to_string();
        let done = send(
            client,
            Request::post(format!("{base}{link}"))
                .header(header::COOKIE, format!("mitra_csrf={csrf}"))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(form_encode(&[("csrf", &csrf)])))
                .unwrap(),
        )
        .await;
        assert_eq!(
            done.status,
            StatusCode::SEE_OTHER,
            "signing in: {}",
            done.body
        );
        let session = done
            .cookie("mitra_session")
            .expect("a session cookie")
            .to_string();
        let mut browser = Browser {
            base: base.to_string(),
            session,
            csrf,
        };
        // The forms' CSRF token, as a page carries it.
        let me = browser.get(client, "/organizer/day").await;
        if let Some(token) = form_value(&me.body, "csrf") {
            browser.csrf = token.to_string();
        }
        browser
    }

    pub async fn get(&self, client: &HttpClient, path: &str) -> Answer {
        send(
            client,
            Request::get(format!("{}{path}", self.base))
                .header(header::COOKIE, self.cookies())
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    /// Posts a form (the CSRF token is added).
    pub async fn post(&self, client: &HttpClient, path: &str, fields: &[(&str, &str)]) -> Answer {
        let mut all = vec![("csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        send(
            client,
            Request::post(format!("{}{path}", self.base))
                .header(header::COOKIE, self.cookies())
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(form_encode(&all)))
                .unwrap(),
        )
        .await
    }

    /// The same session, talking to another server.
    pub fn on(&self, base: &str) -> Browser {
        Browser {
            base: base.to_string(),
            ..self.clone()
        }
    }

    fn cookies(&self) -> String {
        format!("mitra_session={}; mitra_csrf={}", self.session, self.csrf)
    }
}

/// The value of the first `name="NAME" value="…"` input in a page.
pub fn form_value<'a>(page: &'a str, name: &str) -> Option<&'a str> {
    let at = page.find(&format!("name=\"{name}\""))?;
    let rest = &page[at..];
    let start = rest.find("value=\"")? + "value=\"".len();
    let end = rest[start..].find('"')?;
    Some(&rest[start..start + end])
}

/// An API client's token, made from an invitation.
pub async fn api_token(client: &HttpClient, base: &str, link: &str) -> String {
    let answer = send(
        client,
        Request::post(format!("{base}/api/v1/tokens"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(
                serde_json::json!({ "invitation": link }).to_string(),
            ))
            .unwrap(),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    answer.json()["token"]
        .as_str()
        .expect("a token")
        .to_string()
}

/// Posts JSON to the API with a bearer token.
pub async fn api_post(
    client: &HttpClient,
    base: &str,
    token: &str,
    path: &str,
    body: serde_json::Value,
) -> Answer {
    send(
        client,
        Request::post(format!("{base}{path}"))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap(),
    )
    .await
}
