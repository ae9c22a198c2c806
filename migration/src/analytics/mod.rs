//! Analytics: daily per-tenant statistics and metric time series in hour, day and month buckets.

pub mod m20261122_030000_create_tenant_stats;
pub mod m20261122_030100_create_usage_stats;
