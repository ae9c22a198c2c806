//! Creates `invoices`, the bills issued to a tenant, with their typed line items.

use crate::{Column, Ddl, Default, EnumType, IndexSpec, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The lifecycle of an invoice: draft → open → paid | void | uncollectible.
pub const INVOICE_STATUS: EnumType = EnumType {
    name: "invoice_status",
    values: &["draft", "open", "paid", "void", "uncollectible"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&INVOICE_STATUS);
        ddl.create_table(
            &Table::new("invoices")
                .comment(
                    "A bill issued to a tenant: its line items, amounts and payment state. Lifecycle \
                     draft -> open -> paid | void | uncollectible; issued_at is set once it leaves draft \
                     and paid_at exactly when it is paid. It outlives the subscription it billed.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(
                    Column::uuid("subscription_id")
                        .nullable()
                        .comment("The subscription billed, if any; cleared when that subscription is deleted."),
                    "subscriptions",
                    OnDelete::SetNull,
                )
                .col(
                    Column::varchar("number", 50)
                        .comment("Human-facing invoice number, unique across the platform."),
                )
                .col(Column::enumeration("status", &INVOICE_STATUS).default(Default::Enum("draft")))
                .col(
                    Column::text("currency")
                        .default(Default::Text("USD"))
                        .comment("ISO 4217 code of every amount on the invoice."),
                )
                .col(
                    Column::big_integer("subtotal_cents")
                        .default(Default::Int(0))
                        .comment("Sum of the line items' amount_cents, in minor units of currency."),
                )
                .col(
                    Column::big_integer("tax_cents")
                        .default(Default::Int(0))
                        .comment("Tax in minor units of currency."),
                )
                .col(
                    Column::big_integer("total_cents")
                        .default(Default::Int(0))
                        .comment("subtotal_cents + tax_cents (checked)."),
                )
                .col(
                    Column::json("line_items")
                        .default(Default::JsonArray)
                        .comment("Typed: entity::json::InvoiceLineItems."),
                )
                .col(
                    Column::timestamptz("issued_at")
                        .nullable()
                        .comment("When the invoice left draft (was sent to the tenant)."),
                )
                .col(Column::timestamptz("due_at").nullable())
                .col(Column::timestamptz("paid_at").nullable())
                .timestamps()
                .check_per_backend(
                    "currency",
                    "currency ~ '^[A-Z]{3}$'",
                    "length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'",
                )
                .check(
                    "amounts_non_negative",
                    "subtotal_cents >= 0 AND tax_cents >= 0 AND total_cents >= 0",
                )
                .check("total_is_subtotal_plus_tax", "total_cents = subtotal_cents + tax_cents")
                .check("issued_at_unless_draft", "(status = 'draft') = (issued_at IS NULL)")
                .set_exactly_when("paid_at_iff_paid", "paid_at", "status = 'paid'")
                .check("due_after_issued", "due_at IS NULL OR due_at >= issued_at")
                .check("paid_after_issued", "paid_at IS NULL OR paid_at >= issued_at")
                .unique(&["number"])
                .index(&["tenant_id", "status", "created_at DESC"])
                // Collections: open invoices, oldest due first.
                .index_spec(
                    IndexSpec::new("invoices", &["due_at"])
                        .named("invoices", "open_due_at")
                        .filter("status = 'open'"),
                ),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("invoices");
        ddl.drop_enum(&INVOICE_STATUS);
    }
}
