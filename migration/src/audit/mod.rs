//! Audit and compliance: the append-only audit log, tenants' compliance frameworks and the
//! policies (platform and tenant) they are held to.

pub mod m20261122_070000_create_audit_logs;
pub mod m20261122_070100_create_compliances;
pub mod m20261122_070200_create_policies;
