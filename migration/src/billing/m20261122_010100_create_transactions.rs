//! Creates `transactions`, the money movements of a tenant: charges, refunds, credits and
//! adjustments, each optionally against an invoice.

use crate::{Column, Ddl, Default, EnumType, IndexSpec, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// What a transaction does with money.
pub const TRANSACTION_KIND: EnumType = EnumType {
    name: "transaction_kind",
    values: &["charge", "refund", "credit", "adjustment"],
};

/// The outcome of a transaction at the payment provider.
pub const TRANSACTION_STATUS: EnumType = EnumType {
    name: "transaction_status",
    values: &["pending", "succeeded", "failed"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&TRANSACTION_KIND);
        ddl.create_enum(&TRANSACTION_STATUS);
        ddl.create_table(
            &Table::new("transactions")
                .comment(
                    "One movement of a tenant's money (a charge, refund, credit or adjustment), usually \
                     against an invoice, as processed by a payment provider. failure_reason is set \
                     exactly when it failed.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(
                    Column::uuid("invoice_id").nullable().comment(
                        "The invoice settled or refunded, if any (a credit may stand alone); cleared \
                         when the invoice is deleted.",
                    ),
                    "invoices",
                    OnDelete::SetNull,
                )
                .col(Column::enumeration("kind", &TRANSACTION_KIND))
                .col(
                    Column::enumeration("status", &TRANSACTION_STATUS)
                        .default(Default::Enum("pending")),
                )
                .col(
                    Column::big_integer("amount_cents")
                        .comment("Amount in minor units of currency, never negative: kind gives the direction."),
                )
                .col(
                    Column::text("currency")
                        .default(Default::Text("USD"))
                        .comment("ISO 4217 code."),
                )
                .col(
                    Column::varchar("provider", 50)
                        .nullable()
                        .comment("Payment provider that processed it, for example stripe; NULL when internal."),
                )
                .col(
                    Column::varchar("provider_ref", 255)
                        .nullable()
                        .comment("The provider's own id for the transaction, unique."),
                )
                .col(Column::text("failure_reason").nullable())
                .col(
                    Column::timestamptz("occurred_at")
                        .default(Default::Now)
                        .comment("When the money moved (or the attempt was made)."),
                )
                .timestamps()
                .check_per_backend(
                    "currency",
                    "currency ~ '^[A-Z]{3}$'",
                    "length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'",
                )
                .check("amount_non_negative", "amount_cents >= 0")
                .set_exactly_when("failure_reason_iff_failed", "failure_reason", "status = 'failed'")
                .check("provider_ref_needs_provider", "provider_ref IS NULL OR provider IS NOT NULL")
                .unique(&["provider_ref"])
                .index(&["tenant_id", "occurred_at DESC"])
                // Reconciliation: pending transactions, oldest first.
                .index_spec(
                    IndexSpec::new("transactions", &["occurred_at"])
                        .named("transactions", "pending_occurred_at")
                        .filter("status = 'pending'"),
                ),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("transactions");
        ddl.drop_enum(&TRANSACTION_STATUS);
        ddl.drop_enum(&TRANSACTION_KIND);
    }
}
