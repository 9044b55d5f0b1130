//! One module per subcommand; `run` dispatches.

mod backup;
mod demo;
mod demo_links;
mod engines;
mod export;
mod import;
mod init;
mod report;
mod serve;
mod template;

use crate::cli::{Cli, Command, EventArg};
use crate::failure::{Failure, Outcome};
use anyhow::Context;
use mitra_core::ids::EventId;
use mitra_store::Store;
use std::path::Path;

pub use backup::{BackupArgs, RestoreArgs};

pub async fn run(cli: Cli) -> Outcome {
    match cli.command {
        Command::Init(args) => init::run(args).await,
        Command::Demo(args) => demo::run(args).await,
        Command::Template(args) => template::run(args),
        Command::Import(args) => import::run(args).await,
        Command::Export(args) => export::run(args).await,
        Command::Match(args) => engines::run_match(args),
        Command::Schedule(args) => engines::run_schedule(args),
        Command::Report(args) => report::run(args).await,
        Command::Serve(args) => serve::run(args).await,
        Command::Backup(args) => backup::backup(args).await,
        Command::Restore(args) => backup::restore(args).await,
    }
}

/// Opens an existing database; a missing SQLite file is an error here
/// (only `init` and `demo` create one), so a typo in the path is noticed.
pub async fn open_existing(url: &str) -> Outcome<Store> {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let is_file = !url.contains("://") || url.starts_with("sqlite:");
    if is_file && !Path::new(path).exists() {
        return Err(Failure::bad_input([format!(
            "database {path:?} does not exist (create it with `mitra init`, or give --database)"
        )]));
    }
    Ok(Store::open(url)
        .await
        .with_context(|| format!("opening {url}"))?)
}

/// The event named by `--event`, or the only event of the database.
pub async fn choose_event(store: &Store, arg: &EventArg) -> Outcome<EventId> {
    let events = store.events().await?;
    match &arg.event {
        Some(raw) => {
            let id =
                EventId::parse(raw).map_err(|e| Failure::bad_input([format!("--event: {e}")]))?;
            if events.iter().any(|e| e.id == id) {
                Ok(id)
            } else {
                let known: Vec<_> = events.iter().map(|e| e.id.to_string()).collect();
                Err(Failure::bad_input([format!(
                    "--event: unknown event {raw:?} (the database has: {})",
                    if known.is_empty() {
                        "no event".to_string()
                    } else {
                        known.join(", ")
                    }
                )]))
            }
        }
        None => match events.as_slice() {
            [only] => Ok(only.id.clone()),
            [] => Err(Failure::bad_input([
                "the database has no event yet (create one with `mitra init --event ...`)",
            ])),
            many => Err(Failure::bad_input([format!(
                "the database has several events; choose one with --event ({})",
                many.iter()
                    .map(|e| e.id.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )])),
        },
    }
}

/// Writes bytes to a file all at once: into a temporary file beside it,
/// then renamed over it, so a reader never sees half a file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Outcome {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "out".into());
    let temp = dir.join(format!(".{name}.partial"));
    std::fs::write(&temp, bytes).with_context(|| format!("writing {}", temp.display()))?;
    std::fs::rename(&temp, path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// Writes to a file, or to standard output when no file is given.
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> Outcome {
    match path {
        Some(p) => write_atomically(p, bytes),
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(bytes).context("writing to standard output")?;
            out.flush().context("writing to standard output")?;
            Ok(())
        }
    }
}

/// Reads an input file, naming it when it cannot be read.
pub fn read_input(path: &Path) -> Outcome<Vec<u8>> {
    std::fs::read(path)
        .map_err(|e| Failure::bad_input([format!("{}: cannot read: {e}", path.display())]))
}
