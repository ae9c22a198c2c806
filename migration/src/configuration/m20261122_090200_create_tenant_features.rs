//! Creates `tenant_features`, a tenant's own setting of a feature flag.

use crate::{Column, Ddl, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("tenant_features")
                .comment(
                    "A tenant's own setting of a feature flag, which wins over the flag's default \
                     and rollout. One row per (tenant, feature flag).",
                )
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(
                    Column::uuid("feature_flag_id"),
                    "feature_flags",
                    OnDelete::Cascade,
                )
                .col(Column::boolean("enabled"))
                .references(
                    Column::uuid("set_by_user_id").nullable().comment(
                        "Who set it; NULL once that user is deleted, or when set by the platform.",
                    ),
                    "users",
                    OnDelete::SetNull,
                )
                .timestamps()
                .primary_key(&["tenant_id", "feature_flag_id"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("tenant_features");
    }
}
