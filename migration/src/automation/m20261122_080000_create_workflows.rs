//! Creates `workflows`, a tenant's versioned workflow definitions, with the workflow kind and
//! status enums.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// What a workflow automates (seed 001's `workflow_type`).
pub const WORKFLOW_KIND: EnumType = EnumType {
    name: "workflow_kind",
    values: &[
        "client_onboarding",
        "module_activation",
        "deployment",
        "handover",
        "custom",
    ],
};

/// The lifecycle of a workflow version: only `active` versions are started.
pub const WORKFLOW_STATUS: EnumType = EnumType {
    name: "workflow_status",
    values: &["draft", "active", "archived"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&WORKFLOW_KIND);
        ddl.create_enum(&WORKFLOW_STATUS);
        ddl.create_table(
            &Table::new("workflows")
                .comment(
                    "One version of a tenant's named workflow: the ordered steps that a run of it \
                     executes. Unique by (tenant_id, name, version); a changed definition is a new \
                     version.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .col(Column::varchar("name", 200))
                .col(Column::text("description").nullable())
                .col(Column::enumeration("kind", &WORKFLOW_KIND))
                .col(Column::json("definition").comment("Typed: entity::json::WorkflowDefinition."))
                .col(
                    Column::big_integer("version")
                        .default(Default::Int(1))
                        .comment("1 for the first version of the named workflow, then 2, 3, …"),
                )
                .col(
                    Column::enumeration("status", &WORKFLOW_STATUS).default(Default::Enum("draft")),
                )
                .references(
                    Column::uuid("created_by_user_id")
                        .nullable()
                        .comment("Who wrote this version; NULL once that user is deleted."),
                    "users",
                    OnDelete::SetNull,
                )
                .timestamps()
                .check("name_not_blank", "length(trim(name)) > 0")
                .check("version_positive", "version > 0")
                .unique(&["tenant_id", "name", "version"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("workflows");
        ddl.drop_enum(&WORKFLOW_STATUS);
        ddl.drop_enum(&WORKFLOW_KIND);
    }
}
