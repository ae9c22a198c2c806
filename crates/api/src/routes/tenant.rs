//! `/v1/dashboard` and `/v1/events`.

use axum::Json;
use axum::extract::State;
use domain::tenancy::TenantTxn;
use entity::{integration_events, tenant_dashboard};
use sea_orm::ColumnTrait;
use serde_json::{Value, json};

use super::input::Params;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiResult;

/// `GET /v1/dashboard`: the tenant's `tenant_dashboard` row.
pub async fn dashboard(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<tenant_dashboard::Model>> {
    let txn = TenantTxn::begin(&state.db, caller.tenant).await?;
    let row = txn
        .find::<tenant_dashboard::Entity>()
        .one()
        .await?
        .ok_or_else(|| domain::Error::NotFound {
            table: "tenant_dashboard".into(),
            detail: format!("dashboard of tenant {}", caller.tenant),
        })?;
    txn.commit().await?;
    Ok(Json(row))
}

/// `GET /v1/events?cursor=&limit=`: the tenant's outbox events, oldest first (never the
/// platform's, which the outbox also holds).
pub async fn events(
    State(state): State<AppState>,
    caller: Caller,
    params: Params,
) -> ApiResult<Json<Value>> {
    let limit = params.limit()?;
    let cursor = params.cursor()?;
    let txn = TenantTxn::begin(&state.db, caller.tenant).await?;
    let page = txn
        .find::<integration_events::Entity>()
        .filter(integration_events::Column::TenantId.eq(caller.tenant.as_uuid()))
        .page_oldest_first(limit, cursor.as_ref())
        .await?;
    txn.commit().await?;
    Ok(Json(json!({
        "items": page.rows,
        "next_cursor": page.next.map(|c| c.to_string()),
    })))
}
