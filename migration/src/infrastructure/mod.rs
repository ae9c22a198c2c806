//! Infrastructure: the resources provisioned for tenants and their metered usage, and tenants'
//! domains with their DNS records and TLS certificates.

pub mod m20261122_020000_create_resources;
pub mod m20261122_020100_create_resource_usages;
pub mod m20261122_020200_create_domains;
pub mod m20261122_020300_create_dns_records;
pub mod m20261122_020400_create_certificates;
pub mod m20261122_020500_create_certificate_renewals;
