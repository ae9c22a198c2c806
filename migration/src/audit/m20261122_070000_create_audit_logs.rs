//! Creates `audit_logs`, the append-only record of who did what to which resource, partitioned by
//! month on Postgres (with a default partition for rows outside every month created so far).

use crate::{Column, Ddl, Default, EnumType, IndexSpec, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// What was done.
pub const AUDIT_LOG_ACTION: EnumType = EnumType {
    name: "audit_log_action",
    values: &[
        "create", "read", "update", "delete", "login", "logout", "export",
    ],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&AUDIT_LOG_ACTION);
        ddl.create_table(
            &Table::new("audit_logs")
                .comment(
                    "One audited action in a tenant: who (actor_user_id, NULL for the system or a \
                     deleted user) did what (action) to which resource, with the values before and \
                     after. Append-only; on Postgres partitioned by month of occurred_at, which is \
                     therefore part of the primary key.",
                )
                .col(Column::uuid("id"))
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(
                    Column::uuid("actor_user_id")
                        .nullable()
                        .comment("Who acted; NULL for the system or once that user is deleted."),
                    "users",
                    OnDelete::SetNull,
                )
                .col(Column::enumeration("action", &AUDIT_LOG_ACTION))
                .col(
                    Column::varchar("resource_type", 50).comment(
                        "The kind of resource acted on: its table name, for example reports.",
                    ),
                )
                .col(Column::uuid("resource_id").nullable().comment(
                    "The resource's id; NULL for actions on no single row (login, logout).",
                ))
                .col(Column::json("old_values").nullable().comment(
                    "The changed columns before the action; NULL for create, read, login, logout.",
                ))
                .col(Column::json("new_values").nullable().comment(
                    "The changed columns after the action; NULL for delete, read, login, logout.",
                ))
                .col(
                    Column::varchar("ip_address", 45)
                        .nullable()
                        .comment("IPv4 or IPv6 text, validated by the application."),
                )
                .col(Column::text("user_agent").nullable())
                .col(Column::uuid("session_id").nullable().comment(
                    "The session acted in; not a foreign key, so the log outlives the session.",
                ))
                .col(Column::timestamptz("occurred_at").default(Default::Now))
                .primary_key(&["id", "occurred_at"])
                .partition_by_range("occurred_at")
                .check("resource_type_not_blank", "length(trim(resource_type)) > 0")
                .index(&["tenant_id", "occurred_at DESC"])
                .index(&["resource_type", "resource_id", "occurred_at DESC"])
                .index_spec(IndexSpec::new("audit_logs", &["old_values"]).using("gin"))
                .index_spec(IndexSpec::new("audit_logs", &["new_values"]).using("gin")),
        );
        ddl.postgres("CREATE TABLE \"audit_logs_default\" PARTITION OF \"audit_logs\" DEFAULT");
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("audit_logs");
        ddl.drop_enum(&AUDIT_LOG_ACTION);
    }
}
