//! Fresh, isolated databases for tests, on either backend, for this
//! crate's tests and for every crate that tests against a [`Store`] (the
//! web application's server tests, the command line's).
//!
//! - SQLite: a new file in a new temporary folder.
//! - PostgreSQL: a new schema in the database named by the environment
//!   variable `MITRA_TEST_POSTGRES` (default [`DEFAULT_POSTGRES_URL`]); the
//!   store's URL carries `options=-c search_path=<schema>`, so every
//!   connection, also another process's (a server binary started on
//!   [`TestDatabase::url`]), works in that schema alone. Tests run in
//!   parallel without seeing each other's rows.
//!
//! Each is removed when its [`TestDatabase`] is dropped (PostgreSQL
//! schemas left behind by a killed test run are removed by a later run,
//! after six hours).
//!
//! When PostgreSQL cannot be reached the test fails (it is never skipped)
//! and says how to start it: `crates/mitra-store/tests/postgres-up.sh` on
//! a Debian machine with the `postgresql` package.
//!
//! ```no_run
//! use mitra_store::Backend;
//! use mitra_store::testing::fresh_store;
//!
//! async fn events_start_empty(backend: Backend) {
//!     let store = fresh_store(backend).await;
//!     assert!(store.events().await.unwrap().is_empty());
//! }
//!
//! // Two tests, `events_start_empty::sqlite` and `events_start_empty::postgres`
//! // (the calling crate needs tokio with its `macros` feature).
//! mitra_store::backend_tests!(events_start_empty);
//! ```

use crate::db::redact;
use crate::{Backend, Store};
use sqlx::{Connection, PgConnection};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The environment variable naming the PostgreSQL database for tests.
pub const POSTGRES_URL_VAR: &str = "MITRA_TEST_POSTGRES";

/// The PostgreSQL database for tests when [`POSTGRES_URL_VAR`] is not set:
/// what `crates/mitra-store/tests/postgres-up.sh` makes.
pub const DEFAULT_POSTGRES_URL: &str = "postgres://mitra:mitra@127.0.0.1:5432/mitra_test";

/// Test schemas are named `mitra_test_<unix seconds>_<process>_<n>`.
const SCHEMA_PREFIX: &str = "mitra_test_";

/// Schemas older than this are left over from a killed run.
const STALE_AFTER_SECS: u64 = 6 * 3600;

/// The PostgreSQL database tests use: [`POSTGRES_URL_VAR`] or the default.
pub fn postgres_url() -> String {
    std::env::var(POSTGRES_URL_VAR)
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_POSTGRES_URL.to_string())
}

/// An empty database of its own (no schema yet: [`Store::open`] makes it),
/// removed on drop.
#[derive(Debug)]
pub struct TestDatabase {
    backend: Backend,
    url: String,
    place: Place,
}

#[derive(Debug)]
enum Place {
    /// The temporary folder holding the file.
    Folder(PathBuf),
    /// The server's URL (without the schema) and the schema.
    Schema { server: String, schema: String },
}

impl TestDatabase {
    /// A new, empty database on `backend`. Panics (failing the test) when
    /// it cannot be made, saying how to start PostgreSQL.
    pub async fn fresh(backend: Backend) -> TestDatabase {
        match backend {
            Backend::Sqlite => fresh_sqlite(),
            Backend::Postgres => fresh_postgres().await,
        }
    }

    /// The URL [`Store::open`] takes, in this process or another.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Opens a store on this database (migrating it on first use); every
    /// call opens another one, with its own connections.
    pub async fn open(&self) -> Store {
        match Store::open(&self.url).await {
            Ok(store) => store,
            Err(e) => panic!("cannot open the {} test database: {e}", self.backend),
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match &self.place {
            Place::Folder(folder) => {
                let _ = std::fs::remove_dir_all(folder);
            }
            Place::Schema { server, schema } => {
                let statement = format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
                let server = server.clone();
                // Drop may run inside or outside a runtime: a thread of
                // its own with a runtime of its own works in both.
                let dropped = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .ok()?;
                    runtime.block_on(async {
                        let mut conn = connect(&server).await.ok()?;
                        // A connection still inside a transaction (a test
                        // that panicked) would hold the drop forever: give
                        // up instead; a later run removes the schema.
                        sqlx::raw_sql("SET lock_timeout = '5s'")
                            .execute(&mut conn)
                            .await
                            .ok()?;
                        sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
                            .execute(&mut conn)
                            .await
                            .ok()?;
                        conn.close().await.ok()
                    })
                })
                .join();
                if !matches!(dropped, Ok(Some(()))) {
                    eprintln!("note: test schema {schema} was left behind");
                }
            }
        }
    }
}

/// A store on a [`TestDatabase`] of its own. Derefs to the [`Store`].
#[derive(Debug)]
pub struct TestStore {
    /// Declared first, so dropped (closing nothing yet in flight) before
    /// the database goes.
    pub store: Store,
    pub database: TestDatabase,
}

impl TestStore {
    /// The URL of the store's database, for another [`Store`] or process.
    pub fn url(&self) -> &str {
        self.database.url()
    }

    pub fn backend(&self) -> Backend {
        self.database.backend()
    }
}

impl std::ops::Deref for TestStore {
    type Target = Store;

    fn deref(&self) -> &Store {
        &self.store
    }
}

/// A migrated store on a new database of its own on `backend`.
pub async fn fresh_store(backend: Backend) -> TestStore {
    let database = TestDatabase::fresh(backend).await;
    let store = database.open().await;
    TestStore { store, database }
}

/// One fresh store per backend, SQLite first.
pub async fn fresh_stores() -> Vec<TestStore> {
    let mut stores = Vec::new();
    for backend in Backend::ALL {
        stores.push(fresh_store(backend).await);
    }
    stores
}

/// A name no other test of any process has used.
fn unique() -> (u64, u32, u64) {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    (
        secs,
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
    )
}

fn fresh_sqlite() -> TestDatabase {
    let (secs, pid, n) = unique();
    let folder = std::env::temp_dir().join(format!("mitra-test-{secs}-{pid}-{n}"));
    if let Err(e) = std::fs::create_dir_all(&folder) {
        panic!("cannot make the test folder {}: {e}", folder.display());
    }
    TestDatabase {
        backend: Backend::Sqlite,
        url: format!("sqlite:{}", folder.join("test.db").display()),
        place: Place::Folder(folder),
    }
}

async fn connect(url: &str) -> Result<PgConnection, sqlx::Error> {
    match tokio::time::timeout(Duration::from_secs(10), PgConnection::connect(url)).await {
        Ok(result) => result,
        Err(_) => Err(sqlx::Error::PoolTimedOut),
    }
}

async fn fresh_postgres() -> TestDatabase {
    let server = postgres_url();
    let mut conn = match connect(&server).await {
        Ok(conn) => conn,
        Err(e) => panic!(
            "PostgreSQL for the tests is unreachable at {}: {e}\n\
             Start it (as root, on Debian with the postgresql package installed) with\n\
             \x20   crates/mitra-store/tests/postgres-up.sh\n\
             or set {POSTGRES_URL_VAR} to a PostgreSQL database where you may create schemas.",
            redact(&server)
        ),
    };
    let (secs, pid, n) = unique();
    static SWEPT: AtomicBool = AtomicBool::new(false);
    if !SWEPT.swap(true, Ordering::Relaxed) {
        remove_stale_schemas(&mut conn, secs).await;
    }
    let schema = format!("{SCHEMA_PREFIX}{secs}_{pid}_{n}");
    if let Err(e) = sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE SCHEMA \"{schema}\"")))
        .execute(&mut conn)
        .await
    {
        panic!(
            "cannot create schema {schema} in {}: {e}\n\
             The role needs CREATE on the database (postgres-up.sh makes it the owner).",
            redact(&server)
        );
    }
    let _ = conn.close().await;
    let separator = if server.contains('?') { '&' } else { '?' };
    TestDatabase {
        backend: Backend::Postgres,
        url: format!("{server}{separator}options=-c%20search_path%3D{schema}"),
        place: Place::Schema { server, schema },
    }
}

/// Drops the test schemas of runs that ended without cleaning up.
async fn remove_stale_schemas(conn: &mut PgConnection, now: u64) {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT nspname::text FROM pg_namespace WHERE starts_with(nspname::text, $1)",
    )
    .bind(SCHEMA_PREFIX)
    .fetch_all(&mut *conn)
    .await
    .unwrap_or_default();
    for name in names {
        let made: Option<u64> = name
            .strip_prefix(SCHEMA_PREFIX)
            .and_then(|rest| rest.split('_').next())
            .and_then(|secs| secs.parse().ok());
        if made.is_some_and(|made| made + STALE_AFTER_SECS < now) {
            let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "DROP SCHEMA IF EXISTS \"{name}\" CASCADE"
            )))
            .execute(&mut *conn)
            .await;
        }
    }
}

/// Turns `async fn name(backend: Backend)` into two tests, `name::sqlite`
/// and `name::postgres`, so that every test runs on both backends in the
/// same `cargo test` run. The calling crate needs tokio (with `macros`)
/// among its (dev-)dependencies.
#[macro_export]
macro_rules! backend_tests {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name($crate::Backend::Sqlite).await
            }

            #[tokio::test]
            async fn postgres() {
                super::$name($crate::Backend::Postgres).await
            }
        }
    )+};
}
