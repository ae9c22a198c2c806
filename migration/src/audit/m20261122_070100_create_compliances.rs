//! Creates `compliances`: where a tenant stands against each compliance framework, with the
//! framework and compliance status enums.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// A compliance framework a tenant can be assessed against.
pub const COMPLIANCE_FRAMEWORK: EnumType = EnumType {
    name: "compliance_framework",
    values: &["soc2", "iso27001", "gdpr", "hipaa", "pci_dss"],
};

/// Where a tenant stands against a framework; `compliant` and `non_compliant` are assessment
/// results.
pub const COMPLIANCE_STATUS: EnumType = EnumType {
    name: "compliance_status",
    values: &["not_started", "in_progress", "compliant", "non_compliant"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&COMPLIANCE_FRAMEWORK);
        ddl.create_enum(&COMPLIANCE_STATUS);
        ddl.create_table(
            &Table::new("compliances")
                .comment(
                    "Where a tenant stands against one compliance framework (SOC 2, GDPR, …): the \
                     result of its last assessment, the evidence, and when it is next reviewed. \
                     One row per (tenant, framework).",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .col(Column::enumeration("framework", &COMPLIANCE_FRAMEWORK))
                .col(
                    Column::enumeration("status", &COMPLIANCE_STATUS)
                        .default(Default::Enum("not_started")),
                )
                .col(Column::timestamptz("last_assessed_at").nullable())
                .col(Column::timestamptz("next_review_at").nullable())
                .col(
                    Column::json("evidence")
                        .default(Default::JsonArray)
                        .comment("Documents, links and the like; shape not fixed by the model."),
                )
                .timestamps()
                .check(
                    "assessed_when_result",
                    "status NOT IN ('compliant', 'non_compliant') OR last_assessed_at IS NOT NULL",
                )
                .check(
                    "review_after_assessment",
                    "next_review_at IS NULL OR last_assessed_at IS NULL \
 OR next_review_at > last_assessed_at",
                )
                .unique(&["tenant_id", "framework"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("compliances");
        ddl.drop_enum(&COMPLIANCE_STATUS);
        ddl.drop_enum(&COMPLIANCE_FRAMEWORK);
    }
}
