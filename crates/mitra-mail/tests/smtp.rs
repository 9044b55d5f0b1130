//! Sending through a real SMTP server process (Python's aiosmtpd, run from
//! `tests/smtp_server.py`) and reading back what arrived; the outbox.
//!
//! Needs a `python3` with aiosmtpd: Debian's `python3-aiosmtpd`, which
//! `.ci/run` installs. Without it these tests fail and say so; they never
//! skip. `MITRA_TEST_PYTHON` names another interpreter.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

use mail_parser::{MessageParser, MimeHeaders};
use mitra_mail::{Attachment, Mail, MailTransport, Mailbox, SendError};

const ICS: &str = "BEGIN:VCALENDAR\r\nPRODID:-//Mitra//Mitra agenda//EN\r\nVERSION:2.0\r\n\
METHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:fcw-2025-jinan.lpg-01.sd-014@mitra\r\nSEQUENCE:1\r\n\
DTSTAMP:20250612T021000Z\r\nDTSTART;TZID=Asia/Shanghai:20250612T140000\r\n\
DTEND;TZID=Asia/Shanghai:20250612T143000\r\nSUMMARY:山东鲁花集团 · Rapat bisnis\r\n\
END:VEVENT\r\nEND:VCALENDAR\r\n";

/// The interpreter that has aiosmtpd: `MITRA_TEST_PYTHON`, `python3` on
/// the path, or Debian's own `/usr/bin/python3` (a pyenv or venv python3
/// on the path does not see Debian's packages).
fn python_with_aiosmtpd() -> String {
    let mut candidates: Vec<String> = std::env::var("MITRA_TEST_PYTHON").into_iter().collect();
    candidates.extend(["python3".to_owned(), "/usr/bin/python3".to_owned()]);
    for python in &candidates {
        let ok = Command::new(python)
            .args(["-c", "import aiosmtpd"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return python.clone();
        }
    }
    panic!(
        "no Python with aiosmtpd among {candidates:?}: install Debian's python3-aiosmtpd \
         (apt-get install python3-aiosmtpd, as .ci/run does) or `pip install aiosmtpd`, \
         or point MITRA_TEST_PYTHON at an interpreter that has it"
    );
}

#[derive(Default)]
struct ServerOptions {
    tls: Option<(PathBuf, PathBuf)>,
    implicit_tls: bool,
    login: Option<(&'static str, &'static str)>,
    reject: Option<&'static str>,
}

/// A running aiosmtpd process; stopped when dropped.
struct SmtpServer {
    child: Child,
    stdin: Option<ChildStdin>,
    port: u16,
    folder: tempfile::TempDir,
}

impl SmtpServer {
    fn start(options: ServerOptions) -> SmtpServer {
        let folder = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp_server.py");
        let mut command = Command::new(python_with_aiosmtpd());
        command.arg(&script).arg("--folder").arg(folder.path());
        if let Some((cert, key)) = &options.tls {
            command
                .arg("--tls-cert")
                .arg(cert)
                .arg("--tls-key")
                .arg(key);
        }
        if options.implicit_tls {
            command.arg("--implicit-tls");
        }
        if let Some((user, password)) = options.login {
            command.args(["--user", user, "--password", password]);
        }
        if let Some(address) = options.reject {
            command.args(["--reject", address]);
        }
        let mut child = command
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
            .unwrap_or_else(|| {
                panic!("the SMTP server did not start (said {first:?}); see its error above")
            });
        SmtpServer {
            child,
            stdin,
            port,
            folder,
        }
    }

    /// Every message received so far: (raw message, envelope lines).
    fn received(&self) -> Vec<(Vec<u8>, String)> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.folder.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|eml| {
                let envelope = std::fs::read_to_string(eml.with_extension("envelope")).unwrap();
                (std::fs::read(&eml).unwrap(), envelope)
            })
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn invitation(message_id: &str, to: Mailbox) -> Mail {
    Mail {
        message_id: message_id.to_owned(),
        from: Mailbox::new("Mitra · 中国—印尼 商务对接会", "agenda@mitra.example"),
        to,
        subject: "会议时间变更 · Perubahan jadwal: 山东鲁花集团, 14:00 桌 T-07".to_owned(),
        text: "您好，王芳：\n会议改至 14:00，桌 T-07。\n\nYth. Bapak Budi Santoso,\n\
               pertemuan dipindah ke pukul 14.00 di meja T-07.\n"
            .to_owned(),
        html: Some(
            "<p>您好，王芳：会议改至 <b>14:00</b>，桌 T-07。</p>\
             <p>Pertemuan dipindah ke pukul <b>14.00</b> di meja T-07.</p>"
                .to_owned(),
        ),
        attachments: vec![Attachment::calendar("invite.ics", "REQUEST", ICS)],
    }
}

fn recipient() -> Mailbox {
    Mailbox::new("Budi Santoso (王芳 翻译)", "budi@lestari-pangan.example")
}

/// Checks a received message against what [`invitation`] made.
fn assert_is_the_invitation(raw: &[u8], message_id: &str) {
    let message = MessageParser::default()
        .parse(raw)
        .expect("the message parses");
    assert_eq!(message.message_id(), Some(message_id));
    assert_eq!(
        message.subject(),
        Some("会议时间变更 · Perubahan jadwal: 山东鲁花集团, 14:00 桌 T-07")
    );
    let from = message.from().and_then(|a| a.first()).unwrap();
    assert_eq!(from.name(), Some("Mitra · 中国—印尼 商务对接会"));
    assert_eq!(from.address(), Some("agenda@mitra.example"));
    let to = message.to().and_then(|a| a.first()).unwrap();
    assert_eq!(to.name(), Some("Budi Santoso (王芳 翻译)"));
    assert_eq!(to.address(), Some("budi@lestari-pangan.example"));
    let text = message.body_text(0).unwrap();
    assert!(text.contains("会议改至 14:00，桌 T-07。"), "{text}");
    assert!(text.contains("pertemuan dipindah ke pukul 14.00"), "{text}");
    let html = message.body_html(0).unwrap();
    assert!(html.contains("<b>14:00</b>"), "{html}");

    let attachments: Vec<_> = message.attachments().collect();
    assert_eq!(attachments.len(), 1);
    let ics = attachments[0];
    assert_eq!(ics.attachment_name(), Some("invite.ics"));
    let content_type = ics.content_type().unwrap();
    assert_eq!(content_type.ctype(), "text");
    assert_eq!(content_type.subtype(), Some("calendar"));
    assert_eq!(content_type.attribute("method"), Some("REQUEST"));
    assert!(
        content_type
            .attribute("charset")
            .is_some_and(|c| c.eq_ignore_ascii_case("utf-8"))
    );
    assert_eq!(
        ics.contents(),
        ICS.as_bytes(),
        "the .ics arrives byte for byte"
    );

    // Headers travel as ASCII (RFC 2047 encoded words), bodies as declared.
    let head_end = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    assert!(raw[..head_end].is_ascii(), "non-ASCII in the header block");
}

/// A port on which nothing listens: bound, then released.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[tokio::test]
async fn chinese_and_indonesian_mail_with_an_invitation_arrives_whole() {
    let server = SmtpServer::start(ServerOptions::default());
    let transport = MailTransport::from_url(&format!(
        "smtp://127.0.0.1:{}?tls=none&timeout=10",
        server.port
    ))
    .unwrap();
    let mail = invitation(
        "<change.fcw-2025.lpg-01.sd-014.1@mitra.example>",
        recipient(),
    );
    transport.send(&mail).await.unwrap();

    let received = server.received();
    assert_eq!(received.len(), 1);
    let (raw, envelope) = &received[0];
    assert!(
        envelope.contains("mail_from: agenda@mitra.example"),
        "{envelope}"
    );
    assert!(
        envelope.contains("rcpt_to: budi@lestari-pangan.example"),
        "{envelope}"
    );
    assert!(envelope.contains("tls: no"), "{envelope}");
    assert_is_the_invitation(raw, "change.fcw-2025.lpg-01.sd-014.1@mitra.example");
}

/// A private CA and a server certificate for 127.0.0.1 signed by it:
/// (CA PEM path, server certificate path, server key path).
fn private_ca(folder: &Path) -> (PathBuf, PathBuf, PathBuf) {
    use rcgen::{
        BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair,
        KeyUsagePurpose,
    };
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "Mitra test CA");
    ca_params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
    let server_key = KeyPair::generate().unwrap();
    let mut server_params =
        CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()]).unwrap();
    server_params
        .distinguished_name
        .push(DnType::CommonName, "mitra-test-smtp");
    let server_cert = server_params.signed_by(&server_key, &ca).unwrap();

    let paths = (
        folder.join("ca.pem"),
        folder.join("server.pem"),
        folder.join("server.key"),
    );
    std::fs::write(&paths.0, ca.pem()).unwrap();
    std::fs::write(&paths.1, server_cert.pem()).unwrap();
    std::fs::write(&paths.2, server_key.serialize_pem()).unwrap();
    paths
}

#[tokio::test]
async fn starttls_with_a_private_root_and_a_login() {
    let certs = tempfile::tempdir().unwrap();
    let (ca, cert, key) = private_ca(certs.path());
    let server = SmtpServer::start(ServerOptions {
        tls: Some((cert, key)),
        login: Some(("mitra", "s3cr;t@pw")),
        ..ServerOptions::default()
    });

    // Trusting only the public roots, the private certificate is refused:
    // a TLS failure is transient (the queue keeps the message).
    let untrusted = MailTransport::from_url(&format!(
        "smtp://mitra:s3cr%3Bt%40pw@127.0.0.1:{}?timeout=10",
        server.port
    ))
    .unwrap();
    let error = untrusted
        .send(&invitation("<tls.untrusted@mitra.example>", recipient()))
        .await
        .unwrap_err();
    assert!(error.is_transient(), "{error}");
    assert!(!error.to_string().contains("s3cr"), "{error}");
    assert!(server.received().is_empty());

    // With the private root (ca=), STARTTLS (the default) and AUTH succeed.
    let url = format!(
        "smtp://mitra:s3cr%3Bt%40pw@127.0.0.1:{}?tls=starttls&ca={}&timeout=10",
        server.port,
        ca.display()
    );
    let transport = MailTransport::from_url(&url).unwrap();
    assert!(!format!("{transport:?} {transport}").contains("s3cr"));
    transport
        .send(&invitation("<tls.trusted@mitra.example>", recipient()))
        .await
        .unwrap();
    let received = server.received();
    assert_eq!(received.len(), 1);
    let (raw, envelope) = &received[0];
    assert!(envelope.contains("tls: yes"), "{envelope}");
    assert!(envelope.contains("auth: mitra"), "{envelope}");
    assert_is_the_invitation(raw, "tls.trusted@mitra.example");

    // A wrong password is the configuration's fault, not the message's:
    // transient, with the server's words.
    let wrong = MailTransport::from_url(&format!(
        "smtp://mitra:wrong@127.0.0.1:{}?ca={}&timeout=10",
        server.port,
        ca.display()
    ))
    .unwrap();
    let error = wrong
        .send(&invitation(
            "<tls.wrong-password@mitra.example>",
            recipient(),
        ))
        .await
        .unwrap_err();
    assert!(error.is_transient(), "{error}");
    assert_eq!(error.code(), Some(535), "{error}");
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn smtps_with_implicit_tls() {
    let certs = tempfile::tempdir().unwrap();
    let (ca, cert, key) = private_ca(certs.path());
    let server = SmtpServer::start(ServerOptions {
        tls: Some((cert, key)),
        implicit_tls: true,
        login: Some(("mitra", "pw")),
        ..ServerOptions::default()
    });
    let transport = MailTransport::from_url(&format!(
        "smtps://mitra:pw@127.0.0.1:{}?ca={}&timeout=10",
        server.port,
        ca.display()
    ))
    .unwrap();
    transport
        .send(&invitation("<smtps@mitra.example>", recipient()))
        .await
        .unwrap();
    let received = server.received();
    assert_eq!(received.len(), 1);
    assert!(received[0].1.contains("tls: yes"), "{}", received[0].1);
    assert!(received[0].1.contains("auth: mitra"), "{}", received[0].1);
    assert_is_the_invitation(&received[0].0, "smtps@mitra.example");
}

#[tokio::test]
async fn starttls_is_required_by_default() {
    let server = SmtpServer::start(ServerOptions::default());
    let transport =
        MailTransport::from_url(&format!("smtp://127.0.0.1:{}?timeout=10", server.port)).unwrap();
    let error = transport
        .send(&invitation("<no-tls@mitra.example>", recipient()))
        .await
        .unwrap_err();
    assert!(error.is_transient(), "{error}");
    assert!(
        error.message().to_ascii_lowercase().contains("starttls"),
        "{error}"
    );
    assert!(
        server.received().is_empty(),
        "nothing went out in clear text"
    );
}

#[tokio::test]
async fn a_server_that_is_down_is_transient() {
    let port = closed_port();
    for url in [
        format!("smtp://127.0.0.1:{port}?tls=none&timeout=5"),
        format!("smtp://127.0.0.1:{port}?timeout=5"),
        format!("smtps://127.0.0.1:{port}?timeout=5"),
    ] {
        let transport = MailTransport::from_url(&url).unwrap();
        let error = transport
            .send(&invitation("<down@mitra.example>", recipient()))
            .await
            .unwrap_err();
        assert!(
            matches!(error, SendError::Transient { code: None, .. }),
            "{url}: {error:?}"
        );
    }
}

#[tokio::test]
async fn a_rejected_recipient_is_permanent_with_the_servers_words() {
    let server = SmtpServer::start(ServerOptions {
        reject: Some("nobody@lestari-pangan.example"),
        ..ServerOptions::default()
    });
    let transport = MailTransport::from_url(&format!(
        "smtp://127.0.0.1:{}?tls=none&timeout=10",
        server.port
    ))
    .unwrap();
    let error = transport
        .send(&invitation(
            "<rejected@mitra.example>",
            Mailbox::address("nobody@lestari-pangan.example"),
        ))
        .await
        .unwrap_err();
    match &error {
        SendError::Permanent { code, message } => {
            assert_eq!(*code, Some(550));
            assert!(
                message.contains("recipient rejected by the test server"),
                "{message}"
            );
        }
        other => panic!("expected a permanent failure, got {other:?}"),
    }
    assert!(server.received().is_empty());

    // The same server still takes mail for others.
    transport
        .send(&invitation("<accepted@mitra.example>", recipient()))
        .await
        .unwrap();
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn a_bad_address_is_permanent_before_any_connection() {
    let transport = MailTransport::from_url(&format!(
        "smtp://127.0.0.1:{}?tls=none&timeout=5",
        closed_port()
    ))
    .unwrap();
    let error = transport
        .send(&invitation(
            "<bad-address@mitra.example>",
            Mailbox::address("budi at lestari-pangan"),
        ))
        .await
        .unwrap_err();
    assert!(!error.is_transient(), "{error}");
    assert!(
        error.message().contains("budi at lestari-pangan"),
        "{error}"
    );
}

#[tokio::test]
async fn the_outbox_writes_one_parseable_eml_per_message_id() {
    let folder = tempfile::tempdir().unwrap();
    let outbox = folder.path().join("outbox");
    let transport = MailTransport::from_url(&format!("outbox:{}", outbox.display())).unwrap();
    let mail = invitation(
        "<change.fcw-2025.lpg-01.sd-014.1@mitra.example>",
        recipient(),
    );
    transport.send(&mail).await.unwrap();
    // A retry of the same message replaces the file; another message adds one.
    transport.send(&mail).await.unwrap();
    transport
        .send(&invitation("<reminder.lpg-01@mitra.example>", recipient()))
        .await
        .unwrap();

    let mut names: Vec<String> = std::fs::read_dir(&outbox)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "change.fcw-2025.lpg-01.sd-014.1@mitra.example.eml",
            "reminder.lpg-01@mitra.example.eml"
        ],
        "one file per message id, no temporary files left"
    );
    let raw = std::fs::read(outbox.join(&names[0])).unwrap();
    assert_is_the_invitation(&raw, "change.fcw-2025.lpg-01.sd-014.1@mitra.example");

    // A message id that could escape the folder is refused, permanently.
    let error = transport
        .send(&invitation("<../../etc/x@mitra.example>", recipient()))
        .await
        .unwrap_err();
    assert!(!error.is_transient(), "{error}");
}
