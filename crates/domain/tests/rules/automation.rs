//! Cases for the tables of the `automation` domain (`migration/src/automation/`).

use super::{Case, case};

pub const CASES: &[Case] = &[
    case(
        "ck_workflows_name_not_blank",
        "UPDATE workflows SET name = '  ' WHERE name = 'Client onboarding'",
    ),
    case(
        "ck_workflows_version_positive",
        "UPDATE workflows SET version = 0 WHERE name = 'Client onboarding'",
    ),
    case(
        "ck_workflow_runs_started_at_matches_status",
        "UPDATE workflow_runs SET started_at = NULL WHERE status = 'in_progress'",
    ),
    case(
        "ck_workflow_runs_completed_at_iff_ended",
        "UPDATE workflow_runs SET completed_at = NULL WHERE status = 'completed'",
    ),
    case(
        "ck_workflow_runs_completed_after_started",
        "UPDATE workflow_runs SET completed_at = '2000-01-01T00:00:00+00:00' WHERE status = 'completed'",
    ),
    case(
        "ck_workflow_runs_error_when_failed",
        "UPDATE workflow_runs SET error = NULL WHERE status = 'failed'",
    ),
    case(
        "ck_workflow_steps_execution_order_non_negative",
        "UPDATE workflow_steps SET execution_order = -1 - execution_order WHERE status = 'completed'",
    ),
    case(
        "ck_workflow_steps_execution_time_non_negative",
        "UPDATE workflow_steps SET execution_time_ms = -1 WHERE status = 'completed'",
    ),
    case(
        "ck_workflow_steps_retry_count_within_max",
        "UPDATE workflow_steps SET retry_count = max_retries + 1 WHERE status = 'completed'",
    ),
    case(
        "ck_workflow_steps_failed_after_max_retries",
        "UPDATE workflow_steps SET max_retries = max_retries + 1 WHERE status = 'failed'",
    ),
    case(
        "ck_workflow_steps_error_when_failed",
        "UPDATE workflow_steps SET error = NULL WHERE status = 'failed'",
    ),
    case(
        "ck_workflow_steps_started_when_run",
        "UPDATE workflow_steps SET started_at = NULL WHERE status = 'running'",
    ),
    case(
        "ck_workflow_steps_completed_at_iff_finished",
        "UPDATE workflow_steps SET completed_at = NULL WHERE status = 'completed'",
    ),
    case(
        "ck_workflow_steps_completed_after_started",
        "UPDATE workflow_steps SET completed_at = '2000-01-01T00:00:00+00:00' WHERE status = 'completed'",
    ),
];
