//! Tokens: made from an organizer's e-mail and password or from an
//! invitation, revoked by their holder. A token is a web session that
//! lasts [`TOKEN_TTL`]; the store keeps only its SHA-256.

use super::caller::{Caller, bearer};
use super::error::{ApiError, ApiJson, ApiResult, CallerLang, ErrorBody, OrApi};
use super::types::*;
use crate::AppState;
use crate::auth::{now, random_token, token_hash};
use crate::security::ClientAddress;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::request::Parts;
use mitra_store::Redeemed;
use std::time::Duration;

/// How long an API token lasts.
pub const TOKEN_TTL: Duration = Duration::from_secs(90 * 24 * 3600);

fn verify_password(hash: &str, password: &str) -> bool {
    use argon2::password_hash::PasswordVerifier;
    argon2::Argon2::default()
        .verify_password(password.as_bytes(), hash)
        .is_ok()
}

#[utoipa::path(post, path = "/api/v1/tokens", tag = "tokens",
    request_body = TokenRequest,
    responses(
        (status = 201, description = "A new token, shown once", body = TokenOut),
        (status = 401, description = "No account with these credentials", body = ErrorBody),
        (status = 410, description = "The invitation was used or has expired", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create_token(
    State(state): State<AppState>,
    CallerLang(lang): CallerLang,
    ClientAddress(address): ClientAddress,
    ApiJson(body): ApiJson<TokenRequest>,
) -> ApiResult<(StatusCode, Json<TokenOut>)> {
    let bad = || ApiError::new(lang, StatusCode::UNAUTHORIZED, "bad-credentials");
    let store = &state.store;
    let account = body.email.as_deref().map(str::trim);
    if let Err(wait) = state.throttle.check(account, &address) {
        return Err(ApiError::throttled(lang, wait));
    }
    let failed = || {
        state.throttle.failed(account, &address);
        bad()
    };
    let person_key = match (&body.email, &body.password, &body.invitation) {
        (Some(email), Some(password), None) => {
            let email = email.trim();
            if email.is_empty() || email.len() > 320 {
                return Err(ApiError::invalid("email", lang.t("field-email-required")));
            }
            if password.is_empty() || password.len() > 1024 {
                return Err(ApiError::invalid(
                    "password",
                    lang.t("field-password-required"),
                ));
            }
            let candidates = store.organizer_passwords(email).await.or_api(lang)?;
            let password = password.clone();
            tokio::task::spawn_blocking(move || {
                candidates
                    .into_iter()
                    .find(|(_, hash)| verify_password(hash, &password))
                    .map(|(key, _)| key)
            })
            .await
            .map_err(|e| ApiError::internal(lang, e))?
            .ok_or_else(failed)?
        }
        (None, None, Some(invitation)) => {
            // The token alone, or the whole link.
            let token = invitation.trim().rsplit('/').next().unwrap_or_default();
            if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(failed().with_field("invitation"));
            }
            match store
                .redeem_invitation(&token_hash(token), now())
                .await
                .or_api(lang)?
            {
                Redeemed::Person(key) => key,
                Redeemed::Used | Redeemed::Expired => {
                    return Err(ApiError::new(lang, StatusCode::GONE, "invitation-gone")
                        .with_field("invitation"));
                }
                Redeemed::Unknown => return Err(failed().with_field("invitation")),
            }
        }
        _ => {
            return Err(ApiError::invalid(
                "invitation",
                "Send either email and password, or invitation.".into(),
            ));
        }
    };
    if let Some(email) = account {
        state.throttle.succeeded(email);
    }
    let token = random_token().map_err(|e| ApiError::internal(lang, e))?;
    let csrf = random_token().map_err(|e| ApiError::internal(lang, e))?;
    let now = now();
    let expires_at = now + TOKEN_TTL.as_secs() as i64;
    let hash = token_hash(&token);
    store
        .create_session(person_key, &hash, &csrf, now, expires_at)
        .await
        .or_api(lang)?;
    let account = store
        .session_account(&hash, now)
        .await
        .or_api(lang)?
        .ok_or_else(|| ApiError::internal(lang, "a new token has no account"))?;
    Ok((
        StatusCode::CREATED,
        Json(TokenOut {
            token,
            token_type: "Bearer",
            expires_at,
            me: MeOut::from(&account),
        }),
    ))
}

/// The bearer token of a request, for revoking it.
pub struct BearerToken(String);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for BearerToken {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let lang = super::error::lang_of(parts);
        match bearer(parts) {
            Ok(Some(t)) => Ok(BearerToken(t.to_string())),
            _ => Err(ApiError::unauthorized(lang)),
        }
    }
}

#[utoipa::path(delete, path = "/api/v1/tokens/current", tag = "tokens",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Revoked: the token no longer works"),
        (status = 401, body = ErrorBody)))]
pub async fn revoke_token(
    State(state): State<AppState>,
    caller: Caller,
    BearerToken(token): BearerToken,
) -> ApiResult<StatusCode> {
    caller.account()?;
    state
        .store
        .end_session(&token_hash(&token))
        .await
        .or_api(caller.lang)?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/me", tag = "tokens",
    security(("bearer" = [])),
    responses((status = 200, description = "The account behind the token", body = MeOut),
        (status = 401, body = ErrorBody)))]
pub async fn me(caller: Caller) -> ApiResult<Json<MeOut>> {
    Ok(Json(MeOut::from(caller.account()?)))
}
