//! `mitra serve`: the web application, with the mail sender beside it.

use super::open_existing;
use crate::cli::{MailArgs, ServeArgs};
use crate::failure::{Failure, Outcome};
use mitra_web::services::mailer::{self, MailConfig};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

pub async fn run(args: ServeArgs) -> Outcome {
    let store = open_existing(&args.database.url).await?;
    let beside = database_folder(&args.database.url);
    serve(store, &args.addr, &args.mail, &beside.join("outbox")).await
}

/// The folder of a SQLite database URL (the current one for other URLs).
fn database_folder(url: &str) -> std::path::PathBuf {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    Path::new(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| ".".into(), Path::to_path_buf)
}

/// Serves until Ctrl-C; mail goes to `--mail`, else to `default_outbox`.
pub async fn serve(
    store: mitra_store::Store,
    addr: &str,
    mail: &MailArgs,
    default_outbox: &Path,
) -> Outcome {
    let url = mail
        .mail_url
        .clone()
        .unwrap_or_else(|| format!("outbox:{}", default_outbox.display()));
    let transport = mitra_mail::MailTransport::from_url(&url)
        .map_err(|e| Failure::bad_input([format!("--mail: {e}")]))?;
    let from = mitra_mail::Mailbox::new("Mitra", mail.mail_from.clone());
    let listener = mitra_web::listen(addr)
        .await
        .map_err(|e| Failure::bad_input([format!("--addr {addr}: cannot listen: {e}")]))?;
    let local = listener.local_addr()?;
    let public_url = mail
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{local}"));
    eprintln!("Mitra is serving on http://{local}/ (Ctrl-C to stop)");
    eprintln!("E-mail goes to {transport}");
    let sender = mailer::spawn(
        store.clone(),
        Arc::new(MailConfig { transport, from }),
        Duration::from_secs(15),
    );
    let config = mitra_web::WebConfig {
        public_url,
        ..Default::default()
    };
    mitra_web::serve_with(listener, store, config).await?;
    sender.abort();
    Ok(())
}
