//! Creates `domains`, the DNS domains a tenant has added to the platform, with their verification.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// Whether the tenant has proved it controls a domain.
pub const DOMAIN_VERIFICATION_STATUS: EnumType = EnumType {
    name: "domain_verification_status",
    values: &["pending", "verified", "failed"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&DOMAIN_VERIFICATION_STATUS);
        ddl.create_table(
            &Table::new("domains")
                .comment(
                    "A DNS domain a tenant has added to the platform, and whether it has proved control \
                     of it. A hostname belongs to at most one tenant. Parent of its dns_records and \
                     certificates.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .col(
                    Column::varchar("hostname", 253)
                        .comment("Fully qualified host name, lower case, without a trailing dot."),
                )
                .col(
                    Column::enumeration("verification_status", &DOMAIN_VERIFICATION_STATUS)
                        .default(Default::Enum("pending")),
                )
                .col(
                    Column::timestamptz("verified_at")
                        .nullable()
                        .comment("When control was last proved; set whenever verification_status is verified."),
                )
                .timestamps()
                .check_per_backend(
                    "hostname",
                    "hostname ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$'",
                    "hostname GLOB '*?.?*' AND hostname NOT GLOB '*[^a-z0-9.-]*' \
                     AND hostname NOT GLOB '.*' AND hostname NOT GLOB '*.' AND hostname NOT GLOB '*..*'",
                )
                .check(
                    "verified_at_when_verified",
                    "verification_status <> 'verified' OR verified_at IS NOT NULL",
                )
                .unique(&["hostname"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("domains");
        ddl.drop_enum(&DOMAIN_VERIFICATION_STATUS);
    }
}
