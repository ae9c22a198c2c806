//! Monitoring: health check results, incidents and platform metrics.

pub mod m20261122_040000_create_health_checks;
pub mod m20261122_040100_create_incidents;
pub mod m20261122_040200_create_system_metrics;
