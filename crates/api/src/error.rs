//! The service's error answer: `{"error": {"code", "message"}}`, mapped from [`domain::Error`].
//!
//! The status comes from the error's kind ([`domain::error::ErrorKind::http_status`]), with two
//! refinements: a row of another tenant (a cross-tenant write, or a row row-level security
//! refused) is 404 like a row that does not exist, never 403, which would confirm it exists; and
//! the message is the error's client-safe `Display` (no tenant id, no SQL, no driver text),
//! while [`domain::Error::detail`] goes to the log only.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::error::ErrorKind;

/// An error answer.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: String,
    message: String,
}

impl ApiError {
    /// An answer with this status, code and client-safe message.
    pub fn new(status: StatusCode, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            status,
            code: code.into(),
            message: message.into(),
        }
    }

    /// 401: the request carries no valid API key.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    /// 422 naming `field`.
    pub fn invalid(field: &str, message: &str) -> Self {
        domain::Error::validation(field, message).into()
    }

    /// The status of the answer.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl From<domain::Error> for ApiError {
    fn from(err: domain::Error) -> Self {
        let kind = err.kind();
        let (status, code, message) = match kind {
            // Another tenant's row is not found, whatever refused it.
            ErrorKind::Forbidden | ErrorKind::RowLevelSecurity
                if matches!(
                    err,
                    domain::Error::CrossTenant { .. } | domain::Error::RowLevelSecurity { .. }
                ) =>
            {
                (
                    StatusCode::NOT_FOUND,
                    "not_found".to_owned(),
                    "no such row".to_owned(),
                )
            }
            // A foreign key refused: the reference names a row the tenant cannot see.
            ErrorKind::Conflict if err.code() == "conflict.foreign_key" => (
                StatusCode::NOT_FOUND,
                "not_found".to_owned(),
                "a referenced row does not exist".to_owned(),
            ),
            _ => (
                StatusCode::from_u16(kind.http_status())
                    .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                err.code().to_owned(),
                err.to_string(),
            ),
        };
        if status.is_server_error() {
            tracing::error!(code, detail = %err.detail(), "request failed");
        } else {
            tracing::debug!(code, detail = %err.detail(), "request refused");
        }
        Self {
            status,
            code,
            message,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": {"code": self.code, "message": self.message}
        });
        (self.status, Json(body)).into_response()
    }
}

/// The result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;
