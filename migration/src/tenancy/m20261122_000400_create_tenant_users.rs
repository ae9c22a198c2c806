//! Creates `tenant_users`, the membership of a user in a tenant.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The lifecycle of a membership.
pub const TENANT_USER_STATUS: EnumType = EnumType {
    name: "tenant_user_status",
    values: &["invited", "active", "suspended", "removed"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&TENANT_USER_STATUS);
        ddl.create_table(
            &Table::new("tenant_users")
                .comment("Membership of a user in a tenant, with the tenant role it holds. One row per (tenant, user).")
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(Column::uuid("user_id"), "users", OnDelete::Cascade)
                // NO ACTION rather than RESTRICT: a role in use cannot be deleted, but deleting the
                // tenant still removes its roles and memberships in one statement.
                .references(Column::uuid("tenant_role_id").nullable(), "tenant_roles", OnDelete::NoAction)
                .col(Column::enumeration("status", &TENANT_USER_STATUS).default(Default::Enum("invited")))
                .references(Column::uuid("invited_by_user_id").nullable(), "users", OnDelete::SetNull)
                .col(Column::timestamptz("joined_at").nullable().comment("Set when the invitation is accepted."))
                .timestamps()
                .check("joined_when_active", "status <> 'active' OR joined_at IS NOT NULL")
                .unique(&["tenant_id", "user_id"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("tenant_users");
        ddl.drop_enum(&TENANT_USER_STATUS);
    }
}
