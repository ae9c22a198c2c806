//! Creates `roles`: platform roles (no tenant) and tenant-defined roles, in one table.

use crate::{Column, Ddl, Default, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("roles")
                .comment(
                    "A set of permissions. Mixes platform rows (tenant_id NULL, readable by every tenant) \
                     and tenant rows. Unique by (tenant_id, name) with NULL counted as one tenant.",
                )
                .id()
                .references(Column::uuid("tenant_id").nullable(), "tenants", OnDelete::Cascade)
                .col(Column::varchar("name", 100))
                .col(Column::text("description").nullable())
                .col(Column::boolean("is_system").default(Default::Bool(false)).comment("Built in: not editable by tenants."))
                .timestamps()
                .check("name_not_blank", "length(trim(name)) > 0")
                .index(&["tenant_id"])
                .unique_nulls_not_distinct(&["tenant_id", "name"], &["tenant_id"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("roles");
    }
}
