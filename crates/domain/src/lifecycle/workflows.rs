//! Workflow runs and their steps: a run goes pending → in_progress → completed | failed |
//! cancelled; its steps, copied from the workflow's definition, run one at a time in
//! `execution_order`; a failing attempt is retried until the step's `max_retries`, after which
//! the step, and with it the run, fails.

use entity::json::{WorkflowStepRecord, WorkflowStepRecords};
use entity::sea_orm_active_enums::{
    WorkflowKind, WorkflowRunStatus, WorkflowStatus, WorkflowStepStatus,
};
use entity::{workflow_runs, workflow_steps, workflows};
use sea_orm::prelude::{DateTimeWithTimeZone, Uuid};
use sea_orm::{ActiveModelBehavior, ColumnTrait, IntoActiveModel, Set};

use super::{Lifecycle, locked, now, outbox};
use crate::error::{Error, Result};
use crate::events::{
    Event, WorkflowRunStarted, WorkflowRunStatusChanged, WorkflowStepAttemptFailed,
    WorkflowStepCompleted, WorkflowStepFailed,
};
use crate::tenancy::TenantTxn;

impl Lifecycle for WorkflowRunStatus {
    const TABLE: &'static str = "workflow_runs";

    fn next(self) -> &'static [Self] {
        use WorkflowRunStatus::*;
        match self {
            Pending => &[InProgress, Cancelled],
            InProgress => &[Completed, Failed, Cancelled],
            Completed | Failed | Cancelled => &[],
        }
    }

    fn name(self) -> String {
        super::state_name(&self)
    }
}

impl Lifecycle for WorkflowStepStatus {
    const TABLE: &'static str = "workflow_steps";

    fn next(self) -> &'static [Self] {
        use WorkflowStepStatus::*;
        match self {
            Pending => &[Running, Skipped],
            // Skipped: its run was cancelled while it ran.
            Running => &[Completed, Failed, Skipped],
            Completed | Failed | Skipped => &[],
        }
    }

    fn name(self) -> String {
        super::state_name(&self)
    }
}

/// A run with its steps, in `execution_order`.
#[derive(Debug, Clone)]
pub struct Run {
    /// The run.
    pub run: workflow_runs::Model,
    /// Its steps.
    pub steps: Vec<workflow_steps::Model>,
}

/// Starts a run of the tenant's active workflow `workflow_id` with `input` (an object): the run
/// is `in_progress`, its first step `running`, the others `pending`. Writes
/// `workflow_run.started`.
///
/// # Errors
///
/// [`Error::NotFound`] for a workflow not the tenant's; [`Error::Validation`] (`input`, or
/// `workflow_id` for a workflow that is not active or has no steps); the database's.
pub async fn start_run(
    txn: &TenantTxn,
    workflow_id: Uuid,
    input: serde_json::Value,
) -> Result<Run> {
    if !input.is_object() {
        return Err(Error::validation("input", "must be a JSON object"));
    }
    let workflow = txn
        .find_by_id::<workflows::Entity>(workflow_id)
        .one()
        .await?
        .ok_or_else(|| Error::NotFound {
            table: "workflows".into(),
            detail: format!("workflow {workflow_id} of tenant {}", txn.tenant()),
        })?;
    if workflow.status != WorkflowStatus::Active {
        return Err(Error::validation(
            "workflow_id",
            format!(
                "the workflow is `{}`; only an active workflow can run",
                super::state_name(&workflow.status)
            ),
        ));
    }
    let definition = workflow.definition.steps;
    let Some(first) = definition.first() else {
        return Err(Error::validation(
            "workflow_id",
            "the workflow defines no steps",
        ));
    };
    let started = now();
    let run = txn
        .insert(workflow_runs::ActiveModel {
            workflow_id: Set(workflow_id),
            status: Set(WorkflowRunStatus::InProgress),
            current_step: Set(Some(first.name.clone())),
            trigger: Set(Some("api".into())),
            input: Set(input),
            steps_completed: Set(WorkflowStepRecords::default()),
            steps_failed: Set(WorkflowStepRecords::default()),
            started_at: Set(Some(started)),
            ..ActiveModelBehavior::new()
        })
        .await?;
    let rows: Vec<workflow_steps::ActiveModel> = definition
        .iter()
        .enumerate()
        .map(|(order, step)| {
            let first = order == 0;
            workflow_steps::ActiveModel {
                workflow_run_id: Set(run.id),
                step_name: Set(step.name.clone()),
                step_type: Set(step.step_type.clone()),
                execution_order: Set(order as i64),
                status: Set(if first {
                    WorkflowStepStatus::Running
                } else {
                    WorkflowStepStatus::Pending
                }),
                input: Set(serde_json::json!({})),
                retry_count: Set(0),
                max_retries: Set(step.max_retries),
                started_at: Set(first.then_some(started)),
                ..ActiveModelBehavior::new()
            }
        })
        .collect();
    let steps = txn.insert_many(rows).await?;
    outbox::record(
        txn,
        &Event::WorkflowRunStarted(WorkflowRunStarted {
            id: run.id,
            workflow_id,
            kind: workflow.kind,
            steps: steps.len() as i64,
        }),
    )
    .await?;
    Ok(Run { run, steps })
}

/// The tenant's run `id` with its steps.
///
/// # Errors
///
/// [`Error::NotFound`] when the tenant has no such run.
pub async fn get(txn: &TenantTxn, id: Uuid) -> Result<Run> {
    let run = txn
        .find_by_id::<workflow_runs::Entity>(id)
        .one()
        .await?
        .ok_or_else(|| Error::NotFound {
            table: "workflow_runs".into(),
            detail: format!("run {id} of tenant {}", txn.tenant()),
        })?;
    let steps = txn
        .find::<workflow_steps::Entity>()
        .filter(workflow_steps::Column::WorkflowRunId.eq(id))
        .order_by_asc(workflow_steps::Column::ExecutionOrder)
        .all()
        .await?;
    Ok(Run { run, steps })
}

/// The running step `order` of the tenant's run `run_id`.
async fn running_step(
    txn: &TenantTxn,
    run_id: Uuid,
    order: i64,
    to: WorkflowStepStatus,
) -> Result<(Run, workflow_steps::Model)> {
    // The run's lock serialises every move of the run and its steps.
    locked::<workflow_runs::Entity>(txn, run_id).await?;
    let run = get(txn, run_id).await?;
    let step = run
        .steps
        .iter()
        .find(|s| s.execution_order == order)
        .cloned()
        .ok_or_else(|| Error::NotFound {
            table: "workflow_steps".into(),
            detail: format!("step {order} of run {run_id} of tenant {}", txn.tenant()),
        })?;
    step.status.check(to)?;
    Ok((run, step))
}

/// Records a failed attempt of step `order` (which must be running) with `error`. Every attempt's
/// error is kept in the step's `error` (`{"message": <last>, "attempts": [{"attempt", "message",
/// "failed_at"}, …]}`). Below its `max_retries` the step stays running with one more retry
/// counted (`workflow_step.attempt_failed`); once `retry_count` has reached `max_retries`, the
/// failed attempt fails the step and with it the run (`workflow_step.failed`,
/// `workflow_run.status_changed`). A step with `max_retries` 3 thus fails on its fourth failed
/// attempt, as `ck_workflow_steps_failed_after_max_retries` requires.
///
/// # Errors
///
/// [`Error::Validation`] (`error`); [`Error::NotFound`]; [`Error::IllegalTransition`] for a
/// step that is not running; [`Error::Concurrent`]; the database's.
pub async fn fail_step(txn: &TenantTxn, run_id: Uuid, order: i64, error: &str) -> Result<Run> {
    if error.trim().is_empty() {
        return Err(Error::validation(
            "error",
            "is required: say why the attempt failed",
        ));
    }
    let (run, step) = running_step(txn, run_id, order, WorkflowStepStatus::Failed).await?;
    let at = now();
    let retries = step.retry_count;
    let attempt = retries + 1;
    let exhausted = step.retry_count >= step.max_retries;
    let step_id = step.id;
    let started_at = step.started_at;
    let step_name = step.step_name.clone();
    let mut attempts = step
        .error
        .as_ref()
        .and_then(|e| e.get("attempts"))
        .and_then(|a| a.as_array())
        .cloned()
        .unwrap_or_default();
    attempts.push(serde_json::json!({"attempt": attempt, "message": error, "failed_at": at}));
    let mut change = step.into_active_model();
    change.error = Set(Some(
        serde_json::json!({"message": error, "attempts": attempts}),
    ));
    let expected = sea_orm::Condition::all()
        .add(workflow_steps::Column::Status.eq(WorkflowStepStatus::Running))
        .add(workflow_steps::Column::RetryCount.eq(retries));
    if !exhausted {
        change.retry_count = Set(attempt);
        txn.update_if(change, expected).await?;
        outbox::record(
            txn,
            &Event::WorkflowStepAttemptFailed(WorkflowStepAttemptFailed {
                id: step_id,
                run_id,
                execution_order: order,
                attempt,
                error: error.to_owned(),
            }),
        )
        .await?;
        return get(txn, run_id).await;
    }
    change.status = Set(WorkflowStepStatus::Failed);
    change.completed_at = Set(Some(at));
    change.execution_time_ms = Set(started_at.map(|s| elapsed_ms(s, at)));
    txn.update_if(change, expected).await?;
    outbox::record(
        txn,
        &Event::WorkflowStepFailed(WorkflowStepFailed {
            id: step_id,
            run_id,
            execution_order: order,
            attempts: attempt,
            error: error.to_owned(),
        }),
    )
    .await?;
    let from = run.run.status;
    from.check(WorkflowRunStatus::Failed)?;
    let workflow_id = run.run.workflow_id;
    let mut failed = run.run.steps_failed.clone();
    failed.0.push(WorkflowStepRecord {
        step: step_name,
        execution_order: order,
        finished_at: at,
        error: Some(error.to_owned()),
        extra: Default::default(),
    });
    let mut change = run.run.into_active_model();
    change.status = Set(WorkflowRunStatus::Failed);
    change.error = Set(Some(error.to_owned()));
    change.completed_at = Set(Some(at));
    change.steps_failed = Set(failed);
    change.current_step = Set(None);
    txn.update_if(change, workflow_runs::Column::Status.eq(from))
        .await?;
    run_changed(txn, run_id, workflow_id, from, WorkflowRunStatus::Failed).await?;
    get(txn, run_id).await
}

/// Completes step `order` (which must be running) with `output`: the next step starts, or,
/// after the last, the run completes. Writes `workflow_step.completed` (and
/// `workflow_run.status_changed`).
///
/// # Errors
///
/// [`Error::NotFound`]; [`Error::IllegalTransition`] for a step that is not running;
/// [`Error::Concurrent`]; the database's.
pub async fn complete_step(
    txn: &TenantTxn,
    run_id: Uuid,
    order: i64,
    output: Option<serde_json::Value>,
) -> Result<Run> {
    let (run, step) = running_step(txn, run_id, order, WorkflowStepStatus::Completed).await?;
    let at = now();
    let step_id = step.id;
    let step_name = step.step_name.clone();
    let started_at = step.started_at;
    let mut change = step.into_active_model();
    change.status = Set(WorkflowStepStatus::Completed);
    change.completed_at = Set(Some(at));
    change.execution_time_ms = Set(started_at.map(|s| elapsed_ms(s, at)));
    change.output = Set(output);
    txn.update_if(
        change,
        workflow_steps::Column::Status.eq(WorkflowStepStatus::Running),
    )
    .await?;
    outbox::record(
        txn,
        &Event::WorkflowStepCompleted(WorkflowStepCompleted {
            id: step_id,
            run_id,
            execution_order: order,
        }),
    )
    .await?;
    let mut completed = run.run.steps_completed.clone();
    completed.0.push(WorkflowStepRecord {
        step: step_name,
        execution_order: order,
        finished_at: at,
        error: None,
        extra: Default::default(),
    });
    let next = run
        .steps
        .iter()
        .find(|s| s.execution_order == order + 1)
        .cloned();
    let from = run.run.status;
    let workflow_id = run.run.workflow_id;
    let mut change = run.run.into_active_model();
    change.steps_completed = Set(completed);
    match next {
        Some(next) => {
            next.status.check(WorkflowStepStatus::Running)?;
            change.current_step = Set(Some(next.step_name.clone()));
            txn.update_if(change, workflow_runs::Column::Status.eq(from))
                .await?;
            let mut start = next.into_active_model();
            start.status = Set(WorkflowStepStatus::Running);
            start.started_at = Set(Some(at));
            txn.update_if(
                start,
                workflow_steps::Column::Status.eq(WorkflowStepStatus::Pending),
            )
            .await?;
        }
        None => {
            from.check(WorkflowRunStatus::Completed)?;
            change.status = Set(WorkflowRunStatus::Completed);
            change.completed_at = Set(Some(at));
            change.current_step = Set(None);
            txn.update_if(change, workflow_runs::Column::Status.eq(from))
                .await?;
            run_changed(txn, run_id, workflow_id, from, WorkflowRunStatus::Completed).await?;
        }
    }
    get(txn, run_id).await
}

async fn run_changed(
    txn: &TenantTxn,
    id: Uuid,
    workflow_id: Uuid,
    from: WorkflowRunStatus,
    to: WorkflowRunStatus,
) -> Result<()> {
    let kind = txn
        .find_by_id::<workflows::Entity>(workflow_id)
        .one()
        .await?
        .map_or(WorkflowKind::Custom, |w| w.kind);
    outbox::record(
        txn,
        &Event::WorkflowRunStatusChanged(WorkflowRunStatusChanged {
            id,
            workflow_id,
            kind,
            from,
            to,
        }),
    )
    .await?;
    Ok(())
}

/// Cancels run `id` (pending or in progress): its running and pending steps are skipped.
/// Writes `workflow_run.status_changed`.
///
/// # Errors
///
/// [`Error::NotFound`]; [`Error::IllegalTransition`] for a run that has ended;
/// [`Error::Concurrent`]; the database's.
pub async fn cancel_run(txn: &TenantTxn, id: Uuid) -> Result<Run> {
    let run = locked::<workflow_runs::Entity>(txn, id).await?;
    let from = run.status;
    from.check(WorkflowRunStatus::Cancelled)?;
    let at = now();
    let workflow_id = run.workflow_id;
    let mut change = run.into_active_model();
    change.status = Set(WorkflowRunStatus::Cancelled);
    change.completed_at = Set(Some(at));
    change.current_step = Set(None);
    txn.update_if(change, workflow_runs::Column::Status.eq(from))
        .await?;
    // A running step ends with the run: it was started, so it is skipped with its end stamped.
    txn.update_many::<workflow_steps::Entity>()
        .col_expr(
            workflow_steps::Column::Status,
            sea_orm::sea_query::Expr::value(WorkflowStepStatus::Skipped),
        )
        .col_expr(
            workflow_steps::Column::CompletedAt,
            sea_orm::sea_query::Expr::value(at),
        )
        .filter(workflow_steps::Column::WorkflowRunId.eq(id))
        .filter(
            workflow_steps::Column::Status
                .is_in([WorkflowStepStatus::Pending, WorkflowStepStatus::Running]),
        )
        .exec()
        .await?;
    run_changed(txn, id, workflow_id, from, WorkflowRunStatus::Cancelled).await?;
    get(txn, id).await
}

fn elapsed_ms(from: DateTimeWithTimeZone, to: DateTimeWithTimeZone) -> i64 {
    (to - from).num_milliseconds().max(0)
}
