//! Cases for the integrations, support, audit, automation and configuration tables.

use super::{Case, case};

pub const CASES: &[Case] = &[
    // Integrations.
    case(
        "ck_api_integrations_name_not_blank",
        "UPDATE api_integrations SET name = '  ' WHERE name = 'Public holidays'",
    ),
    case(
        "ck_api_integrations_base_url_http",
        "UPDATE api_integrations SET base_url = 'ftp://date.nager.at/api/v3' WHERE name = 'Public holidays'",
    ),
    case(
        "ck_webhooks_url_http",
        "UPDATE webhooks SET url = 'ftp://hooks.example.com/events' WHERE status = 'active'",
    ),
    case(
        "ck_webhooks_secret_hash",
        "UPDATE webhooks SET secret_hash = 'plaintext-secret' WHERE status = 'active'",
    ),
    case(
        "ck_webhooks_failure_count_non_negative",
        "UPDATE webhooks SET failure_count = -1 WHERE status = 'active'",
    ),
    case(
        "ck_rate_limits_max_requests_positive",
        "UPDATE rate_limits SET max_requests = 0 WHERE scope = 'api'",
    ),
    case(
        "ck_rate_limits_window_seconds_positive",
        "UPDATE rate_limits SET window_seconds = 0 WHERE scope = 'api'",
    ),
    case(
        "ck_integration_events_attempts_non_negative",
        "UPDATE integration_events SET attempts = -1 WHERE status = 'pending'",
    ),
    case(
        "ck_integration_events_processed_at_iff_processed",
        "UPDATE integration_events SET processed_at = NULL WHERE status = 'processed'",
    ),
    case(
        "ck_integration_events_error_when_failed",
        "UPDATE integration_events SET processing_error = NULL WHERE status = 'failed'",
    ),
    // Support.
    case(
        "ck_tickets_number_positive",
        "UPDATE tickets SET number = -number WHERE status = 'open'",
    ),
    case(
        "ck_tickets_subject_not_blank",
        "UPDATE tickets SET subject = '  ' WHERE status = 'open'",
    ),
    case(
        "ck_tickets_resolved_at_iff_solved_or_closed",
        "UPDATE tickets SET resolved_at = NULL WHERE status = 'closed'",
    ),
    case(
        "ck_tickets_resolved_after_created",
        "UPDATE tickets SET resolved_at = '2000-01-01T00:00:00+00:00' WHERE status = 'closed'",
    ),
    case(
        "ck_ticket_comments_body_not_blank",
        "UPDATE ticket_comments SET body = '  ' WHERE id = (SELECT id FROM ticket_comments LIMIT 1)",
    ),
    case(
        "ck_feedbacks_rating_range",
        "UPDATE feedbacks SET rating = 6 WHERE rating = 5",
    ),
    // Audit.
    case(
        "ck_audit_logs_resource_type_not_blank",
        "UPDATE audit_logs SET resource_type = '  ' WHERE resource_type = 'tickets'",
    ),
    case(
        "ck_compliances_assessed_when_result",
        "UPDATE compliances SET last_assessed_at = NULL WHERE status = 'compliant'",
    ),
    case(
        "ck_compliances_review_after_assessment",
        "UPDATE compliances SET next_review_at = last_assessed_at WHERE status = 'compliant'",
    ),
    case(
        "ck_policies_name_not_blank",
        "UPDATE policies SET name = '  ' WHERE name = 'Acceptable use'",
    ),
    case(
        "ck_policies_version_positive",
        "UPDATE policies SET version = 0 WHERE name = 'Acceptable use'",
    ),
    // Automation.
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
    // Configuration.
    case(
        "ck_configurations_namespace_not_blank",
        "UPDATE configurations SET namespace = '  ' WHERE tenant_id IS NULL AND key = 'step_timeout_seconds'",
    ),
    case(
        "ck_configurations_key_not_blank",
        "UPDATE configurations SET key = '  ' WHERE tenant_id IS NULL AND key = 'step_timeout_seconds'",
    ),
    case(
        "ck_configurations_version_positive",
        "UPDATE configurations SET version = 0 WHERE tenant_id IS NULL AND key = 'step_timeout_seconds'",
    ),
    case(
        "ck_feature_flags_key_not_blank",
        "UPDATE feature_flags SET key = '  ' WHERE key = 'dark_mode'",
    ),
    case(
        "ck_feature_flags_rollout_percentage_range",
        "UPDATE feature_flags SET rollout_percentage = 101 WHERE key = 'dark_mode'",
    ),
    case(
        "ck_service_quotas_limit_value_non_negative",
        "UPDATE service_quotas SET limit_value = -1 WHERE resource = 'seats'",
    ),
    case(
        "ck_service_quotas_used_value_non_negative",
        "UPDATE service_quotas SET used_value = -1 WHERE resource = 'seats'",
    ),
    case(
        "ck_service_quotas_resets_at_iff_periodic",
        "UPDATE service_quotas SET resets_at = NULL WHERE period = 'month'",
    ),
];
