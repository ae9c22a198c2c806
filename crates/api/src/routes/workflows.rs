//! `/v1/workflows/{id}/runs` and `/v1/workflow-runs/{id}/steps/{order}/…`: the run lifecycle of
//! [`domain::lifecycle::workflows`].

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use domain::lifecycle::workflows::{self as lifecycle, Run};
use domain::tenancy::TenantTxn;
use serde_json::{Value, json};

use super::input::Body;
use super::{not_found_row, path_id};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiResult;

fn answer(run: Run) -> Value {
    let mut body = json!(run.run);
    body["steps"] = json!(run.steps);
    body
}

/// `POST /v1/workflows/{id}/runs {"input"?}`: 201 with the run and its `steps`.
pub async fn start_run(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let id = path_id(&id)?;
    let input = body.object("input")?;
    let txn = TenantTxn::begin(&state.db, caller.tenant).await?;
    let run = lifecycle::start_run(&txn, id, input).await?;
    txn.commit().await?;
    Ok((StatusCode::CREATED, Json(answer(run))))
}

fn step_order(raw: &str) -> ApiResult<i64> {
    raw.parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .ok_or_else(not_found_row)
}

/// `POST /v1/workflow-runs/{id}/steps/{order}/fail {"error"}`: a failed attempt.
pub async fn fail_step(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, order)): Path<(String, String)>,
    body: Body,
) -> ApiResult<Json<Value>> {
    let (id, order) = (path_id(&id)?, step_order(&order)?);
    let error = body.string("error")?;
    let txn = TenantTxn::begin(&state.db, caller.tenant).await?;
    let run = lifecycle::fail_step(&txn, id, order, &error).await?;
    txn.commit().await?;
    Ok(Json(answer(run)))
}

/// `POST /v1/workflow-runs/{id}/steps/{order}/complete {"output"?}`.
pub async fn complete_step(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, order)): Path<(String, String)>,
    body: Body,
) -> ApiResult<Json<Value>> {
    let (id, order) = (path_id(&id)?, step_order(&order)?);
    let output = body.0.get("output").cloned().filter(|v| !v.is_null());
    let txn = TenantTxn::begin(&state.db, caller.tenant).await?;
    let run = lifecycle::complete_step(&txn, id, order, output).await?;
    txn.commit().await?;
    Ok(Json(answer(run)))
}
