//! Cases for the tables of the `backup` domain (`migration/src/backup/`).

use super::{Case, case};

pub const CASES: &[Case] = &[
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
];
