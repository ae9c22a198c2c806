//! Creates `plans`, the platform's price list, and the billing cycle enum.

use crate::tenancy::m20261122_000100_create_tenants::TENANT_TIER;
use crate::{Column, Ddl, Default, EnumType, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// How often a plan or subscription is billed.
pub const BILLING_CYCLE: EnumType = EnumType {
    name: "billing_cycle",
    values: &["monthly", "yearly"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&BILLING_CYCLE);
        ddl.create_table(
            &Table::new("plans")
                .comment("A plan of the platform's price list (platform data: no tenant_id).")
                .id()
                .col(Column::text("code").comment("Stable identifier, for example pro-monthly."))
                .col(Column::varchar("name", 100))
                .col(Column::enumeration("tier", &TENANT_TIER))
                .col(
                    Column::big_integer("price_cents")
                        .comment("Price per billing cycle in minor units of currency."),
                )
                .col(
                    Column::text("currency")
                        .default(Default::Text("USD"))
                        .comment("ISO 4217 code."),
                )
                .col(Column::enumeration("billing_cycle", &BILLING_CYCLE))
                .col(
                    Column::json("features")
                        .default(Default::JsonArray)
                        .comment("The feature keys the plan includes."),
                )
                .col(
                    Column::json("limits")
                        .default(Default::JsonObject)
                        .comment("Typed: entity::json::PlanLimits."),
                )
                .col(Column::boolean("is_active").default(Default::Bool(true)))
                .timestamps()
                .check_per_backend(
                    "code",
                    "code ~ '^[a-z0-9-]{2,50}$'",
                    "length(code) BETWEEN 2 AND 50 AND code NOT GLOB '*[^a-z0-9-]*'",
                )
                .check("price_non_negative", "price_cents >= 0")
                .check_per_backend(
                    "currency",
                    "currency ~ '^[A-Z]{3}$'",
                    "length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'",
                )
                .unique(&["code"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("plans");
        ddl.drop_enum(&BILLING_CYCLE);
    }
}
