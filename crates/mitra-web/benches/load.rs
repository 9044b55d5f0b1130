//! The whole demo conference opening its agendas at once.
//!
//! `cargo bench -p mitra-web --bench load` builds the demo database with
//! the real `mitra demo --no-serve` (the development binary, built first
//! unless `MITRA_BIN` names one), serves the real router (this release
//! build) on loopback,
//! signs in every participant by invitation (company representatives,
//! delegation leads, interpreters: invitation page, button, session
//! cookie), then starts `MITRA_LOAD_CLIENTS` clients (default 1,000) at
//! the same instant. Each opens its person's agenda page (`/company`,
//! `/delegation`, `/interpreter`) over its own keep-alive connection, then
//! again after a pause of `MITRA_LOAD_THINK_MS` (default 1,000 ms, spread
//! ±50 %; 0 for back-to-back requests) until `MITRA_LOAD_SECONDS` (default
//! 20) have passed. A request that takes over 10 s counts as an error.
//!
//! Printed: requests, errors (timeouts, failures), throughput, and
//! p50/p90/p99/max latency of the answered requests for the first wave
//! (everyone at once), the rest, and all together. Latency percentiles
//! leave out timed-out requests; read them with the error count.
//!
//! `MITRA_LOAD_CLIENTS=1 MITRA_LOAD_THINK_MS=0` measures the service time
//! of one page with nothing else waiting.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use mitra_core::ids::EventId;
use mitra_core::people::Role;
use mitra_store::Store;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const EVENT: &str = "fcw-2025-jinan";
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The profile folder the bench runs from (`…/release/deps/load-…`).
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the bench knows its own path");
    exe.parent()
        .and_then(Path::parent)
        .expect("benches run from target/PROFILE/deps")
        .to_path_buf()
}

/// The demo database, made by the real `mitra demo`.
fn build_demo(dir: &Path) -> PathBuf {
    let bin = match std::env::var_os("MITRA_BIN") {
        Some(bin) => PathBuf::from(bin),
        None => {
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            // The database is the same whichever profile wrote it: the
            // development build, shared with the tests, is enough.
            let status = std::process::Command::new(cargo)
                .args(["build", "--quiet", "-p", "mitra", "--bin", "mitra"])
                .status()
                .expect("cargo runs");
            assert!(status.success(), "building the mitra binary failed");
            profile_dir()
                .parent()
                .expect("a target folder")
                .join("debug")
                .join("mitra")
        }
    };
    let out = std::process::Command::new(&bin)
        .args(["demo", "--no-serve", "--dir"])
        .arg(dir)
        .output()
        .unwrap_or_else(|e| panic!("running {}: {e}", bin.display()));
    assert!(
        out.status.success(),
        "mitra demo failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join("mitra-demo.db")
}

type HttpClient = Client<HttpConnector, Body>;

fn cookie_from<B>(response: &axum::http::Response<B>, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            let pair = v.split(';').next()?;
            let (k, value) = pair.split_once('=')?;
            (k.trim() == name).then(|| value.trim().to_string())
        })
}

/// Follows an invitation like a browser: the page, then its button.
/// Returns the session cookie.
async fn sign_in(client: &HttpClient, base: &str, link: &str) -> String {
    let page = client
        .request(
            Request::get(format!("{base}{link}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .expect("the invitation page answers");
    assert_eq!(page.status(), StatusCode::OK, "invitation page");
    let csrf = cookie_from(&page, "mitra_csrf").expect("a CSRF cookie");
    let _ = axum::body::to_bytes(Body::new(page.into_body()), 1 << 22).await;
    let done = client
        .request(
            Request::post(format!("{base}{link}"))
                .header(header::COOKIE, format!("mitra_csrf={csrf}"))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!("csrf={csrf}")))
                .unwrap(),
        )
        .await
        .expect("the invitation button answers");
    assert_eq!(done.status(), StatusCode::SEE_OTHER, "signing in");
    cookie_from(&done, "mitra_session").expect("a session cookie")
}

#[derive(Default)]
struct Tally {
    first: Vec<u32>,
    rest: Vec<u32>,
    /// No answer within [`REQUEST_TIMEOUT`].
    timeouts: u64,
    /// An answer other than 200, or a broken connection.
    failed: u64,
    bytes: u64,
}

fn summary(name: &str, micros: &mut [u32], seconds: f64) {
    micros.sort_unstable();
    let at = |q: f64| {
        if micros.is_empty() {
            0.0
        } else {
            let i = ((micros.len() as f64 * q).ceil() as usize).clamp(1, micros.len()) - 1;
            f64::from(micros[i]) / 1000.0
        }
    };
    println!(
        "{name:<12} requests {:>7}  throughput {:>8.1}/s  p50 {:>7.1} ms  p90 {:>7.1} ms  p99 {:>7.1} ms  max {:>7.1} ms",
        micros.len(),
        micros.len() as f64 / seconds,
        at(0.50),
        at(0.90),
        at(0.99),
        micros.last().map(|m| f64::from(*m) / 1000.0).unwrap_or(0.0)
    );
}

fn main() {
    let clients = env_number("MITRA_LOAD_CLIENTS", 1000) as usize;
    let seconds = env_number("MITRA_LOAD_SECONDS", 20);
    let think = env_number("MITRA_LOAD_THINK_MS", 1000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let started = Instant::now();
    let db = build_demo(dir.path());
    eprintln!(
        "demo database ready in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // The server: the real router on its own runtime and threads.
    let server = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("server")
        .build()
        .expect("a server runtime");
    let (store, addr) = server.block_on(async {
        let store = Store::open(&format!("sqlite:{}", db.display()))
            .await
            .expect("the demo database opens");
        let listener = mitra_web::listen("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let addr = listener.local_addr().expect("an address");
        let app = mitra_web::router(store.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        (store, addr)
    });

    // The clients: one thread of their own.
    let load = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a client runtime");
    let base = format!("http://{addr}");
    let (pages, tally, wall) = load.block_on(async {
        let event = EventId::parse(EVENT).expect("the demo event id");
        let people = store.people(&event).await.expect("the demo's people");
        let mut participants = Vec::new();
        for p in &people {
            let page = match p.role {
                Role::CompanyRep(_) => "/company",
                Role::DelegationLead(_) => "/delegation",
                Role::Interpreter(_) => "/interpreter",
                Role::Organizer => continue,
            };
            participants.push((p.id.clone(), page));
        }
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        let signer: HttpClient = Client::builder(TokioExecutor::new()).build(connector);
        let mut sessions = Vec::new();
        for (person, page) in &participants {
            let link = mitra_web::auth::create_invitation(
                &store,
                &event,
                person,
                Duration::from_secs(3600),
            )
            .await
            .expect("an invitation");
            sessions.push((sign_in(&signer, &base, &link).await, *page));
        }
        eprintln!(
            "{} participants signed in by invitation ({} company representatives)",
            sessions.len(),
            participants
                .iter()
                .filter(|(_, p)| *p == "/company")
                .count()
        );

        // Every client its own connection, all starting at one instant.
        let start = tokio::time::Instant::now() + Duration::from_millis(500);
        let stop = start + Duration::from_secs(seconds);
        let mut tasks = Vec::with_capacity(clients);
        for i in 0..clients {
            let (session, page) = sessions[i % sessions.len()].clone();
            let url = format!("{base}{page}");
            let mut connector = HttpConnector::new();
            connector.set_nodelay(true);
            let client: HttpClient = Client::builder(TokioExecutor::new())
                .pool_max_idle_per_host(1)
                .build(connector);
            tasks.push(tokio::spawn(async move {
                let mut tally = Tally::default();
                // A small deterministic spread of pauses per client.
                let mut seed = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
                tokio::time::sleep_until(start).await;
                let mut first = true;
                while tokio::time::Instant::now() < stop {
                    let request = Request::get(&url)
                        .header(header::COOKIE, format!("mitra_session={session}"))
                        .body(Body::empty())
                        .expect("a request");
                    let began = Instant::now();
                    let answer = tokio::time::timeout(REQUEST_TIMEOUT, async {
                        let response = client.request(request).await.ok()?;
                        let ok = response.status() == StatusCode::OK;
                        let body = axum::body::to_bytes(Body::new(response.into_body()), 1 << 22)
                            .await
                            .ok()?;
                        ok.then_some(body.len())
                    })
                    .await;
                    let timed_out = answer.is_err();
                    let answer = answer.ok().flatten();
                    let micros = began.elapsed().as_micros().min(u128::from(u32::MAX)) as u32;
                    match answer {
                        Some(n) => {
                            tally.bytes += n as u64;
                            if first {
                                tally.first.push(micros);
                            } else {
                                tally.rest.push(micros);
                            }
                        }
                        None if timed_out => tally.timeouts += 1,
                        None => tally.failed += 1,
                    }
                    first = false;
                    if think > 0 {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        let pause = think / 2 + seed % (think + 1);
                        tokio::time::sleep(Duration::from_millis(pause)).await;
                    }
                }
                tally
            }));
        }
        let mut all = Tally::default();
        for t in tasks {
            match t.await {
                Ok(t) => {
                    all.first.extend(t.first);
                    all.rest.extend(t.rest);
                    all.timeouts += t.timeouts;
                    all.failed += t.failed;
                    all.bytes += t.bytes;
                }
                Err(_) => all.failed += 1,
            }
        }
        let wall = start.elapsed().as_secs_f64();
        (sessions.len(), all, wall)
    });

    let mut tally = tally;
    let total = tally.first.len() + tally.rest.len();
    println!(
        "load: {clients} clients over {pages} signed-in participants, {seconds} s, pause {think} ms ±50 %, {} cores",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    println!(
        "requests {total}, errors {} ({} timeouts over {} s, {} failed), throughput {:.1}/s, {:.1} KiB per page on average",
        tally.timeouts + tally.failed,
        tally.timeouts,
        REQUEST_TIMEOUT.as_secs(),
        tally.failed,
        total as f64 / wall,
        tally.bytes as f64 / total.max(1) as f64 / 1024.0
    );
    summary("first wave", &mut tally.first, wall);
    summary("after", &mut tally.rest, wall);
    let mut all: Vec<u32> = tally.first.iter().chain(&tally.rest).copied().collect();
    summary("all", &mut all, wall);
    let p99 = {
        all.sort_unstable();
        all.get(((all.len() as f64 * 0.99).ceil() as usize).saturating_sub(1))
            .copied()
            .unwrap_or(0)
    };
    println!(
        "target p99 < 100 ms and no errors: {}",
        if p99 < 100_000 && tally.timeouts + tally.failed == 0 {
            "met"
        } else {
            "NOT met"
        }
    );
    server.shutdown_timeout(Duration::from_secs(1));
}
