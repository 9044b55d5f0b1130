//! The transport's one configuration string.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use percent_encoding::percent_decode_str;
use url::{Host, Url};

use crate::{MailTransport, Outbox, SmtpTransport};

const SYNTAX: &str = "expected smtp://USER:PASSWORD@HOST:PORT?tls=starttls|none, \
                      smtps://USER:PASSWORD@HOST:465 or outbox:/path/to/folder \
                      (other parameters: ca=/path/to/root.pem, timeout=SECONDS, helo=NAME)";

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// A mail transport URL that cannot be used; the URL is shown with its
/// password masked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The URL itself is wrong.
    #[error("mail transport {url}: {problem}; {SYNTAX}")]
    Url {
        /// The URL as given, password masked.
        url: String,
        /// What is wrong, and how to fix it.
        problem: String,
    },
    /// The extra root certificate named by `ca=` cannot be used.
    #[error("mail transport {url}: root certificate {}: {problem}", path.display())]
    RootCertificate {
        /// The URL as given, password masked.
        url: String,
        /// The certificate file.
        path: PathBuf,
        /// What is wrong with it.
        problem: String,
    },
}

/// How the SMTP connection is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Security {
    StartTls,
    Implicit,
    None,
}

pub(crate) fn parse(raw: &str) -> Result<MailTransport, ConfigError> {
    let raw = raw.trim();
    let shown = mask_password(raw);
    let fail = |problem: String| ConfigError::Url {
        url: shown.clone(),
        problem,
    };
    if let Some(path) = raw.strip_prefix("outbox:") {
        let path = path.strip_prefix("//").unwrap_or(path);
        if path.is_empty() {
            return Err(fail(
                "the outbox needs a folder, e.g. outbox:/var/lib/mitra/outbox".into(),
            ));
        }
        return Ok(MailTransport::Outbox(Outbox {
            folder: PathBuf::from(path),
        }));
    }
    let url = Url::parse(raw).map_err(|e| fail(format!("not a URL ({e})")))?;
    let mut security = match url.scheme() {
        "smtp" => Security::StartTls,
        "smtps" => Security::Implicit,
        other => return Err(fail(format!("unknown scheme {other:?}"))),
    };
    let host = match url.host() {
        Some(Host::Domain(name)) if !name.is_empty() => name.to_owned(),
        Some(Host::Ipv4(ip)) => ip.to_string(),
        Some(Host::Ipv6(ip)) => ip.to_string(),
        _ => return Err(fail("no host".into())),
    };
    let port = url.port().unwrap_or(match security {
        Security::Implicit => 465,
        _ => 587,
    });
    if url.path() != "" && url.path() != "/" {
        return Err(fail(format!("unexpected path {:?}", url.path())));
    }

    let mut ca = None;
    let mut timeout = DEFAULT_TIMEOUT;
    let mut helo = None;
    let mut seen: Vec<String> = Vec::new();
    for (key, value) in url.query_pairs() {
        if seen.contains(&key.to_string()) {
            return Err(fail(format!("{key} is given twice")));
        }
        seen.push(key.to_string());
        match key.as_ref() {
            "tls" => {
                if security == Security::Implicit {
                    return Err(fail(
                        "smtps is always implicit TLS; tls= is for smtp (starttls or none)".into(),
                    ));
                }
                security = match value.as_ref() {
                    "starttls" => Security::StartTls,
                    "none" => Security::None,
                    other => {
                        return Err(fail(format!(
                            "tls={other}: use tls=starttls (the default) or tls=none"
                        )));
                    }
                }
            }
            "ca" => {
                if value.is_empty() {
                    return Err(fail("ca= needs the path of a PEM file".into()));
                }
                ca = Some(PathBuf::from(value.as_ref()));
            }
            "timeout" => {
                let seconds: u64 = value
                    .parse()
                    .ok()
                    .filter(|s| (1..=600).contains(s))
                    .ok_or_else(|| {
                        fail(format!("timeout={value}: give whole seconds, 1 to 600"))
                    })?;
                timeout = Duration::from_secs(seconds);
            }
            "helo" => {
                if value.is_empty()
                    || !value
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
                {
                    return Err(fail(format!("helo={value}: give a host name")));
                }
                helo = Some(value.to_string());
            }
            other => {
                return Err(fail(format!(
                    "unknown parameter {other:?} (known: tls, ca, timeout, helo)"
                )));
            }
        }
    }

    let user = decode(url.username()).map_err(&fail)?;
    let password = url.password().map(decode).transpose().map_err(&fail)?;
    let credentials = match (user.is_empty(), password) {
        (true, None) => None,
        (false, Some(password)) => Some(Credentials::new(user, password)),
        (true, Some(_)) => return Err(fail("a password without a user name".into())),
        (false, None) => {
            return Err(fail(format!(
                "user {user:?} without a password; write smtp://USER:PASSWORD@HOST"
            )));
        }
    };
    if credentials.is_some() && security == Security::None && !is_loopback(&host) {
        return Err(fail(
            "a password would travel unencrypted with tls=none; use STARTTLS or smtps".into(),
        ));
    }
    if ca.is_some() && security == Security::None {
        return Err(fail("ca= without TLS: drop tls=none or ca=".into()));
    }

    let tls = match security {
        Security::None => Tls::None,
        Security::StartTls | Security::Implicit => {
            let mut builder = TlsParameters::builder(host.clone());
            if let Some(path) = &ca {
                let root_error = |problem: String| ConfigError::RootCertificate {
                    url: shown.clone(),
                    path: path.clone(),
                    problem,
                };
                let pem = std::fs::read(path).map_err(|e| root_error(e.to_string()))?;
                let certificate = Certificate::from_pem(&pem)
                    .map_err(|e| root_error(format!("not a PEM certificate ({e})")))?;
                builder = builder.add_root_certificate(certificate);
            }
            let parameters = builder
                .build_rustls()
                .map_err(|e| fail(format!("TLS set-up failed ({e})")))?;
            if security == Security::Implicit {
                Tls::Wrapper(parameters)
            } else {
                Tls::Required(parameters)
            }
        }
    };

    let mut builder = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::builder_dangerous(host)
        .port(port)
        .tls(tls)
        .timeout(Some(timeout));
    if let Some(credentials) = credentials {
        builder = builder.credentials(credentials);
    }
    if let Some(name) = helo {
        builder = builder.hello_name(ClientId::Domain(name));
    }
    Ok(MailTransport::Smtp(SmtpTransport {
        inner: builder.build(),
        shown,
    }))
}

fn decode(text: &str) -> Result<String, String> {
    percent_decode_str(text)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| "the user name or password is not UTF-8 once percent-decoded".to_owned())
}

fn is_loopback(host: &str) -> bool {
    host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The URL with whatever stands between `user:` and the last `@` of the
/// authority replaced by `***`, even when the URL does not parse.
pub(crate) fn mask_password(raw: &str) -> String {
    let Some(scheme_end) = raw.find("://") else {
        return raw.to_owned();
    };
    let rest_start = scheme_end + 3;
    let rest = &raw[rest_start..];
    let authority_end = rest.find(['?', '#']).unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return raw.to_owned();
    };
    let Some(colon) = rest[..at].find(':') else {
        return raw.to_owned();
    };
    format!(
        "{}{}:***{}",
        &raw[..rest_start],
        &rest[..colon],
        &rest[at..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(url: &str) -> String {
        match parse(url) {
            Ok(t) => panic!("{url} was accepted as {t:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn the_three_forms() {
        let t = parse("smtp://mitra:s3cr%40t@mail.example.org?tls=starttls").unwrap();
        assert_eq!(
            t.to_string(),
            "smtp://mitra:***@mail.example.org?tls=starttls"
        );
        assert!(!format!("{t:?}").contains("s3cr"));
        let t = parse("smtps://mitra:pw@mail.example.org:465").unwrap();
        assert_eq!(t.to_string(), "smtps://mitra:***@mail.example.org:465");
        let t = parse("outbox:/tmp/mitra outbox").unwrap();
        match &t {
            MailTransport::Outbox(o) => {
                assert_eq!(o.folder(), std::path::Path::new("/tmp/mitra outbox"))
            }
            other => panic!("{other:?}"),
        }
        assert!(parse("smtp://127.0.0.1:2525?tls=none&timeout=5&helo=mitra.local").is_ok());
        assert!(parse("smtp://u:p@localhost:25?tls=none").is_ok());
        assert!(parse("smtp://[::1]:2525?tls=none").is_ok());
    }

    #[test]
    fn clear_errors_and_no_password_in_them() {
        for (url, says) in [
            ("http://mail.example.org", "unknown scheme \"http\""),
            ("smtp://", "no host"),
            ("smtp://mail.example.org?tls=maybe", "tls=maybe"),
            (
                "smtps://mail.example.org?tls=none",
                "smtps is always implicit TLS",
            ),
            (
                "smtp://mail.example.org?port=25",
                "unknown parameter \"port\"",
            ),
            ("smtp://mail.example.org?timeout=0", "timeout=0"),
            ("smtp://u:hunter2@mail.example.org?tls=none", "unencrypted"),
            ("smtp://u@mail.example.org", "without a password"),
            ("outbox:", "needs a folder"),
            ("smtp://mail.example.org/inbox", "unexpected path"),
        ] {
            let message = error(url);
            assert!(message.contains(says), "{url}: {message}");
            assert!(message.contains("expected smtp://"), "{message}");
            assert!(!message.contains("hunter2"), "{message}");
        }
        let message = error("smtp://u:hunter2@mail.example.org?ca=/nonexistent/ca.pem");
        assert!(message.contains("/nonexistent/ca.pem"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");
    }

    #[test]
    fn masking_works_on_broken_urls_too() {
        assert_eq!(mask_password("smtp://u:p@ss@host?x"), "smtp://u:***@host?x");
        assert_eq!(mask_password("smtp://host"), "smtp://host");
        assert_eq!(mask_password("smtp://user@host"), "smtp://user@host");
    }
}
