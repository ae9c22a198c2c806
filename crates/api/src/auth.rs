//! Bearer API-key authentication: `Authorization: Bearer <api key>`, verified through
//! [`domain::auth::api_key`] as the application role (on Postgres through the `SECURITY DEFINER`
//! lookup, so the service needs neither the bypass role nor raw SQL). A missing, unknown,
//! revoked or expired key is 401; the answer never says which of them, and never echoes the key.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use domain::auth::AuthError;
use domain::tenancy::TenantId;
use sea_orm::prelude::Uuid;

use crate::AppState;
use crate::error::ApiError;

/// The tenant (and key) a request acts for.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The tenant of the key.
    pub tenant: TenantId,
    /// `api_keys.id`.
    pub api_key_id: Uuid,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let header = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| {
                ApiError::unauthorized("missing `Authorization: Bearer <api key>` header")
            })?;
        let presented = header
            .strip_prefix("Bearer ")
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .ok_or_else(|| {
                ApiError::unauthorized("the Authorization header must be `Bearer <api key>`")
            })?;
        match domain::auth::api_key(&state.db, presented).await {
            Ok(key) => {
                tracing::Span::current().record("tenant_id", tracing::field::display(key.tenant));
                Ok(Self {
                    tenant: key.tenant,
                    api_key_id: key.api_key_id,
                })
            }
            Err(AuthError::Database(e)) => Err(domain::Error::from(e).into()),
            Err(e) => Err(ApiError::unauthorized(e.to_string())),
        }
    }
}
