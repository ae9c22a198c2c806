//! Creates `subscriptions`, a tenant's subscription to a plan, at most one not yet ended.

use crate::billing::m20261122_000600_create_plans::BILLING_CYCLE;
use crate::{Column, Ddl, Default, EnumType, IndexSpec, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The lifecycle of a subscription; `canceled` and `expired` have ended.
pub const SUBSCRIPTION_STATUS: EnumType = EnumType {
    name: "subscription_status",
    values: &["trialing", "active", "past_due", "canceled", "expired"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&SUBSCRIPTION_STATUS);
        ddl.create_table(
            &Table::new("subscriptions")
                .comment("A tenant's subscription to a plan. At most one per tenant has not ended (canceled or expired).")
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(Column::uuid("plan_id"), "plans", OnDelete::Restrict)
                .col(Column::enumeration("status", &SUBSCRIPTION_STATUS).default(Default::Enum("trialing")))
                .col(Column::enumeration("billing_cycle", &BILLING_CYCLE))
                .col(Column::big_integer("seats").default(Default::Int(1)))
                .col(Column::timestamptz("current_period_start"))
                .col(Column::timestamptz("current_period_end"))
                .col(Column::timestamptz("trial_ends_at").nullable())
                .col(Column::timestamptz("canceled_at").nullable())
                .timestamps()
                .check("seats_positive", "seats >= 1")
                .check("period_end_after_start", "current_period_end > current_period_start")
                .check("canceled_at_when_canceled", "status <> 'canceled' OR canceled_at IS NOT NULL")
                .check("trial_ends_at_when_trialing", "status <> 'trialing' OR trial_ends_at IS NOT NULL")
                .index(&["tenant_id"])
                // Partial: only subscriptions that have not ended count. Named strictly by the rule,
                // because SQLite reports a violation by its columns, not by the index name.
                .index_spec(
                    IndexSpec::unique("subscriptions", &["tenant_id"])
                        .filter("status NOT IN ('canceled', 'expired')"),
                ),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("subscriptions");
        ddl.drop_enum(&SUBSCRIPTION_STATUS);
    }
}
