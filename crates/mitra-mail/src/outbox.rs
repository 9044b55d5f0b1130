//! The outbox: each message written whole to `FOLDER/MESSAGE-ID.eml`.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::{Mail, Outbox, SendError};

/// Tells apart temporary files of sends running at the same time.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

pub(crate) async fn write(outbox: &Outbox, mail: &Mail) -> Result<(), SendError> {
    let id = mail.checked_message_id()?.to_owned();
    let bytes = mail.to_eml()?;
    let folder = outbox.folder.clone();
    let written = tokio::task::spawn_blocking(move || write_atomically(&folder, &id, &bytes))
        .await
        .map_err(|e| SendError::transient(format!("the outbox writer stopped: {e}")))?;
    match written {
        Ok(path) => {
            tracing::debug!(message_id = %mail.message_id, path = %path.display(), "mail written to the outbox");
            Ok(())
        }
        Err(e) => Err(SendError::transient(format!(
            "outbox {}: {e}",
            outbox.folder.display()
        ))),
    }
}

/// Writes to a temporary file in the same folder, flushes it to disk, then
/// renames it over `ID.eml`: a reader sees the whole message or none, and a
/// retry replaces the file instead of adding a second one.
fn write_atomically(folder: &Path, id: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(folder)?;
    let target = folder.join(format!("{id}.eml"));
    let temp = folder.join(format!(
        ".{id}.{}.{}.tmp",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, &target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map(|()| target)
}
