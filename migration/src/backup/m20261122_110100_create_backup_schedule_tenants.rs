//! Creates `backup_schedule_tenants`, the tenants a schedule with specific tenants covers.

use crate::{Column, Ddl, Default, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("backup_schedule_tenants")
                .comment(
                    "A tenant covered by a backup schedule whose \
                     target_scope is specific_tenants: one row per \
                     (schedule, tenant). Replaces an array of tenant ids.",
                )
                .references(
                    Column::uuid("backup_schedule_id"),
                    "backup_schedules",
                    OnDelete::Cascade,
                )
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .col(Column::timestamptz("created_at").default(Default::Now))
                .primary_key(&["backup_schedule_id", "tenant_id"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("backup_schedule_tenants");
    }
}
