//! Typed JSON of the automation tables: workflow definitions and the step records of runs.

use sea_orm::FromJsonQueryResult;
use sea_orm::prelude::DateTimeWithTimeZone;
use serde::{Deserialize, Serialize};

use super::Extra;

/// `workflows.definition`: the steps a run of the workflow executes, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(default)]
pub struct WorkflowDefinition {
    /// The steps, in execution order (the first is `execution_order` 0 of a run).
    pub steps: Vec<WorkflowStepDefinition>,
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One step of a workflow definition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowStepDefinition {
    /// The step's name, unique within the workflow; copied to `workflow_steps.step_name`.
    pub name: String,
    /// What the step does, for example `provision_database`; copied to `workflow_steps.step_type`.
    #[serde(rename = "type")]
    pub step_type: String,
    /// How many times a failing attempt is retried before the step, and so the run, fails
    /// (default 3, as in seed 001).
    #[serde(default = "default_max_retries")]
    pub max_retries: i64,
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The retries a step gets when its definition names none.
fn default_max_retries() -> i64 {
    3
}

/// `workflow_runs.steps_completed` and `workflow_runs.steps_failed`: the steps of a run that
/// finished, completed or failed, in the order they finished.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct WorkflowStepRecords(pub Vec<WorkflowStepRecord>);

/// One finished step of a workflow run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowStepRecord {
    /// The step's name, as in the workflow definition.
    pub step: String,
    /// The step's place in the run (`workflow_steps.execution_order`).
    pub execution_order: i64,
    /// When the step completed, or failed for good.
    pub finished_at: DateTimeWithTimeZone,
    /// Why it failed; present in `steps_failed` only.
    #[serde(default)]
    pub error: Option<String>,
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
}
