//! Creates `system_metrics`, the append-only samples of platform metrics, partitioned by month on
//! Postgres (with a default partition for rows outside every month created so far).

use crate::{Column, Ddl, Default, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("system_metrics")
                .comment(
                    "One sample of a platform metric (platform data: no tenant_id), such as a queue depth \
                     or request rate, with its labels. Append-only; on Postgres partitioned by month of \
                     recorded_at, which is therefore part of the primary key.",
                )
                .col(Column::uuid("id").comment("UUIDv7 assigned by the application (time-ordered)."))
                .col(Column::varchar("metric", 100).comment("Metric name, for example http_requests_per_second."))
                .col(Column::double("value"))
                .col(
                    Column::json("labels")
                        .default(Default::JsonObject)
                        .comment("Dimensions of the sample, for example the service or host (not typed)."),
                )
                .col(Column::timestamptz("recorded_at").default(Default::Now))
                .primary_key(&["id", "recorded_at"])
                .partition_by_range("recorded_at")
                .index(&["metric", "recorded_at DESC"]),
        );
        ddl.postgres(
            "CREATE TABLE \"system_metrics_default\" PARTITION OF \"system_metrics\" DEFAULT",
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("system_metrics");
    }
}
