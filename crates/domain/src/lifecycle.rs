//! Typed lifecycles of the model's stateful rows, each move written with its outbox event in the
//! same transaction (domain model, "Lifecycles the data must respect"):
//!
//! - [`reports`]: draft → scheduled → processing → completed | failed, any non-final → cancelled;
//!   executions of a report, whose `completed_at` is set exactly when they end;
//! - [`workflows`]: runs pending → in_progress → completed | failed | cancelled, their steps in
//!   `execution_order`, a failing step retried until `max_retries`, then failing the run;
//! - [`handover`]: packages pending → preparing → ready → delivering → delivered | failed,
//!   referencing only their own tenant's run, installations and configurations, with sealed
//!   admin credentials;
//! - [`billing`]: invoices draft → open → paid | void | uncollectible, `issued_at` once out of
//!   draft and `paid_at` exactly when paid;
//! - [`marketplace`]: module installations pending → installing → active | failed, a failed one
//!   retried or given up, any of them → uninstalled;
//! - [`subscriptions`]: trialing → active ⇄ past_due, any of them → canceled | expired;
//! - [`support`]: tickets open ⇄ pending ⇄ on_hold → solved → closed, a solved one reopened.
//!
//! The model's enums give the states; where it gives no arrows (installations, subscriptions,
//! tickets) the machine is the one the tables' checks and comments describe.
//!
//! Every move reads the row in the tenant's transaction **locked** (`FOR UPDATE` on Postgres),
//! checks the state machine (a move it does not allow is [`Error::IllegalTransition`], naming the
//! current, requested and allowed next states), stamps exactly the timestamps the model ties to
//! the new state, and writes with [`TenantTxn::update_if`] on the state it read. Of two
//! concurrent moves of one row, the second waits for the first, then reads the state it left: it
//! gets [`Error::IllegalTransition`] when that state does not allow its move, and on SQLite,
//! which has no row locks, the conditional update refuses it with [`Error::Concurrent`]; either
//! way exactly one wins. [`outbox::record`] writes the move's event ([`crate::events::Event`])
//! through the same transaction: a rolled-back move leaves no event, and a committed one always
//! has its event.

pub mod billing;
pub mod handover;
pub mod marketplace;
pub mod outbox;
pub mod reports;
pub mod subscriptions;
pub mod support;
pub mod workflows;

use entity::scope::TenantScoped;
use sea_orm::prelude::Uuid;

use crate::error::{Error, Result};
use crate::tenancy::{RowLock, TenantTxn};

/// The tenant's row `id` of `E`, locked `FOR UPDATE` until the transaction ends (on Postgres; on
/// SQLite writers are serialised by the database lock), so a concurrent move of the same row
/// waits for this one and then reads the state it left.
///
/// # Errors
///
/// [`Error::NotFound`] when the tenant has no such row (another tenant's is not found either).
pub(crate) async fn locked<E: TenantScoped>(txn: &TenantTxn, id: Uuid) -> Result<E::Model> {
    txn.find_by_uuid::<E>(id)?
        .lock(RowLock::Update)
        .one()
        .await?
        .ok_or_else(|| not_found::<E>(txn, id))
}

/// [`Error::NotFound`] for the row `id` of `E`.
pub(crate) fn not_found<E: TenantScoped>(txn: &TenantTxn, id: Uuid) -> Error {
    let table = E::default().table_name();
    Error::NotFound {
        table: table.into(),
        detail: format!("{table} row {id} of tenant {}", txn.tenant()),
    }
}

/// Now, as stored in timestamp columns.
pub(crate) fn now() -> sea_orm::prelude::DateTimeWithTimeZone {
    chrono::Utc::now().fixed_offset()
}

/// A state machine over a status enum.
pub trait Lifecycle: Copy + PartialEq + std::fmt::Debug + 'static {
    /// The table whose rows move (`reports`).
    const TABLE: &'static str;

    /// The states a row may move to from `self` (empty when `self` is final).
    fn next(self) -> &'static [Self];

    /// The state as stored (`"draft"`).
    fn name(self) -> String;

    /// Checks that a row in `self` may move to `to`.
    ///
    /// # Errors
    ///
    /// [`Error::IllegalTransition`] naming the allowed next states.
    fn check(self, to: Self) -> Result<()> {
        if self.next().contains(&to) {
            return Ok(());
        }
        Err(Error::IllegalTransition {
            table: Self::TABLE.to_owned(),
            from: self.name(),
            to: to.name(),
            allowed: self.next().iter().map(|s| s.name()).collect(),
        })
    }
}

/// The name of a state as stored and as clients see it (`"draft"`): the model's enums serialise
/// to their stored values.
pub fn state_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Parses a client's state name into `T`, as a validation error of `field` naming the values.
///
/// # Errors
///
/// [`Error::Validation`] of `field` when `value` is not a state of `T`.
pub fn parse_state<T>(field: &str, value: &str) -> Result<T>
where
    T: serde::Serialize + serde::de::DeserializeOwned + sea_orm::Iterable,
{
    serde_json::from_value(serde_json::Value::String(value.to_owned())).map_err(|_| {
        let names: Vec<String> = T::iter().map(|v| state_name(&v)).collect();
        Error::validation(field, format!("must be one of: {}", names.join(", ")))
    })
}

#[cfg(test)]
mod tests {
    use entity::sea_orm_active_enums::ReportStatus;

    use super::*;

    #[test]
    fn a_move_the_machine_does_not_allow_names_the_allowed_ones() {
        assert!(ReportStatus::Draft.check(ReportStatus::Scheduled).is_ok());
        let err = ReportStatus::Draft
            .check(ReportStatus::Completed)
            .expect_err("draft cannot complete");
        assert_eq!(err.code(), "conflict.illegal_transition");
        assert_eq!(err.kind().http_status(), 409);
        assert_eq!(
            err.to_string(),
            "a row of `reports` cannot move from `draft` to `completed`; from `draft` it may \
             move to: scheduled, cancelled"
        );
        let err = ReportStatus::Completed
            .check(ReportStatus::Cancelled)
            .expect_err("final");
        assert!(err.to_string().ends_with("`completed` is final"), "{err}");
    }

    #[test]
    fn states_parse_by_their_stored_names() {
        assert_eq!(
            parse_state::<ReportStatus>("to", "scheduled").expect("parses"),
            ReportStatus::Scheduled
        );
        let err = parse_state::<ReportStatus>("to", "Scheduled").expect_err("case matters");
        assert_eq!(err.field().as_deref(), Some("to"));
        assert!(
            err.to_string().contains("draft, scheduled, processing"),
            "{err}"
        );
    }
}
