//! Creates `usage_stats`, a tenant's usage of each metric aggregated into hour, day or month
//! buckets.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The width of a usage bucket.
pub const USAGE_STAT_GRANULARITY: EnumType = EnumType {
    name: "usage_stat_granularity",
    values: &["hour", "day", "month"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&USAGE_STAT_GRANULARITY);
        ddl.create_table(
            &Table::new("usage_stats")
                .comment(
                    "A tenant's total of one usage metric over one bucket (an hour, a day or a month \
                     starting at bucket_start, UTC). One row per (tenant, metric, granularity, bucket).",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .col(
                    Column::varchar("metric", 100)
                        .comment("What is counted, for example api_calls or storage_bytes."),
                )
                .col(Column::enumeration("granularity", &USAGE_STAT_GRANULARITY))
                .col(
                    Column::timestamptz("bucket_start")
                        .comment("Start of the bucket, truncated to the granularity in UTC."),
                )
                .col(Column::double("value").default(Default::Int(0)))
                .timestamps()
                .check("value_non_negative", "value >= 0")
                .unique(&["tenant_id", "metric", "granularity", "bucket_start"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("usage_stats");
        ddl.drop_enum(&USAGE_STAT_GRANULARITY);
    }
}
