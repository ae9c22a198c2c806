//! The outbox: one `integration_events` row per state change, written in the transaction of the
//! change, `pending` for a relay to deliver.

use entity::integration_events;
use entity::sea_orm_active_enums::{IntegrationEventSource, IntegrationEventStatus};
use sea_orm::prelude::Uuid;
use sea_orm::{ActiveModelBehavior, Set};

use crate::error::Result;
use crate::tenancy::TenantTxn;

/// Records `event_type` (`report.status_changed`) about the row `subject` of `table` in `txn`,
/// with `payload` (merged with `{"table", "id"}`); its `correlation_id` is the row's id, so the
/// events of one row can be followed.
///
/// # Errors
///
/// The insert's.
pub async fn record(
    txn: &TenantTxn,
    source: IntegrationEventSource,
    event_type: &str,
    table: &str,
    subject: Uuid,
    mut payload: serde_json::Value,
) -> Result<integration_events::Model> {
    if let Some(object) = payload.as_object_mut() {
        object.insert("table".into(), table.into());
        object.insert("id".into(), subject.to_string().into());
    }
    let event = integration_events::ActiveModel {
        event_type: Set(event_type.to_owned()),
        source: Set(source),
        payload: Set(payload),
        metadata: Set(serde_json::json!({})),
        status: Set(IntegrationEventStatus::Pending),
        attempts: Set(0),
        correlation_id: Set(Some(subject)),
        ..ActiveModelBehavior::new()
    };
    txn.insert(event).await
}
