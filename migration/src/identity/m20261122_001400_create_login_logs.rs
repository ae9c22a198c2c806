//! Creates `login_logs`, the append-only history of sign-in attempts, partitioned by month on
//! Postgres (with a default partition for rows outside every month created so far).

use crate::{Column, Ddl, Default, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("login_logs")
                .comment(
                    "Every sign-in attempt, successful or not. Append-only; on Postgres partitioned by \
                     month of occurred_at, which is therefore part of the primary key.",
                )
                .col(Column::uuid("id"))
                .references(Column::uuid("user_id").nullable().comment("The user the email matched, if any."), "users", OnDelete::SetNull)
                .col(Column::varchar("email_attempted", 320))
                .col(Column::boolean("succeeded"))
                .col(Column::varchar("failure_reason", 100).nullable())
                .col(Column::varchar("ip_address", 45).nullable())
                .col(Column::text("user_agent").nullable())
                .col(Column::timestamptz("occurred_at").default(Default::Now))
                .primary_key(&["id", "occurred_at"])
                .partition_by_range("occurred_at")
                .check("failure_reason_iff_failed", "succeeded = (failure_reason IS NULL)")
                .index(&["lower(email_attempted)", "occurred_at DESC"])
                .index(&["occurred_at"]),
        );
        ddl.postgres("CREATE TABLE \"login_logs_default\" PARTITION OF \"login_logs\" DEFAULT");
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("login_logs");
    }
}
