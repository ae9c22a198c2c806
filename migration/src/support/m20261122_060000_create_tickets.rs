//! Creates `tickets`, a tenant's support requests, numbered per tenant, with the ticket status
//! and priority enums.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The lifecycle of a ticket: `solved` awaits the requester's confirmation, `closed` is final.
pub const TICKET_STATUS: EnumType = EnumType {
    name: "ticket_status",
    values: &["open", "pending", "on_hold", "solved", "closed"],
};

/// How urgent a ticket is.
pub const TICKET_PRIORITY: EnumType = EnumType {
    name: "ticket_priority",
    values: &["low", "medium", "high", "urgent"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&TICKET_STATUS);
        ddl.create_enum(&TICKET_PRIORITY);
        ddl.create_table(
            &Table::new("tickets")
                .comment(
                    "A support request of a tenant, numbered 1, 2, … within the tenant. \
                     resolved_at is set exactly while the ticket is solved or closed (reopening \
                     clears it; closing an unsolved ticket records the closing time).",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .col(Column::big_integer("number").comment(
                    "The ticket's number within its tenant: the next free one, by the application.",
                ))
                .col(Column::varchar("subject", 200))
                .col(Column::text("description"))
                .col(Column::enumeration("status", &TICKET_STATUS).default(Default::Enum("open")))
                .col(
                    Column::enumeration("priority", &TICKET_PRIORITY)
                        .default(Default::Enum("medium")),
                )
                .references(
                    Column::uuid("requester_user_id")
                        .nullable()
                        .comment("Who asked; NULL once that user is deleted."),
                    "users",
                    OnDelete::SetNull,
                )
                .references(
                    Column::uuid("assignee_user_id")
                        .nullable()
                        .comment("The agent working on it; NULL while unassigned."),
                    "users",
                    OnDelete::SetNull,
                )
                .col(Column::timestamptz("resolved_at").nullable())
                .timestamps()
                .check("number_positive", "number > 0")
                .check("subject_not_blank", "length(trim(subject)) > 0")
                .set_exactly_when(
                    "resolved_at_iff_solved_or_closed",
                    "resolved_at",
                    "status IN ('solved', 'closed')",
                )
                .check(
                    "resolved_after_created",
                    "resolved_at IS NULL OR resolved_at >= created_at",
                )
                .unique(&["tenant_id", "number"])
                .index(&["tenant_id", "status", "created_at DESC"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("tickets");
        ddl.drop_enum(&TICKET_PRIORITY);
        ddl.drop_enum(&TICKET_STATUS);
    }
}
