//! Pages that could not be shown: 400, 403, 404, 410 and 500, each in the
//! viewer's language. Causes of 500s are logged, never shown.

use crate::i18n::Lang;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

#[derive(Debug)]
pub enum Problem {
    /// Nobody is signed in: go to the sign-in page.
    SignIn,
    Forbidden,
    NotFound,
    /// An invitation link that was used or has expired.
    Gone,
    /// A form that cannot be taken (a stale CSRF token, a malformed
    /// post): the message key says which.
    BadRequest(&'static str),
    /// Too many failed sign-ins: wait this many minutes.
    Throttled(u64),
    Unexpected(String),
}

/// A page that could not be shown, in the viewer's language.
#[derive(Debug)]
pub struct PageError {
    pub lang: Lang,
    pub problem: Problem,
}

impl PageError {
    pub fn new(lang: Lang, problem: Problem) -> PageError {
        PageError { lang, problem }
    }
}

pub type PageResult = Result<Response, PageError>;

/// Store errors in a page: a missing thing is a 404, anything else is
/// unexpected.
pub trait OrPage<T> {
    fn or_page(self, lang: Lang) -> Result<T, PageError>;
}

impl<T> OrPage<T> for Result<T, mitra_store::StoreError> {
    fn or_page(self, lang: Lang) -> Result<T, PageError> {
        self.map_err(|e| match e {
            mitra_store::StoreError::NotFound { .. } => PageError::new(lang, Problem::NotFound),
            other => PageError::new(lang, Problem::Unexpected(format!("{other:#}"))),
        })
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let lang = self.lang;
        let (status, title, message) = match &self.problem {
            Problem::SignIn => return Redirect::to("/signin").into_response(),
            Problem::Forbidden => (StatusCode::FORBIDDEN, "error-403-title", "error-403-text"),
            Problem::NotFound => (StatusCode::NOT_FOUND, "error-404-title", "error-404-text"),
            Problem::Gone => (StatusCode::GONE, "error-410-title", "error-410-text"),
            Problem::BadRequest(key) => (StatusCode::BAD_REQUEST, "error-400-title", *key),
            Problem::Throttled(minutes) => {
                let message = lang.t_args(
                    "error-429-text",
                    &[(
                        "minutes",
                        fluent_templates::fluent_bundle::FluentValue::from(*minutes),
                    )],
                );
                let body = crate::view::render_bare(
                    lang,
                    "message.html",
                    minijinja::context! { title => lang.t("error-429-title"), message => message.clone(), status => 429 },
                )
                .unwrap_or(message);
                let mut response = (StatusCode::TOO_MANY_REQUESTS, Html(body)).into_response();
                if let Ok(v) = axum::http::HeaderValue::from_str(&(minutes * 60).to_string()) {
                    response
                        .headers_mut()
                        .insert(axum::http::header::RETRY_AFTER, v);
                }
                return response;
            }
            Problem::Unexpected(cause) => {
                tracing::error!(%cause, "page failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "error-500-title",
                    "error-500-text",
                )
            }
        };
        let body = crate::view::render_bare(
            lang,
            "message.html",
            minijinja::context! { title => lang.t(title), message => lang.t(message), status => status.as_u16() },
        )
        .unwrap_or_else(|_| lang.t(message));
        (status, Html(body)).into_response()
    }
}
