//! Cases for the tables of the `reporting` domain (`migration/src/reporting/`).

use super::{Case, case};

pub const CASES: &[Case] = &[
    case(
        "ck_report_templates_version_positive",
        "UPDATE report_templates SET version = 0 WHERE id = (SELECT id FROM report_templates WHERE version = 2 LIMIT 1)",
    ),
    case(
        "ck_report_templates_not_own_parent",
        "UPDATE report_templates SET parent_template_id = id WHERE id = (SELECT id FROM report_templates WHERE version = 2 LIMIT 1)",
    ),
    case(
        "ck_template_fields_position_non_negative",
        "UPDATE template_fields SET position = -1 WHERE name = 'period'",
    ),
    case(
        "ck_reports_priority_range",
        "UPDATE reports SET priority = 11 WHERE execution_count > 0",
    ),
    case(
        "ck_reports_execution_count_non_negative",
        "UPDATE reports SET execution_count = -1 WHERE execution_count > 0",
    ),
    case(
        "ck_reports_scheduled_at_when_scheduled",
        "UPDATE reports SET scheduled_at = NULL WHERE status = 'scheduled'",
    ),
    case(
        "ck_reports_last_executed_at_iff_executed",
        "UPDATE reports SET last_executed_at = NULL WHERE execution_count > 0",
    ),
    case(
        "ck_report_executions_completed_at_iff_final",
        "UPDATE report_executions SET completed_at = NULL WHERE status = 'cancelled'",
    ),
    case(
        "ck_report_executions_completed_after_started",
        "UPDATE report_executions SET completed_at = '2000-01-01T00:00:00+00:00' WHERE status = 'cancelled'",
    ),
    case(
        "ck_report_executions_execution_time_ms_non_negative",
        "UPDATE report_executions SET execution_time_ms = -1 WHERE status = 'failed'",
    ),
    case(
        "ck_report_executions_result_size_bytes_non_negative",
        "UPDATE report_executions SET result_size_bytes = -1 WHERE status = 'completed'",
    ),
    case(
        "ck_report_executions_error_message_when_failed",
        "UPDATE report_executions SET error_message = NULL WHERE status = 'failed'",
    ),
    case(
        "ck_report_shares_expires_after_created",
        "UPDATE report_shares SET expires_at = created_at WHERE expires_at IS NOT NULL",
    ),
];
