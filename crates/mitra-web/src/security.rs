//! What every answer carries for the browser's protection (content
//! security policy, framing, referrer), and the brake on guessing
//! passwords and invitation links.

use crate::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Our pages load only our own CSS and JavaScript (no inline script or
/// style), post only to us, and may not be framed. `blob:`/`data:` for the
/// QR images and the check-in desk's camera preview.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Adds the security headers to every answer. Invitation and calendar
/// links carry secrets in their path, so no referrer ever leaves a page.
pub async fn headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let secure = state.config.secure_cookies || forwarded_https(req.headers());
    let mut response = next.run(req).await;
    let out = response.headers_mut();
    let fixed: [(&str, &'static str); 7] = [
        ("content-security-policy", CONTENT_SECURITY_POLICY),
        ("x-frame-options", "DENY"),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("cross-origin-opener-policy", "same-origin"),
        ("cross-origin-resource-policy", "same-origin"),
        (
            "permissions-policy",
            "camera=(self), microphone=(), geolocation=(), payment=()",
        ),
    ];
    for (name, value) in fixed {
        out.entry(name).or_insert(HeaderValue::from_static(value));
    }
    // Personal pages must not sit in a shared cache; the static files say
    // their own.
    out.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    if secure {
        out.entry(header::STRICT_TRANSPORT_SECURITY)
            .or_insert(HeaderValue::from_static("max-age=31536000"));
    }
    response
}

pub(crate) fn forwarded_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"))
}

/// The address a request came from: the peer, or, when the peer is a
/// reverse proxy on this machine, the client it names last in
/// `X-Forwarded-For`. Requests served without a socket (tests) share one.
pub fn client_address(req_headers: &HeaderMap, peer: Option<&ConnectInfo<SocketAddr>>) -> String {
    let Some(ConnectInfo(peer)) = peer else {
        return "local".to_string();
    };
    if peer.ip().is_loopback()
        && let Some(forwarded) = req_headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse::<IpAddr>().ok())
    {
        return forwarded.to_string();
    }
    peer.ip().to_string()
}

/// How many failed attempts a window allows, per account and per address.
#[derive(Debug, Clone, Copy)]
pub struct ThrottleLimits {
    pub per_account: u32,
    pub per_address: u32,
    pub window: Duration,
}

impl Default for ThrottleLimits {
    fn default() -> Self {
        ThrottleLimits {
            per_account: 10,
            per_address: 50,
            window: Duration::from_secs(15 * 60),
        }
    }
}

/// Counts failed sign-ins (passwords, invitation links, API tokens) per
/// account and per client address in a fixed window. Once either count
/// reaches its limit, further attempts are refused until the window ends,
/// even with the right password: a guesser learns nothing more. In memory,
/// per server process: several servers each allow the limit.
#[derive(Debug, Default)]
pub struct Throttle {
    limits: ThrottleLimits,
    windows: Mutex<HashMap<String, Window>>,
}

#[derive(Debug, Clone, Copy)]
struct Window {
    started: Instant,
    failures: u32,
}

/// The most keys kept; beyond it, expired windows go first and then the
/// oldest, so that a flood of addresses cannot exhaust memory.
const MOST_KEYS: usize = 100_000;

impl Throttle {
    pub fn new(limits: ThrottleLimits) -> Throttle {
        Throttle {
            limits,
            windows: Mutex::new(HashMap::new()),
        }
    }

    fn keys(account: Option<&str>, address: &str) -> [(String, bool); 2] {
        [
            (
                format!("a:{}", account.unwrap_or("").to_lowercase()),
                account.is_some(),
            ),
            (format!("ip:{address}"), true),
        ]
    }

    fn limit_of(&self, key: &str) -> u32 {
        if key.starts_with("a:") {
            self.limits.per_account
        } else {
            self.limits.per_address
        }
    }

    /// `Err(wait)` when the account or the address has used up its window.
    pub fn check(&self, account: Option<&str>, address: &str) -> Result<(), Duration> {
        let now = Instant::now();
        let windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        for (key, applies) in Self::keys(account, address) {
            if !applies {
                continue;
            }
            if let Some(w) = windows.get(&key) {
                let age = now.duration_since(w.started);
                if age < self.limits.window && w.failures >= self.limit_of(&key) {
                    return Err(self.limits.window - age);
                }
            }
        }
        Ok(())
    }

    /// Counts a failed attempt.
    pub fn failed(&self, account: Option<&str>, address: &str) {
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() >= MOST_KEYS {
            let window = self.limits.window;
            windows.retain(|_, w| now.duration_since(w.started) < window);
            while windows.len() >= MOST_KEYS {
                let Some(oldest) = windows
                    .iter()
                    .min_by_key(|(_, w)| w.started)
                    .map(|(k, _)| k.clone())
                else {
                    break;
                };
                windows.remove(&oldest);
            }
        }
        for (key, applies) in Self::keys(account, address) {
            if !applies {
                continue;
            }
            let w = windows.entry(key).or_insert(Window {
                started: now,
                failures: 0,
            });
            if now.duration_since(w.started) >= self.limits.window {
                *w = Window {
                    started: now,
                    failures: 0,
                };
            }
            w.failures = w.failures.saturating_add(1);
        }
    }

    /// A successful sign-in clears the account's count (not the address's).
    pub fn succeeded(&self, account: &str) {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        windows.remove(&format!("a:{}", account.to_lowercase()));
    }
}

/// Minutes to tell a person who must wait, rounded up.
pub fn minutes(wait: Duration) -> u64 {
    wait.as_secs().div_ceil(60).max(1)
}

/// The client's address (see [`client_address`]), as an extractor.
pub struct ClientAddress(pub String);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>();
        Ok(ClientAddress(client_address(&parts.headers, peer)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_held_after_its_limit_and_freed_by_the_window() {
        let t = Throttle::new(ThrottleLimits {
            per_account: 3,
            per_address: 100,
            window: Duration::from_millis(200),
        });
        for _ in 0..3 {
            assert!(t.check(Some("A@x.org"), "1.2.3.4").is_ok());
            t.failed(Some("a@x.org"), "1.2.3.4");
        }
        let wait = t.check(Some("a@X.org"), "5.6.7.8").unwrap_err();
        assert!(wait <= Duration::from_millis(200));
        assert!(t.check(Some("b@x.org"), "1.2.3.4").is_ok(), "others go on");
        std::thread::sleep(Duration::from_millis(220));
        assert!(t.check(Some("a@x.org"), "1.2.3.4").is_ok());
    }

    #[test]
    fn an_address_is_held_across_accounts_and_success_clears_only_the_account() {
        let t = Throttle::new(ThrottleLimits {
            per_account: 2,
            per_address: 4,
            window: Duration::from_secs(60),
        });
        for i in 0..4 {
            t.failed(Some(&format!("user{i}@x.org")), "9.9.9.9");
        }
        assert!(t.check(Some("new@x.org"), "9.9.9.9").is_err());
        assert!(t.check(None, "9.9.9.9").is_err());
        assert!(t.check(Some("new@x.org"), "8.8.8.8").is_ok());
        t.failed(Some("c@x.org"), "1.1.1.1");
        t.failed(Some("c@x.org"), "1.1.1.2");
        assert!(t.check(Some("c@x.org"), "1.1.1.3").is_err());
        t.succeeded("c@x.org");
        assert!(t.check(Some("c@x.org"), "1.1.1.3").is_ok());
    }

    #[test]
    fn a_flood_of_addresses_stays_bounded() {
        let t = Throttle::new(ThrottleLimits::default());
        for i in 0..(MOST_KEYS + 10) {
            t.failed(
                None,
                &format!("10.{}.{}.{}", i >> 16, (i >> 8) & 255, i & 255),
            );
        }
        assert!(t.windows.lock().unwrap().len() <= MOST_KEYS);
    }

    #[test]
    fn the_client_address_is_the_peer_or_a_local_proxy_s_client() {
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_static("203.0.113.7, 198.51.100.2"),
        );
        let proxy = ConnectInfo("127.0.0.1:5000".parse::<SocketAddr>().unwrap());
        assert_eq!(client_address(&h, Some(&proxy)), "198.51.100.2");
        let direct = ConnectInfo("192.0.2.1:5000".parse::<SocketAddr>().unwrap());
        assert_eq!(
            client_address(&h, Some(&direct)),
            "192.0.2.1",
            "a spoofed header from afar"
        );
        assert_eq!(client_address(&h, None), "local");
    }
}
