//! Who calls the API: a bearer token, or nobody.
//!
//! A token is a long-lived web session (the store keeps only its SHA-256),
//! made by `POST /api/v1/tokens` and revoked by
//! `DELETE /api/v1/tokens/current`. Session cookies do not authenticate API
//! calls, so the API needs no CSRF token. Tokens are never logged.
//!
//! Every scoped handler calls one of [`Caller::member`],
//! [`Caller::organizer`], [`Caller::company`] first: the same rules as the
//! pages' [`crate::auth::Viewer`] checks, plus "the account's own event".

use super::error::{ApiError, lang_of};
use crate::AppState;
use crate::auth::{now, token_hash};
use crate::i18n::Lang;
use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use mitra_core::ids::{EventId, OrgId};
use mitra_core::people::Role;
use mitra_store::Account;

/// The caller of an API route, in their language.
pub struct Caller {
    pub lang: Lang,
    pub account: Option<Account>,
}

/// The token in an `Authorization: Bearer` header: `None` without the
/// header, `Err` for another scheme or a malformed token.
pub(crate) fn bearer(parts: &Parts) -> Result<Option<&str>, ()> {
    let Some(value) = parts.headers.get(AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value.to_str().map_err(|_| ())?;
    let (scheme, token) = value.split_once(' ').ok_or(())?;
    let token = token.trim();
    if scheme.eq_ignore_ascii_case("bearer")
        && token.len() == 64
        && token.bytes().all(|b| b.is_ascii_hexdigit())
    {
        Ok(Some(token))
    } else {
        Err(())
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let lang = lang_of(parts);
        let invalid = || ApiError::new(lang, StatusCode::UNAUTHORIZED, "invalid-token");
        let account = match bearer(parts).map_err(|_| invalid())? {
            None => None,
            Some(token) => Some(
                state
                    .store
                    .session_account(&token_hash(token), now())
                    .await
                    .map_err(|e| ApiError::internal(lang, e))?
                    .ok_or_else(invalid)?,
            ),
        };
        Ok(Caller { lang, account })
    }
}

impl Caller {
    /// The signed-in account, or 401.
    pub fn account(&self) -> Result<&Account, ApiError> {
        self.account
            .as_ref()
            .ok_or_else(|| ApiError::unauthorized(self.lang))
    }

    /// Anyone signed in to this event (each account belongs to one event).
    pub fn member(&self, event: &EventId) -> Result<&Account, ApiError> {
        let a = self.account()?;
        if &a.event == event {
            Ok(a)
        } else {
            Err(ApiError::forbidden(self.lang))
        }
    }

    /// An organizer of this event.
    pub fn organizer(&self, event: &EventId) -> Result<&Account, ApiError> {
        let a = self.member(event)?;
        match a.role {
            Role::Organizer => Ok(a),
            _ => Err(ApiError::forbidden(self.lang)),
        }
    }

    /// An organizer of any event (creating events is not bound to one).
    pub fn any_organizer(&self) -> Result<&Account, ApiError> {
        let a = self.account()?;
        match a.role {
            Role::Organizer => Ok(a),
            _ => Err(ApiError::forbidden(self.lang)),
        }
    }

    /// A company representative of this event: their company.
    pub fn company(&self, event: &EventId) -> Result<OrgId, ApiError> {
        match &self.member(event)?.role {
            Role::CompanyRep(org) => Ok(org.clone()),
            _ => Err(ApiError::forbidden(self.lang)),
        }
    }

    pub fn not_found(&self) -> ApiError {
        ApiError::not_found(self.lang)
    }
}
