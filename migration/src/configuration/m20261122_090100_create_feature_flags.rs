//! Creates `feature_flags`, the platform's feature switches and their gradual rollout.

use crate::{Column, Ddl, Default, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("feature_flags")
                .comment(
                    "A feature switch of the platform (platform data: no tenant_id): on for \
                     rollout_percentage percent of tenants, or by default_enabled; a tenant's own \
                     setting in tenant_features wins.",
                )
                .id()
                .col(
                    Column::varchar("key", 100)
                        .comment("Stable identifier used in code, for example new_report_builder."),
                )
                .col(Column::text("description").nullable())
                .col(Column::boolean("default_enabled").default(Default::Bool(false)))
                .col(
                    Column::big_integer("rollout_percentage")
                        .default(Default::Int(0))
                        .comment("Share of tenants, 0 to 100, the feature is on for."),
                )
                .col(
                    Column::json("rules")
                        .default(Default::JsonArray)
                        .comment("Targeting rules; shape not fixed by the model."),
                )
                .timestamps()
                .check("key_not_blank", "length(trim(key)) > 0")
                .check(
                    "rollout_percentage_range",
                    "rollout_percentage BETWEEN 0 AND 100",
                )
                .unique(&["key"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("feature_flags");
    }
}
