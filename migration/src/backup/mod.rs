//! Backup and recovery: backup schedules and the tenants they cover, backup runs and disaster
//! recovery plans.

pub mod m20261122_110000_create_backup_schedules;
pub mod m20261122_110100_create_backup_schedule_tenants;
pub mod m20261122_110200_create_backup_runs;
pub mod m20261122_110300_create_recovery_plans;
