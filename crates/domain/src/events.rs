//! The catalogue of outbox events: every `integration_events` row a lifecycle writes is one
//! variant of [`Event`], with a typed payload, a stable `event_type` string, a source and a
//! version.
//!
//! - **Writing.** [`crate::lifecycle::outbox::record`] stores `event_type` ([`Event::event_type`]),
//!   `source` ([`Event::source`]), the payload as JSON, `{"version": N}` in `metadata`
//!   ([`Event::version`]) and the subject row's id as `correlation_id` ([`Event::subject`]).
//! - **Reading.** [`Event::decode`] turns a stored row back into an [`Event`]. A payload may carry
//!   fields this build does not know (a newer writer during a rolling deploy): they are ignored,
//!   not an error. An unknown `event_type`, or a version newer than this build's, is
//!   [`Error::Validation`], so a relay leaves the event for a newer worker to retry instead of
//!   handling what it does not understand.
//! - **Versions.** A compatible change (a new optional field) keeps the version; an incompatible
//!   one is a new payload struct with the version raised, and [`Event::decode`] keeps reading the
//!   old one.

use entity::integration_events;
use entity::sea_orm_active_enums::{
    HandoverPackageDeliveryStatus, IntegrationEventSource, InvoiceStatus, ModuleInstallationStatus,
    ReportExecutionStatus, ReportStatus, SubscriptionStatus, TicketStatus, WorkflowKind,
    WorkflowRunStatus,
};
use sea_orm::prelude::Uuid;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A row moved from one state to another (`*.status_changed`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChanged<S> {
    /// The row that moved.
    pub id: Uuid,
    /// Its state before.
    pub from: S,
    /// Its state after.
    pub to: S,
}

/// `report.created`: a report was created, `draft`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportCreated {
    /// The report.
    pub id: Uuid,
    /// Its template.
    pub template_id: Uuid,
}

/// `report_execution.started`: an execution of a report started, `running`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportExecutionStarted {
    /// The execution.
    pub id: Uuid,
    /// Its report.
    pub report_id: Uuid,
}

/// `report_execution.finished`: an execution ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportExecutionFinished {
    /// The execution.
    pub id: Uuid,
    /// Its report.
    pub report_id: Uuid,
    /// `completed` or `failed`.
    pub status: ReportExecutionStatus,
}

/// `workflow_run.started`: a run of a workflow started, its first step running.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkflowRunStarted {
    /// The run.
    pub id: Uuid,
    /// Its workflow.
    pub workflow_id: Uuid,
    /// The workflow's kind.
    pub kind: WorkflowKind,
    /// How many steps it has.
    pub steps: i64,
}

/// `workflow_run.status_changed`: a run moved; handlers react to a run's end by its `kind`
/// (a completed `handover` run readies its packages, [`crate::orchestration`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkflowRunStatusChanged {
    /// The run.
    pub id: Uuid,
    /// Its workflow.
    pub workflow_id: Uuid,
    /// The workflow's kind.
    pub kind: WorkflowKind,
    /// Its state before.
    pub from: WorkflowRunStatus,
    /// Its state after.
    pub to: WorkflowRunStatus,
}

/// `workflow_step.attempt_failed`: an attempt of a step failed and will be retried.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkflowStepAttemptFailed {
    /// The step.
    pub id: Uuid,
    /// Its run.
    pub run_id: Uuid,
    /// Its place in the run.
    pub execution_order: i64,
    /// Which attempt failed (1 for the first).
    pub attempt: i64,
    /// Why.
    pub error: String,
}

/// `workflow_step.completed`: a step completed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkflowStepCompleted {
    /// The step.
    pub id: Uuid,
    /// Its run.
    pub run_id: Uuid,
    /// Its place in the run.
    pub execution_order: i64,
}

/// `workflow_step.failed`: the last allowed attempt of a step failed; its run fails.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkflowStepFailed {
    /// The step.
    pub id: Uuid,
    /// Its run.
    pub run_id: Uuid,
    /// Its place in the run.
    pub execution_order: i64,
    /// How many attempts were made.
    pub attempts: i64,
    /// The last attempt's error.
    pub error: String,
}

/// `handover_package.created`: a package was created, `pending`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HandoverPackageCreated {
    /// The package.
    pub id: Uuid,
    /// The run it hands over, if any.
    pub workflow_run_id: Option<Uuid>,
    /// How many module installations it includes.
    pub modules: i64,
    /// How many configurations it includes.
    pub configurations: i64,
}

macro_rules! catalogue {
    ($(
        $(#[$doc:meta])*
        $variant:ident($payload:ty) = $name:literal, v $version:literal, $source:ident;
    )*) => {
        /// Every event the lifecycles write, with its payload. `event_type` strings are stable:
        /// consumers match on them.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum Event {
            $( $(#[$doc])* $variant($payload), )*
        }

        impl Event {
            /// Every `(event_type, version, source)` of the catalogue.
            pub const CATALOGUE: &'static [(&'static str, i64, IntegrationEventSource)] = &[
                $( ($name, $version, IntegrationEventSource::$source), )*
            ];

            /// The stored `event_type` (`report.status_changed`).
            pub fn event_type(&self) -> &'static str {
                match self { $( Self::$variant(_) => $name, )* }
            }

            /// The payload's version, stored in `metadata.version`.
            pub fn version(&self) -> i64 {
                match self { $( Self::$variant(_) => $version, )* }
            }

            /// The subsystem that writes it.
            pub fn source(&self) -> IntegrationEventSource {
                match self { $( Self::$variant(_) => IntegrationEventSource::$source, )* }
            }

            /// The payload as stored.
            pub fn payload(&self) -> serde_json::Value {
                let value = match self { $( Self::$variant(p) => serde_json::to_value(p), )* };
                // The payloads are plain structs of ids, numbers, strings and enums: they always
                // serialise.
                value.unwrap_or(serde_json::Value::Null)
            }

            fn parse(event_type: &str, payload: serde_json::Value) -> Option<serde_json::Result<Self>> {
                match event_type {
                    $( $name => Some(serde_json::from_value(payload).map(Self::$variant)), )*
                    _ => None,
                }
            }

            fn current_version(event_type: &str) -> Option<i64> {
                match event_type { $( $name => Some($version), )* _ => None }
            }
        }
    };
}

catalogue! {
    /// `report.created`.
    ReportCreated(ReportCreated) = "report.created", v 1, Reporting;
    /// `report.status_changed`.
    ReportStatusChanged(StatusChanged<ReportStatus>) = "report.status_changed", v 1, Reporting;
    /// `report_execution.started`.
    ReportExecutionStarted(ReportExecutionStarted) = "report_execution.started", v 1, Reporting;
    /// `report_execution.finished`.
    ReportExecutionFinished(ReportExecutionFinished) = "report_execution.finished", v 1, Reporting;
    /// `workflow_run.started`.
    WorkflowRunStarted(WorkflowRunStarted) = "workflow_run.started", v 1, Orchestration;
    /// `workflow_run.status_changed`.
    WorkflowRunStatusChanged(WorkflowRunStatusChanged) = "workflow_run.status_changed", v 1, Orchestration;
    /// `workflow_step.attempt_failed`.
    WorkflowStepAttemptFailed(WorkflowStepAttemptFailed) = "workflow_step.attempt_failed", v 1, Orchestration;
    /// `workflow_step.completed`.
    WorkflowStepCompleted(WorkflowStepCompleted) = "workflow_step.completed", v 1, Orchestration;
    /// `workflow_step.failed`.
    WorkflowStepFailed(WorkflowStepFailed) = "workflow_step.failed", v 1, Orchestration;
    /// `handover_package.created`.
    HandoverPackageCreated(HandoverPackageCreated) = "handover_package.created", v 1, Handover;
    /// `handover_package.status_changed`.
    HandoverPackageStatusChanged(StatusChanged<HandoverPackageDeliveryStatus>) = "handover_package.status_changed", v 1, Handover;
    /// `invoice.status_changed`.
    InvoiceStatusChanged(StatusChanged<InvoiceStatus>) = "invoice.status_changed", v 1, Billing;
    /// `module_installation.status_changed`.
    ModuleInstallationStatusChanged(StatusChanged<ModuleInstallationStatus>) = "module_installation.status_changed", v 1, Marketplace;
    /// `subscription.status_changed`.
    SubscriptionStatusChanged(StatusChanged<SubscriptionStatus>) = "subscription.status_changed", v 1, Billing;
    /// `ticket.status_changed`.
    TicketStatusChanged(StatusChanged<TicketStatus>) = "ticket.status_changed", v 1, Support;
}

impl Event {
    /// The id of the row the event is about (stored as `correlation_id`).
    pub fn subject(&self) -> Uuid {
        // Every payload names its row `id`.
        self.payload()
            .get("id")
            .and_then(|v| v.as_str())
            .and_then(|s| Uuid::parse_str(s).ok())
            .unwrap_or_default()
    }

    /// The event a stored outbox row holds.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] (`event_type`) for a type this build does not know, (`metadata.version`)
    /// for a version newer than its own, (`payload`) for a payload that is not the type's.
    pub fn decode(row: &integration_events::Model) -> Result<Self> {
        let Some(current) = Self::current_version(&row.event_type) else {
            return Err(Error::validation(
                "event_type",
                format!(
                    "`{}` is not in this build's event catalogue",
                    row.event_type
                ),
            ));
        };
        let version = row
            .metadata
            .get("version")
            .and_then(serde_json::Value::as_i64)
            .unwrap_or(1);
        if version > current {
            return Err(Error::validation(
                "metadata.version",
                format!(
                    "`{}` version {version} is newer than this build's version {current}",
                    row.event_type
                ),
            ));
        }
        match Self::parse(&row.event_type, row.payload.clone()) {
            Some(Ok(event)) => Ok(event),
            Some(Err(e)) => Err(Error::validation(
                "payload",
                format!("is not a `{}` payload: {e}", row.event_type),
            )),
            None => unreachable_type(&row.event_type),
        }
    }
}

fn unreachable_type(event_type: &str) -> Result<Event> {
    Err(Error::validation(
        "event_type",
        format!("`{event_type}` is not in this build's event catalogue"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_names_each_type_once() {
        let mut names: Vec<&str> = Event::CATALOGUE.iter().map(|(n, _, _)| *n).collect();
        let all = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all);
    }

    #[test]
    fn an_event_round_trips_and_tolerates_unknown_fields() {
        let id = Uuid::now_v7();
        let event = Event::TicketStatusChanged(StatusChanged {
            id,
            from: TicketStatus::Open,
            to: TicketStatus::Solved,
        });
        assert_eq!(event.event_type(), "ticket.status_changed");
        assert_eq!(event.subject(), id);
        let mut payload = event.payload();
        assert_eq!(payload["to"], "solved");
        payload["added_by_a_newer_writer"] = serde_json::json!(true);
        let row = integration_events::Model {
            id: Uuid::now_v7(),
            tenant_id: None,
            event_type: event.event_type().into(),
            source: event.source(),
            target: None,
            payload,
            metadata: serde_json::json!({"version": 1}),
            status: entity::sea_orm_active_enums::IntegrationEventStatus::Pending,
            attempts: 0,
            processing_error: None,
            processed_at: None,
            correlation_id: None,
            causation_id: None,
            next_attempt_at: None,
            created_at: chrono::Utc::now().fixed_offset(),
            updated_at: chrono::Utc::now().fixed_offset(),
        };
        assert_eq!(Event::decode(&row).expect("decodes"), event);

        let newer = integration_events::Model {
            metadata: serde_json::json!({"version": 2}),
            ..row.clone()
        };
        let err = Event::decode(&newer).expect_err("newer version");
        assert_eq!(err.field().as_deref(), Some("metadata.version"));
        let unknown = integration_events::Model {
            event_type: "ticket.exploded".into(),
            ..row
        };
        let err = Event::decode(&unknown).expect_err("unknown type");
        assert_eq!(err.field().as_deref(), Some("event_type"));
    }
}
