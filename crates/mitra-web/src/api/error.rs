//! The API's one error shape, `{"error": {"code", "message", "field"}}`,
//! its messages in the caller's language, and the JSON body reader that
//! turns every malformed body into such an error (never a 500).

use crate::auth::Viewer;
use crate::i18n::Lang;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::ToSchema;

/// The largest request body the API reads.
pub const MAX_BODY: usize = 64 * 1024;

/// What went wrong, in a shape that does not change.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, for programs: `unauthorized`, `invalid-token`, `forbidden`,
    /// `not-found`, `bad-credentials`, `invitation-gone`, `malformed-json`,
    /// `unsupported-media-type`, `payload-too-large`, `invalid`,
    /// `conflict`, `no-proposal`, `cannot-prove`, `stale-proposal`, `too-many-attempts`,
    /// `internal`.
    pub code: &'static str,
    /// For people, in the caller's language (`?lang=`, `Accept-Language`).
    pub message: String,
    /// The body field or parameter at fault (`offers[2].hs`), when one is.
    pub field: Option<String>,
}

/// An API error: status, code, message and field.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub field: Option<String>,
    /// Seconds to wait (`Retry-After`), for a throttled caller.
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// An error with its message from the API's own table.
    pub fn new(lang: Lang, status: StatusCode, code: &'static str) -> ApiError {
        ApiError {
            status,
            code,
            message: message(lang, code).to_string(),
            field: None,
            retry_after: None,
        }
    }

    pub fn unauthorized(lang: Lang) -> ApiError {
        ApiError::new(lang, StatusCode::UNAUTHORIZED, "unauthorized")
    }

    pub fn forbidden(lang: Lang) -> ApiError {
        ApiError::new(lang, StatusCode::FORBIDDEN, "forbidden")
    }

    pub fn not_found(lang: Lang) -> ApiError {
        ApiError::new(lang, StatusCode::NOT_FOUND, "not-found")
    }

    /// A value that does not pass validation (422), with the field at fault.
    pub fn invalid(field: impl Into<String>, message: String) -> ApiError {
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "invalid",
            message,
            field: Some(field.into()),
            retry_after: None,
        }
    }

    /// Something the caller cannot fix; the cause is logged, never shown.
    pub fn internal(lang: Lang, cause: impl std::fmt::Display) -> ApiError {
        tracing::error!(%cause, "API call failed");
        ApiError::new(lang, StatusCode::INTERNAL_SERVER_ERROR, "internal")
    }

    /// Too many failed sign-ins from this address or for this account.
    pub fn throttled(lang: Lang, wait: std::time::Duration) -> ApiError {
        let minutes = crate::security::minutes(wait);
        let mut e = ApiError::new(lang, StatusCode::TOO_MANY_REQUESTS, "too-many-attempts");
        e.message = lang.t_args(
            "error-429-text",
            &[(
                "minutes",
                fluent_templates::fluent_bundle::FluentValue::from(minutes),
            )],
        );
        e.retry_after = Some(minutes * 60);
        e
    }

    pub fn with_field(mut self, field: impl Into<String>) -> ApiError {
        self.field = Some(field.into());
        self
    }

    /// A store error: a missing thing is a 404, a refused one a 409,
    /// anything else unexpected.
    pub fn store(lang: Lang, e: mitra_store::StoreError) -> ApiError {
        match e {
            mitra_store::StoreError::NotFound { .. } => ApiError::not_found(lang),
            mitra_store::StoreError::Conflict(m) => ApiError {
                status: StatusCode::CONFLICT,
                code: "conflict",
                message: format!("{}: {m}", message(lang, "conflict")),
                field: None,
                retry_after: None,
            },
            other => ApiError::internal(lang, format!("{other:#}")),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: self.message,
                field: self.field,
            },
        };
        let mut response = (self.status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after
            && let Ok(v) = header::HeaderValue::from_str(&seconds.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer realm=\"mitra\""),
            );
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// Store results in a handler.
pub trait OrApi<T> {
    fn or_api(self, lang: Lang) -> ApiResult<T>;
}

impl<T> OrApi<T> for Result<T, mitra_store::StoreError> {
    fn or_api(self, lang: Lang) -> ApiResult<T> {
        self.map_err(|e| ApiError::store(lang, e))
    }
}

/// The API's own messages in English, Indonesian and Chinese. Field
/// messages come from the Fluent files the pages use.
fn message(lang: Lang, code: &str) -> &'static str {
    use Lang::*;
    match (code, lang) {
        ("unauthorized", En) => {
            "Send a token: Authorization: Bearer TOKEN (POST /api/v1/tokens makes one)."
        }
        ("unauthorized", Id) => {
            "Kirim token: Authorization: Bearer TOKEN (POST /api/v1/tokens membuatnya)."
        }
        ("unauthorized", Zh) => {
            "请发送令牌：Authorization: Bearer TOKEN（用 POST /api/v1/tokens 获取）。"
        }
        ("invalid-token", En) => {
            "This token is unknown, revoked or expired. Make a new one with POST /api/v1/tokens."
        }
        ("invalid-token", Id) => {
            "Token ini tidak dikenal, sudah dicabut atau kedaluwarsa. Buat yang baru dengan POST /api/v1/tokens."
        }
        ("invalid-token", Zh) => {
            "此令牌未知、已撤销或已过期。请用 POST /api/v1/tokens 获取新令牌。"
        }
        ("forbidden", En) => "Your role does not allow this.",
        ("forbidden", Id) => "Peran Anda tidak mengizinkan ini.",
        ("forbidden", Zh) => "您的角色无权执行此操作。",
        ("not-found", En) => "There is no such thing here.",
        ("not-found", Id) => "Data ini tidak ada.",
        ("not-found", Zh) => "没有找到该对象。",
        ("bad-credentials", En) => {
            "The e-mail and password, or the invitation, do not match an account."
        }
        ("bad-credentials", Id) => {
            "E-mail dan kata sandi, atau undangan, tidak cocok dengan akun mana pun."
        }
        ("bad-credentials", Zh) => "电子邮件和密码或邀请与任何账户都不匹配。",
        ("invitation-gone", En) => {
            "This invitation has been used or has expired. Ask the organizers for a new one."
        }
        ("invitation-gone", Id) => {
            "Undangan ini sudah dipakai atau kedaluwarsa. Mintalah undangan baru kepada panitia."
        }
        ("invitation-gone", Zh) => "此邀请已被使用或已过期。请向主办方索取新的邀请。",
        ("malformed-json", En) => "The body is not valid JSON",
        ("malformed-json", Id) => "Isi permintaan bukan JSON yang sah",
        ("malformed-json", Zh) => "请求体不是有效的 JSON",
        ("invalid", En) => "The body does not have the expected shape",
        ("invalid", Id) => "Isi permintaan tidak sesuai bentuk yang diharapkan",
        ("invalid", Zh) => "请求体的结构不符合要求",
        ("unsupported-media-type", En) => {
            "Send the body as JSON with Content-Type: application/json."
        }
        ("unsupported-media-type", Id) => {
            "Kirim isi permintaan sebagai JSON dengan Content-Type: application/json."
        }
        ("unsupported-media-type", Zh) => {
            "请以 JSON 发送请求体，并设置 Content-Type: application/json。"
        }
        ("payload-too-large", En) => "The body is larger than 64 KiB.",
        ("payload-too-large", Id) => "Isi permintaan lebih besar dari 64 KiB.",
        ("payload-too-large", Zh) => "请求体超过 64 KiB。",
        ("conflict", En) => "This clashes with what is stored",
        ("conflict", Id) => "Ini bertentangan dengan data yang tersimpan",
        ("conflict", Zh) => "这与已保存的数据冲突",
        ("already-answered", En) => "This request is no longer pending; it stays as it is.",
        ("already-answered", Id) => "Permintaan ini tidak lagi menunggu jawaban; statusnya tetap.",
        ("already-answered", Zh) => "此请求已不再待答复，状态保持不变。",
        ("no-proposal", En) => {
            "There is no schedule proposal to publish. Run POST .../schedule first."
        }
        ("no-proposal", Id) => {
            "Tidak ada usulan jadwal untuk diterbitkan. Jalankan POST .../schedule dahulu."
        }
        ("no-proposal", Zh) => "没有可发布的日程方案。请先运行 POST .../schedule。",
        ("cannot-prove", En) => {
            "A proof applies to an event's first schedule only: this event has published meetings, which re-scheduling keeps in place."
        }
        ("cannot-prove", Id) => {
            "Pembuktian hanya berlaku untuk jadwal pertama suatu acara: acara ini sudah memiliki pertemuan terbit, yang dipertahankan saat penjadwalan ulang."
        }
        ("cannot-prove", Zh) => {
            "证明仅适用于活动的首次排程：本活动已有已发布的洽谈，重新排程时会保留它们。"
        }
        ("stale-proposal", En) => {
            "Meetings changed since the proposal was made; nothing was published. Run the scheduler again."
        }
        ("stale-proposal", Id) => {
            "Pertemuan berubah sejak usulan dibuat; tidak ada yang diterbitkan. Jalankan penjadwal lagi."
        }
        ("stale-proposal", Zh) => "方案生成后会谈已有变化，未发布任何内容。请重新运行排程。",
        (_, En) => "Something went wrong on our side; it has been logged.",
        (_, Id) => "Terjadi kesalahan di pihak kami; sudah dicatat.",
        (_, Zh) => "服务器出错，已记录。",
    }
}

/// The caller's language, as the viewer layer found it.
pub fn lang_of(parts: &Parts) -> Lang {
    parts
        .extensions
        .get::<Viewer>()
        .map(|v| v.lang)
        .unwrap_or(Lang::En)
}

/// The caller's language, as an extractor.
pub struct CallerLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for CallerLang {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        Ok(CallerLang(lang_of(parts)))
    }
}

/// A JSON body: `application/json`, at most [`MAX_BODY`] bytes, every
/// field known and of its type. Errors name the field at fault.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let lang = req
            .extensions()
            .get::<Viewer>()
            .map(|v| v.lang)
            .unwrap_or(Lang::En);
        let json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|v| {
                let v = v.trim().to_ascii_lowercase();
                v == "application/json" || (v.starts_with("application/") && v.ends_with("+json"))
            })
            .unwrap_or(false);
        if !json {
            return Err(ApiError::new(
                lang,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(lang, StatusCode::PAYLOAD_TOO_LARGE, "payload-too-large")
            } else {
                ApiError::new(lang, StatusCode::BAD_REQUEST, "malformed-json")
            }
        })?;
        parse_body(lang, &bytes).map(ApiJson)
    }
}

/// Reads a JSON body: syntax errors are 400, shape errors 422 with the
/// path of the field at fault.
pub fn parse_body<T: DeserializeOwned>(lang: Lang, bytes: &[u8]) -> ApiResult<T> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    if value.is_ok()
        && let Err(e) = de.end()
    {
        return Err(ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "malformed-json",
            message: format!("{}: {e}", message(lang, "malformed-json")),
            field: None,
            retry_after: None,
        });
    }
    value.map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let detail = inner.to_string();
        if inner.is_syntax() || inner.is_eof() {
            return ApiError {
                status: StatusCode::BAD_REQUEST,
                code: "malformed-json",
                message: format!("{}: {detail}", message(lang, "malformed-json")),
                field: None,
                retry_after: None,
            };
        }
        let field = (path != ".").then_some(path);
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "invalid",
            message: format!("{}: {detail}", message(lang, "invalid")),
            field,
            retry_after: None,
        }
    })
}
