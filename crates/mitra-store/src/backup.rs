//! Backups of a SQLite database while it is in use (`VACUUM INTO`, one
//! consistent read transaction), the checks a restored copy must pass, and
//! putting a copy in place of a database file without losing a live one.
//! PostgreSQL is backed up with `pg_dump` (see the `mitra backup` command).

use crate::{Backend, Result, Store, StoreError};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sqlx::{ConnectOptions, Connection, Row};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

fn io(what: &str, path: &Path, e: std::io::Error) -> StoreError {
    StoreError::Conflict(format!("{what} {}: {e}", path.display()))
}

/// A temporary name beside `path`: `.NAME.partial-PID`.
pub fn partial_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "backup".into());
    path.with_file_name(format!(".{name}.partial-{}", std::process::id()))
}

/// Flushes a file and the folder that names it to disk.
fn sync(path: &Path) -> std::io::Result<()> {
    std::fs::File::open(path)?.sync_all()?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Folders cannot be opened for syncing everywhere; best effort there.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Moves a finished temporary file to `path`, refusing to replace a file
/// that appeared there meanwhile.
pub fn publish_new(temp: &Path, path: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(temp, path) {
        Ok(()) => std::fs::remove_file(temp)?,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(e),
        // A file system without hard links: a plain rename.
        Err(_) => std::fs::rename(temp, path)?,
    }
    sync(path)
}

async fn raw_sqlite(path: &Path, create: bool) -> Result<sqlx::SqliteConnection> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(create)
        .busy_timeout(Duration::from_millis(500))
        .foreign_keys(false)
        .disable_statement_logging();
    Ok(options.connect().await?)
}

/// `PRAGMA integrity_check` and `foreign_key_check` of a SQLite connection.
async fn sqlite_checks(conn: &mut sqlx::SqliteConnection) -> Result<()> {
    let integrity = sqlx::query("PRAGMA integrity_check")
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.try_get::<String, _>(0).unwrap_or_default())
        .collect();
    let broken = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut *conn)
        .await?
        .len();
    sqlite_verdict(integrity, broken)
}

/// What SQLite's two checks said, as a verdict: `integrity` the lines of
/// `integrity_check`, `broken` the rows `foreign_key_check` returned.
fn sqlite_verdict(integrity: Vec<String>, broken: usize) -> Result<()> {
    if integrity != ["ok"] {
        return Err(StoreError::Corrupt(format!(
            "integrity check failed: {}",
            integrity.join("; ")
        )));
    }
    if broken > 0 {
        return Err(StoreError::Corrupt(format!(
            "{broken} rows point at rows that do not exist"
        )));
    }
    Ok(())
}

impl Store {
    /// Writes a consistent copy of this SQLite database to `path` while it
    /// stays in use (`VACUUM INTO`: one read transaction, so writers go on
    /// and the copy holds every transaction committed before it began, and
    /// none after). The copy is written under a temporary name beside
    /// `path` and moved there at the end, so a failed backup leaves no
    /// half file; an existing `path` is refused. PostgreSQL databases are
    /// backed up with `pg_dump` instead.
    pub async fn backup_to(&self, path: &Path) -> Result<()> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::Conflict(
                "a PostgreSQL database is backed up with pg_dump".into(),
            ));
        }
        if path.exists() {
            return Err(StoreError::Conflict(format!(
                "{} exists already",
                path.display()
            )));
        }
        let temp = partial_name(path);
        let _ = std::fs::remove_file(&temp);
        let Some(target) = temp.to_str() else {
            return Err(StoreError::Conflict(format!(
                "{} is not a UTF-8 path",
                path.display()
            )));
        };
        let result = async {
            sqlx::query("VACUUM INTO $1")
                .bind(target.to_string())
                .execute(&self.pool)
                .await?;
            sync(&temp).map_err(|e| io("writing", &temp, e))?;
            publish_new(&temp, path).map_err(|e| io("writing", path, e))
        }
        .await;
        if result.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        result
    }

    /// Checks the database: on SQLite `PRAGMA integrity_check` and
    /// `PRAGMA foreign_key_check`; on PostgreSQL that the schema answers.
    pub async fn check(&self) -> Result<()> {
        match self.backend {
            Backend::Sqlite => {
                // The pool's connections speak sqlx's `Any`, not SQLite's
                // own type: the same two questions, the same verdict.
                let mut conn = self.pool.acquire().await?;
                let integrity = sqlx::query("PRAGMA integrity_check")
                    .fetch_all(&mut *conn)
                    .await?
                    .iter()
                    .map(|r| r.try_get::<String, _>(0).unwrap_or_default())
                    .collect();
                let broken = sqlx::query("PRAGMA foreign_key_check")
                    .fetch_all(&mut *conn)
                    .await?
                    .len();
                sqlite_verdict(integrity, broken)?;
            }
            Backend::Postgres => {
                self.events().await?;
            }
        }
        Ok(())
    }
}

/// Whether a SQLite database file exists and is not empty.
pub fn sqlite_file_holds_data(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() > 0)
        || std::fs::metadata(wal(path)).is_ok_and(|m| m.len() > 0)
}

fn wal(path: &Path) -> PathBuf {
    sidecar(path, "-wal")
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Puts a copy of the SQLite backup `backup` in place of the database file
/// `target`, all at once: the copy is made beside the target under a
/// temporary name and checked (`integrity_check`, `foreign_key_check`,
/// Mitra's schema) before anything is replaced. A target that another
/// process has open (a running `mitra serve`) is refused: its write-ahead
/// log is folded into it and removed first, which only succeeds when no one
/// else uses it, so no live log is ever left beside the new file.
pub async fn restore_sqlite_file(backup: &Path, target: &Path) -> Result<()> {
    let temp = partial_name(target);
    let _ = std::fs::remove_file(&temp);
    let result = restore_inner(backup, target, &temp).await;
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
        let _ = std::fs::remove_file(wal(&temp));
        let _ = std::fs::remove_file(sidecar(&temp, "-shm"));
    }
    result
}

async fn restore_inner(backup: &Path, target: &Path, temp: &Path) -> Result<()> {
    std::fs::copy(backup, temp).map_err(|e| io("copying to", temp, e))?;
    {
        let mut conn = raw_sqlite(temp, false).await?;
        sqlite_checks(&mut conn).await.map_err(|e| match e {
            StoreError::Database(e) => {
                StoreError::Corrupt(format!("{} is not a database: {e}", backup.display()))
            }
            e => e,
        })?;
        let mitra: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('event', '_sqlx_migrations')",
        )
        .fetch_one(&mut conn)
        .await?;
        if mitra != 2 {
            return Err(StoreError::Corrupt(format!(
                "{} is a SQLite database but not a Mitra one",
                backup.display()
            )));
        }
        sqlx::query("PRAGMA journal_mode = DELETE")
            .execute(&mut conn)
            .await?;
        conn.close().await?;
    }
    sync(temp).map_err(|e| io("writing", temp, e))?;
    // The old database: fold its log in and hold it exclusively while the
    // new file takes its name.
    let mut old = None;
    if target.exists() {
        let mut conn = raw_sqlite(target, false).await?;
        let busy = |e: sqlx::Error| {
            StoreError::Conflict(format!(
                "{} is in use by another process (is `mitra serve` running on it? stop it first): {e}",
                target.display()
            ))
        };
        sqlx::query("PRAGMA journal_mode = DELETE")
            .execute(&mut conn)
            .await
            .map_err(busy)?;
        let mode = SqliteJournalMode::from_str(
            &sqlx::query_scalar::<_, String>("PRAGMA journal_mode")
                .fetch_one(&mut conn)
                .await?,
        )
        .ok();
        if !matches!(mode, Some(SqliteJournalMode::Delete)) {
            return Err(busy(sqlx::Error::Protocol("still in WAL mode".into())));
        }
        sqlx::query("BEGIN EXCLUSIVE")
            .execute(&mut conn)
            .await
            .map_err(busy)?;
        old = Some(conn);
    } else {
        // A log without its database is left over and belongs to nothing.
        let _ = std::fs::remove_file(wal(target));
        let _ = std::fs::remove_file(sidecar(target, "-shm"));
    }
    std::fs::rename(temp, target).map_err(|e| io("replacing", target, e))?;
    sync(target).map_err(|e| io("writing", target, e))?;
    if let Some(conn) = old {
        // The old file has no name any more; let it go.
        let _ = conn.close().await;
    }
    Ok(())
}
