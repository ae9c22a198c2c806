//! Reports and their executions: draft → scheduled → processing → completed | failed, any
//! non-final state → cancelled; an execution starts a scheduled or processing report (moving it
//! to processing) and ends completed or failed, which ends its report the same way.

use entity::sea_orm_active_enums::{ReportExecutionStatus, ReportStatus};
use entity::{report_executions, report_templates, reports};
use sea_orm::prelude::Uuid;
use sea_orm::{ActiveModelBehavior, ColumnTrait, IntoActiveModel, Set};

use super::{Lifecycle, locked, now, outbox};
use crate::error::{Error, Result};
use crate::events::{
    Event, ReportCreated, ReportExecutionFinished, ReportExecutionStarted, StatusChanged,
};
use crate::tenancy::TenantTxn;

impl Lifecycle for ReportStatus {
    const TABLE: &'static str = "reports";

    fn next(self) -> &'static [Self] {
        use ReportStatus::*;
        match self {
            Draft => &[Scheduled, Cancelled],
            Scheduled => &[Processing, Cancelled],
            Processing => &[Completed, Failed, Cancelled],
            Completed | Failed | Cancelled => &[],
        }
    }

    fn name(self) -> String {
        super::state_name(&self)
    }
}

impl Lifecycle for ReportExecutionStatus {
    const TABLE: &'static str = "report_executions";

    fn next(self) -> &'static [Self] {
        use ReportExecutionStatus::*;
        match self {
            Running => &[Completed, Failed, Cancelled],
            Completed | Failed | Cancelled => &[],
        }
    }

    fn name(self) -> String {
        super::state_name(&self)
    }
}

/// What a new report is made of.
#[derive(Debug, Clone)]
pub struct NewReport {
    /// Its template, a `report_templates` row of the tenant.
    pub template_id: Uuid,
    /// The user it is created by, a member of the tenant.
    pub created_by_user_id: Uuid,
    /// Its name.
    pub name: String,
    /// Optional description.
    pub description: Option<String>,
    /// Template parameters (an object).
    pub parameters: serde_json::Value,
    /// Priority, 1 to 10 (default 5).
    pub priority: Option<i64>,
}

/// Creates a report, `draft`, and its `report.created` event.
///
/// # Errors
///
/// [`Error::Validation`] naming the field (`name`, `priority`, `parameters`);
/// [`Error::NotFound`] when the template is not the tenant's (another tenant's is not found
/// either); the database's.
pub async fn create(txn: &TenantTxn, new: NewReport) -> Result<reports::Model> {
    if new.name.trim().is_empty() {
        return Err(Error::validation("name", "must not be empty"));
    }
    let priority = new.priority.unwrap_or(5);
    if !(1..=10).contains(&priority) {
        return Err(Error::validation("priority", "must be between 1 and 10"));
    }
    if !new.parameters.is_object() {
        return Err(Error::validation("parameters", "must be a JSON object"));
    }
    let parameters: entity::json::ReportParameters = serde_json::from_value(new.parameters)
        .map_err(|_| Error::validation("parameters", "must be a JSON object"))?;
    let template = txn
        .find_by_id::<report_templates::Entity>(new.template_id)
        .one()
        .await?;
    if template.is_none() {
        return Err(Error::NotFound {
            table: "report_templates".into(),
            detail: format!("template {} of tenant {}", new.template_id, txn.tenant()),
        });
    }
    let report = txn
        .insert(reports::ActiveModel {
            report_template_id: Set(new.template_id),
            created_by_user_id: Set(new.created_by_user_id),
            name: Set(new.name),
            description: Set(new.description),
            parameters: Set(parameters),
            configuration: Set(serde_json::json!({})),
            status: Set(ReportStatus::Draft),
            priority: Set(priority),
            execution_count: Set(0),
            ..ActiveModelBehavior::new()
        })
        .await?;
    outbox::record(
        txn,
        &Event::ReportCreated(ReportCreated {
            id: report.id,
            template_id: report.report_template_id,
        }),
    )
    .await?;
    Ok(report)
}

/// The tenant's report `id`.
///
/// # Errors
///
/// [`Error::NotFound`] when the tenant has none with that id.
pub async fn get(txn: &TenantTxn, id: Uuid) -> Result<reports::Model> {
    txn.find_by_id::<reports::Entity>(id)
        .one()
        .await?
        .ok_or_else(|| Error::NotFound {
            table: "reports".into(),
            detail: format!("report {id} of tenant {}", txn.tenant()),
        })
}

/// Moves report `id` to `to` (`scheduled_at` is set to now when scheduling a report without
/// one), with its `report.status_changed` event.
///
/// # Errors
///
/// [`Error::NotFound`], [`Error::IllegalTransition`], [`Error::Concurrent`] when another
/// request moved it first; the database's.
pub async fn transition(txn: &TenantTxn, id: Uuid, to: ReportStatus) -> Result<reports::Model> {
    let report = locked::<reports::Entity>(txn, id).await?;
    let from = report.status;
    from.check(to)?;
    let scheduled_at = report.scheduled_at;
    let mut change = report.into_active_model();
    change.status = Set(to);
    if to == ReportStatus::Scheduled && scheduled_at.is_none() {
        change.scheduled_at = Set(Some(now()));
    }
    let moved = txn
        .update_if(change, reports::Column::Status.eq(from))
        .await?;
    status_changed(txn, id, from, to).await?;
    Ok(moved)
}

async fn status_changed(
    txn: &TenantTxn,
    id: Uuid,
    from: ReportStatus,
    to: ReportStatus,
) -> Result<()> {
    outbox::record(
        txn,
        &Event::ReportStatusChanged(StatusChanged { id, from, to }),
    )
    .await?;
    Ok(())
}

/// Starts an execution of report `id`, which must be scheduled or processing; a scheduled
/// report moves to processing. Writes `report_execution.started` (and `report.status_changed`).
///
/// # Errors
///
/// [`Error::NotFound`]; [`Error::IllegalTransition`] for a report in another state;
/// [`Error::Concurrent`]; the database's.
pub async fn start_execution(
    txn: &TenantTxn,
    id: Uuid,
    executed_by_user_id: Option<Uuid>,
) -> Result<report_executions::Model> {
    let report = locked::<reports::Entity>(txn, id).await?;
    let from = report.status;
    if from != ReportStatus::Processing {
        from.check(ReportStatus::Processing)?;
    }
    let started = now();
    let count = report.execution_count;
    let mut change = report.into_active_model();
    change.status = Set(ReportStatus::Processing);
    change.execution_count = Set(count + 1);
    change.last_executed_at = Set(Some(started));
    txn.update_if(change, reports::Column::Status.eq(from))
        .await?;
    if from != ReportStatus::Processing {
        status_changed(txn, id, from, ReportStatus::Processing).await?;
    }
    let execution = txn
        .insert(report_executions::ActiveModel {
            report_id: Set(id),
            executed_by_user_id: Set(executed_by_user_id),
            status: Set(ReportExecutionStatus::Running),
            started_at: Set(started),
            metadata: Set(serde_json::json!({})),
            ..ActiveModelBehavior::new()
        })
        .await?;
    outbox::record(
        txn,
        &Event::ReportExecutionStarted(ReportExecutionStarted {
            id: execution.id,
            report_id: id,
        }),
    )
    .await?;
    Ok(execution)
}

/// How an execution ended.
#[derive(Debug, Clone)]
pub struct Finish {
    /// `completed`, `failed` or `cancelled`.
    pub status: ReportExecutionStatus,
    /// Why it failed; required when failed.
    pub error_message: Option<String>,
    /// Where the output is.
    pub output_url: Option<String>,
    /// Size of the output.
    pub result_size_bytes: Option<i64>,
}

/// Finishes the running execution `id`: sets its status and `completed_at`, and ends its report
/// (when processing) the same way (a cancelled execution cancels its report). Writes `report_execution.finished` (and
/// `report.status_changed`).
///
/// # Errors
///
/// [`Error::Validation`] (`status`, `error_message`, `result_size_bytes`);
/// [`Error::NotFound`]; [`Error::IllegalTransition`] for an execution already ended;
/// [`Error::Concurrent`]; the database's.
pub async fn finish_execution(
    txn: &TenantTxn,
    id: Uuid,
    finish: Finish,
) -> Result<report_executions::Model> {
    let report_status = match finish.status {
        ReportExecutionStatus::Completed => ReportStatus::Completed,
        ReportExecutionStatus::Failed => ReportStatus::Failed,
        ReportExecutionStatus::Cancelled => ReportStatus::Cancelled,
        ReportExecutionStatus::Running => {
            return Err(Error::validation(
                "status",
                "must be `completed`, `failed` or `cancelled`",
            ));
        }
    };
    if finish.status == ReportExecutionStatus::Failed
        && finish
            .error_message
            .as_deref()
            .is_none_or(|m| m.trim().is_empty())
    {
        return Err(Error::validation(
            "error_message",
            "is required when the execution failed",
        ));
    }
    if finish.result_size_bytes.is_some_and(|n| n < 0) {
        return Err(Error::validation(
            "result_size_bytes",
            "must not be negative",
        ));
    }
    let execution = locked::<report_executions::Entity>(txn, id).await?;
    let from = execution.status;
    from.check(finish.status)?;
    let report_id = execution.report_id;
    let completed = now().max(execution.started_at);
    let elapsed = (completed - execution.started_at).num_milliseconds().max(0);
    let mut change = execution.into_active_model();
    change.status = Set(finish.status);
    change.completed_at = Set(Some(completed));
    change.execution_time_ms = Set(Some(elapsed));
    change.error_message = Set(finish.error_message);
    change.output_url = Set(finish.output_url);
    change.result_size_bytes = Set(finish.result_size_bytes);
    let finished = txn
        .update_if(change, report_executions::Column::Status.eq(from))
        .await?;
    outbox::record(
        txn,
        &Event::ReportExecutionFinished(ReportExecutionFinished {
            id,
            report_id,
            status: finish.status,
        }),
    )
    .await?;
    let report = locked::<reports::Entity>(txn, report_id).await?;
    if report.status == ReportStatus::Processing {
        let mut change = report.into_active_model();
        change.status = Set(report_status);
        txn.update_if(change, reports::Column::Status.eq(ReportStatus::Processing))
            .await?;
        status_changed(txn, report_id, ReportStatus::Processing, report_status).await?;
    }
    Ok(finished)
}
