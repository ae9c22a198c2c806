//! Subscriptions: trialing → active; active ⇄ past_due; any of them → canceled | expired, which
//! are final. `canceled_at` is stamped exactly when canceled. At most one subscription of a
//! tenant has not ended (the database's partial unique index).

use entity::sea_orm_active_enums::SubscriptionStatus;
use entity::subscriptions;
use sea_orm::prelude::Uuid;
use sea_orm::{ColumnTrait, IntoActiveModel, Set};

use super::{Lifecycle, locked, now, outbox};
use crate::error::Result;
use crate::events::{Event, StatusChanged};
use crate::tenancy::TenantTxn;

impl Lifecycle for SubscriptionStatus {
    const TABLE: &'static str = "subscriptions";

    fn next(self) -> &'static [Self] {
        use SubscriptionStatus::*;
        match self {
            Trialing => &[Active, Canceled, Expired],
            Active => &[PastDue, Canceled, Expired],
            PastDue => &[Active, Canceled, Expired],
            Canceled | Expired => &[],
        }
    }

    fn name(self) -> String {
        super::state_name(&self)
    }
}

/// Moves subscription `id` to `to`; `canceled` stamps `canceled_at`. Writes
/// `subscription.status_changed`.
///
/// # Errors
///
/// [`Error::NotFound`](crate::Error::NotFound),
/// [`Error::IllegalTransition`](crate::Error::IllegalTransition),
/// [`Error::Concurrent`](crate::Error::Concurrent); the database's.
pub async fn transition(
    txn: &TenantTxn,
    id: Uuid,
    to: SubscriptionStatus,
) -> Result<subscriptions::Model> {
    let subscription = locked::<subscriptions::Entity>(txn, id).await?;
    let from = subscription.status;
    from.check(to)?;
    let mut change = subscription.into_active_model();
    change.status = Set(to);
    if to == SubscriptionStatus::Canceled {
        change.canceled_at = Set(Some(now()));
    }
    let moved = txn
        .update_if(change, subscriptions::Column::Status.eq(from))
        .await?;
    outbox::record(
        txn,
        &Event::SubscriptionStatusChanged(StatusChanged { id, from, to }),
    )
    .await?;
    Ok(moved)
}
