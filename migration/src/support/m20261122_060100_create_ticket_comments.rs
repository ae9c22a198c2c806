//! Creates `ticket_comments`, the conversation on a ticket.

use crate::{Column, Ddl, Default, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_table(
            &Table::new("ticket_comments")
                .comment(
                    "A comment on a ticket, by the requester or an agent; internal comments are \
                     visible to agents only. Belongs to the ticket's tenant (kept equal by the \
                     domain layer).",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(Column::uuid("ticket_id"), "tickets", OnDelete::Cascade)
                .references(
                    Column::uuid("author_user_id")
                        .nullable()
                        .comment("Who wrote it; NULL once that user is deleted."),
                    "users",
                    OnDelete::SetNull,
                )
                .col(Column::text("body"))
                .col(
                    Column::boolean("is_internal")
                        .default(Default::Bool(false))
                        .comment("Visible to agents only, never to the requester."),
                )
                .timestamps()
                .check("body_not_blank", "length(trim(body)) > 0")
                .index(&["ticket_id", "created_at"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("ticket_comments");
    }
}
