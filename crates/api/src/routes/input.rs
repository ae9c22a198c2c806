//! Reading request bodies and query strings into typed values, each refusal a 422 naming the
//! field (`{"error": {"code": "validation.invalid", "message": "invalid `name`: …"}}`).

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use sea_orm::prelude::Uuid;
use serde_json::{Map, Value};

use crate::error::{ApiError, ApiResult};

/// A JSON object body (an empty body is `{}`).
#[derive(Debug)]
pub struct Body(pub Map<String, Value>);

impl<S: Send + Sync> FromRequest<S> for Body {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|_| ApiError::invalid("body", "cannot be read (at most 1 MiB)"))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self(Map::new()));
        }
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(map)) => Ok(Self(map)),
            Ok(_) => Err(ApiError::invalid("body", "must be a JSON object")),
            Err(_) => Err(ApiError::invalid("body", "is not valid JSON")),
        }
    }
}

impl Body {
    /// A required non-empty string.
    pub fn string(&self, field: &str) -> ApiResult<String> {
        self.opt_string(field)?
            .ok_or_else(|| ApiError::invalid(field, "is required (a string)"))
    }

    /// An optional string.
    pub fn opt_string(&self, field: &str) -> ApiResult<Option<String>> {
        match self.0.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(ApiError::invalid(field, "must be a string")),
        }
    }

    /// A required UUID.
    pub fn uuid(&self, field: &str) -> ApiResult<Uuid> {
        self.opt_uuid(field)?
            .ok_or_else(|| ApiError::invalid(field, "is required (a UUID)"))
    }

    /// An optional UUID.
    pub fn opt_uuid(&self, field: &str) -> ApiResult<Option<Uuid>> {
        match self.opt_string(field) {
            Ok(None) => Ok(None),
            Ok(Some(s)) => Uuid::parse_str(&s)
                .map(Some)
                .map_err(|_| ApiError::invalid(field, "must be a UUID")),
            Err(_) => Err(ApiError::invalid(field, "must be a UUID")),
        }
    }

    /// An optional integer.
    pub fn opt_i64(&self, field: &str) -> ApiResult<Option<i64>> {
        match self.0.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_i64()
                .map(Some)
                .ok_or_else(|| ApiError::invalid(field, "must be an integer")),
        }
    }

    /// An optional JSON object, `{}` when absent.
    pub fn object(&self, field: &str) -> ApiResult<Value> {
        match self.0.get(field) {
            None | Some(Value::Null) => Ok(Value::Object(Map::new())),
            Some(v @ Value::Object(_)) => Ok(v.clone()),
            Some(_) => Err(ApiError::invalid(field, "must be a JSON object")),
        }
    }
}

/// The query string's parameters.
#[derive(Debug)]
pub struct Params(pub HashMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or("");
        Ok(Self(
            url::form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect(),
        ))
    }
}

impl Params {
    /// `limit`: 1 to 100, default 20.
    pub fn limit(&self) -> ApiResult<u64> {
        match self.0.get("limit") {
            None => Ok(20),
            Some(raw) => match raw.parse::<u64>() {
                Ok(n) if (1..=100).contains(&n) => Ok(n),
                _ => Err(ApiError::invalid(
                    "limit",
                    "must be an integer from 1 to 100",
                )),
            },
        }
    }

    /// `cursor`, as given by the previous page's `next_cursor`.
    pub fn cursor(&self) -> ApiResult<Option<domain::tenancy::Cursor>> {
        match self.0.get("cursor").filter(|c| !c.is_empty()) {
            None => Ok(None),
            Some(token) => Ok(Some(domain::tenancy::Cursor::parse(token)?)),
        }
    }
}
