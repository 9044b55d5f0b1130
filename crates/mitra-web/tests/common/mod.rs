//! What the web tests share: a fresh copy of the demo conference for every
//! test, on either backend, invitations, and a small cookie-keeping client
//! over the router.
//!
//! The pristine demo is built by the real `mitra demo` once per build of
//! `mitra` (keyed by a hash of the binary) and shared by every test binary
//! of the run, on each backend; building it took most of a test binary's
//! time.
//!
//! - SQLite: the pristine demo is a file in `target/PROFILE/web-test-demos/
//!   KEY/`; each test gets a copy of it in a temporary folder of its own.
//! - PostgreSQL: the pristine demo is the database `mitra_test_pristine_KEY`
//!   on the server of [`mitra_store::testing::postgres_url`], filled by
//!   `mitra demo --database URL` under another name and renamed when done.
//!   Each test gets a copy, `mitra_test_demo_<secs>_<pid>_<n>`, made with
//!   `CREATE DATABASE … TEMPLATE` (about 0.1 s), dropped after the test's
//!   [`DemoCopy`] goes. Every test binary holds a "lease" connection named
//!   `mitra_test_demo_<secs>_<pid>` while it runs; a copy without a live
//!   lease is left over from an earlier run and dropped by the next one.
//! - Building and clearing away pristine demos happens under one lock file,
//!   `demos.lock` in the system's temporary folder (`mitra-web-test-demos/`:
//!   one PostgreSQL server may serve several target folders). Each test
//!   process also holds `KEY.lock` there, shared, while it runs; the
//!   pristine demos of a key whose lock nobody holds are removed.
//!
//! Without PostgreSQL the tests fail (never skip), saying to run
//! `crates/mitra-store/tests/postgres-up.sh`.

#![allow(dead_code)]

pub mod smtp;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use mitra_core::ids::{EventId, PersonId};
pub use mitra_store::Backend;
use mitra_store::Store;
use mitra_store::testing::{POSTGRES_URL_VAR, postgres_url};
use sqlx::{Connection, PgConnection};
use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
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

/// The `mitra` binary, built once per test binary (if needed).
fn mitra_binary() -> &'static PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = std::process::Command::new(cargo)
            .args(["build", "--quiet", "-p", "mitra", "--bin", "mitra"])
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the mitra binary failed");
        profile_dir().join("mitra")
    })
}

/// Runs `mitra demo --no-serve --dir DIR` with `extra` arguments.
fn run_demo(dir: &Path, extra: &[&str]) {
    let bin = mitra_binary();
    let out = std::process::Command::new(bin)
        .args(["demo", "--no-serve", "--dir"])
        .arg(dir)
        .args(extra)
        .env_remove("MITRA_DATABASE_URL")
        .output()
        .unwrap_or_else(|e| panic!("running {}: {e}", bin.display()));
    assert!(
        out.status.success(),
        "mitra demo failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The folder of the lock files that guard the shared pristine demos.
fn lock_dir() -> PathBuf {
    std::env::temp_dir().join("mitra-web-test-demos")
}

/// Runs `work` holding `demos.lock`: no other test process builds or
/// removes a pristine demo meanwhile.
fn with_demos_lock<T>(work: impl FnOnce() -> T) -> T {
    let dir = lock_dir();
    std::fs::create_dir_all(&dir).expect("the demos' lock folder");
    let lock = File::create(dir.join("demos.lock")).expect("the demos' lock file");
    lock.lock().expect("locking the demos");
    let value = work();
    drop(lock);
    value
}

/// Opens (or makes) a lock file, leaving what it holds.
fn open_lock(path: &Path) -> std::io::Result<File> {
    File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
}

/// Whether no test process uses the pristine demos of `key` (called with
/// `demos.lock` held, so that none can start to).
fn unused(key: &str) -> bool {
    let path = lock_dir().join(format!("{key}.lock"));
    let Ok(file) = open_lock(&path) else {
        return false;
    };
    let free = file.try_lock().is_ok();
    drop(file);
    if free {
        let _ = std::fs::remove_file(&path);
    }
    free
}

/// This build's key, and the lock that marks its demos in use.
struct Shared {
    key: String,
    _in_use: File,
}

/// The key of the `mitra` binary the tests run (built first if needed):
/// a hash of its bytes, so that a rebuilt binary gets a demo of its own.
fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let bytes = std::fs::read(mitra_binary()).expect("reading the mitra binary");
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        std::hash::Hasher::write(&mut hasher, &bytes);
        let key = format!("{:016x}", std::hash::Hasher::finish(&hasher));
        with_demos_lock(|| {
            let path = lock_dir().join(format!("{key}.lock"));
            let in_use = open_lock(&path).expect("the demo's lock file");
            in_use.lock_shared().expect("marking the demo in use");
            Shared {
                key,
                _in_use: in_use,
            }
        })
    })
}

/// The pristine demo database (SQLite), shared by the test binaries of a
/// build: built by the first to need it, its folder renamed into place
/// when `mitra demo` has finished (a killed build leaves no half demo).
/// The folders of builds nobody uses any more are removed.
fn pristine_demo() -> &'static PathBuf {
    static DEMO: OnceLock<PathBuf> = OnceLock::new();
    DEMO.get_or_init(|| {
        let key = &shared().key;
        let root = profile_dir().join("web-test-demos");
        let dir = root.join(key);
        let db = dir.join("mitra-demo.db");
        with_demos_lock(|| {
            if !db.exists() {
                let building = root.join(format!("{key}.building"));
                let _ = std::fs::remove_dir_all(&building);
                run_demo(&building, &[]);
                std::fs::rename(&building, &dir).expect("moving the built demo into place");
            }
            let entries = std::fs::read_dir(&root).expect("the demos' folder");
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let other = name.strip_suffix(".building").unwrap_or(&name);
                if other != key && unused(other) {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        });
        db
    })
}

/// A fresh copy of the demo database (SQLite) in its own folder.
pub async fn demo_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = sqlite_copy(dir.path()).await;
    (dir, store)
}

async fn sqlite_copy(dir: &Path) -> Store {
    let db = dir.join("demo.db");
    std::fs::copy(pristine_demo(), &db).expect("copying the demo database");
    Store::open(&format!("sqlite:{}", db.display()))
        .await
        .expect("the demo database opens")
}

/// A test's copy of the demo: a temporary folder of its own (holding the
/// SQLite file, and free for anything else the test writes) and, on
/// PostgreSQL, a database of its own, dropped with this.
pub struct DemoCopy {
    backend: Backend,
    url: String,
    /// The PostgreSQL database to drop, if any.
    database: Option<String>,
    dir: tempfile::TempDir,
}

impl DemoCopy {
    /// The test's own folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The URL of the copy, for another store or process.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }
}

impl Drop for DemoCopy {
    fn drop(&mut self) {
        if let Some(name) = self.database.take() {
            drop_later(name);
        }
    }
}

/// Drops a PostgreSQL database, on a thread of its own, one after the
/// other: no test waits for it (`DROP DATABASE` waits for a checkpoint, a
/// second or more). `WITH (FORCE)` closes the connections still open.
/// What is still queued when the test binary ends is left behind, without
/// a lease, and dropped by the next run.
fn drop_later(name: String) {
    static DROPPER: OnceLock<std::sync::mpsc::Sender<String>> = OnceLock::new();
    let dropper = DROPPER.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            for name in rx {
                runtime.block_on(async {
                    if let Ok(mut conn) = connect(&postgres_url()).await {
                        let _ = drop_database(&mut conn, &name).await;
                        let _ = conn.close().await;
                    }
                });
            }
        });
        tx
    });
    let _ = dropper.send(name);
}

/// A fresh copy of the demo conference on `backend`, for one test.
pub async fn demo_store_on(backend: Backend) -> (DemoCopy, Store) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    match backend {
        Backend::Sqlite => {
            let store = sqlite_copy(dir.path()).await;
            let url = format!("sqlite:{}", dir.path().join("demo.db").display());
            let copy = DemoCopy {
                backend,
                url,
                database: None,
                dir,
            };
            (copy, store)
        }
        Backend::Postgres => {
            let demo = pristine_postgres();
            let pristine = &demo.template;
            let name = format!("{}_{}", demo.lease, COPIES.fetch_add(1, Ordering::Relaxed));
            let statement = format!("CREATE DATABASE \"{name}\" TEMPLATE \"{pristine}\"");
            let server = postgres_url();
            let mut conn = connect_or_explain(&server).await;
            if let Err(e) = sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
                .execute(&mut conn)
                .await
            {
                panic!("cannot copy the demo database {pristine} to {name}: {e}");
            }
            let _ = conn.close().await;
            let url = with_database(&server, &name);
            // From here on the database is dropped whatever happens.
            let copy = DemoCopy {
                backend,
                url,
                database: Some(name),
                dir,
            };
            let store = Store::open(copy.url())
                .await
                .expect("the demo database opens");
            (copy, store)
        }
    }
}

/// Numbers the copies of this test binary (named after its lease).
static COPIES: AtomicU64 = AtomicU64::new(0);

/// The copies made by these tests are named `mitra_test_demo_<secs>_<pid>_<n>`,
/// after their test binary's lease `mitra_test_demo_<secs>_<pid>`.
const DEMO_PREFIX: &str = "mitra_test_demo_";

/// The shared pristine demos are named `mitra_test_pristine_KEY`.
const PRISTINE_PREFIX: &str = "mitra_test_pristine_";

/// This test binary's PostgreSQL demo: the shared pristine database its
/// copies are made of, and the lease its copies are named after.
struct PostgresDemo {
    template: String,
    lease: String,
}

/// This test binary's PostgreSQL demo, set up on first use: the lease
/// held, the copies of earlier runs dropped, and the shared pristine demo
/// built if no test binary of this build has built it yet.
fn pristine_postgres() -> &'static PostgresDemo {
    static PRISTINE: OnceLock<PostgresDemo> = OnceLock::new();
    PRISTINE.get_or_init(|| {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        let lease = format!("{DEMO_PREFIX}{secs}_{}", std::process::id());
        let server = postgres_url();
        hold_lease(&server, &lease);
        let key = shared().key.clone();
        let template = format!("{PRISTINE_PREFIX}{key}");
        with_demos_lock(|| {
            let building = format!("{template}_building");
            let built = {
                let (server, template, building) =
                    (server.clone(), template.clone(), building.clone());
                on_own_runtime(async move {
                    let mut conn = connect_or_explain(&server).await;
                    drop_stale_demos(&mut conn).await;
                    let built = database_exists(&mut conn, &template).await;
                    if !built {
                        let _ = drop_database(&mut conn, &building).await;
                        create_database(&mut conn, &building).await;
                    }
                    let _ = conn.close().await;
                    built
                })
            };
            if !built {
                // The demo process ends before the rename and before any
                // copy is made: both need the database free of connections.
                let dir = tempfile::tempdir().expect("a temporary folder");
                run_demo(
                    &dir.path().join("demo"),
                    &["--database", &with_database(&server, &building)],
                );
            }
            let (server, template, key) = (server.clone(), template.clone(), key.clone());
            on_own_runtime(async move {
                let mut conn = connect_or_explain(&server).await;
                if !built {
                    let statement =
                        format!("ALTER DATABASE \"{building}\" RENAME TO \"{template}\"");
                    if let Err(e) = sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
                        .execute(&mut conn)
                        .await
                    {
                        panic!("cannot rename the demo database {building} to {template}: {e}");
                    }
                }
                drop_unused_pristines(&mut conn, &key).await;
                let _ = conn.close().await;
            });
        });
        PostgresDemo { template, lease }
    })
}

async fn database_exists(conn: &mut PgConnection, name: &str) -> bool {
    sqlx::query_scalar::<_, i32>("SELECT 1 FROM pg_database WHERE datname = $1")
        .bind(name)
        .fetch_optional(&mut *conn)
        .await
        .unwrap_or_else(|e| panic!("cannot list the databases: {e}"))
        .is_some()
}

async fn create_database(conn: &mut PgConnection, name: &str) {
    let statement = format!("CREATE DATABASE \"{name}\"");
    if let Err(e) = sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
        .execute(&mut *conn)
        .await
    {
        panic!(
            "cannot create the database {name}: {e}\n\
             The role needs CREATEDB (postgres-up.sh gives it)."
        );
    }
}

/// Drops the pristine demos (and half-built ones) of builds no test
/// process uses; called with `demos.lock` held.
async fn drop_unused_pristines(conn: &mut PgConnection, key: &str) {
    let names = databases_named(conn, PRISTINE_PREFIX).await;
    for name in names {
        let rest = &name[PRISTINE_PREFIX.len()..];
        let other = rest.strip_suffix("_building").unwrap_or(rest);
        if other != key && unused(other) {
            let _ = drop_database(conn, &name).await;
        }
    }
}

/// Keeps a connection open, named `name`, for as long as this process
/// lives: while it is there, the databases named after it are in use.
fn hold_lease(server: &str, name: &str) {
    let (url, name) = (server.to_string(), name.to_string());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let mut conn = match connect(&url).await {
                Ok(conn) => conn,
                Err(e) => {
                    let _ = tx.send(Err(e.to_string()));
                    return;
                }
            };
            let set = format!("SET application_name = '{name}'");
            if let Err(e) = sqlx::raw_sql(sqlx::AssertSqlSafe(set))
                .execute(&mut conn)
                .await
            {
                let _ = tx.send(Err(e.to_string()));
                return;
            }
            let _ = tx.send(Ok(()));
            // Held until the process ends.
            std::future::pending::<()>().await;
            drop(conn);
        });
    });
    match rx.recv() {
        Ok(Ok(())) => {}
        Ok(Err(e)) => unreachable_postgres(server, &e),
        Err(_) => panic!("the lease thread ended"),
    }
}

/// Drops (later) the demo databases whose test binary is gone: no lease
/// open.
async fn drop_stale_demos(conn: &mut PgConnection) {
    let names = databases_named(conn, DEMO_PREFIX).await;
    let leases: Vec<String> = sqlx::query_scalar(
        "SELECT application_name::text FROM pg_stat_activity WHERE starts_with(application_name::text, $1)",
    )
    .bind(DEMO_PREFIX)
    .fetch_all(&mut *conn)
    .await
    .unwrap_or_default();
    for name in names {
        let Some(owner) = demo_owner(&name) else {
            continue;
        };
        if !leases.iter().any(|lease| lease == owner) {
            drop_later(name);
        }
    }
}

/// The pristine demo a database of these tests belongs to (itself, or the
/// one a copy was made of), or `None` for a name these tests do not make.
fn demo_owner(name: &str) -> Option<&str> {
    let rest = name.strip_prefix(DEMO_PREFIX)?;
    let parts: Vec<&str> = rest.split('_').collect();
    let numbers = parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if !numbers || !(2..=3).contains(&parts.len()) {
        return None;
    }
    Some(&name[..DEMO_PREFIX.len() + parts[0].len() + 1 + parts[1].len()])
}

/// The databases on the server whose names start with `prefix`.
async fn databases_named(conn: &mut PgConnection, prefix: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT datname::text FROM pg_database WHERE starts_with(datname::text, $1)")
        .bind(prefix)
        .fetch_all(&mut *conn)
        .await
        .unwrap_or_default()
}

async fn drop_database(conn: &mut PgConnection, name: &str) -> Result<(), sqlx::Error> {
    let statement = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
        .execute(conn)
        .await
        .map(|_| ())
}

/// `url` naming the database `name` on the same server (with the same
/// parameters).
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let after_scheme = base.find("://").map_or(0, |at| at + 3);
    let server = match base[after_scheme..].find('/') {
        Some(at) => &base[..after_scheme + at],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

async fn connect(url: &str) -> Result<PgConnection, sqlx::Error> {
    match tokio::time::timeout(Duration::from_secs(10), PgConnection::connect(url)).await {
        Ok(result) => result,
        Err(_) => Err(sqlx::Error::PoolTimedOut),
    }
}

async fn connect_or_explain(url: &str) -> PgConnection {
    match connect(url).await {
        Ok(conn) => conn,
        Err(e) => unreachable_postgres(url, &e.to_string()),
    }
}

fn unreachable_postgres(url: &str, error: &str) -> ! {
    let shown = mitra_store::redact_url(url);
    panic!(
        "PostgreSQL for the web tests is unreachable at {shown}: {error}\n\
         Start it (as root, on Debian with the postgresql package installed) with\n\
         \x20   crates/mitra-store/tests/postgres-up.sh\n\
         or set {POSTGRES_URL_VAR} to a PostgreSQL database of a role that may create databases."
    )
}

/// Runs `future` to its end on a thread and runtime of its own (from
/// inside a test's runtime or outside any); a panic in it goes on here.
fn on_own_runtime<T: Send + 'static>(
    future: impl std::future::Future<Output = T> + Send + 'static,
) -> T {
    let joined = std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime")
            .block_on(future)
    })
    .join();
    match joined {
        Ok(value) => value,
        Err(panic) => std::panic::resume_unwind(panic),
    }
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

/// The first of `candidates` (hosts, in the caller's order) whose meeting
/// with our company can be placed whatever the demo's day left: it has its
/// own table and is free in a slot where we are free. It is given an
/// Indonesian speaker, so no interpreter is needed (the day may have left
/// our Indonesian-only company none).
pub async fn host_with_room(
    store: &Store,
    candidates: impl IntoIterator<Item = mitra_core::ids::OrgId>,
) -> mitra_core::ids::OrgId {
    let event = event();
    let ours = mitra_core::ids::OrgId::parse(GUEST_ORG).unwrap();
    let plan = store.event_plan(&event).await.unwrap();
    let tables = store.tables(&event).await.unwrap();
    let meetings = store.meetings(&event).await.unwrap();
    let busy = |who: &mitra_core::ids::OrgId, slot: &mitra_core::ids::SlotId| {
        meetings
            .iter()
            .any(|m| &m.meeting.slot == slot && (&m.meeting.a == who || &m.meeting.b == who))
    };
    let host = candidates
        .into_iter()
        .find(|o| {
            tables.iter().any(|t| t.fixed_to.as_ref() == Some(o))
                && plan
                    .slots
                    .iter()
                    .any(|s| !busy(&ours, &s.id) && !busy(o, &s.id))
        })
        .expect("a host with its own table, free when our company is");
    let mut speaks = store
        .organizations(&event)
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.id == host)
        .unwrap();
    speaks
        .languages
        .push(mitra_core::codes::LanguageCode::parse("id").unwrap());
    store.import(&event, &[], &[speaks]).await.unwrap();
    host
}
