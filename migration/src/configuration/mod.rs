//! Configuration: settings (global defaults and tenant overrides), platform feature flags and
//! tenants' overrides of them, and tenants' service quotas.

pub mod m20261122_090000_create_configurations;
pub mod m20261122_090100_create_feature_flags;
pub mod m20261122_090200_create_tenant_features;
pub mod m20261122_090300_create_service_quotas;
