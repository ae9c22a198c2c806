//! Creates `feedbacks`: ratings and comments users give about the platform.

use crate::{Column, Ddl, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("feedbacks")
                .comment(
                    "Feedback a user of a tenant gave: a rating from 1 to 5, optionally a category \
 and a comment.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(
                    Column::uuid("user_id")
                        .nullable()
                        .comment("Who gave it; NULL once that user is deleted."),
                    "users",
                    OnDelete::SetNull,
                )
                .col(Column::big_integer("rating").comment("1 (worst) to 5 (best)."))
                .col(
                    Column::varchar("category", 50)
                        .nullable()
                        .comment("What the feedback is about, for example reports or billing."),
                )
                .col(Column::text("comment").nullable())
                .timestamps()
                .check("rating_range", "rating BETWEEN 1 AND 5")
                .index(&["tenant_id", "created_at DESC"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("feedbacks");
    }
}
