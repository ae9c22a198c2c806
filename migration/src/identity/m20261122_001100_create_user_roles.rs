//! Creates `user_roles`, grants of roles to users, optionally within one tenant and for a time.

use crate::{Column, Ddl, Default, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("user_roles")
                .comment(
                    "A grant of a role to a user: within one tenant, or platform-wide when tenant_id is NULL; \
                     temporary when expires_at is set.",
                )
                .id()
                .references(Column::uuid("user_id"), "users", OnDelete::Cascade)
                .references(Column::uuid("role_id"), "roles", OnDelete::Cascade)
                .references(Column::uuid("tenant_id").nullable(), "tenants", OnDelete::Cascade)
                .references(Column::uuid("granted_by_user_id").nullable(), "users", OnDelete::SetNull)
                .col(Column::timestamptz("granted_at").default(Default::Now))
                .col(Column::timestamptz("expires_at").nullable())
                .timestamps()
                .check("expires_after_granted", "expires_at IS NULL OR expires_at > granted_at")
                .unique_nulls_not_distinct(&["user_id", "role_id", "tenant_id"], &["tenant_id"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("user_roles");
    }
}
