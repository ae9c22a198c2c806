//! Billing: plans, invoices and payment transactions.

pub mod m20261122_000600_create_plans;
pub mod m20261122_010000_create_invoices;
pub mod m20261122_010100_create_transactions;
