//! Creates `dns_records`, the DNS records the platform serves for a tenant's domain.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The DNS record types the platform manages.
pub const DNS_RECORD_TYPE: EnumType = EnumType {
    name: "dns_record_type",
    values: &["a", "aaaa", "cname", "mx", "txt", "ns", "srv", "caa"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&DNS_RECORD_TYPE);
        ddl.create_table(
            &Table::new("dns_records")
                .comment(
                    "One DNS record of a tenant's domain (type, name, value, TTL, and the priority MX and \
                     SRV records need). Deleted with its domain; the domain belongs to the same tenant \
                     (enforced by the domain layer).",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(Column::uuid("domain_id"), "domains", OnDelete::Cascade)
                .col(Column::enumeration("record_type", &DNS_RECORD_TYPE))
                .col(
                    Column::varchar("name", 253)
                        .comment("Owner name relative to the domain; @ for the domain itself."),
                )
                .col(Column::text("value").comment("Record data as written in a zone file."))
                .col(
                    Column::big_integer("ttl")
                        .default(Default::Int(3600))
                        .comment("Time to live in seconds, 60 to 86400."),
                )
                .col(
                    Column::big_integer("priority")
                        .nullable()
                        .comment("Preference of an MX or priority of an SRV record (0 to 65535); NULL for other types."),
                )
                .timestamps()
                .check("ttl_range", "ttl BETWEEN 60 AND 86400")
                .check("priority_range", "priority IS NULL OR priority BETWEEN 0 AND 65535")
                .check(
                    "priority_iff_mx_or_srv",
                    "(record_type IN ('mx', 'srv')) = (priority IS NOT NULL)",
                )
                .index(&["domain_id", "name", "record_type"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("dns_records");
        ddl.drop_enum(&DNS_RECORD_TYPE);
    }
}
