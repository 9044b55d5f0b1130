//! Who is asking, in which language, and with which rights.
//!
//! - Organizers sign in with e-mail and password (argon2, hashed and
//!   checked on a blocking thread).
//! - Everyone can be invited: a single-use link that expires, made by
//!   [`create_invitation`]; following it and pressing the button starts a
//!   session.
//! - A session is a random token in the `mitra_session` cookie (HttpOnly,
//!   SameSite=Lax, Secure over HTTPS); the database keeps only its SHA-256.
//! - Every form carries a CSRF token: the session's own, or before sign-in
//!   the one in the `mitra_csrf` cookie.
//! - Every role area calls one of [`Viewer::company`], [`Viewer::lead`],
//!   [`Viewer::interpreter`], [`Viewer::organizer`] before anything else.

use crate::AppState;
use crate::errors::{OrPage, PageError, PageResult, Problem};
use crate::i18n::Lang;
use crate::security::ClientAddress;
use crate::view::render;
use axum::Form;
use axum::extract::{FromRequestParts, Path, Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use mitra_core::ids::{DelegationId, EventId, InterpreterId, OrgId, PersonId};
use mitra_core::people::Role;
use mitra_store::{Account, Redeemed, Store};
use serde::Deserialize;
use sha2::Digest;
use std::time::Duration;

const SESSION_COOKIE: &str = "mitra_session";
const CSRF_COOKIE: &str = "mitra_csrf";
const LANG_COOKIE: &str = "mitra_lang";

/// The person (or stranger) behind a request, in their language.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub lang: Lang,
    pub account: Option<Account>,
    /// The CSRF token this viewer's forms carry.
    pub csrf: String,
    /// The request's path, for the language switcher.
    pub path: String,
    /// Whether cookies must be `Secure`.
    pub secure: bool,
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Viewer>().cloned().ok_or_else(|| {
            PageError::new(
                Lang::En,
                Problem::Unexpected("the viewer layer did not run".into()),
            )
        })
    }
}

impl Viewer {
    pub fn error(&self, problem: Problem) -> PageError {
        PageError::new(self.lang, problem)
    }

    /// The signed-in account, or the sign-in page.
    pub fn account(&self) -> Result<&Account, PageError> {
        self.account.as_ref().ok_or(self.error(Problem::SignIn))
    }

    pub fn company(&self) -> Result<(&Account, OrgId), PageError> {
        let a = self.account()?;
        match &a.role {
            Role::CompanyRep(org) => Ok((a, org.clone())),
            _ => Err(self.error(Problem::Forbidden)),
        }
    }

    pub fn lead(&self) -> Result<(&Account, DelegationId), PageError> {
        let a = self.account()?;
        match &a.role {
            Role::DelegationLead(d) => Ok((a, d.clone())),
            _ => Err(self.error(Problem::Forbidden)),
        }
    }

    pub fn interpreter(&self) -> Result<(&Account, InterpreterId), PageError> {
        let a = self.account()?;
        match &a.role {
            Role::Interpreter(i) => Ok((a, i.clone())),
            _ => Err(self.error(Problem::Forbidden)),
        }
    }

    pub fn organizer(&self) -> Result<&Account, PageError> {
        let a = self.account()?;
        match &a.role {
            Role::Organizer => Ok(a),
            _ => Err(self.error(Problem::Forbidden)),
        }
    }

    /// Refuses a form whose CSRF token is not this viewer's.
    pub fn check_csrf(&self, token: &str) -> Result<(), PageError> {
        if !self.csrf.is_empty() && constant_time_eq(token.as_bytes(), self.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(self.error(Problem::BadRequest("error-csrf")))
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A fresh random token: 32 bytes from the operating system, in hex.
pub fn random_token() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness from the system: {e}"))?;
    Ok(hex(&bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the database keeps of a token.
pub fn token_hash(token: &str) -> String {
    hex(&sha2::Sha256::digest(token.as_bytes()))
}

/// Unix seconds now.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Hashes a password with argon2id and a random salt (slow on purpose:
/// call it off the async threads).
pub fn hash_password(password: &str) -> Result<String, String> {
    use argon2::password_hash::PasswordHasher;
    argon2::Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash the password: {e}"))
}

fn verify_password(hash: &str, password: &str) -> bool {
    use argon2::password_hash::PasswordVerifier;
    argon2::Argon2::default()
        .verify_password(password.as_bytes(), hash)
        .is_ok()
}

/// Makes a single-use invitation link for a person, valid for `valid`;
/// returns the path to give them (`/invite/TOKEN`).
pub async fn create_invitation(
    store: &Store,
    event: &EventId,
    person: &PersonId,
    valid: Duration,
) -> Result<String, String> {
    let key = store
        .person_key(event, person)
        .await
        .map_err(|e| e.to_string())?;
    let token = random_token()?;
    let now = now();
    store
        .create_invitation(key, &token_hash(&token), now, now + valid.as_secs() as i64)
        .await
        .map_err(|e| e.to_string())?;
    Ok(format!("/invite/{token}"))
}

/// Sets a person's password (argon2, on a blocking thread).
pub async fn set_password(
    store: &Store,
    event: &EventId,
    person: &PersonId,
    password: &str,
) -> Result<(), String> {
    let key = store
        .person_key(event, person)
        .await
        .map_err(|e| e.to_string())?;
    let password = password.to_string();
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| e.to_string())??;
    store
        .set_password(key, &hash)
        .await
        .map_err(|e| e.to_string())
}

fn cookies(headers: &HeaderMap) -> impl Iterator<Item = (&str, &str)> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            Some((k.trim(), v.trim()))
        })
}

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    cookies(headers).find(|(k, _)| *k == name).map(|(_, v)| v)
}

fn is_token(raw: &str) -> bool {
    raw.len() == 64 && raw.bytes().all(|b| b.is_ascii_hexdigit())
}

fn set_cookie(name: &str, value: &str, max_age: i64, secure: bool) -> Option<HeaderValue> {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"
    ))
    .ok()
}

fn query_lang(query: Option<&str>) -> Option<Lang> {
    query?
        .split('&')
        .find_map(|p| p.strip_prefix("lang="))
        .and_then(Lang::parse)
}

/// Finds the viewer of every request (language, session, CSRF token) and
/// remembers a language chosen with `?lang=` in a cookie.
pub async fn viewer_layer(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let headers = req.headers();
    let chosen = query_lang(req.uri().query());
    let lang = chosen
        .or_else(|| cookie(headers, LANG_COOKIE).and_then(Lang::parse))
        .or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or(Lang::En);
    let secure = state.config.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"));
    let account = match cookie(headers, SESSION_COOKIE).filter(|t| is_token(t)) {
        None => None,
        Some(token) => match state
            .sessions
            .account(&state.store, &token_hash(token), now())
            .await
        {
            Ok(found) => found,
            Err(e) => {
                tracing::error!(error = %e, "reading a session failed");
                None
            }
        },
    };
    let existing_csrf = cookie(headers, CSRF_COOKIE)
        .filter(|t| is_token(t))
        .map(str::to_string);
    let (csrf, new_csrf) = match (&account, existing_csrf) {
        (Some(a), _) => (a.csrf.clone(), None),
        (None, Some(c)) => (c, None),
        (None, None) => match random_token() {
            Ok(t) => (t.clone(), Some(t)),
            Err(e) => {
                tracing::error!(error = %e, "no CSRF token");
                (String::new(), None)
            }
        },
    };
    let viewer = Viewer {
        lang,
        account,
        csrf,
        path: req.uri().path().to_string(),
        secure,
    };
    req.extensions_mut().insert(viewer);
    let mut response = next.run(req).await;
    let out = response.headers_mut();
    if let Some(l) = chosen
        && let Some(v) = set_cookie(LANG_COOKIE, l.code(), 365 * 24 * 3600, secure)
    {
        out.append(SET_COOKIE, v);
    }
    if let Some(c) = new_csrf
        && let Some(v) = set_cookie(CSRF_COOKIE, &c, 24 * 3600, secure)
    {
        out.append(SET_COOKIE, v);
    }
    out.entry("content-language")
        .or_insert(HeaderValue::from_static(lang.tag()));
    response
}

async fn start_session(state: &AppState, viewer: &Viewer, person_key: i64) -> PageResult {
    let token = random_token().map_err(|e| viewer.error(Problem::Unexpected(e)))?;
    let csrf = random_token().map_err(|e| viewer.error(Problem::Unexpected(e)))?;
    let now = now();
    let ttl = state.config.session_ttl.as_secs() as i64;
    let hash = token_hash(&token);
    state
        .store
        .create_session(person_key, &hash, &csrf, now, now + ttl)
        .await
        .or_page(viewer.lang)?;
    // Kept now, so that the pages that follow need not read it.
    if let Err(e) = state.sessions.account(&state.store, &hash, now).await {
        tracing::warn!(error = %e, "reading a new session back failed");
    }
    let mut response = Redirect::to("/me").into_response();
    if let Some(v) = set_cookie(SESSION_COOKIE, &token, ttl, viewer.secure) {
        response.headers_mut().append(SET_COOKIE, v);
    }
    Ok(response)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignInForm {
    csrf: String,
    email: String,
    password: String,
}

fn signin_page(viewer: &Viewer, email: &str, errors: minijinja::Value) -> PageResult {
    render(viewer, "signin.html", minijinja::context! { email, errors })
}

pub async fn signin_form(viewer: Viewer) -> PageResult {
    signin_page(&viewer, "", minijinja::context! {})
}

pub async fn signin(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientAddress(address): ClientAddress,
    Form(form): Form<SignInForm>,
) -> PageResult {
    viewer.check_csrf(&form.csrf)?;
    let lang = viewer.lang;
    let email = form.email.trim();
    if let Err(wait) = state.throttle.check(Some(email), &address) {
        return Err(viewer.error(Problem::Throttled(crate::security::minutes(wait))));
    }
    if email.is_empty() || email.len() > 320 {
        return signin_page(
            &viewer,
            email,
            minijinja::context! { email => lang.t("field-email-required") },
        );
    }
    if form.password.is_empty() || form.password.len() > 1024 {
        return signin_page(
            &viewer,
            email,
            minijinja::context! { password => lang.t("field-password-required") },
        );
    }
    let candidates = state.store.organizer_passwords(email).await.or_page(lang)?;
    let password = form.password.clone();
    let found = tokio::task::spawn_blocking(move || {
        candidates
            .into_iter()
            .find(|(_, hash)| verify_password(hash, &password))
            .map(|(key, _)| key)
    })
    .await
    .map_err(|e| viewer.error(Problem::Unexpected(e.to_string())))?;
    match found {
        Some(key) => {
            state.throttle.succeeded(email);
            start_session(&state, &viewer, key).await
        }
        None => {
            state.throttle.failed(Some(email), &address);
            tracing::info!(%address, "a password sign-in failed");
            signin_page(
                &viewer,
                email,
                minijinja::context! { password => lang.t("signin-wrong") },
            )
            .map(|r| (axum::http::StatusCode::UNAUTHORIZED, r).into_response())
        }
    }
}

pub async fn invite_form(viewer: Viewer, Path(token): Path<String>) -> PageResult {
    if !is_token(&token) {
        return Err(viewer.error(Problem::NotFound));
    }
    render(&viewer, "invite.html", minijinja::context! { token })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CsrfForm {
    csrf: String,
}

pub async fn invite(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientAddress(address): ClientAddress,
    Path(token): Path<String>,
    Form(form): Form<CsrfForm>,
) -> PageResult {
    if let Err(wait) = state.throttle.check(None, &address) {
        return Err(viewer.error(Problem::Throttled(crate::security::minutes(wait))));
    }
    if !is_token(&token) {
        state.throttle.failed(None, &address);
        return Err(viewer.error(Problem::NotFound));
    }
    viewer.check_csrf(&form.csrf)?;
    match state
        .store
        .redeem_invitation(&token_hash(&token), now())
        .await
        .or_page(viewer.lang)?
    {
        Redeemed::Person(key) => start_session(&state, &viewer, key).await,
        Redeemed::Used | Redeemed::Expired => Err(viewer.error(Problem::Gone)),
        Redeemed::Unknown => {
            state.throttle.failed(None, &address);
            Err(viewer.error(Problem::NotFound))
        }
    }
}

pub async fn signout(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> PageResult {
    viewer.check_csrf(&form.csrf)?;
    if let Some(token) = cookie(&headers, SESSION_COOKIE).filter(|t| is_token(t)) {
        let hash = token_hash(token);
        state.store.end_session(&hash).await.or_page(viewer.lang)?;
        state.sessions.forget(&hash);
    }
    let mut response = Redirect::to("/").into_response();
    if let Some(v) = set_cookie(SESSION_COOKIE, "", 0, viewer.secure) {
        response.headers_mut().append(SET_COOKIE, v);
    }
    Ok(response)
}

/// Sends each role to its own area.
pub async fn me(viewer: Viewer) -> PageResult {
    let to = match &viewer.account()?.role {
        Role::Organizer => "/organizer",
        Role::CompanyRep(_) => "/company",
        Role::DelegationLead(_) => "/delegation",
        Role::Interpreter(_) => "/interpreter",
    };
    Ok(Redirect::to(to).into_response())
}
