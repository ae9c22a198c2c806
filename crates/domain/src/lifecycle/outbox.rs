//! The outbox: one `integration_events` row per state change, written in the transaction of the
//! change, `pending` for the relay ([`crate::relay`]) to deliver. What a row holds is an
//! [`Event`] of the catalogue ([`crate::events`]).

use entity::integration_events;
use entity::sea_orm_active_enums::IntegrationEventStatus;
use sea_orm::{ActiveModelBehavior, Set};

use crate::error::Result;
use crate::events::Event;
use crate::tenancy::TenantTxn;

/// Records `event` in `txn`: its type, source, payload and version (`metadata.version`), with
/// the subject row's id as `correlation_id`, so the events of one row can be followed, and, when
/// `txn` reacts to an event ([`TenantTxn::caused_by`]), that event as `causation_id`.
///
/// # Errors
///
/// The insert's.
pub async fn record(txn: &TenantTxn, event: &Event) -> Result<integration_events::Model> {
    let row = integration_events::ActiveModel {
        event_type: Set(event.event_type().to_owned()),
        source: Set(event.source()),
        payload: Set(event.payload()),
        metadata: Set(serde_json::json!({"version": event.version()})),
        status: Set(IntegrationEventStatus::Pending),
        attempts: Set(0),
        correlation_id: Set(Some(event.subject())),
        causation_id: Set(txn.causation()),
        ..ActiveModelBehavior::new()
    };
    txn.insert(row).await
}
