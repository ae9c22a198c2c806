//! The endpoints (paths as in issue 13; scripts depend on them). Each tenant request opens one
//! [`TenantTxn`] for the caller's tenant and commits it only when the whole request succeeded,
//! so a refused request writes nothing.

mod handover;
mod input;
mod reports;
mod tenant;
mod workflows;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use sea_orm::prelude::Uuid;

use crate::AppState;
use crate::error::{ApiError, ApiResult};

/// Every route of the service.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/v1/reports", get(reports::list).post(reports::create))
        .route("/v1/reports/{id}", get(reports::read))
        .route("/v1/reports/{id}/transitions", post(reports::transition))
        .route(
            "/v1/reports/{id}/executions",
            post(reports::start_execution),
        )
        .route(
            "/v1/executions/{id}/finish",
            post(reports::finish_execution),
        )
        .route("/v1/workflows/{id}/runs", post(workflows::start_run))
        .route(
            "/v1/workflow-runs/{id}/steps/{order}/fail",
            post(workflows::fail_step),
        )
        .route(
            "/v1/workflow-runs/{id}/steps/{order}/complete",
            post(workflows::complete_step),
        )
        .route("/v1/handover-packages", post(handover::create))
        .route("/v1/handover-packages/{id}", get(handover::read))
        .route(
            "/v1/handover-packages/{id}/transitions",
            post(handover::transition),
        )
        .route("/v1/dashboard", get(tenant::dashboard))
        .route("/v1/events", get(tenant::events))
        .fallback(not_found)
}

/// 200 while the process runs.
async fn healthz() -> &'static str {
    "ok"
}

/// 200 once the database answers, 503 otherwise.
async fn readyz(State(state): State<AppState>) -> ApiResult<&'static str> {
    state
        .db
        .ping()
        .await
        .map_err(|e| ApiError::from(domain::Error::from(e)))?;
    Ok("ready")
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such route")
}

/// A path id: one that is not a UUID names no row (404).
fn path_id(raw: &str) -> ApiResult<Uuid> {
    Uuid::parse_str(raw).map_err(|_| not_found_row())
}

/// 404 for a path that names no row.
fn not_found_row() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such row")
}
