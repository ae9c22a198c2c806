//! Creates `reports`, a tenant's configured reports built from a template, with the report
//! status enum.

use crate::{Column, Ddl, Default, EnumType, IndexSpec, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The lifecycle of a report: draft → scheduled → processing → completed | failed; any state
/// that is not final → cancelled.
pub const REPORT_STATUS: EnumType = EnumType {
    name: "report_status",
    values: &[
        "draft",
        "scheduled",
        "processing",
        "completed",
        "failed",
        "cancelled",
    ],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&REPORT_STATUS);
        ddl.create_table(
            &Table::new("reports")
                .comment(
                    "A tenant's report: a template with parameter values, a priority \
                     (1 to 10) and an optional schedule, and how often it has run.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(
                    Column::uuid("report_template_id").comment(
                        "The template the report is built from; \
                         a template in use cannot be deleted.",
                    ),
                    "report_templates",
                    OnDelete::Restrict,
                )
                .references(
                    Column::uuid("created_by_user_id")
                        .comment("Who created the report; a user with reports cannot be deleted."),
                    "users",
                    OnDelete::Restrict,
                )
                .col(Column::varchar("name", 255))
                .col(Column::text("description").nullable())
                .col(
                    Column::json("parameters")
                        .default(Default::JsonObject)
                        .comment(
                            "Values for the template's fields, by \
                             field name; searched by containment.",
                        ),
                )
                .col(
                    Column::json("configuration")
                        .default(Default::JsonObject)
                        .comment("Output options for this report, overriding the template's."),
                )
                .col(Column::enumeration("status", &REPORT_STATUS).default(Default::Enum("draft")))
                .col(
                    Column::big_integer("priority")
                        .default(Default::Int(5))
                        .comment("1 (lowest) to 10 (highest)."),
                )
                .col(
                    Column::timestamptz("scheduled_at")
                        .nullable()
                        .comment("When the report is next due to run; required while scheduled."),
                )
                .col(Column::timestamptz("last_executed_at").nullable())
                .col(Column::big_integer("execution_count").default(Default::Int(0)))
                .timestamps()
                .check("priority_range", "priority BETWEEN 1 AND 10")
                .check("execution_count_non_negative", "execution_count >= 0")
                .check(
                    "scheduled_at_when_scheduled",
                    "status <> 'scheduled' OR scheduled_at IS NOT NULL",
                )
                .check(
                    "last_executed_at_iff_executed",
                    "(execution_count = 0) = (last_executed_at IS NULL)",
                )
                .index(&["tenant_id", "status", "created_at DESC"])
                .index_spec(IndexSpec::new("reports", &["parameters"]).using("gin"))
                // The scheduler's queue: scheduled reports by due time.
                .index_spec(
                    IndexSpec::new("reports", &["scheduled_at"])
                        .named("reports", "scheduled_due")
                        .filter("status = 'scheduled'"),
                ),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("reports");
        ddl.drop_enum(&REPORT_STATUS);
    }
}
