//! Creates `rate_limits`: how many requests a tenant may make per time window, per scope.

use crate::{Column, Ddl, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("rate_limits")
                .comment(
                    "A request limit of a tenant: at most max_requests in any window of \
                     window_seconds, for one scope. One row per (tenant, scope).",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .col(
                    Column::varchar("scope", 100)
                        .comment("What the limit applies to, for example api or api:reports."),
                )
                .col(Column::big_integer("max_requests"))
                .col(Column::big_integer("window_seconds"))
                .timestamps()
                .check("max_requests_positive", "max_requests > 0")
                .check("window_seconds_positive", "window_seconds > 0")
                .unique(&["tenant_id", "scope"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("rate_limits");
    }
}
