//! Creates `tenant_stats`, one row of activity figures per tenant per day.

use crate::{Column, Ddl, Default, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("tenant_stats")
                .comment(
                    "A tenant's activity on one UTC calendar day: active users, reports run, storage held \
                     and API calls. One row per (tenant, day), updated while the day is in progress.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .col(Column::date("day").comment("The UTC calendar day the figures cover."))
                .col(
                    Column::big_integer("active_users")
                        .default(Default::Int(0))
                        .comment("Distinct members who signed in or made a request that day."),
                )
                .col(Column::big_integer("reports_run").default(Default::Int(0)))
                .col(
                    Column::big_integer("storage_bytes")
                        .default(Default::Int(0))
                        .comment("Storage held at the end of the day (or now, for today)."),
                )
                .col(Column::big_integer("api_calls").default(Default::Int(0)))
                .timestamps()
                .check(
                    "counters_non_negative",
                    "active_users >= 0 AND reports_run >= 0 AND storage_bytes >= 0 AND api_calls >= 0",
                )
                .unique(&["tenant_id", "day"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("tenant_stats");
    }
}
