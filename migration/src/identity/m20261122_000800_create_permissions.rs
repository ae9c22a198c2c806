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
                .col(Column::varchar("code", 100))
                .col(Column::varchar("resource", 50))
                .col(Column::varchar("action", 50))
                .col(Column::text("description").nullable())
                .timestamps()
                .check_per_backend(
                    "resource_action",
                    "resource ~ '^[a-z][a-z0-9_]*$' AND action ~ '^[a-z][a-z0-9_]*$'",
                    "resource GLOB '[a-z]*' AND resource NOT GLOB '*[^a-z0-9_]*' \
                     AND action GLOB '[a-z]*' AND action NOT GLOB '*[^a-z0-9_]*'",
                )
                .check("code_is_resource_dot_action", "code = resource || '.' || action")
                .unique(&["code"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("permissions");
    }
}
