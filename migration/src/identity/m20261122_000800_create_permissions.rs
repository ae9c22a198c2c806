//! Creates `permissions`, the catalogue of actions a role can grant (`reports.read`, …).

use crate::{Column, Ddl, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("permissions")
                .comment("An action on a resource that roles grant; code is always '<resource>.<action>'.")
                .id()
                .col(Column::text("code"))
                .col(Column::text("resource"))
                .col(Column::text("action"))
                .col(Column::text("description").nullable())
                .timestamps()
                .check_per_backend(
                    "resource_action",
                    "resource ~ '^[a-z][a-z0-9_]{0,49}$' AND action ~ '^[a-z][a-z0-9_]{0,49}$'",
                    "resource GLOB '[a-z]*' AND resource NOT GLOB '*[^a-z0-9_]*' AND length(resource) <= 50 \
                     AND action GLOB '[a-z]*' AND action NOT GLOB '*[^a-z0-9_]*' AND length(action) <= 50",
                )
                .check("code_is_resource_dot_action", "code = resource || '.' || action")
                .unique(&["code"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("permissions");
    }
}
