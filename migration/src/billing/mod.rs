//! Billing: plans, invoices and payment transactions.

pub mod m20261122_000600_create_plans;
