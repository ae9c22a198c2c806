//! Typed JSON of the integrations and automation tables: webhook event lists, workflow
//! definitions and the step records of workflow runs.

use chrono::{DateTime, Utc};
use sea_orm::FromJsonQueryResult;
use serde::{Deserialize, Serialize};

/// `webhooks.events`: the event types a webhook is sent, as in `integration_events.event_type`
/// (for example `workflow_run.completed`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct WebhookEvents(pub Vec<String>);

/// `workflows.definition`: the steps a run of the workflow executes, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(default, deny_unknown_fields)]
pub struct WorkflowDefinition {
    /// The steps, in execution order (the first is `execution_order` 0 of a run).
    pub steps: Vec<WorkflowStepDefinition>,
}

/// One step of a workflow definition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkflowStepDefinition {
    /// The step's name, unique within the workflow; copied to `workflow_steps.step_name`.
    pub name: String,
    /// What the step does, for example `provision_database`; copied to `workflow_steps.step_type`.
    #[serde(rename = "type")]
    pub step_type: String,
    /// How many times a failing attempt is retried before the step, and so the run, fails
    /// (default 3, as in seed 001).
    #[serde(default = "default_max_retries")]
    pub max_retries: u32,
}

/// The retries a step gets when its definition names none.
fn default_max_retries() -> u32 {
    3
}

/// `workflow_runs.steps_completed` and `workflow_runs.steps_failed`: the steps of a run that
/// finished, completed or failed, in the order they finished.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct WorkflowStepRecords(pub Vec<WorkflowStepRecord>);

/// One finished step of a workflow run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkflowStepRecord {
    /// The step's name, as in the workflow definition.
    pub step: String,
    /// The step's place in the run (`workflow_steps.execution_order`).
    pub execution_order: u32,
    /// When the step completed, or failed for good.
    pub finished_at: DateTime<Utc>,
    /// Why it failed; present in `steps_failed` only.
    #[serde(default)]
    pub error: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_take_the_defaults() {
        let definition: WorkflowDefinition = serde_json::from_str("{}").expect("{} is valid");
        assert_eq!(definition, WorkflowDefinition::default());
        let events: WebhookEvents = serde_json::from_str("[]").expect("[] is valid");
        assert_eq!(events, WebhookEvents::default());
        let records: WorkflowStepRecords = serde_json::from_str("[]").expect("[] is valid");
        assert_eq!(records, WorkflowStepRecords::default());
    }

    #[test]
    fn a_step_reads_type_and_defaults_max_retries() {
        let definition: WorkflowDefinition = serde_json::from_str(
            r#"{"steps": [{"name": "provision", "type": "provision_database"}]}"#,
        )
        .expect("a step without max_retries is valid");
        let step = &definition.steps[0];
        assert_eq!(step.step_type, "provision_database");
        assert_eq!(step.max_retries, 3);
        let json = serde_json::to_value(step).expect("a step serializes");
        assert_eq!(json["type"], "provision_database");
    }

    #[test]
    fn unknown_fields_are_rejected_by_name() {
        let err = serde_json::from_str::<WorkflowDefinition>(
            r#"{"steps": [{"name": "a", "type": "b", "retries": 1}]}"#,
        )
        .expect_err("an unknown field is an error");
        assert!(err.to_string().contains("unknown field `retries`"), "{err}");
        let record = r#"{"step": "a", "execution_order": 0, "finished_at": "2026-01-01T00:00:00Z""#;
        let err = serde_json::from_str::<WorkflowStepRecords>(&format!(r#"[{record}, "x": 1}}]"#))
            .expect_err("an unknown field is an error");
        assert!(err.to_string().contains("unknown field `x`"), "{err}");
    }
}
