//! `/v1/reports…` and `/v1/executions…`: the report lifecycle of
//! [`domain::lifecycle::reports`].

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use domain::lifecycle::{parse_state, reports as lifecycle};
use domain::tenancy::TenantTxn;
use entity::sea_orm_active_enums::{ReportExecutionStatus, ReportStatus};
use entity::{api_keys, reports};
use sea_orm::ColumnTrait;
use serde_json::{Value, json};

use super::input::{Body, Params};
use super::path_id;
use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};

/// `GET /v1/reports?status=&limit=&cursor=`: the tenant's reports, newest first.
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> ApiResult<Json<Value>> {
    let limit = params.limit()?;
    let cursor = params.cursor()?;
    let status = params
        .0
        .get("status")
        .map(|s| parse_state::<ReportStatus>("status", s))
        .transpose()?;
    let txn = TenantTxn::begin(&state.db, caller.tenant).await?;
    let mut query = txn.find::<reports::Entity>();
    if let Some(status) = status {
        query = query.filter(reports::Column::Status.eq(status));
    }
    let page = query.page(limit, cursor.as_ref()).await?;
    txn.commit().await?;
    Ok(Json(json!({
        "items": page.rows,
        "next_cursor": page.next.map(|c| c.to_string()),
    })))
}

/// `POST /v1/reports {"template_id", "name", "description"?, "parameters"?, "priority"?}`:
/// a `draft` report, created by the user who issued the API key.
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    body: Body,
) -> ApiResult<(StatusCode, Json<reports::Model>)> {
    let new = lifecycle::NewReport {
        template_id: body.uuid("template_id")?,
        name: body.string("name")?,
        description: body.opt_string("description")?,
        parameters: body.object("parameters")?,
        priority: body.opt_i64("priority")?,
        created_by_user_id: uuid::Uuid::nil(),
    };
    let txn = TenantTxn::begin(&state.db, caller.tenant).await?;
    let user = acting_user(&txn, &caller).await?;
    let report = lifecycle::create(
        &txn,
        lifecycle::NewReport {
            created_by_user_id: user,
            ..new
        },
    )
    .await?;
    txn.commit().await?;
    Ok((StatusCode::CREATED, Json(report)))
}

/// The user a request acts as: the one who issued its API key.
async fn acting_user(txn: &TenantTxn, caller: &Caller) -> ApiResult<uuid::Uuid> {
    let key = txn
        .find_by_id::<api_keys::Entity>(caller.api_key_id)
        .one()
        .await?;
    key.and_then(|k| k.created_by_user_id).ok_or_else(|| {
        ApiError::invalid(
            "created_by_user_id",
            "the API key names no user to act as; issue one with `cargo xtask api-key create`",
        )
    })
}

/// `GET /v1/reports/{id}`.
pub async fn read(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<reports::Model>> {
    let id = path_id(&id)?;
    let txn = TenantTxn::begin(&state.db, caller.tenant).await?;
    let report = lifecycle::get(&txn, id).await?;
    txn.commit().await?;
    Ok(Json(report))
}

/// `POST /v1/reports/{id}/transitions {"to"}`: 200 the report, 409 when the lifecycle does not
/// allow the move or another request moved it first.
pub async fn transition(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Json<reports::Model>> {
    let id = path_id(&id)?;
    let to = parse_state::<ReportStatus>("to", &body.string("to")?)?;
    let txn = TenantTxn::begin(&state.db, caller.tenant).await?;
    let report = lifecycle::transition(&txn, id, to).await?;
    txn.commit().await?;
    Ok(Json(report))
}

/// `POST /v1/reports/{id}/executions`: 201 with the execution (its `id`).
pub async fn start_execution(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let id = path_id(&id)?;
    let txn = TenantTxn::begin(&state.db, caller.tenant).await?;
    let user = acting_user(&txn, &caller).await.ok();
    let execution = lifecycle::start_execution(&txn, id, user).await?;
    txn.commit().await?;
    Ok((StatusCode::CREATED, Json(json!(execution))))
}

/// `POST /v1/executions/{id}/finish {"status": "completed" | "failed", "error_message"?,
/// "output_url"?, "result_size_bytes"?}`.
pub async fn finish_execution(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Json<Value>> {
    let id = path_id(&id)?;
    let finish = lifecycle::Finish {
        status: parse_state::<ReportExecutionStatus>("status", &body.string("status")?)?,
        error_message: body.opt_string("error_message")?,
        output_url: body.opt_string("output_url")?,
        result_size_bytes: body.opt_i64("result_size_bytes")?,
    };
    let txn = TenantTxn::begin(&state.db, caller.tenant).await?;
    let execution = lifecycle::finish_execution(&txn, id, finish).await?;
    txn.commit().await?;
    Ok(Json(json!(execution)))
}
