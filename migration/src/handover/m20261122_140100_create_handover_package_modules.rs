//! Creates `handover_package_modules`, the module installations a handover package covers.

use crate::{Column, Ddl, Default, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("handover_package_modules")
                .comment(
                    "A module installation covered by a handover package: one row \
                     per (package, installation). Replaces seed 001's JSON array of \
                     installation ids with real foreign keys. The installation must \
                     belong to the package's tenant (checked by the domain layer).",
                )
                .references(
                    Column::uuid("handover_package_id"),
                    "handover_packages",
                    OnDelete::Cascade,
                )
                .references(
                    Column::uuid("module_installation_id"),
                    "module_installations",
                    OnDelete::Cascade,
                )
                .references(
                    Column::uuid("tenant_id").comment(
                        "The package's tenant, repeated so that \
                         row-level security can scope the row.",
                    ),
                    "tenants",
                    OnDelete::Cascade,
                )
                .col(Column::timestamptz("created_at").default(Default::Now))
                .primary_key(&["handover_package_id", "module_installation_id"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("handover_package_modules");
    }
}
