//! Creates `tenant_roles`, the named roles a tenant gives its members.

use crate::{Column, Ddl, Default, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("tenant_roles")
                .comment("A role inside one tenant (for example owner, admin, member), unique by name per tenant.")
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .col(Column::varchar("name", 100))
                .col(Column::text("description").nullable())
                .col(Column::boolean("is_default").default(Default::Bool(false)).comment("Given to new members who are invited without a role."))
                .timestamps()
                .check("name_not_blank", "length(trim(name)) > 0")
                .unique(&["tenant_id", "name"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("tenant_roles");
    }
}
