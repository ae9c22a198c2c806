//! Creates `role_permissions`, which permissions each role grants.

use crate::{Column, Ddl, Default, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("role_permissions")
                .comment("The permissions a role grants: one row per (role, permission).")
                .references(Column::uuid("role_id"), "roles", OnDelete::Cascade)
                .references(
                    Column::uuid("permission_id"),
                    "permissions",
                    OnDelete::Cascade,
                )
                .col(Column::timestamptz("created_at").default(Default::Now))
                .primary_key(&["role_id", "permission_id"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("role_permissions");
    }
}
