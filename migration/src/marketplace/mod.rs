//! Marketplace and modules: the module catalogue, tenants' installations and licences, and
//! per-tenant app overrides.

pub mod m20261122_130000_create_marketplace_modules;
pub mod m20261122_130100_create_module_installations;
pub mod m20261122_130200_create_module_licenses;
pub mod m20261122_130300_create_app_overrides;
pub mod m20261201_153734_create_module_integrations;
