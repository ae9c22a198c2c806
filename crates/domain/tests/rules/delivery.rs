//! Cases for the notifications, backup, reporting, marketplace and handover tables.

use super::{Case, case};

pub const CASES: &[Case] = &[
    // notifications
    case(
        "ck_notification_templates_code_not_blank",
        "UPDATE notification_templates SET code = '  ' WHERE code = 'password.reset' AND channel = 'sms'",
    ),
    case(
        "ck_notification_templates_version_positive",
        "UPDATE notification_templates SET version = 0 WHERE code = 'password.reset' AND channel = 'sms'",
    ),
    case(
        "ck_notifications_retry_count_non_negative",
        "UPDATE notifications SET retry_count = -1 WHERE status = 'pending'",
    ),
    case(
        "ck_notifications_delivered_at_iff_delivered",
        "UPDATE notifications SET delivered_at = NULL WHERE status = 'delivered'",
    ),
    case(
        "ck_notifications_sent_at_when_sent",
        "UPDATE notifications SET sent_at = NULL WHERE status = 'sent'",
    ),
    case(
        "ck_notifications_expires_at_when_expired",
        "UPDATE notifications SET expires_at = NULL WHERE status = 'expired'",
    ),
    case(
        "ck_notifications_action_deadline_needs_action",
        "UPDATE notifications SET action_required = FALSE WHERE action_deadline IS NOT NULL",
    ),
    case(
        "ck_notifications_sent_after_created",
        "UPDATE notifications SET sent_at = '2000-01-01T00:00:00+00:00' WHERE status = 'sent'",
    ),
    case(
        "ck_notifications_delivered_after_sent",
        "UPDATE notifications SET delivered_at = '2000-01-01T00:00:00+00:00' WHERE status = 'delivered'",
    ),
    case(
        "ck_notifications_read_after_created",
        "UPDATE notifications SET read_at = '2000-01-01T00:00:00+00:00' WHERE read_at IS NOT NULL",
    ),
    case(
        "ck_notifications_expires_after_created",
        "UPDATE notifications SET expires_at = created_at WHERE status = 'expired'",
    ),
    case(
        "ck_campaigns_counts_non_negative",
        "UPDATE campaigns SET bounce_count = -1 WHERE name = 'October newsletter'",
    ),
    case(
        "ck_campaigns_opens_and_clicks_within_sent",
        "UPDATE campaigns SET open_count = sent_count + 1 WHERE name = 'Spring product newsletter'",
    ),
    case(
        "ck_campaigns_bounces_within_sent",
        "UPDATE campaigns SET bounce_count = sent_count + 1 WHERE name = 'Spring product newsletter'",
    ),
    case(
        "ck_campaigns_scheduled_at_when_scheduled",
        "UPDATE campaigns SET scheduled_at = NULL WHERE status = 'scheduled'",
    ),
    // backup
    case(
        "ck_backup_schedules_retention_days_positive",
        "UPDATE backup_schedules SET retention_days = 0 WHERE name = 'Nightly tenant data'",
    ),
    case(
        "ck_backup_schedules_max_parallel_jobs_positive",
        "UPDATE backup_schedules SET max_parallel_jobs = 0 WHERE name = 'Nightly tenant data'",
    ),
    case(
        "ck_backup_runs_completed_at_iff_final",
        "UPDATE backup_runs SET completed_at = NULL WHERE status = 'failed'",
    ),
    case(
        "ck_backup_runs_started_at_when_started",
        "UPDATE backup_runs SET started_at = NULL WHERE status = 'running'",
    ),
    case(
        "ck_backup_runs_completed_after_started",
        "UPDATE backup_runs SET completed_at = '2000-01-01T00:00:00+00:00' WHERE status = 'canceled'",
    ),
    case(
        "ck_backup_runs_size_bytes_non_negative",
        "UPDATE backup_runs SET size_bytes = -1 WHERE backup_type = 'files'",
    ),
    case(
        "ck_backup_runs_duration_ms_non_negative",
        "UPDATE backup_runs SET duration_ms = -1 WHERE backup_type = 'files'",
    ),
    case(
        "ck_backup_runs_compression_ratio_positive",
        "UPDATE backup_runs SET compression_ratio = 0 WHERE backup_type = 'files'",
    ),
    case(
        "ck_backup_runs_tenant_data_has_tenant",
        "UPDATE backup_runs SET tenant_id = NULL WHERE backup_type = 'tenant_data' AND status = 'failed'",
    ),
    case(
        "ck_recovery_plans_rto_rpo_positive",
        "UPDATE recovery_plans SET rto_minutes = 0 WHERE name = 'Full platform recovery'",
    ),
    case(
        "ck_recovery_plans_approved_at_iff_approved",
        "UPDATE recovery_plans SET approved_at = NULL WHERE name = 'Full platform recovery'",
    ),
    case(
        "ck_recovery_plans_test_result_iff_tested",
        "UPDATE recovery_plans SET test_result = NULL WHERE name = 'Full platform recovery'",
    ),
    // reporting
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
        "UPDATE template_fields SET position = -1 WHERE name = 'period_start'",
    ),
    case(
        "ck_reports_priority_range",
        "UPDATE reports SET priority = 11 WHERE name = 'EMEA pipeline'",
    ),
    case(
        "ck_reports_execution_count_non_negative",
        "UPDATE reports SET execution_count = -1 WHERE name = 'EMEA pipeline'",
    ),
    case(
        "ck_reports_scheduled_at_when_scheduled",
        "UPDATE reports SET scheduled_at = NULL WHERE status = 'scheduled'",
    ),
    case(
        "ck_reports_last_executed_at_iff_executed",
        "UPDATE reports SET last_executed_at = NULL WHERE name = 'EMEA pipeline'",
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
    // marketplace
    case(
        "ck_marketplace_modules_slug",
        "UPDATE marketplace_modules SET slug = 'Not A Slug' WHERE slug = 'sso-saml'",
    ),
    case(
        "ck_marketplace_modules_price_non_negative",
        "UPDATE marketplace_modules SET price_cents = -1 WHERE slug = 'sso-saml'",
    ),
    case(
        "ck_marketplace_modules_free_costs_nothing",
        "UPDATE marketplace_modules SET price_cents = 100 WHERE slug = 'jira-tickets'",
    ),
    case(
        "ck_marketplace_modules_currency",
        "UPDATE marketplace_modules SET currency = 'usd' WHERE slug = 'sso-saml'",
    ),
    case(
        "ck_marketplace_modules_rating_average_range",
        "UPDATE marketplace_modules SET rating_average = 6 WHERE slug = 'sso-saml'",
    ),
    case(
        "ck_marketplace_modules_install_count_non_negative",
        "UPDATE marketplace_modules SET install_count = -1 WHERE slug = 'sso-saml'",
    ),
    case(
        "ck_module_installations_installed_at_when_active",
        "UPDATE module_installations SET installed_at = NULL WHERE status = 'active'",
    ),
    case(
        "ck_module_installations_uninstalled_at_iff_uninstalled",
        "UPDATE module_installations SET uninstalled_at = NULL WHERE status = 'uninstalled'",
    ),
    case(
        "ck_module_installations_uninstalled_after_installed",
        "UPDATE module_installations SET uninstalled_at = '2000-01-01T00:00:00+00:00' WHERE status = 'uninstalled'",
    ),
    case(
        "ck_module_licenses_license_key_not_blank",
        "UPDATE module_licenses SET license_key = '' WHERE status = 'revoked'",
    ),
    case(
        "ck_module_licenses_expires_after_issued",
        "UPDATE module_licenses SET expires_at = issued_at WHERE status = 'revoked'",
    ),
    case(
        "ck_module_licenses_expires_at_when_expired",
        "UPDATE module_licenses SET expires_at = NULL WHERE status = 'expired'",
    ),
    // handover
    case(
        "ck_handover_packages_delivered_at_iff_delivered",
        "UPDATE handover_packages SET delivered_at = NULL WHERE name = 'Hooli handover September 2026'",
    ),
    case(
        "ck_handover_packages_delivery_method_when_delivering",
        "UPDATE handover_packages SET delivery_method = NULL WHERE delivery_status = 'delivering'",
    ),
    case(
        "ck_handover_packages_delivery_confirmation_when_delivered",
        "UPDATE handover_packages SET delivery_confirmation = (SELECT delivery_confirmation FROM handover_packages WHERE delivery_confirmation IS NOT NULL LIMIT 1) WHERE delivery_status = 'ready'",
    ),
];
