//! E-mail out: SMTP with TLS, or an outbox folder in development and tests.
//!
//! * [`Mail`]: one message as Mitra writes it — a stable, caller-made
//!   message id (so a retried send is the same message), UTF-8 subject and
//!   names (Chinese, Indonesian), a text body, an optional HTML body and
//!   attachments such as an `.ics` invitation
//!   ([`Attachment::calendar`]).
//! * [`MailTransport`]: where mail goes, configured in one place from one
//!   URL ([`MailTransport::from_url`]):
//!   - `smtp://user:password@host:587` — SMTP submission; STARTTLS is
//!     required unless `?tls=none` is given (only sensible for a relay on
//!     this machine);
//!   - `smtps://user:password@host:465` — SMTP over implicit TLS;
//!   - `outbox:/path/to/folder` — each message written to the folder as
//!     `MESSAGE-ID.eml`, whole or not at all.
//!
//!   Query parameters for `smtp` and `smtps`: `tls=starttls|none` (smtp
//!   only), `ca=/path/to/root.pem` (an extra root certificate for a private
//!   CA, trusted besides the Mozilla roots), `timeout=SECONDS` (default 30),
//!   `helo=NAME` (the name this client greets with). User and password are
//!   percent-encoded in the URL, as in any URL.
//! * [`SendError`]: [`SendError::Transient`] (server down, timeout, 4xx,
//!   TLS trouble: retry later, see [`next_attempt_delay`]) or
//!   [`SendError::Permanent`] (5xx, a bad address: retrying will not help),
//!   with the server's own words.
//!
//! Passwords never appear in `Debug` or `Display` output nor in errors.
//! The queue of messages to send lives in the caller's database; this crate
//! sends one message at a time.

mod config;
mod message;
mod outbox;

use std::fmt;
use std::time::Duration;

use lettre::AsyncTransport;
use lettre::transport::smtp::Error as SmtpError;

pub use config::ConfigError;
pub use message::{Attachment, Mail, Mailbox};

/// Where mail goes: an SMTP server or an outbox folder.
///
/// Built once from the configured URL with [`MailTransport::from_url`];
/// `Debug` and `Display` show the URL with the password replaced by `***`.
pub enum MailTransport {
    /// An SMTP server, over STARTTLS, implicit TLS, or (only when asked
    /// for) plain text.
    Smtp(SmtpTransport),
    /// A folder that receives one `.eml` file per message id.
    Outbox(Outbox),
}

/// A configured SMTP connection (see [`MailTransport::from_url`]).
pub struct SmtpTransport {
    inner: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    /// The URL with the password masked, for logs and errors.
    shown: String,
}

/// A folder that receives each message as `MESSAGE-ID.eml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outbox {
    folder: std::path::PathBuf,
}

impl Outbox {
    /// The folder messages are written to.
    pub fn folder(&self) -> &std::path::Path {
        &self.folder
    }
}

impl MailTransport {
    /// Reads the transport from its URL; see the crate documentation for
    /// the syntax. An extra root certificate named by `ca=` is read here,
    /// so a wrong path fails at start-up, not at the first message.
    pub fn from_url(url: &str) -> Result<MailTransport, ConfigError> {
        config::parse(url)
    }

    /// Sends one message. Sending the same [`Mail`] again (a retry) sends
    /// the same message id; the outbox then replaces its file.
    pub async fn send(&self, mail: &Mail) -> Result<(), SendError> {
        match self {
            MailTransport::Smtp(smtp) => {
                let message = mail.to_message()?;
                match smtp.inner.send(message).await {
                    Ok(_) => {
                        tracing::debug!(message_id = %mail.message_id, via = %smtp.shown, "mail sent");
                        Ok(())
                    }
                    Err(error) => {
                        let error = classify(&error);
                        tracing::warn!(message_id = %mail.message_id, via = %smtp.shown, %error, "mail not sent");
                        Err(error)
                    }
                }
            }
            MailTransport::Outbox(outbox) => outbox::write(outbox, mail).await,
        }
    }
}

impl fmt::Display for MailTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MailTransport::Smtp(smtp) => f.write_str(&smtp.shown),
            MailTransport::Outbox(outbox) => write!(f, "outbox:{}", outbox.folder.display()),
        }
    }
}

impl fmt::Debug for MailTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MailTransport::Smtp(smtp) => f.debug_tuple("Smtp").field(smtp).finish(),
            MailTransport::Outbox(outbox) => f.debug_tuple("Outbox").field(outbox).finish(),
        }
    }
}

impl fmt::Debug for SmtpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpTransport")
            .field("url", &self.shown)
            .finish_non_exhaustive()
    }
}

/// Why a message was not sent, and whether trying again later can help.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Try again later: the server is down or unreachable, timed out,
    /// answered 4xx, TLS failed, or refused our credentials (a
    /// configuration problem, not the message's). Keep the message queued.
    #[error("{}mail not sent yet, will retry: {message}", code_prefix(*code))]
    Transient {
        /// The SMTP reply code, when the server answered.
        code: Option<u16>,
        /// The server's words, or what went wrong on the way.
        message: String,
    },
    /// Trying again will not help: the server answered 5xx (unknown
    /// mailbox, refused content), or the message itself is wrong (an
    /// invalid address or message id).
    #[error("{}mail refused: {message}", code_prefix(*code))]
    Permanent {
        /// The SMTP reply code, when the server answered.
        code: Option<u16>,
        /// The server's words, or what is wrong with the message.
        message: String,
    },
}

fn code_prefix(code: Option<u16>) -> String {
    code.map(|c| format!("SMTP {c}: ")).unwrap_or_default()
}

impl SendError {
    /// Whether the message should stay queued for another attempt.
    pub fn is_transient(&self) -> bool {
        matches!(self, SendError::Transient { .. })
    }

    /// The SMTP reply code, when the server answered.
    pub fn code(&self) -> Option<u16> {
        match self {
            SendError::Transient { code, .. } | SendError::Permanent { code, .. } => *code,
        }
    }

    /// The server's words, or what went wrong.
    pub fn message(&self) -> &str {
        match self {
            SendError::Transient { message, .. } | SendError::Permanent { message, .. } => message,
        }
    }

    pub(crate) fn permanent(message: impl Into<String>) -> SendError {
        SendError::Permanent {
            code: None,
            message: message.into(),
        }
    }

    pub(crate) fn transient(message: impl Into<String>) -> SendError {
        SendError::Transient {
            code: None,
            message: message.into(),
        }
    }
}

/// Reply codes in the 5xx range that mean our configuration is wrong
/// (authentication required, mechanism too weak, credentials invalid,
/// encryption required), not the message: kept transient so the queue
/// survives until the configuration is fixed.
const CONFIGURATION_REPLIES: [u16; 4] = [530, 534, 535, 538];

fn classify(error: &SmtpError) -> SendError {
    // The full chain: lettre's own words, then the server's reply or the
    // I/O or TLS error underneath.
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    let code = error.status().map(u16::from);
    match code {
        Some(code) if error.is_permanent() && !CONFIGURATION_REPLIES.contains(&code) => {
            SendError::Permanent {
                code: Some(code),
                message,
            }
        }
        _ => SendError::Transient { code, message },
    }
}

/// The first retry waits this long; each further one twice as long.
pub const FIRST_RETRY_DELAY: Duration = Duration::from_secs(60);
/// No retry waits longer than this.
pub const MAX_RETRY_DELAY: Duration = Duration::from_secs(60 * 60);

/// How long to wait before the next attempt after `attempts` failed ones:
/// nothing before the first attempt, then 1, 2, 4, 8 … minutes, capped at
/// one hour, so a server that is down for a day is tried about 30 times
/// and a message goes out within the hour after it comes back. No jitter:
/// the caller adds one if many senders share a server.
pub fn next_attempt_delay(attempts: u32) -> Duration {
    if attempts == 0 {
        return Duration::ZERO;
    }
    let doublings = (attempts - 1).min(16);
    FIRST_RETRY_DELAY
        .saturating_mul(1 << doublings)
        .min(MAX_RETRY_DELAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let minutes: Vec<u64> = (0..10)
            .map(|a| next_attempt_delay(a).as_secs() / 60)
            .collect();
        assert_eq!(minutes, [0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(next_attempt_delay(u32::MAX), MAX_RETRY_DELAY);
    }

    #[test]
    fn errors_say_what_to_do() {
        let e = SendError::Permanent {
            code: Some(550),
            message: "5.1.1 no such user".into(),
        };
        assert_eq!(e.to_string(), "SMTP 550: mail refused: 5.1.1 no such user");
        assert!(!e.is_transient());
        let e = SendError::transient("connection refused");
        assert_eq!(
            e.to_string(),
            "mail not sent yet, will retry: connection refused"
        );
        assert_eq!(e.code(), None);
    }
}
