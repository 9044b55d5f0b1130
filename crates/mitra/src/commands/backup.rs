//! `mitra backup` and `mitra restore`: a consistent copy of the database
//! while a server may be running, and putting one back.
//!
//! SQLite: `VACUUM INTO` a temporary file beside OUT, renamed at the end;
//! restore copies the backup beside the database, checks it, and renames
//! it over the database (refusing one that holds data unless `--force`,
//! and one a server has open). PostgreSQL: `pg_dump --format=custom` and
//! `pg_restore --clean --if-exists --no-owner`, with the password passed
//! in the environment, never on the command line or in a message.

use crate::cli::DatabaseArg;
use crate::failure::{Failure, Outcome};
use anyhow::Context;
use clap::Args;
use mitra_store::backup::{partial_name, publish_new, restore_sqlite_file, sqlite_file_holds_data};
use mitra_store::{Backend, Store, StoreError};
use std::path::PathBuf;
use std::process::Command;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The backup file to write (must not exist). SQLite: a SQLite
    /// database file; PostgreSQL: a pg_dump archive (custom format).
    pub output: PathBuf,
    #[command(flatten)]
    pub database: DatabaseArg,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A file written by `mitra backup`.
    pub input: PathBuf,
    /// Replace a database that holds data already.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub database: DatabaseArg,
}

fn backend(url: &str) -> Outcome<Backend> {
    Backend::of_url(url).ok_or_else(|| {
        Failure::bad_input([
            "--database: only sqlite:PATH, a file path, or postgres://USER:PASSWORD@HOST/DATABASE are supported",
        ])
    })
}

/// The file of a SQLite URL.
fn sqlite_path(url: &str) -> PathBuf {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    PathBuf::from(rest.split('?').next().unwrap_or(rest))
}

pub async fn backup(args: BackupArgs) -> Outcome {
    let url = &args.database.url;
    let out = &args.output;
    if out.exists() {
        return Err(Failure::bad_input([format!(
            "{}: exists already; a backup never replaces a file (choose another name)",
            out.display()
        )]));
    }
    match backend(url)? {
        Backend::Sqlite => {
            let store = super::open_existing(url).await?;
            store
                .backup_to(out)
                .await
                .with_context(|| format!("backing up to {}", out.display()))?;
            store.close().await;
        }
        Backend::Postgres => {
            let pg_dump = pg_tool("pg_dump")?;
            let temp = partial_name(out);
            let _ = std::fs::remove_file(&temp);
            let (plain, password) = split_password(url);
            let mut command = Command::new(&pg_dump);
            command
                .arg("--format=custom")
                .arg("--file")
                .arg(&temp)
                .arg("--dbname")
                .arg(&plain);
            let result = run_pg(command, password, "pg_dump")
                .and_then(|()| publish_new(&temp, out).map_err(anyhow::Error::from));
            if result.is_err() {
                let _ = std::fs::remove_file(&temp);
            }
            result.with_context(|| format!("backing up to {}", out.display()))?;
        }
    }
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    eprintln!("backed up to {} ({size} bytes)", out.display());
    Ok(())
}

pub async fn restore(args: RestoreArgs) -> Outcome {
    let url = &args.database.url;
    let input = &args.input;
    let mut head = [0u8; 16];
    let read = std::fs::File::open(input).and_then(|mut f| {
        use std::io::Read;
        let mut n = 0;
        while n < head.len() {
            let got = f.read(&mut head[n..])?;
            if got == 0 {
                break;
            }
            n += got;
        }
        Ok(n)
    });
    let read =
        read.map_err(|e| Failure::bad_input([format!("{}: cannot read: {e}", input.display())]))?;
    let head = &head[..read];
    match backend(url)? {
        Backend::Sqlite => {
            if !head.starts_with(b"SQLite format 3\0") {
                return Err(Failure::bad_input([format!(
                    "{}: not a SQLite backup (a PostgreSQL one goes into a postgres:// database)",
                    input.display()
                )]));
            }
            let target = sqlite_path(url);
            if sqlite_file_holds_data(&target) && !args.force {
                return Err(Failure::bad_input([format!(
                    "{}: the database exists and holds data; give --force to replace it (back it up first)",
                    target.display()
                )]));
            }
            restore_sqlite_file(input, &target)
                .await
                .map_err(|e| match e {
                    StoreError::Conflict(m) | StoreError::Corrupt(m) => Failure::bad_input([m]),
                    e => Failure::Other(e.into()),
                })?;
        }
        Backend::Postgres => {
            if !head.starts_with(b"PGDMP") {
                return Err(Failure::bad_input([format!(
                    "{}: not a pg_dump archive of the custom format (a SQLite backup goes into a sqlite: database)",
                    input.display()
                )]));
            }
            let pg_restore = pg_tool("pg_restore")?;
            if !args.force {
                let store = Store::open(url).await?;
                let events = store.events().await?;
                store.close().await;
                if !events.is_empty() {
                    return Err(Failure::bad_input([
                        "the database holds data; give --force to replace it (back it up first)",
                    ]));
                }
            }
            let (plain, password) = split_password(url);
            let mut command = Command::new(&pg_restore);
            command
                .args(["--clean", "--if-exists", "--no-owner"])
                .arg("--dbname")
                .arg(&plain)
                .arg(input);
            run_pg(command, password, "pg_restore")?;
        }
    }
    // Migrate and check what is there now.
    let store = Store::open(url)
        .await
        .context("opening the restored database")?;
    store
        .check()
        .await
        .context("checking the restored database")?;
    let events = store.events().await?;
    let mut organizations = 0;
    let mut meetings = 0;
    for event in &events {
        organizations += store.organizations(&event.id).await?.len();
        meetings += store.meetings(&event.id).await?.len();
    }
    store.close().await;
    eprintln!(
        "restored {}: {} events, {organizations} organizations, {meetings} meetings; integrity checked",
        input.display(),
        events.len()
    );
    Ok(())
}

/// The URL without its password, and the password (percent-decoded).
fn split_password(url: &str) -> (String, Option<String>) {
    let Some((scheme, rest)) = url.split_once("://") else {
        return (url.to_string(), None);
    };
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    match authority.rsplit_once('@') {
        Some((credentials, host)) => match credentials.split_once(':') {
            Some((user, password)) => (
                format!("{scheme}://{user}@{host}{tail}"),
                Some(percent_decode(password)),
            ),
            None => (url.to_string(), None),
        },
        None => (url.to_string(), None),
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Runs a PostgreSQL client tool with the password in its environment.
fn run_pg(mut command: Command, password: Option<String>, name: &str) -> anyhow::Result<()> {
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    let output = command
        .output()
        .with_context(|| format!("running {name}"))?;
    if !output.status.success() {
        anyhow::bail!(
            "{name} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}

/// A PostgreSQL client tool: on PATH, or the newest under
/// /usr/lib/postgresql/*/bin.
fn pg_tool(name: &str) -> Outcome<PathBuf> {
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_string_lossy().parse::<u32>().ok()?;
            let candidate = entry.path().join("bin").join(name);
            candidate.is_file().then_some((version, candidate))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, p)| p).ok_or_else(|| {
        Failure::bad_input([format!(
            "{name} not found on PATH or in /usr/lib/postgresql/*/bin: install the PostgreSQL client tools \
             (Debian/Ubuntu: apt-get install postgresql-client; its version must be at least the server's)"
        )])
    })
}
