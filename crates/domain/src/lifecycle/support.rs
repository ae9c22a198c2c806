//! Tickets: open, pending and on_hold move among themselves and to solved or closed; a solved
//! ticket is reopened (→ open) or closed; closed is final. `resolved_at` is set exactly while a
//! ticket is solved or closed: solving or closing an unsolved ticket stamps it, closing a solved
//! one keeps the time it was solved, reopening clears it.

use entity::sea_orm_active_enums::TicketStatus;
use entity::tickets;
use sea_orm::prelude::Uuid;
use sea_orm::{ColumnTrait, IntoActiveModel, Set};

use super::{Lifecycle, locked, now, outbox};
use crate::error::Result;
use crate::events::{Event, StatusChanged};
use crate::tenancy::TenantTxn;

impl Lifecycle for TicketStatus {
    const TABLE: &'static str = "tickets";

    fn next(self) -> &'static [Self] {
        use TicketStatus::*;
        match self {
            Open => &[Pending, OnHold, Solved, Closed],
            Pending => &[Open, OnHold, Solved, Closed],
            OnHold => &[Open, Pending, Solved, Closed],
            Solved => &[Open, Closed],
            Closed => &[],
        }
    }

    fn name(self) -> String {
        super::state_name(&self)
    }
}

fn resolved(status: TicketStatus) -> bool {
    matches!(status, TicketStatus::Solved | TicketStatus::Closed)
}

/// Moves ticket `id` to `to`, stamping or clearing `resolved_at`. Writes
/// `ticket.status_changed`.
///
/// # Errors
///
/// [`Error::NotFound`](crate::Error::NotFound),
/// [`Error::IllegalTransition`](crate::Error::IllegalTransition),
/// [`Error::Concurrent`](crate::Error::Concurrent); the database's.
pub async fn transition(txn: &TenantTxn, id: Uuid, to: TicketStatus) -> Result<tickets::Model> {
    let ticket = locked::<tickets::Entity>(txn, id).await?;
    let from = ticket.status;
    from.check(to)?;
    let mut change = ticket.into_active_model();
    change.status = Set(to);
    match (resolved(from), resolved(to)) {
        (false, true) => change.resolved_at = Set(Some(now())),
        (true, false) => change.resolved_at = Set(None),
        _ => {}
    }
    let moved = txn
        .update_if(change, tickets::Column::Status.eq(from))
        .await?;
    outbox::record(
        txn,
        &Event::TicketStatusChanged(StatusChanged { id, from, to }),
    )
    .await?;
    Ok(moved)
}
