//! One factory per table, in one module per migration domain: each builds a valid row from a
//! generator ([`Gen`]), the parents it refers to and, for a tenant's rows, the tenant's
//! [`TenantLife`](crate::TenantLife). What a caller cares about is a typed override, Rust's
//! struct update: `tenants::Model { status: TenantStatus::Suspended, ..tenancy::tenant(g) }`;
//! named variants (factory_bot's traits) are functions beside the factory they vary, such as
//! [`tenancy::trialing_subscription`].
//!
//! The `dev` scenarios, the generated population and the tests (`test_support::fixtures`) build
//! their rows here, so a new NOT NULL column or CHECK is one edit. Times are whole microseconds,
//! the precision of Postgres `timestamptz`, so that a row read back equals the row written on both
//! backends.

pub mod audit;
pub mod billing;
pub mod identity;
pub mod infrastructure;
pub mod integrations;
pub mod notifications;
pub mod reporting;
pub mod tenancy;

use chrono::{DateTime, Duration, FixedOffset};

use crate::Gen;

/// `days` whole days after the anchor ([`crate::ANCHOR`]), plus 123,456 µs so that rows built
/// at these times exercise sub-millisecond precision.
pub fn at(days: i64) -> DateTime<FixedOffset> {
    Gen::anchor() + Duration::days(days) + Duration::microseconds(123_456)
}

/// `prefix`, a dash and ten seeded lowercase hex digits: a value for a unique column.
pub fn unique(g: &mut Gen, prefix: &str) -> String {
    format!("{prefix}-{}", hex::encode(g.bytes::<5>()))
}
