//! Invoices: draft → open → paid | void | uncollectible. Leaving draft stamps `issued_at` (and
//! `due_at` when given); `paid_at` is set exactly when the invoice is paid.

use entity::invoices;
use entity::sea_orm_active_enums::InvoiceStatus;
use sea_orm::prelude::{DateTimeWithTimeZone, Uuid};
use sea_orm::{ColumnTrait, IntoActiveModel, Set};

use super::{Lifecycle, locked, now, outbox};
use crate::error::{Error, Result};
use crate::events::{Event, StatusChanged};
use crate::tenancy::TenantTxn;

impl Lifecycle for InvoiceStatus {
    const TABLE: &'static str = "invoices";

    fn next(self) -> &'static [Self] {
        use InvoiceStatus::*;
        match self {
            Draft => &[Open],
            Open => &[Paid, Void, Uncollectible],
            Paid | Void | Uncollectible => &[],
        }
    }

    fn name(self) -> String {
        super::state_name(&self)
    }
}

/// Moves invoice `id` to `to`: `open` stamps `issued_at` (and sets `due_at` to `due_at` when
/// given, which must not be before now), `paid` stamps `paid_at`. Writes
/// `invoice.status_changed`.
///
/// # Errors
///
/// [`Error::NotFound`], [`Error::IllegalTransition`], [`Error::Validation`] (`due_at`, given
/// for a move other than `open` or in the past), [`Error::Concurrent`]; the database's.
pub async fn transition(
    txn: &TenantTxn,
    id: Uuid,
    to: InvoiceStatus,
    due_at: Option<DateTimeWithTimeZone>,
) -> Result<invoices::Model> {
    let invoice = locked::<invoices::Entity>(txn, id).await?;
    let from = invoice.status;
    from.check(to)?;
    let at = now();
    if due_at.is_some() && to != InvoiceStatus::Open {
        return Err(Error::validation(
            "due_at",
            "is set only when the invoice is opened",
        ));
    }
    if due_at.is_some_and(|d| d < at) {
        return Err(Error::validation("due_at", "must not be in the past"));
    }
    let mut change = invoice.into_active_model();
    change.status = Set(to);
    match to {
        InvoiceStatus::Open => {
            change.issued_at = Set(Some(at));
            if due_at.is_some() {
                change.due_at = Set(due_at);
            }
        }
        InvoiceStatus::Paid => change.paid_at = Set(Some(at)),
        _ => {}
    }
    let moved = txn
        .update_if(change, invoices::Column::Status.eq(from))
        .await?;
    outbox::record(
        txn,
        &Event::InvoiceStatusChanged(StatusChanged { id, from, to }),
    )
    .await?;
    Ok(moved)
}
