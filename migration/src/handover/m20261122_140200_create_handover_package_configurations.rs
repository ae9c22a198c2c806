//! Creates `handover_package_configurations`, the configurations a handover package covers.

use crate::{Column, Ddl, Default, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("handover_package_configurations")
                .comment(
                    "A configuration covered by a handover package: one row per (package, \
                     configuration). Replaces seed 001's UUID[] of configuration ids with \
                     real foreign keys. The configuration is the package's tenant's own \
                     or a platform default (checked by the domain layer).",
                )
                .references(
                    Column::uuid("handover_package_id"),
                    "handover_packages",
                    OnDelete::Cascade,
                )
                .references(
                    Column::uuid("configuration_id"),
                    "configurations",
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
                .primary_key(&["handover_package_id", "configuration_id"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("handover_package_configurations");
    }
}
