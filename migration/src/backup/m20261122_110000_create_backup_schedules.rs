//! Creates `backup_schedules`, the platform's recurring backup definitions, with their frequency
//! and target scope enums.

use crate::{Column, Ddl, Default, EnumType, IndexSpec, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// How often a schedule runs.
pub const BACKUP_SCHEDULE_FREQUENCY: EnumType = EnumType {
    name: "backup_schedule_frequency",
    values: &["daily", "weekly", "monthly", "quarterly"],
};

/// What a schedule backs up: every tenant, the tenants listed in `backup_schedule_tenants`, or
/// only the platform's own data.
pub const BACKUP_SCHEDULE_TARGET_SCOPE: EnumType = EnumType {
    name: "backup_schedule_target_scope",
    values: &["all_tenants", "specific_tenants", "system_only"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&BACKUP_SCHEDULE_FREQUENCY);
        ddl.create_enum(&BACKUP_SCHEDULE_TARGET_SCOPE);
        ddl.create_table(
            &Table::new("backup_schedules")
                .comment(
                    "A recurring backup the platform runs (platform data: no \
                     tenant_id): how often, of what scope, how long its backups are \
                     kept and whom it notifies. With target_scope specific_tenants, \
                     the tenants are listed in backup_schedule_tenants.",
                )
                .id()
                .col(Column::varchar("name", 200))
                .col(Column::text("description").nullable())
                .col(Column::enumeration("frequency", &BACKUP_SCHEDULE_FREQUENCY))
                .col(
                    Column::enumeration("target_scope", &BACKUP_SCHEDULE_TARGET_SCOPE)
                        .default(Default::Enum("all_tenants")),
                )
                .col(
                    Column::varchar("timezone", 64)
                        .default(Default::Text("UTC"))
                        .comment("IANA time zone the schedule's run times are computed in."),
                )
                .col(
                    Column::big_integer("retention_days")
                        .default(Default::Int(30))
                        .comment("Days each backup is kept before it expires."),
                )
                .col(
                    Column::big_integer("max_parallel_jobs")
                        .default(Default::Int(1))
                        .comment("How many of its backup runs may run at once."),
                )
                .col(Column::boolean("notify_on_success").default(Default::Bool(false)))
                .col(Column::boolean("notify_on_failure").default(Default::Bool(true)))
                .col(
                    Column::timestamptz("next_run_at")
                        .nullable()
                        .comment("When the schedule next runs; NULL until computed."),
                )
                .col(Column::boolean("enabled").default(Default::Bool(true)))
                .timestamps()
                .check("retention_days_positive", "retention_days > 0")
                .check("max_parallel_jobs_positive", "max_parallel_jobs > 0")
                // The scheduler's queue: enabled schedules by next run.
                .index_spec(
                    IndexSpec::new("backup_schedules", &["next_run_at"])
                        .named("backup_schedules", "enabled_next_run_at")
                        .filter("enabled"),
                ),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("backup_schedules");
        ddl.drop_enum(&BACKUP_SCHEDULE_TARGET_SCOPE);
        ddl.drop_enum(&BACKUP_SCHEDULE_FREQUENCY);
    }
}
