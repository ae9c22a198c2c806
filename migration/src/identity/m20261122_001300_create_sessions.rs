//! Creates `sessions`: signed-in sessions, stored by the SHA-256 of their token only.

use crate::{Column, Ddl, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("sessions")
                .comment(
                    "A signed-in session of a user, optionally inside one tenant. Only the SHA-256 of the \
                     session token is stored.",
                )
                .id()
                .references(Column::uuid("user_id"), "users", OnDelete::Cascade)
                .references(Column::uuid("tenant_id").nullable(), "tenants", OnDelete::Cascade)
                .col(Column::text("token_hash").comment("Lower-case hex SHA-256 of the session token."))
                .col(Column::varchar("ip_address", 45).nullable().comment("IPv4 or IPv6 text, validated by the application."))
                .col(Column::text("user_agent").nullable())
                .col(Column::timestamptz("last_seen_at").nullable())
                .col(Column::timestamptz("expires_at"))
                .col(Column::timestamptz("revoked_at").nullable())
                .timestamps()
                .check_per_backend(
                    "token_hash",
                    "token_hash ~ '^[0-9a-f]{64}$'",
                    "length(token_hash) = 64 AND token_hash NOT GLOB '*[^0-9a-f]*'",
                )
                .check("expires_after_created", "expires_at > created_at")
                .unique(&["token_hash"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("sessions");
    }
}
