//! Creates `policies`: versioned security, retention, access and privacy policies, platform-wide
//! (no tenant) or a tenant's own, with the policy kind and status enums.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// What a policy governs.
pub const POLICY_KIND: EnumType = EnumType {
    name: "policy_kind",
    values: &["security", "retention", "access", "privacy"],
};

/// The lifecycle of a policy version.
pub const POLICY_STATUS: EnumType = EnumType {
    name: "policy_status",
    values: &["draft", "active", "retired"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&POLICY_KIND);
        ddl.create_enum(&POLICY_STATUS);
        ddl.create_table(
            &Table::new("policies")
                .comment(
                    "One version of a named policy (security, retention, access or privacy) and \
                     its rules. Mixes platform rows (tenant_id NULL, readable by every tenant) and \
                     tenant rows. Unique by (tenant_id, name, version) with NULL counted as one \
                     tenant.",
                )
                .id()
                .references(
                    Column::uuid("tenant_id").nullable(),
                    "tenants",
                    OnDelete::Cascade,
                )
                .col(Column::varchar("name", 100))
                .col(Column::text("description").nullable())
                .col(Column::enumeration("kind", &POLICY_KIND))
                .col(
                    Column::json("rules")
                        .default(Default::JsonObject)
                        .comment("The policy's rules; shape not fixed by the model."),
                )
                .col(Column::enumeration("status", &POLICY_STATUS).default(Default::Enum("draft")))
                .col(
                    Column::big_integer("version")
                        .default(Default::Int(1))
                        .comment("1 for the first version of the named policy, then 2, 3, …"),
                )
                .timestamps()
                .check("name_not_blank", "length(trim(name)) > 0")
                .check("version_positive", "version > 0")
                .unique_nulls_not_distinct(&["tenant_id", "name", "version"], &["tenant_id"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("policies");
        ddl.drop_enum(&POLICY_STATUS);
        ddl.drop_enum(&POLICY_KIND);
    }
}
