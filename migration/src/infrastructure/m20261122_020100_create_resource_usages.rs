//! Creates `resource_usages`, the append-only metered use of a tenant's resources per period.

use crate::{Column, Ddl, Default, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("resource_usages")
                .comment(
                    "How much of one metric a tenant's resource used over one period, for example 12.5 \
                     cpu_hours between period_start and period_end. Append-only: a correction is a new row.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(Column::uuid("resource_id"), "resources", OnDelete::Cascade)
                .col(
                    Column::varchar("metric", 100)
                        .comment("What was measured, for example cpu_hours or egress_bytes."),
                )
                .col(Column::double("quantity").comment("The amount used, in unit."))
                .col(Column::varchar("unit", 20).comment("The unit of quantity, for example hours or bytes."))
                .col(Column::timestamptz("period_start"))
                .col(Column::timestamptz("period_end").comment("Exclusive end of the period measured."))
                .col(Column::timestamptz("recorded_at").default(Default::Now))
                .check("quantity_non_negative", "quantity >= 0")
                .check("period_end_after_start", "period_end > period_start")
                .index(&["resource_id", "metric", "period_start DESC"])
                .index(&["tenant_id", "period_start DESC"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("resource_usages");
    }
}
