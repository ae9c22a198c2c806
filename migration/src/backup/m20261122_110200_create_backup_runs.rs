//! Creates `backup_runs`, each execution of a backup, scheduled or manual, with its type, method,
//! format and status enums.

use crate::{Column, Ddl, Default, EnumType, IndexSpec, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// What a backup run copies.
pub const BACKUP_RUN_TYPE: EnumType = EnumType {
    name: "backup_run_type",
    values: &[
        "full_system",
        "tenant_data",
        "database",
        "files",
        "configuration",
    ],
};

/// How a backup run was started.
pub const BACKUP_RUN_METHOD: EnumType = EnumType {
    name: "backup_run_method",
    values: &["automated", "manual", "scheduled"],
};

/// How a backup run's output is stored.
pub const BACKUP_RUN_FORMAT: EnumType = EnumType {
    name: "backup_run_format",
    values: &["compressed", "uncompressed", "encrypted"],
};

/// The lifecycle of a backup run: pending → running → completed | failed, or canceled.
pub const BACKUP_RUN_STATUS: EnumType = EnumType {
    name: "backup_run_status",
    values: &["pending", "running", "completed", "failed", "canceled"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&BACKUP_RUN_TYPE);
        ddl.create_enum(&BACKUP_RUN_METHOD);
        ddl.create_enum(&BACKUP_RUN_FORMAT);
        ddl.create_enum(&BACKUP_RUN_STATUS);
        ddl.create_table(
            &Table::new("backup_runs")
                .comment(
                    "One execution of a backup: of one tenant's data (tenant_id \
                     set) or of the platform (tenant_id NULL), started by a \
                     schedule or by hand, with where its output is stored, its \
                     size, duration and checksum. completed_at is set exactly \
                     when the run has ended (completed, failed or canceled).",
                )
                .id()
                .references(
                    Column::uuid("backup_schedule_id").nullable().comment(
                        "The schedule that started the run; NULL for a \
                         manual run or once the schedule is deleted.",
                    ),
                    "backup_schedules",
                    OnDelete::SetNull,
                )
                .references(
                    Column::uuid("tenant_id")
                        .nullable()
                        .comment("The tenant backed up; NULL for a platform backup."),
                    "tenants",
                    OnDelete::Cascade,
                )
                .col(Column::enumeration("backup_type", &BACKUP_RUN_TYPE))
                .col(
                    Column::enumeration("method", &BACKUP_RUN_METHOD)
                        .default(Default::Enum("manual")),
                )
                .col(
                    Column::enumeration("format", &BACKUP_RUN_FORMAT)
                        .default(Default::Enum("compressed")),
                )
                .col(
                    Column::enumeration("status", &BACKUP_RUN_STATUS)
                        .default(Default::Enum("pending")),
                )
                .col(
                    Column::big_integer("size_bytes")
                        .nullable()
                        .comment("Size of the stored backup, in bytes."),
                )
                .col(
                    Column::big_integer("duration_ms")
                        .nullable()
                        .comment("How long the run took, in milliseconds."),
                )
                .col(
                    Column::double("compression_ratio")
                        .nullable()
                        .comment("Original size divided by stored size."),
                )
                .col(Column::varchar("checksum", 128).nullable().comment(
                    "Checksum of the stored backup, as \
                     algorithm:hex (for example sha256:…).",
                ))
                .col(
                    Column::text("storage_location")
                        .nullable()
                        .comment("Where the backup is stored, for example an object storage URL."),
                )
                .col(
                    Column::text("error_message")
                        .nullable()
                        .comment("Why the run failed."),
                )
                .col(
                    Column::timestamptz("expires_at")
                        .nullable()
                        .comment("When the backup is due for deletion under its retention."),
                )
                .col(Column::timestamptz("started_at").nullable())
                .col(Column::timestamptz("completed_at").nullable())
                .timestamps()
                .set_exactly_when(
                    "completed_at_iff_final",
                    "completed_at",
                    "status IN ('completed', 'failed', 'canceled')",
                )
                .check(
                    "started_at_when_started",
                    "status NOT IN ('running', 'completed') OR started_at IS NOT NULL",
                )
                .check(
                    "completed_after_started",
                    "completed_at IS NULL OR completed_at >= started_at",
                )
                .check("size_bytes_non_negative", "size_bytes >= 0")
                .check("duration_ms_non_negative", "duration_ms >= 0")
                .check("compression_ratio_positive", "compression_ratio > 0")
                .check(
                    "tenant_data_has_tenant",
                    "backup_type <> 'tenant_data' OR tenant_id IS NOT NULL",
                )
                // A schedule's runs, newest first; also serves the schedule foreign key.
                .index(&["backup_schedule_id", "created_at DESC"])
                // A tenant's runs, newest first; also serves the tenant foreign key.
                .index(&["tenant_id", "created_at DESC"])
                // The retention sweeper: backups by expiry.
                .index_spec(
                    IndexSpec::new("backup_runs", &["expires_at"]).filter("expires_at IS NOT NULL"),
                ),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("backup_runs");
        ddl.drop_enum(&BACKUP_RUN_STATUS);
        ddl.drop_enum(&BACKUP_RUN_FORMAT);
        ddl.drop_enum(&BACKUP_RUN_METHOD);
        ddl.drop_enum(&BACKUP_RUN_TYPE);
    }
}
