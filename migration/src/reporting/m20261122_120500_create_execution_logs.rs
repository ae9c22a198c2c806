//! Creates `execution_logs`, the append-only log lines of report executions, partitioned by month
//! of logged_at on Postgres (with a default partition), with the log level enum.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The severity of a log line.
pub const EXECUTION_LOG_LEVEL: EnumType = EnumType {
    name: "execution_log_level",
    values: &["debug", "info", "warn", "error"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&EXECUTION_LOG_LEVEL);
        ddl.create_table(
            &Table::new("execution_logs")
                .comment(
                    "One log line written by a report execution. Append-only; on \
                     Postgres partitioned by month of logged_at, which is therefore part \
                     of the primary key. execution_id names a report_executions row but \
                     is not a database foreign key: report_executions is partitioned, so \
                     its primary key is (id, started_at) and Postgres cannot reference \
                     its id alone; the domain layer enforces the reference.",
                )
                .col(
                    Column::uuid("id")
                        .comment("UUIDv7 assigned by the application (time-ordered)."),
                )
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .col(Column::uuid("execution_id").comment(
                    "The report_executions row that wrote the line \
                     (checked by the domain layer, not a foreign key).",
                ))
                .col(
                    Column::enumeration("level", &EXECUTION_LOG_LEVEL)
                        .default(Default::Enum("info")),
                )
                .col(Column::text("message"))
                .col(Column::timestamptz("logged_at").default(Default::Now))
                .primary_key(&["id", "logged_at"])
                .partition_by_range("logged_at")
                // An execution's log, in order.
                .index(&["execution_id", "logged_at"]),
        );
        ddl.postgres(
            "CREATE TABLE \"execution_logs_default\" \
             PARTITION OF \"execution_logs\" DEFAULT",
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("execution_logs");
        ddl.drop_enum(&EXECUTION_LOG_LEVEL);
    }
}
