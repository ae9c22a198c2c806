//! Typed JSON of the billing tables: plan limits and invoice line items.

use sea_orm::FromJsonQueryResult;
use sea_orm::prelude::DateTimeWithTimeZone;
use serde::{Deserialize, Serialize};

use super::Extra;

/// `plans.limits`: what a plan allows. An absent limit means unlimited.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(default)]
pub struct PlanLimits {
    /// Members per tenant.
    pub max_users: Option<i64>,
    /// Reports per tenant.
    pub max_reports: Option<i64>,
    /// Storage per tenant, in GiB.
    pub storage_gb: Option<i64>,
    /// API calls per calendar month.
    pub api_calls_per_month: Option<i64>,
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
}

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
pub struct InvoiceLineItem {
    /// What is billed, as printed on the invoice, for example `Pro plan, 5 seats`.
    pub description: String,
    /// How many units are billed, for example seats.
    pub quantity: i64,
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
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
}

impl InvoiceLineItem {
    /// `quantity * unit_price_cents`, the amount the line must carry; `None` on overflow.
    pub fn expected_amount_cents(&self) -> Option<i64> {
        self.unit_price_cents.checked_mul(self.quantity)
    }

    /// Whether `amount_cents = quantity * unit_price_cents`.
    pub fn amount_is_consistent(&self) -> bool {
        self.expected_amount_cents() == Some(self.amount_cents)
    }
}

/// The service period an invoice line covers: from `start` (inclusive) to `end` (exclusive),
/// with `end` after `start`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineItemPeriod {
    /// The first instant covered.
    pub start: DateTimeWithTimeZone,
    /// The first instant no longer covered.
    pub end: DateTimeWithTimeZone,
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
}
