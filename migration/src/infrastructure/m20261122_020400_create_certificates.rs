//! Creates `certificates`, the TLS certificates of a tenant's domains, with their validity.

use crate::{Column, Ddl, Default, EnumType, IndexSpec, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The lifecycle of a certificate.
pub const CERTIFICATE_STATUS: EnumType = EnumType {
    name: "certificate_status",
    values: &[
        "pending", "issued", "expiring", "expired", "revoked", "failed",
    ],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&CERTIFICATE_STATUS);
        ddl.create_table(
            &Table::new("certificates")
                .comment(
                    "A TLS certificate for a tenant's domain: names covered, issuer, validity window and \
                     state. Once issued it has not_before, not_after and its SHA-256 fingerprint. \
                     Deleted with its domain; renewal attempts are in certificate_renewals.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(Column::uuid("domain_id"), "domains", OnDelete::Cascade)
                .col(Column::varchar("common_name", 253).comment("Subject CN, for example www.example.com."))
                .col(
                    Column::json("subject_alt_names")
                        .default(Default::JsonArray)
                        .comment("The DNS names the certificate covers besides common_name, as a JSON array of strings."),
                )
                .col(
                    Column::varchar("issuer", 255)
                        .nullable()
                        .comment("Issuing CA, for example Let's Encrypt R11; NULL until issued."),
                )
                .col(
                    Column::enumeration("status", &CERTIFICATE_STATUS)
                        .default(Default::Enum("pending")),
                )
                .col(Column::timestamptz("not_before").nullable())
                .col(Column::timestamptz("not_after").nullable())
                .col(
                    Column::boolean("auto_renew")
                        .default(Default::Bool(true))
                        .comment("Whether the platform renews it before not_after."),
                )
                .col(
                    Column::text("fingerprint_sha256")
                        .nullable()
                        .comment("Lower-case hex SHA-256 of the DER certificate."),
                )
                .timestamps()
                .check("not_after_after_not_before", "not_after > not_before")
                .check(
                    "validity_once_issued",
                    "status IN ('pending', 'failed') \
                     OR (not_before IS NOT NULL AND not_after IS NOT NULL AND fingerprint_sha256 IS NOT NULL)",
                )
                .check_per_backend(
                    "fingerprint_sha256",
                    "fingerprint_sha256 ~ '^[0-9a-f]{64}$'",
                    "length(fingerprint_sha256) = 64 AND fingerprint_sha256 NOT GLOB '*[^0-9a-f]*'",
                )
                // The renewal job: live auto-renewing certificates by expiry.
                .index_spec(
                    IndexSpec::new("certificates", &["not_after"])
                        .named("certificates", "renewal_due")
                        .filter("auto_renew AND status IN ('issued', 'expiring')"),
                ),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("certificates");
        ddl.drop_enum(&CERTIFICATE_STATUS);
    }
}
