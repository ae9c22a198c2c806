//! Creates `incidents`, outages and degradations of the platform or of one tenant's service.

use crate::{Column, Ddl, Default, EnumType, IndexSpec, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// How severe an incident is.
pub const INCIDENT_SEVERITY: EnumType = EnumType {
    name: "incident_severity",
    values: &["low", "medium", "high", "critical"],
};

/// The lifecycle of an incident: open → investigating → identified → monitoring → resolved.
pub const INCIDENT_STATUS: EnumType = EnumType {
    name: "incident_status",
    values: &[
        "open",
        "investigating",
        "identified",
        "monitoring",
        "resolved",
    ],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&INCIDENT_SEVERITY);
        ddl.create_enum(&INCIDENT_STATUS);
        ddl.create_table(
            &Table::new("incidents")
                .comment(
                    "An outage or degradation, from its start to its resolution and postmortem. \
                     tenant_id NULL means a platform-wide incident (read-only to tenants); otherwise it \
                     concerns one tenant. resolved_at is set exactly when it is resolved.",
                )
                .id()
                .references(
                    Column::uuid("tenant_id")
                        .nullable()
                        .comment("The tenant affected; NULL for a platform-wide incident."),
                    "tenants",
                    OnDelete::Cascade,
                )
                .col(Column::varchar("title", 200))
                .col(Column::text("description").nullable())
                .col(Column::enumeration("severity", &INCIDENT_SEVERITY))
                .col(Column::enumeration("status", &INCIDENT_STATUS).default(Default::Enum("open")))
                .col(
                    Column::timestamptz("started_at")
                        .default(Default::Now)
                        .comment("When the impact began (may precede when the row was created)."),
                )
                .col(Column::timestamptz("resolved_at").nullable())
                .col(
                    Column::text("postmortem")
                        .nullable()
                        .comment("What happened and what will change, written after resolution."),
                )
                .timestamps()
                .set_exactly_when("resolved_at_iff_resolved", "resolved_at", "status = 'resolved'")
                .check("resolved_after_started", "resolved_at IS NULL OR resolved_at >= started_at")
                .index(&["tenant_id", "started_at DESC"])
                // The status page: unresolved incidents, newest first.
                .index_spec(
                    IndexSpec::new("incidents", &["started_at DESC"])
                        .named("incidents", "unresolved_started_at")
                        .filter("status <> 'resolved'"),
                ),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("incidents");
        ddl.drop_enum(&INCIDENT_STATUS);
        ddl.drop_enum(&INCIDENT_SEVERITY);
    }
}
