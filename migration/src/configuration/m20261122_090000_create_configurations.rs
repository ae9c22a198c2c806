//! Creates `configurations`: namespaced settings, global defaults (no tenant) and tenant
//! overrides in one table (seed 001's configuration consolidation).

use crate::{Column, Ddl, Default, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("configurations")
                .comment(
                    "One setting, namespace + key → value. Mixes global defaults (tenant_id NULL, \
                     readable by every tenant) and a tenant's overrides, which win over the \
                     default of the same key. Unique by (tenant_id, namespace, key) with NULL \
                     counted as one tenant.",
                )
                .id()
                .references(
                    Column::uuid("tenant_id").nullable(),
                    "tenants",
                    OnDelete::Cascade,
                )
                .col(
                    Column::varchar("namespace", 100).comment(
                        "The area the setting belongs to, for example reports or deployment.",
                    ),
                )
                .col(Column::varchar("key", 200))
                .col(Column::json("value").comment(
                    "The setting's value, any JSON; its shape depends on namespace and key.",
                ))
                .col(Column::text("description").nullable())
                .col(
                    Column::big_integer("version")
                        .default(Default::Int(1))
                        .comment("Incremented on every change of value (optimistic concurrency)."),
                )
                .timestamps()
                .check("namespace_not_blank", "length(trim(namespace)) > 0")
                .check("key_not_blank", "length(trim(key)) > 0")
                .check("version_positive", "version > 0")
                .unique_nulls_not_distinct(&["tenant_id", "namespace", "key"], &["tenant_id"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("configurations");
    }
}
