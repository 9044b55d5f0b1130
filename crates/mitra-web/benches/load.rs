//! The whole demo conference opening its agendas at once, against real
//! `mitra serve` processes.
//!
//! `cargo bench -p mitra-web --bench load` builds the demo with the real
//! `mitra demo --no-serve` (the release binary, built first unless
//! `MITRA_BIN` names one), starts `MITRA_LOAD_SERVERS` (default 1)
//! `mitra serve` processes on it on loopback, signs in every participant
//! by invitation (company representatives, delegation leads,
//! interpreters: invitation page, button, session cookie), then starts
//! `MITRA_LOAD_CLIENTS` clients (default 1,000) at the same instant, spread
//! over the servers. Each opens its person's agenda page (`/company`,
//! `/delegation`, `/interpreter`) over its own keep-alive connection, then
//! again after a pause of `MITRA_LOAD_THINK_MS` (default 1,000 ms, spread
//! ±50 %; 0 for back-to-back requests) until `MITRA_LOAD_SECONDS` (default
//! 20) have passed. A request that takes over 10 s counts as an error.
//!
//! - `MITRA_LOAD_BACKEND=postgres`: the demo goes into a fresh PostgreSQL
//!   schema (`MITRA_TEST_POSTGRES`, as for the tests) instead of SQLite.
//! - `MITRA_LOAD_MIX=1`: mixed traffic, as on the day: besides the agenda
//!   pages, calendar feeds, profile forms, the objectives form, printable
//!   agendas, and writes — a company asks for a meeting with a recommended
//!   partner or answers a request waiting for it (one view in 25) — and an
//!   organizer on the dashboard and the day board.
//!
//! Printed: requests, errors (timeouts, failures, answers 5xx), refusals
//! (4xx, which a write may meet when another client got there first),
//! throughput, p50/p90/p99/max latency of the answered requests for the
//! first wave (everyone at once), the rest, and all together, and each
//! server's resident memory over the run (for a soak: flat or not).
//!
//! A soak: `MITRA_LOAD_MIX=1 MITRA_LOAD_CLIENTS=300 MITRA_LOAD_SECONDS=1800`.
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
use mitra_store::testing::TestDatabase;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
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

/// The `mitra` binary the servers run: `MITRA_BIN`, else this profile's,
/// built now.
fn mitra_binary() -> PathBuf {
    if let Some(bin) = std::env::var_os("MITRA_BIN") {
        return std::fs::canonicalize(&bin).unwrap_or_else(|_| PathBuf::from(bin));
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "build",
            "--quiet",
            "--release",
            "-p",
            "mitra",
            "--bin",
            "mitra",
        ])
        .status()
        .expect("cargo runs");
    assert!(status.success(), "building the mitra binary failed");
    profile_dir().join("mitra")
}

/// Builds the demo with the real `mitra demo` into `url` (None: SQLite in
/// `dir`); returns the database URL.
fn build_demo(bin: &Path, dir: &Path, url: Option<&str>) -> String {
    let mut demo = Command::new(bin);
    demo.args(["demo", "--no-serve", "--dir"]).arg(dir);
    if let Some(url) = url {
        demo.args(["--database", url]);
    }
    let out = demo
        .output()
        .unwrap_or_else(|e| panic!("running {}: {e}", bin.display()));
    assert!(
        out.status.success(),
        "mitra demo failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    url.map(str::to_string)
        .unwrap_or_else(|| format!("sqlite:{}", dir.join("mitra-demo.db").display()))
}

/// A running `mitra serve`, stopped when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(bin: &Path, url: &str, outbox: &Path) -> Server {
        let mut child = Command::new(bin)
            .args(["serve", "--addr", "127.0.0.1:0", "--database", url])
            .arg("--mail")
            .arg(format!("outbox:{}", outbox.display()))
            .env("MITRA_LOG", "warn,sqlx::postgres::notice=error")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", bin.display()));
        let stderr = child.stderr.take().expect("the server's stderr");
        let mut lines = BufReader::new(stderr).lines();
        let base = loop {
            let line = lines
                .next()
                .and_then(Result::ok)
                .unwrap_or_else(|| panic!("mitra serve stopped before serving"));
            if let Some(rest) = line.strip_prefix("Mitra is serving on ") {
                let url = rest.split_whitespace().next().unwrap_or_default();
                break url.trim_end_matches('/').to_string();
            }
        };
        // Keep reading, so that a full pipe never stops the server; show
        // what it says (warnings and errors only).
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                eprintln!("server: {line}");
            }
        });
        Server { child, base }
    }

    /// Resident memory in KiB.
    fn resident_kib(&self) -> u64 {
        resident_kib(self.child.id())
    }
}

/// A process's resident memory in KiB, from /proc (0 when unreadable).
fn resident_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.split_whitespace().next()?.parse().ok())
        })
        .unwrap_or(0)
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
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
    /// A 5xx answer or a broken connection.
    failed: u64,
    /// A 4xx answer.
    refused: u64,
    writes: u64,
    bytes: u64,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.first.extend(other.first);
        self.rest.extend(other.rest);
        self.timeouts += other.timeouts;
        self.failed += other.failed;
        self.refused += other.refused;
        self.writes += other.writes;
        self.bytes += other.bytes;
    }
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

/// A small deterministic generator per client.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn one_in(&mut self, n: u64) -> bool {
        self.next().is_multiple_of(n)
    }
}

/// The value of the first `name="NAME" value="…"` after `from` in a page.
fn form_value<'a>(page: &'a str, name: &str) -> Option<&'a str> {
    let marker = format!("name=\"{name}\" value=\"");
    let at = page.find(&marker)? + marker.len();
    page[at..].split('"').next()
}

/// The id of a request waiting for this company's answer, if the page
/// shows one.
fn pending_answer(page: &str) -> Option<&str> {
    let marker = "action=\"/company/requests/";
    let at = page.find(marker)? + marker.len();
    page[at..].split('"').next()
}

/// One request as a client sends it: method, path, form body.
struct Call {
    post: bool,
    path: String,
    form: String,
}

/// What a client of the mixed traffic does next, given the page it saw.
fn next_call(page: &str, home: &str, mixed: bool, dice: &mut Dice) -> Call {
    let get = |path: &str| Call {
        post: false,
        path: path.to_string(),
        form: String::new(),
    };
    if !mixed {
        return get(home);
    }
    let post = |path: String, form: String| Call {
        post: true,
        path,
        form,
    };
    match home {
        "/company" if dice.one_in(25) => {
            let csrf = form_value(page, "csrf").unwrap_or_default();
            if let Some(id) = pending_answer(page) {
                let action = if dice.one_in(2) { "accept" } else { "decline" };
                post(
                    format!("/company/requests/{id}"),
                    format!("csrf={csrf}&action={action}&message=See+you+there"),
                )
            } else if let Some(to) = form_value(page, "to") {
                post(
                    "/company/requests".into(),
                    format!("csrf={csrf}&to={to}&message=Shall+we+meet%3F"),
                )
            } else {
                get(home)
            }
        }
        // Delegation leads have no personal agenda (their companies do).
        "/delegation" => match dice.next() % 20 {
            0 => get("/delegation/objectives"),
            _ => get(home),
        },
        "/company" | "/interpreter" => match dice.next() % 20 {
            0 => get("/me/calendar.ics"),
            1 => get("/me/agenda"),
            2 if home == "/company" => get("/company/profile"),
            _ => get(home),
        },
        "/organizer" => match dice.next() % 3 {
            0 => get("/organizer/day"),
            1 => get("/organizer/tables"),
            _ => get(home),
        },
        _ => get(home),
    }
}

/// A lean HTTP/1.1 keep-alive connection, as wrk keeps one: the load
/// generator shares the machine with the server, so the less it spends
/// per request, the more the figures say about the server.
struct Connection {
    address: std::net::SocketAddr,
    stream: Option<tokio::net::TcpStream>,
    buffer: Vec<u8>,
}

impl Connection {
    fn new(address: std::net::SocketAddr) -> Connection {
        Connection {
            address,
            stream: None,
            buffer: Vec::with_capacity(16 * 1024),
        }
    }

    /// Sends one request; returns the status and the body.
    async fn send(&mut self, call: &Call, cookie: &str) -> std::io::Result<(u16, Vec<u8>)> {
        let result = self.exchange(call, cookie).await;
        if result.is_err() {
            self.stream = None;
        }
        result
    }

    async fn exchange(&mut self, call: &Call, cookie: &str) -> std::io::Result<(u16, Vec<u8>)> {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut request = if call.post {
            format!(
                "POST {} HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
                call.path,
                self.address,
                call.form.len()
            )
        } else {
            format!(
                "GET {} HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\n\r\n",
                call.path, self.address
            )
        };
        request.push_str(&call.form);
        if self.stream.is_none() {
            let stream = tokio::net::TcpStream::connect(self.address).await?;
            stream.set_nodelay(true)?;
            self.stream = Some(stream);
            self.buffer.clear();
        }
        let stream = self.stream.as_mut().expect("connected above");
        stream.write_all(request.as_bytes()).await?;
        let broken = || std::io::Error::new(std::io::ErrorKind::InvalidData, "a malformed answer");
        // The head.
        let head_end = loop {
            if let Some(at) = self.buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
            if stream.read_buf(&mut self.buffer).await? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
        };
        let head = std::str::from_utf8(&self.buffer[..head_end]).map_err(|_| broken())?;
        let status: u16 = head
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .ok_or_else(broken)?;
        let mut length = None;
        let mut chunked = false;
        let mut close = false;
        for line in head.lines().skip(1) {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            if name.eq_ignore_ascii_case("content-length") {
                length = value.parse::<usize>().ok();
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                chunked = value.eq_ignore_ascii_case("chunked");
            } else if name.eq_ignore_ascii_case("connection") {
                close = value.eq_ignore_ascii_case("close");
            }
        }
        self.buffer.drain(..head_end);
        let body = if chunked {
            let mut body = Vec::new();
            loop {
                let line_end = loop {
                    if let Some(at) = self.buffer.windows(2).position(|w| w == b"\r\n") {
                        break at;
                    }
                    if stream.read_buf(&mut self.buffer).await? == 0 {
                        return Err(std::io::ErrorKind::UnexpectedEof.into());
                    }
                };
                let size_text =
                    std::str::from_utf8(&self.buffer[..line_end]).map_err(|_| broken())?;
                let size =
                    usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
                        .map_err(|_| broken())?;
                while self.buffer.len() < line_end + 2 + size + 2 {
                    if stream.read_buf(&mut self.buffer).await? == 0 {
                        return Err(std::io::ErrorKind::UnexpectedEof.into());
                    }
                }
                body.extend_from_slice(&self.buffer[line_end + 2..line_end + 2 + size]);
                self.buffer.drain(..line_end + 2 + size + 2);
                if size == 0 {
                    break body;
                }
            }
        } else {
            let length = length.unwrap_or(0);
            while self.buffer.len() < length {
                if stream.read_buf(&mut self.buffer).await? == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
            }
            self.buffer.drain(..length).collect()
        };
        if close {
            self.stream = None;
        }
        Ok((status, body))
    }
}

fn main() {
    let clients = env_number("MITRA_LOAD_CLIENTS", 1000) as usize;
    let seconds = env_number("MITRA_LOAD_SECONDS", 20);
    let think = env_number("MITRA_LOAD_THINK_MS", 1000);
    let server_count = env_number("MITRA_LOAD_SERVERS", 1).max(1) as usize;
    let mixed = env_number("MITRA_LOAD_MIX", 0) == 1;
    let postgres = std::env::var("MITRA_LOAD_BACKEND").is_ok_and(|b| b == "postgres");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a client runtime");

    let bin = mitra_binary();
    let started = Instant::now();
    let database =
        postgres.then(|| runtime.block_on(TestDatabase::fresh(mitra_store::Backend::Postgres)));
    let url = build_demo(&bin, dir.path(), database.as_ref().map(|d| d.url()));
    eprintln!(
        "demo database ready in {:.1} s ({})",
        started.elapsed().as_secs_f64(),
        if postgres { "PostgreSQL" } else { "SQLite" }
    );
    let servers: Vec<Server> = (0..server_count)
        .map(|_| Server::start(&bin, &url, &dir.path().join("outbox")))
        .collect();

    let (pages, tally, wall, memory) = runtime.block_on(async {
        let store = Store::open(&url).await.expect("the demo database opens");
        let event = EventId::parse(EVENT).expect("the demo event id");
        let people = store.people(&event).await.expect("the demo's people");
        let mut participants = Vec::new();
        for p in &people {
            let page = match p.role {
                Role::CompanyRep(_) => "/company",
                Role::DelegationLead(_) => "/delegation",
                Role::Interpreter(_) => "/interpreter",
                Role::Organizer if mixed => "/organizer",
                Role::Organizer => continue,
            };
            participants.push((p.id.clone(), page));
        }
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        let signer: HttpClient = Client::builder(TokioExecutor::new()).build(connector);
        // Each person signs in on one server; a session is good on all.
        let mut sessions = Vec::new();
        for (n, (person, page)) in participants.iter().enumerate() {
            let link = mitra_web::auth::create_invitation(
                &store,
                &event,
                person,
                Duration::from_secs(3600),
            )
            .await
            .expect("an invitation");
            let base = &servers[n % servers.len()].base;
            sessions.push((sign_in(&signer, base, &link).await, *page));
        }
        eprintln!(
            "{} participants signed in by invitation ({} company representatives), {} server(s)",
            sessions.len(),
            participants
                .iter()
                .filter(|(_, p)| *p == "/company")
                .count(),
            servers.len()
        );

        // Memory of each server, once a second.
        let memory: Arc<Mutex<Vec<Vec<u64>>>> = Arc::default();
        let pids: Vec<u32> = servers.iter().map(|s| s.child.id()).collect();
        let sampler = {
            let memory = memory.clone();
            tokio::spawn(async move {
                loop {
                    let row = pids.iter().map(|pid| resident_kib(*pid)).collect();
                    memory.lock().unwrap_or_else(|e| e.into_inner()).push(row);
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            })
        };

        // Every client its own connection, all starting at one instant.
        let start = tokio::time::Instant::now() + Duration::from_millis(500);
        let stop = start + Duration::from_secs(seconds);
        let mut tasks = Vec::with_capacity(clients);
        for i in 0..clients {
            let (session, home) = sessions[i % sessions.len()].clone();
            let address: std::net::SocketAddr = servers[i % servers.len()]
                .base
                .trim_start_matches("http://")
                .parse()
                .expect("a server address");
            tasks.push(tokio::spawn(async move {
                let mut tally = Tally::default();
                let mut dice = Dice((i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
                let cookie = format!("mitra_session={session}");
                let mut connection = Connection::new(address);
                let mut page = String::new();
                tokio::time::sleep_until(start).await;
                let mut first = true;
                while tokio::time::Instant::now() < stop {
                    let call = next_call(&page, home, mixed && !first, &mut dice);
                    let is_home = call.path == home;
                    tally.writes += u64::from(call.post);
                    let began = Instant::now();
                    let answer =
                        tokio::time::timeout(REQUEST_TIMEOUT, connection.send(&call, &cookie))
                            .await;
                    let micros = began.elapsed().as_micros().min(u128::from(u32::MAX)) as u32;
                    match answer {
                        Err(_) => {
                            tally.timeouts += 1;
                            connection.stream = None;
                        }
                        Ok(Err(_)) => tally.failed += 1,
                        Ok(Ok((status, _))) if status >= 500 => tally.failed += 1,
                        Ok(Ok((status, body))) => {
                            if (400..500).contains(&status) {
                                tally.refused += 1;
                            }
                            tally.bytes += body.len() as u64;
                            if first {
                                tally.first.push(micros);
                            } else {
                                tally.rest.push(micros);
                            }
                            if is_home && status == 200 && mixed {
                                page = String::from_utf8_lossy(&body).into_owned();
                            }
                        }
                    }
                    first = false;
                    if think > 0 {
                        let pause = think / 2 + dice.next() % (think + 1);
                        tokio::time::sleep(Duration::from_millis(pause)).await;
                    }
                }
                tally
            }));
        }
        let mut all = Tally::default();
        for t in tasks {
            match t.await {
                Ok(t) => all.add(t),
                Err(_) => all.failed += 1,
            }
        }
        let wall = start.elapsed().as_secs_f64();
        sampler.abort();
        let memory = memory.lock().unwrap_or_else(|e| e.into_inner()).clone();
        (sessions.len(), all, wall, memory)
    });

    let mut tally = tally;
    let total = tally.first.len() + tally.rest.len();
    println!(
        "load: {clients} clients over {pages} signed-in participants, {} server(s) on {}, {seconds} s, pause {think} ms ±50 %, {} traffic, {} cores",
        servers.len(),
        if postgres { "PostgreSQL" } else { "SQLite" },
        if mixed { "mixed" } else { "agenda" },
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    let errors = tally.timeouts + tally.failed;
    println!(
        "requests {total}, errors {errors} ({} timeouts over {} s, {} failed or 5xx), refused (4xx) {}, writes {}, throughput {:.1}/s, {:.1} KiB per answer on average",
        tally.timeouts,
        REQUEST_TIMEOUT.as_secs(),
        tally.failed,
        tally.refused,
        tally.writes,
        total as f64 / wall,
        tally.bytes as f64 / total.max(1) as f64 / 1024.0
    );
    summary("first wave", &mut tally.first, wall);
    summary("after", &mut tally.rest, wall);
    let mut all: Vec<u32> = tally.first.iter().chain(&tally.rest).copied().collect();
    summary("all", &mut all, wall);
    for (n, server) in servers.iter().enumerate() {
        let series: Vec<u64> = memory
            .iter()
            .filter_map(|row| row.get(n).copied())
            .collect();
        let at = |fraction: f64| {
            series
                .get(
                    ((series.len() as f64 * fraction) as usize).min(series.len().saturating_sub(1)),
                )
                .copied()
                .unwrap_or(0)
        };
        println!(
            "server {n} resident memory: at 10 % of the run {:.1} MiB, at 50 % {:.1} MiB, at the end {:.1} MiB, most {:.1} MiB (now {:.1} MiB)",
            at(0.1) as f64 / 1024.0,
            at(0.5) as f64 / 1024.0,
            at(1.0) as f64 / 1024.0,
            series.iter().max().copied().unwrap_or(0) as f64 / 1024.0,
            server.resident_kib() as f64 / 1024.0
        );
    }
    let p99 = {
        all.sort_unstable();
        all.get(((all.len() as f64 * 0.99).ceil() as usize).saturating_sub(1))
            .copied()
            .unwrap_or(0)
    };
    println!(
        "target p99 < 100 ms and no errors: {}",
        if p99 < 100_000 && errors == 0 {
            "met"
        } else {
            "NOT met"
        }
    );
    drop(servers);
    drop(database);
}
