//! Tenancy: tenants, their subscriptions, onboarding, roles and members.

pub mod m20261122_000100_create_tenants;
pub mod m20261122_000300_create_tenant_roles;
pub mod m20261122_000400_create_tenant_users;
pub mod m20261122_000500_create_onboardings;
pub mod m20261122_000700_create_subscriptions;
pub mod m20261122_150000_create_tenant_dashboard;
