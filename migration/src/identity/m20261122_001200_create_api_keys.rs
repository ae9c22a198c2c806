//! Creates `api_keys`: a tenant's keys, stored as a visible prefix and a SHA-256 hash only.

use crate::{Column, Ddl, Default, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("api_keys")
                .comment(
                    "An API key of a tenant. The key itself is shown once at creation; only its visible \
                     prefix and the SHA-256 of the whole key are stored.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(Column::uuid("created_by_user_id").nullable(), "users", OnDelete::SetNull)
                .col(Column::varchar("name", 100))
                .col(Column::text("key_prefix").comment("The first characters of the key, shown in listings and used for lookup."))
                .col(Column::text("key_hash").comment("Lower-case hex SHA-256 of the whole key."))
                .col(Column::json("scopes").default(Default::JsonArray).comment("Permission codes the key is limited to."))
                .col(Column::timestamptz("last_used_at").nullable())
                .col(Column::timestamptz("expires_at").nullable())
                .col(Column::timestamptz("revoked_at").nullable())
                .timestamps()
                .check_per_backend(
                    "key_hash",
                    "key_hash ~ '^[0-9a-f]{64}$'",
                    "length(key_hash) = 64 AND key_hash NOT GLOB '*[^0-9a-f]*'",
                )
                .check("key_prefix_length", "length(key_prefix) BETWEEN 6 AND 16")
                .unique(&["key_prefix"])
                .index(&["tenant_id"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("api_keys");
    }
}
