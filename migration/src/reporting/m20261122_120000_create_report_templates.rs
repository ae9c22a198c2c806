//! Creates `report_templates`, a tenant's versioned report layouts, with the template type enum.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The kind of output a report template produces.
pub const REPORT_TEMPLATE_TYPE: EnumType = EnumType {
    name: "report_template_type",
    values: &["tabular", "chart", "dashboard", "custom"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&REPORT_TEMPLATE_TYPE);
        ddl.create_table(
            &Table::new("report_templates")
                .comment(
                    "One version of a tenant's report template: the \
                     structure and parameters reports are built from. A \
                     new version is a new row pointing at the one it was \
                     derived from; unique by (tenant_id, name, version).",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(
                    Column::uuid("created_by_user_id").comment(
                        "Who created the template; a user \
                         with templates cannot be deleted.",
                    ),
                    "users",
                    OnDelete::Restrict,
                )
                .col(Column::varchar("name", 255))
                .col(Column::text("description").nullable())
                .col(Column::enumeration("template_type", &REPORT_TEMPLATE_TYPE))
                .col(
                    Column::json("structure")
                        .default(Default::JsonObject)
                        .comment(
                            "The layout: sections, columns and \
                             charts, as the report renderer reads it.",
                        ),
                )
                .col(
                    Column::json("parameters")
                        .default(Default::JsonObject)
                        .comment(
                            "The parameters a report of this \
                             template accepts, with their defaults.",
                        ),
                )
                .col(
                    Column::json("configuration")
                        .default(Default::JsonObject)
                        .comment("Rendering options, such as page size and default output format."),
                )
                .col(
                    Column::big_integer("version")
                        .default(Default::Int(1))
                        .comment("Version of this name within the tenant, from 1."),
                )
                .col(
                    Column::boolean("is_active")
                        .default(Default::Bool(true))
                        .comment("Whether new reports may use it."),
                )
                .col(
                    Column::boolean("is_public")
                        .default(Default::Bool(false))
                        .comment(
                            "Whether every member of the tenant \
                             may use it, not only its creator.",
                        ),
                )
                .references(
                    Column::uuid("parent_template_id")
                        .nullable()
                        .comment("The template version this one was derived from."),
                    "report_templates",
                    OnDelete::SetNull,
                )
                .timestamps()
                .check("version_positive", "version > 0")
                .check(
                    "not_own_parent",
                    "parent_template_id IS NULL OR parent_template_id <> id",
                )
                .unique(&["tenant_id", "name", "version"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("report_templates");
        ddl.drop_enum(&REPORT_TEMPLATE_TYPE);
    }
}
