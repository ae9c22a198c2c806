//! Orchestration through the outbox (seed 001: "orchestration workflows trigger handover
//! automation"): the lifecycles do not call each other; a [`Handler`] of the relay reacts to
//! their events.
//!
//! [`Orchestrator`] reacts to `workflow_run.status_changed` of a `handover` workflow that
//! completed by readying the run's handover packages
//! ([`lifecycle::handover::ready_for_run`](crate::lifecycle::handover::ready_for_run)), in the
//! relay's transaction for the run's tenant, so the packages' own events name the run's event
//! as their cause. Every other event is acknowledged without effect. Readying is idempotent: a
//! second delivery of the same event finds the packages ready and does nothing.

use entity::sea_orm_active_enums::{WorkflowKind, WorkflowRunStatus};

use crate::events::Event;
use crate::lifecycle;
use crate::relay::{Delivery, Handler, HandlerError};
use crate::tenancy::TenantTxn;

/// The platform's own reactions to outbox events.
#[derive(Debug, Clone, Copy, Default)]
pub struct Orchestrator;

impl Handler for Orchestrator {
    async fn handle(&self, delivery: &Delivery, txn: &TenantTxn) -> Result<(), HandlerError> {
        let event = match delivery.event() {
            Ok(event) => event,
            // A newer version of an event this build knows: leave it for a newer worker.
            Err(e) if e.field().as_deref() == Some("metadata.version") => return Err(e.into()),
            // Events outside the catalogue (another producer's) are not the orchestrator's.
            Err(_) => return Ok(()),
        };
        if let Event::WorkflowRunStatusChanged(changed) = event
            && changed.kind == WorkflowKind::Handover
            && changed.to == WorkflowRunStatus::Completed
        {
            lifecycle::handover::ready_for_run(txn, changed.id).await?;
        }
        Ok(())
    }
}
