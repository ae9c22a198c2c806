//! Creates `module_licenses`, a tenant's licences for marketplace modules, with the licence
//! status enum. The licence key is stored sealed, never in plaintext.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The lifecycle of a licence.
pub const MODULE_LICENSE_STATUS: EnumType = EnumType {
    name: "module_license_status",
    values: &["active", "expired", "revoked"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&MODULE_LICENSE_STATUS);
        ddl.create_table(
            &Table::new("module_licenses")
                .comment(
                    "A tenant's licence for a marketplace module: its \
                     key (stored sealed with AES-256-GCM, never in \
                     plaintext), when it was issued and when it expires.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(
                    Column::uuid("marketplace_module_id").comment(
                        "The module licensed; a module with \
                         licences cannot be deleted (deprecate it).",
                    ),
                    "marketplace_modules",
                    OnDelete::Restrict,
                )
                .col(Column::text("license_key").comment(
                    "SEALED: the licence key encrypted with AES-256-GCM under an \
                     application key, stored with the id of that key and the \
                     nonce so it can be opened and keys rotated. Never plaintext.",
                ))
                .col(
                    Column::enumeration("status", &MODULE_LICENSE_STATUS)
                        .default(Default::Enum("active")),
                )
                .col(Column::timestamptz("issued_at").default(Default::Now))
                .col(
                    Column::timestamptz("expires_at")
                        .nullable()
                        .comment("When the licence lapses; NULL for a perpetual licence."),
                )
                .timestamps()
                .check("license_key_not_blank", "length(license_key) > 0")
                .check(
                    "expires_after_issued",
                    "expires_at IS NULL OR expires_at > issued_at",
                )
                .check(
                    "expires_at_when_expired",
                    "status <> 'expired' OR expires_at IS NOT NULL",
                )
                // A tenant's licences for a module; also serves the tenant foreign key.
                .index(&["tenant_id", "marketplace_module_id"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("module_licenses");
        ddl.drop_enum(&MODULE_LICENSE_STATUS);
    }
}
