//! Creates `report_executions`, each run of a report, partitioned by month of started_at on
//! Postgres (with a default partition for rows outside every month created so far), with its
//! status and output format enums.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The lifecycle of an execution: running → completed | failed | cancelled.
pub const REPORT_EXECUTION_STATUS: EnumType = EnumType {
    name: "report_execution_status",
    values: &["running", "completed", "failed", "cancelled"],
};

/// The file format an execution produced.
pub const REPORT_EXECUTION_OUTPUT_FORMAT: EnumType = EnumType {
    name: "report_execution_output_format",
    values: &["pdf", "excel", "csv", "json", "html"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&REPORT_EXECUTION_STATUS);
        ddl.create_enum(&REPORT_EXECUTION_OUTPUT_FORMAT);
        ddl.create_table(
            &Table::new("report_executions")
                .comment(
                    "One run of a report: who started it, how long it took and where \
                     its output is. completed_at is set exactly when the status is \
                     final (completed, failed or cancelled). On Postgres partitioned \
                     by month of started_at, which is therefore part of the primary \
                     key; no foreign key can point at this table (see execution_logs).",
                )
                .col(
                    Column::uuid("id")
                        .comment("UUIDv7 assigned by the application (time-ordered)."),
                )
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(Column::uuid("report_id"), "reports", OnDelete::Cascade)
                .references(
                    Column::uuid("executed_by_user_id").nullable().comment(
                        "Who started the run; NULL for a scheduled \
                         run or once the user is deleted.",
                    ),
                    "users",
                    OnDelete::SetNull,
                )
                .col(
                    Column::enumeration("status", &REPORT_EXECUTION_STATUS)
                        .default(Default::Enum("running")),
                )
                .col(Column::timestamptz("started_at").default(Default::Now))
                .col(Column::timestamptz("completed_at").nullable())
                .col(
                    Column::big_integer("execution_time_ms")
                        .nullable()
                        .comment("Run time in milliseconds, once ended."),
                )
                .col(
                    Column::big_integer("result_size_bytes")
                        .nullable()
                        .comment("Size of the output, in bytes."),
                )
                .col(
                    Column::enumeration("output_format", &REPORT_EXECUTION_OUTPUT_FORMAT)
                        .nullable(),
                )
                .col(
                    Column::text("output_url")
                        .nullable()
                        .comment("Where the output can be downloaded."),
                )
                .col(
                    Column::text("error_message")
                        .nullable()
                        .comment("Why the run failed."),
                )
                .col(
                    Column::json("metadata")
                        .default(Default::JsonObject)
                        .comment(
                            "Free-form run details, such as row counts and the renderer version.",
                        ),
                )
                .timestamps()
                .primary_key(&["id", "started_at"])
                .partition_by_range("started_at")
                .set_exactly_when(
                    "completed_at_iff_final",
                    "completed_at",
                    "status IN ('completed', 'failed', 'cancelled')",
                )
                .check(
                    "completed_after_started",
                    "completed_at IS NULL OR completed_at >= started_at",
                )
                .check("execution_time_ms_non_negative", "execution_time_ms >= 0")
                .check("result_size_bytes_non_negative", "result_size_bytes >= 0")
                .check(
                    "error_message_when_failed",
                    "status <> 'failed' OR error_message IS NOT NULL",
                )
                // A report's runs, newest first; also serves the report foreign key.
                .index(&["report_id", "started_at DESC"])
                // A tenant's runs, newest first; also serves the tenant foreign key.
                .index(&["tenant_id", "started_at DESC"]),
        );
        ddl.postgres(
            "CREATE TABLE \"report_executions_default\" \
             PARTITION OF \"report_executions\" DEFAULT",
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("report_executions");
        ddl.drop_enum(&REPORT_EXECUTION_OUTPUT_FORMAT);
        ddl.drop_enum(&REPORT_EXECUTION_STATUS);
    }
}
