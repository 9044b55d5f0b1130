//! The two databases behind one pool: which one a URL names, how each is
//! opened and migrated, the one type SQLite and PostgreSQL return
//! differently (booleans), and the write transaction that is run again
//! when a concurrent one wins.
//!
//! Every query in this crate is written once, for sqlx's `Any` driver:
//! `$1, $2, …` placeholders (SQLite takes them too), standard SQL both
//! dialects accept (`ON CONFLICT … DO NOTHING`, `COUNT(CASE …)`, no
//! `unixepoch()` outside the SQLite migrations), integers as `i64`
//! (`BIGINT` in PostgreSQL), times as Unix seconds, flags as `bool`
//! (`BOOLEAN` in PostgreSQL, `0`/`1` in SQLite, read through [`Flag`]).
//! The rare statement that must differ asks [`Store::backend`].

use crate::{Result, Store, StoreError};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyTypeInfo, AnyValueRef};
use sqlx::error::BoxDynError;
use sqlx::migrate::Migrator;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Any, AnyPool, Decode, Executor, Transaction, Type};
use std::str::FromStr;
use std::sync::Once;
use std::time::Duration;

/// A transaction on either database.
pub(crate) type Tx<'c> = Transaction<'c, Any>;

/// Which database a [`Store`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    /// A file (`sqlite:PATH`, `sqlite://PATH` or a plain path).
    Sqlite,
    /// A server (`postgres://…` or `postgresql://…`).
    Postgres,
}

impl Backend {
    /// Both, SQLite first.
    pub const ALL: [Backend; 2] = [Backend::Sqlite, Backend::Postgres];

    /// `sqlite` or `postgres`.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }

    /// The backend a database URL names, or `None` for an unsupported
    /// scheme. Anything without `://` is a SQLite path.
    pub fn of_url(url: &str) -> Option<Backend> {
        let scheme = url.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
        if matches!(scheme.as_deref(), Some("postgres" | "postgresql")) {
            Some(Backend::Postgres)
        } else if url.starts_with("sqlite:") || scheme.is_none() {
            Some(Backend::Sqlite)
        } else {
            None
        }
    }
}

impl std::fmt::Display for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// What every SQLite connection is set to, after sqlx's own settings
/// (which turn foreign keys on). WAL with `synchronous = FULL`: a
/// committed transaction survives a crash. The busy timeout lets writers
/// queue behind each other instead of failing at once.
const SQLITE_SETTINGS: &str = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

/// Opens the pool for `url` and brings its schema up to date.
pub(crate) async fn open(url: &str) -> Result<(AnyPool, Backend)> {
    static DRIVERS: Once = Once::new();
    DRIVERS.call_once(sqlx::any::install_default_drivers);
    let open_error = |source| StoreError::Open {
        url: redact(url),
        source,
    };
    let backend = Backend::of_url(url).ok_or_else(|| StoreError::UnsupportedUrl(redact(url)))?;
    let pool = match backend {
        Backend::Sqlite => {
            let (any_url, in_memory) = sqlite_url(url).map_err(open_error)?;
            let options = AnyConnectOptions::from_str(&any_url).map_err(open_error)?;
            let pool = AnyPoolOptions::new().after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute(SQLITE_SETTINGS).await?;
                    Ok(())
                })
            });
            // Every connection to `:memory:` is a database of its own: keep
            // exactly one, for good.
            let pool = if in_memory {
                pool.max_connections(1)
                    .min_connections(1)
                    .idle_timeout(None)
                    .max_lifetime(None)
            } else {
                pool.max_connections(8)
            };
            pool.connect_with(options).await.map_err(open_error)?
        }
        Backend::Postgres => {
            let options = AnyConnectOptions::from_str(url).map_err(open_error)?;
            AnyPoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await
                .map_err(open_error)?
        }
    };
    let migrations = match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    };
    migrations.run(&pool).await?;
    Ok((pool, backend))
}

/// The URL the `Any` driver gets for a SQLite database: the path read as
/// before (`sqlite:PATH`, `sqlite://PATH`, a plain path; `?mode=…` and the
/// other SQLite parameters work), made absolute and percent-encoded, so
/// that the driver's URL parser reads it back unchanged; created if
/// missing unless a `mode` says otherwise. Also whether it is in memory.
fn sqlite_url(url: &str) -> std::result::Result<(String, bool), sqlx::Error> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let (path, params) = match rest.split_once('?') {
        Some((path, params)) => (path, params),
        None => (rest, ""),
    };
    let params: Vec<&str> = params.split('&').filter(|p| !p.is_empty()).collect();
    if path == ":memory:" || params.contains(&"mode=memory") {
        return Ok(("sqlite::memory:".to_string(), true));
    }
    // Parsed as before, so that a bad parameter is refused as before.
    let options = SqliteConnectOptions::from_str(&format!("sqlite:{rest}"))?;
    let absolute = std::path::absolute(options.get_filename()).map_err(sqlx::Error::config)?;
    let mut url = String::from("sqlite://");
    for byte in absolute.as_os_str().as_encoded_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                url.push(char::from(*byte));
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url.push('?');
    url.push_str(&params.join("&"));
    if !params.iter().any(|p| p.starts_with("mode=")) {
        url.push_str(if params.is_empty() {
            "mode=rwc"
        } else {
            "&mode=rwc"
        });
    }
    Ok((url, false))
}

/// The URL without its password, for messages (`user:***@host`).
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((credentials, host)) if credentials.contains(':') => {
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}{tail}")
        }
        _ => url.to_string(),
    }
}

/// A yes/no column. PostgreSQL returns `BOOLEAN`; SQLite has no boolean
/// type and returns its `0`/`1` as an integer, which sqlx's `bool` will
/// not take through the `Any` driver. This takes both. (Binding a `bool`
/// works on both as it is.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Flag(pub bool);

impl Type<Any> for Flag {
    fn type_info() -> AnyTypeInfo {
        <bool as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        <bool as Type<Any>>::compatible(ty) || <i64 as Type<Any>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Any> for Flag {
    fn decode(value: AnyValueRef<'r>) -> std::result::Result<Self, BoxDynError> {
        match <bool as Decode<Any>>::decode(value.clone()) {
            Ok(b) => Ok(Flag(b)),
            Err(_) => Ok(Flag(<i64 as Decode<Any>>::decode(value)? != 0)),
        }
    }
}

/// A flag column of a row (panics like `Row::get` if it is missing).
pub(crate) fn flag(row: &sqlx::any::AnyRow, column: &str) -> bool {
    sqlx::Row::get::<Flag, _>(row, column).0
}

/// How often a write transaction is tried before its error is returned.
pub(crate) const MAX_ATTEMPTS: u32 = 20;

/// Whether `error` means that a concurrent transaction won and this one,
/// run again from the start, may well succeed: PostgreSQL's serialization
/// failure (40001) and deadlock (40P01), and SQLite's stale read snapshot
/// (SQLITE_BUSY_SNAPSHOT, 517: another connection wrote after this
/// transaction read, so it may not write; `BEGIN IMMEDIATE` avoids it,
/// this is for safety). Not SQLite's plain "database is locked": that
/// comes after the busy timeout has been waited already.
pub(crate) fn is_retryable(error: &StoreError) -> bool {
    let StoreError::Database(sqlx::Error::Database(db)) = error else {
        return false;
    };
    matches!(db.code().as_deref(), Some("40001" | "40P01" | "517"))
}

/// Waits a little, more after each failed attempt, with jitter so that
/// the losers of one race do not meet again.
pub(crate) async fn backoff(attempt: u32) {
    use std::hash::{BuildHasher, Hasher};
    let cap_ms = (2u64 << attempt.min(7)).min(200);
    let random = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    tokio::time::sleep(Duration::from_millis(1 + random % cap_ms)).await;
}

impl Store {
    /// Begins a write transaction, so that a transaction that reads,
    /// decides and writes sees no other writer between its read and its
    /// write. SQLite takes the write lock at once (`BEGIN IMMEDIATE`):
    /// writers wait for each other (up to the busy timeout) instead of
    /// failing with "database is locked" when a transaction that began by
    /// reading finds another writer at work. PostgreSQL runs it
    /// SERIALIZABLE and reports a lost race as a serialization failure,
    /// which [`write_tx!`] answers by running the transaction again.
    pub(crate) async fn begin_write(&self) -> Result<Tx<'static>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => {
                self.pool
                    .begin_with("BEGIN ISOLATION LEVEL SERIALIZABLE")
                    .await?
            }
        })
    }
}

/// Runs a write transaction: `write_tx!(store, |tx| body)` begins one
/// ([`Store::begin_write`]), evaluates `body` (an expression of type
/// `Result<T>` that may `.await` and use `?`, with `tx: &mut Tx<'static>`),
/// commits, and returns the body's value. On an error the transaction is
/// rolled back; if the error [is retryable](is_retryable), the whole body
/// runs again in a fresh transaction, up to [`MAX_ATTEMPTS`] times. So
/// the body must do nothing outside the transaction that may not be done
/// twice.
///
/// `write_tx!(store, |tx| body, commit_if = |value| condition)` rolls back
/// instead of committing when the condition on the body's value is false,
/// and still returns the value (a check that found the change impossible
/// after the transaction had begun writing).
macro_rules! write_tx {
    ($store:expr, |$tx:ident| $body:expr) => {
        $crate::db::write_tx!($store, |$tx| $body, commit_if = |_value| true)
    };
    ($store:expr, |$tx:ident| $body:expr, commit_if = |$value:ident| $condition:expr) => {{
        let store: &$crate::Store = $store;
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let mut transaction = store.begin_write().await?;
            let value: $crate::Result<_> = async {
                let $tx = &mut transaction;
                $body
            }
            .await;
            let outcome = match value {
                Ok(value) if { let $value = &value; $condition } => transaction
                    .commit()
                    .await
                    .map(|()| value)
                    .map_err($crate::StoreError::from),
                Ok(value) => transaction
                    .rollback()
                    .await
                    .map(|()| value)
                    .map_err($crate::StoreError::from),
                Err(error) => {
                    // The body's error matters, not a failed rollback's;
                    // the pool drops a connection it cannot reset.
                    let _ = transaction.rollback().await;
                    Err(error)
                }
            };
            match outcome {
                Err(error)
                    if attempt < $crate::db::MAX_ATTEMPTS && $crate::db::is_retryable(&error) =>
                {
                    tracing::debug!(attempt, %error, "write transaction lost a race; running it again");
                    $crate::db::backoff(attempt).await;
                }
                outcome => break outcome,
            }
        }
    }};
}
pub(crate) use write_tx;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_their_backend() {
        for url in [
            "sqlite:mitra.db",
            "sqlite://mitra.db",
            "mitra.db",
            "/var/lib/m.db",
            "SQLite:x",
        ] {
            assert_eq!(Backend::of_url(url), Some(Backend::Sqlite), "{url}");
        }
        for url in [
            "postgres://u:p@h/db",
            "postgresql://h/db",
            "PostgreSQL://h/db",
        ] {
            assert_eq!(Backend::of_url(url), Some(Backend::Postgres), "{url}");
        }
        for url in ["mysql://h/db", "http://x"] {
            assert_eq!(Backend::of_url(url), None, "{url}");
        }
    }

    #[test]
    fn messages_do_not_show_passwords() {
        assert_eq!(
            redact("postgres://mitra:secret@db:5432/mitra?sslmode=require"),
            "postgres://mitra:***@db:5432/mitra?sslmode=require"
        );
        assert_eq!(redact("postgres://db/mitra"), "postgres://db/mitra");
        assert_eq!(redact("sqlite:a@b.db"), "sqlite:a@b.db");
    }

    #[test]
    fn sqlite_paths_become_absolute_urls() {
        let (url, memory) = sqlite_url("sqlite:data/t.db").unwrap();
        assert!(!memory);
        let cwd = std::env::current_dir().unwrap();
        assert!(
            url.starts_with(&format!("sqlite://{}/data/t.db?", cwd.display())),
            "{url}"
        );
        assert!(url.contains("mode=rwc"), "{url}");
        for path in ["/tmp/a b#c.db", "/tmp/x?y%41:z@w/t.db", "/tmp/数据.db"] {
            // As the driver reads it: through a URL.
            let (url, _) = sqlite_url(&format!(
                "sqlite:{}",
                path.replace('%', "%25").replace('?', "%3F")
            ))
            .unwrap();
            let parsed: AnyConnectOptions = url.parse().unwrap();
            let back = SqliteConnectOptions::from_str(parsed.database_url.as_str()).unwrap();
            assert_eq!(back.get_filename(), std::path::Path::new(path), "{url}");
        }
        let (url, _) = sqlite_url("t.db?mode=ro").unwrap();
        assert!(url.ends_with("/t.db?mode=ro"), "{url}");
        assert!(sqlite_url("sqlite::memory:").unwrap().1);
        assert!(sqlite_url("sqlite://?mode=memory").unwrap().1);
    }
}
