//! A real SMTP server for the tests that send mail: mitra-mail's test
//! server (aiosmtpd, `crates/mitra-mail/tests/smtp_server.py`), one file
//! per message received, so that a message sent twice arrives twice.

use mail_parser::MimeHeaders;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

/// A Python with aiosmtpd (Debian's python3-aiosmtpd, installed by
/// `.ci/run`); the test fails, never skips, without one.
fn python_with_aiosmtpd() -> String {
    let mut candidates: Vec<String> = std::env::var("MITRA_TEST_PYTHON").into_iter().collect();
    candidates.extend(["python3".to_owned(), "/usr/bin/python3".to_owned()]);
    candidates
        .iter()
        .find(|python| {
            Command::new(python)
                .args(["-c", "import aiosmtpd"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
        .cloned()
        .unwrap_or_else(|| {
            panic!("no Python with aiosmtpd among {candidates:?}: apt-get install python3-aiosmtpd")
        })
}

/// mitra-mail's test SMTP server (aiosmtpd), writing what it receives to
/// a folder; stopped when dropped.
pub struct SmtpSink {
    child: Child,
    stdin: Option<ChildStdin>,
    pub port: u16,
    folder: tempfile::TempDir,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let folder = tempfile::tempdir().unwrap();
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../mitra-mail/tests/smtp_server.py");
        let mut child = Command::new(python_with_aiosmtpd())
            .arg(&script)
            .arg("--folder")
            .arg(folder.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", script.display()));
        let stdin = child.stdin.take();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let port = first
            .trim()
            .strip_prefix("PORT ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("the SMTP server did not start: {first:?}"));
        SmtpSink {
            child,
            stdin,
            port,
            folder,
        }
    }

    /// Every message received: (envelope recipients, parsed subject, text
    /// body, attachment content types).
    pub fn received(&self) -> Vec<(String, String, String, Vec<String>)> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.folder.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|eml| {
                let raw = std::fs::read(eml).unwrap();
                let envelope = std::fs::read_to_string(eml.with_extension("envelope")).unwrap();
                let message = mail_parser::MessageParser::default().parse(&raw).unwrap();
                let attachments = message
                    .attachments()
                    .map(|a| {
                        a.content_type()
                            .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or("")))
                            .unwrap_or_default()
                    })
                    .collect();
                (
                    envelope,
                    message.subject().unwrap_or("").to_string(),
                    message
                        .body_text(0)
                        .map(|t| t.to_string())
                        .unwrap_or_default(),
                    attachments,
                )
            })
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn smtp_config(port: u16) -> mitra_web::services::mailer::MailConfig {
    mitra_web::services::mailer::MailConfig {
        transport: mitra_mail::MailTransport::from_url(&format!(
            "smtp://127.0.0.1:{port}?tls=none&timeout=10"
        ))
        .unwrap(),
        from: mitra_mail::Mailbox::new("Mitra", "desk@example.test"),
    }
}

impl SmtpSink {
    /// The `Message-ID` of every message received, one entry per message
    /// (a message received twice is listed twice).
    pub fn message_ids(&self) -> Vec<String> {
        std::fs::read_dir(self.folder.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .map(|eml| {
                let raw = std::fs::read(&eml).unwrap();
                let message = mail_parser::MessageParser::default().parse(&raw).unwrap();
                message.message_id().unwrap_or_default().to_string()
            })
            .collect()
    }
}
