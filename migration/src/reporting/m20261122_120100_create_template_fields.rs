//! Creates `template_fields`, the input fields of a report template, with the field type enum.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The kind of value a template field takes.
pub const TEMPLATE_FIELD_TYPE: EnumType = EnumType {
    name: "template_field_type",
    values: &["text", "number", "date", "boolean", "select"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&TEMPLATE_FIELD_TYPE);
        ddl.create_table(
            &Table::new("template_fields")
                .comment(
                    "One input field of a report template, shown at position (from 0) \
                     when a report is configured. Unique by name within its template.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(
                    Column::uuid("report_template_id"),
                    "report_templates",
                    OnDelete::Cascade,
                )
                .col(Column::varchar("name", 100).comment("The parameter name the field fills."))
                .col(
                    Column::enumeration("field_type", &TEMPLATE_FIELD_TYPE)
                        .default(Default::Enum("text")),
                )
                .col(Column::boolean("is_required").default(Default::Bool(false)))
                .col(
                    Column::text("default_value")
                        .nullable()
                        .comment("The value used when none is given, as text."),
                )
                .col(
                    Column::big_integer("position")
                        .default(Default::Int(0))
                        .comment("Display order within the template, from 0."),
                )
                .timestamps()
                .check("position_non_negative", "position >= 0")
                .unique(&["report_template_id", "name"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("template_fields");
        ddl.drop_enum(&TEMPLATE_FIELD_TYPE);
    }
}
