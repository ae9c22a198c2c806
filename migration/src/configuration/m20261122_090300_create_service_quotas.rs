//! Creates `service_quotas`, how much of each resource a tenant may use per period, with the
//! quota period enum.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// How often a quota's usage resets; `none` never does.
pub const SERVICE_QUOTA_PERIOD: EnumType = EnumType {
    name: "service_quota_period",
    values: &["day", "month", "none"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&SERVICE_QUOTA_PERIOD);
        ddl.create_table(
            &Table::new("service_quotas")
                .comment(
                    "How much of one resource a tenant may use (limit_value) and has used \
                     (used_value) in the current period; usage resets at resets_at unless the \
                     period is none. One row per (tenant, resource).",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .col(
                    Column::varchar("resource", 100)
                        .comment("What is limited, for example api_calls or storage_bytes."),
                )
                .col(
                    Column::big_integer("limit_value")
                        .comment("The allowance, in the resource's unit."),
                )
                .col(
                    Column::big_integer("used_value")
                        .default(Default::Int(0))
                        .comment("Used so far in the current period, in the resource's unit."),
                )
                .col(
                    Column::enumeration("period", &SERVICE_QUOTA_PERIOD)
                        .default(Default::Enum("month")),
                )
                .col(
                    Column::timestamptz("resets_at")
                        .nullable()
                        .comment("When used_value next resets; NULL exactly when period is none."),
                )
                .timestamps()
                .check("limit_value_non_negative", "limit_value >= 0")
                .check("used_value_non_negative", "used_value >= 0")
                .set_exactly_when("resets_at_iff_periodic", "resets_at", "period <> 'none'")
                .unique(&["tenant_id", "resource"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("service_quotas");
        ddl.drop_enum(&SERVICE_QUOTA_PERIOD);
    }
}
