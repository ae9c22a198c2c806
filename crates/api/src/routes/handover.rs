//! `/v1/handover-packages…`: the package lifecycle of [`domain::lifecycle::handover`]. The admin
//! credentials are sealed before they are written and never answered, not even sealed.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use domain::lifecycle::handover::{self as lifecycle, NewPackage, Package};
use domain::lifecycle::parse_state;
use domain::tenancy::TenantTxn;
use entity::sea_orm_active_enums::{
    HandoverPackageDeliveryMethod, HandoverPackageDeliveryStatus, HandoverPackageType,
};
use sea_orm::prelude::Uuid;
use serde_json::{Value, json};

use super::input::Body;
use super::path_id;
use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};

/// The package as answered: `admin_credentials` is `{"sealed": true}` when set, else null.
fn answer(p: Package) -> Value {
    let sealed = p.package.admin_credentials.is_some();
    let mut body = json!(p.package);
    body["admin_credentials"] = if sealed {
        json!({"sealed": true})
    } else {
        Value::Null
    };
    body["module_installation_ids"] = json!(p.module_installation_ids);
    body["configuration_ids"] = json!(p.configuration_ids);
    body
}

fn uuids(body: &Body, field: &str) -> ApiResult<Vec<Uuid>> {
    match body.0.get(field) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .and_then(|s| Uuid::parse_str(s).ok())
                    .ok_or_else(|| ApiError::invalid(field, "must be a list of UUIDs"))
            })
            .collect(),
        Some(_) => Err(ApiError::invalid(field, "must be a list of UUIDs")),
    }
}

/// `POST /v1/handover-packages {"name", "package_type"?, "workflow_run_id"?,
/// "module_installation_ids", "configuration_ids", "admin_credentials"?}`: 201.
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    body: Body,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let new = NewPackage {
        name: body.string("name")?,
        package_type: body
            .opt_string("package_type")?
            .map(|t| parse_state::<HandoverPackageType>("package_type", &t))
            .transpose()?,
        workflow_run_id: body.opt_uuid("workflow_run_id")?,
        module_installation_ids: uuids(&body, "module_installation_ids")?,
        configuration_ids: uuids(&body, "configuration_ids")?,
        admin_credentials: body
            .0
            .get("admin_credentials")
            .cloned()
            .filter(|v| !v.is_null()),
    };
    let txn = TenantTxn::begin(&state.db, caller.tenant).await?;
    let package = lifecycle::create(&txn, &state.sealer, new).await?;
    txn.commit().await?;
    Ok((StatusCode::CREATED, Json(answer(package))))
}

/// `GET /v1/handover-packages/{id}`.
pub async fn read(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id = path_id(&id)?;
    let txn = TenantTxn::begin(&state.db, caller.tenant).await?;
    let package = lifecycle::get(&txn, id).await?;
    txn.commit().await?;
    Ok(Json(answer(package)))
}

/// `POST /v1/handover-packages/{id}/transitions {"to", "delivery_method"?}`.
pub async fn transition(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<Json<Value>> {
    let id = path_id(&id)?;
    let to = parse_state::<HandoverPackageDeliveryStatus>("to", &body.string("to")?)?;
    let method = body
        .opt_string("delivery_method")?
        .map(|m| parse_state::<HandoverPackageDeliveryMethod>("delivery_method", &m))
        .transpose()?;
    let txn = TenantTxn::begin(&state.db, caller.tenant).await?;
    let package = lifecycle::transition(&txn, id, to, method).await?;
    txn.commit().await?;
    Ok(Json(answer(package)))
}
