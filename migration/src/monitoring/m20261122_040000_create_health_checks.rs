//! Creates `health_checks`, the append-only results of the platform's service health checks.

use crate::{Column, Ddl, Default, EnumType, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The outcome of a health check.
pub const HEALTH_CHECK_STATUS: EnumType = EnumType {
    name: "health_check_status",
    values: &["healthy", "degraded", "unhealthy"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&HEALTH_CHECK_STATUS);
        ddl.create_table(
            &Table::new("health_checks")
                .comment(
                    "One run of one health check of a platform service and its outcome (platform data: \
                     no tenant_id). Append-only: the latest row per (service, check_name) is the current \
                     state.",
                )
                .id()
                .col(Column::varchar("service", 100).comment("The service checked, for example api or database."))
                .col(Column::varchar("check_name", 100).comment("The check within the service, for example connectivity."))
                .col(Column::enumeration("status", &HEALTH_CHECK_STATUS))
                .col(
                    Column::big_integer("latency_ms")
                        .nullable()
                        .comment("How long the check took, in milliseconds; NULL if it timed out before answering."),
                )
                .col(
                    Column::json("details")
                        .default(Default::JsonObject)
                        .comment("Check-specific diagnostics (not typed)."),
                )
                .col(Column::timestamptz("checked_at").default(Default::Now))
                .check("latency_non_negative", "latency_ms IS NULL OR latency_ms >= 0")
                .index(&["service", "check_name", "checked_at DESC"])
                .index(&["checked_at"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("health_checks");
        ddl.drop_enum(&HEALTH_CHECK_STATUS);
    }
}
