//! Creates `tenants`, the root of every tenant-owned row, with its status and tier enums.

use crate::{Column, Ddl, Default, EnumType, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The lifecycle of a tenant.
pub const TENANT_STATUS: EnumType = EnumType {
    name: "tenant_status",
    values: &["pending", "active", "suspended", "churned"],
};

/// The commercial tier of a tenant, and of a plan.
pub const TENANT_TIER: EnumType = EnumType {
    name: "tenant_tier",
    values: &["free", "pro", "enterprise"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&TENANT_STATUS);
        ddl.create_enum(&TENANT_TIER);
        ddl.create_table(
            &Table::new("tenants")
                .comment("A customer organisation of the platform: the owner of every tenant-scoped row.")
                .id()
                .col(Column::text("slug").comment("URL-safe handle: 3 to 50 of a-z, 0-9 and '-'."))
                .col(Column::varchar("name", 200))
                .col(Column::varchar("domain", 253).nullable().comment("The tenant's own DNS domain, if any."))
                .col(Column::text("description").nullable())
                .col(Column::enumeration("status", &TENANT_STATUS).default(Default::Enum("pending")))
                .col(Column::enumeration("tier", &TENANT_TIER).default(Default::Enum("free")))
                .col(Column::json("settings").default(Default::JsonObject).comment("Typed: entity::json::TenantSettings."))
                .col(Column::big_integer("max_users").default(Default::Int(10)))
                .col(Column::big_integer("max_reports").default(Default::Int(100)))
                .col(Column::big_integer("storage_limit_gb").default(Default::Int(5)))
                .col(Column::timestamptz("subscription_expires_at").nullable())
                .timestamps()
                .check_per_backend(
                    "slug",
                    "slug ~ '^[a-z0-9-]{3,50}$'",
                    "length(slug) BETWEEN 3 AND 50 AND slug NOT GLOB '*[^a-z0-9-]*'",
                )
                .check_per_backend(
                    "domain",
                    "domain IS NULL OR domain ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$'",
                    "domain IS NULL OR (domain GLOB '*?.?*' AND domain NOT GLOB '*[^a-z0-9.-]*' \
                     AND domain NOT GLOB '.*' AND domain NOT GLOB '*.' AND domain NOT GLOB '*..*')",
                )
                .check("limits_non_negative", "max_users >= 0 AND max_reports >= 0 AND storage_limit_gb >= 0")
                .unique(&["slug"])
                .unique(&["name"])
                .index(&["status"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("tenants");
        ddl.drop_enum(&TENANT_TIER);
        ddl.drop_enum(&TENANT_STATUS);
    }
}
