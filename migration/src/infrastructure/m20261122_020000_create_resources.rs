//! Creates `resources`, the infrastructure provisioned for a tenant (compute, storage, …).

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// What sort of infrastructure a resource is.
pub const RESOURCE_KIND: EnumType = EnumType {
    name: "resource_kind",
    values: &["compute", "storage", "database", "cache", "cdn", "queue"],
};

/// The lifecycle of a resource.
pub const RESOURCE_STATUS: EnumType = EnumType {
    name: "resource_status",
    values: &["provisioning", "active", "degraded", "deprovisioned"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&RESOURCE_KIND);
        ddl.create_enum(&RESOURCE_STATUS);
        ddl.create_table(
            &Table::new("resources")
                .comment(
                    "A piece of infrastructure provisioned for a tenant (a compute instance, a storage \
                     bucket, a database, …), with its region, state and capacity. Its metered use is in \
                     resource_usages.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .col(Column::enumeration("kind", &RESOURCE_KIND))
                .col(Column::varchar("name", 100))
                .col(
                    Column::varchar("region", 50)
                        .nullable()
                        .comment("Provider region, for example eu-west-1; NULL for a global resource such as a CDN."),
                )
                .col(
                    Column::enumeration("status", &RESOURCE_STATUS)
                        .default(Default::Enum("provisioning")),
                )
                .col(
                    Column::json("capacity")
                        .default(Default::JsonObject)
                        .comment("Provisioned capacity; its keys depend on kind (not typed)."),
                )
                .timestamps()
                .index(&["tenant_id", "kind"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("resources");
        ddl.drop_enum(&RESOURCE_STATUS);
        ddl.drop_enum(&RESOURCE_KIND);
    }
}
