//! Typed JSON of the billing, infrastructure, analytics and monitoring tables.

use chrono::{DateTime, Utc};
use sea_orm::FromJsonQueryResult;
use serde::{Deserialize, Serialize};

/// `invoices.line_items`: what an invoice bills, in the order it is printed.
///
/// The line items' `amount_cents` add up to the invoice's `subtotal_cents` (a rule of the domain
/// layer; the database checks only `total_cents = subtotal_cents + tax_cents`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct InvoiceLineItems(pub Vec<InvoiceLineItem>);

impl InvoiceLineItems {
    /// The sum of the items' `amount_cents`, which must equal the invoice's `subtotal_cents`;
    /// `None` on overflow.
    pub fn subtotal_cents(&self) -> Option<i64> {
        self.0
            .iter()
            .try_fold(0i64, |sum, item| sum.checked_add(item.amount_cents))
    }
}

/// One line of an invoice. Amounts are in minor units of the invoice's currency, and
/// `amount_cents = quantity * unit_price_cents`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvoiceLineItem {
    /// What is billed, as printed on the invoice, for example `Pro plan, 5 seats`.
    pub description: String,
    /// How many units are billed, for example seats.
    pub quantity: u32,
    /// The price of one unit, in minor units.
    pub unit_price_cents: i64,
    /// The line's amount, in minor units: `quantity * unit_price_cents`.
    pub amount_cents: i64,
    /// The service period the line covers, when it is a recurring charge.
    #[serde(default)]
    pub period: Option<LineItemPeriod>,
    /// The code of the plan billed (`plans.code`), when the line bills a plan.
    #[serde(default)]
    pub plan_code: Option<String>,
    /// The stock-keeping unit of anything else billed, for example a marketplace module.
    #[serde(default)]
    pub sku: Option<String>,
}

impl InvoiceLineItem {
    /// `quantity * unit_price_cents`, the amount the line must carry; `None` on overflow.
    pub fn expected_amount_cents(&self) -> Option<i64> {
        self.unit_price_cents.checked_mul(i64::from(self.quantity))
    }

    /// Whether `amount_cents = quantity * unit_price_cents`.
    pub fn amount_is_consistent(&self) -> bool {
        self.expected_amount_cents() == Some(self.amount_cents)
    }
}

/// The service period an invoice line covers: from `start` (inclusive) to `end` (exclusive),
/// with `end` after `start`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineItemPeriod {
    /// The first instant covered.
    pub start: DateTime<Utc>,
    /// The first instant no longer covered.
    pub end: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_items_round_trip_and_check_their_amounts() {
        let items: InvoiceLineItems = serde_json::from_str(
            r#"[
                {"description": "Pro plan, 5 seats", "quantity": 5, "unit_price_cents": 1200,
                 "amount_cents": 6000, "plan_code": "pro-monthly",
                 "period": {"start": "2026-11-01T00:00:00Z", "end": "2026-12-01T00:00:00Z"}},
                {"description": "Setup", "quantity": 1, "unit_price_cents": 500, "amount_cents": 500}
            ]"#,
        )
        .expect("valid line items");
        assert_eq!(items.0.len(), 2);
        assert!(items.0.iter().all(InvoiceLineItem::amount_is_consistent));
        assert_eq!(items.subtotal_cents(), Some(6500));
        let json = serde_json::to_string(&items).expect("serializes");
        let back: InvoiceLineItems = serde_json::from_str(&json).expect("round-trips");
        assert_eq!(back, items);
        let empty: InvoiceLineItems = serde_json::from_str("[]").expect("[] is valid");
        assert_eq!(empty, InvoiceLineItems::default());
    }

    #[test]
    fn unknown_fields_are_rejected_by_name() {
        let err = serde_json::from_str::<InvoiceLineItems>(
            r#"[{"description": "x", "quantity": 1, "unit_price_cents": 1, "amount_cents": 1, "tax": 0}]"#,
        )
        .expect_err("an unknown field is an error");
        assert!(err.to_string().contains("unknown field `tax`"), "{err}");
    }
}
