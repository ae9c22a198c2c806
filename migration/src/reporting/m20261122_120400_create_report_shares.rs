//! Creates `report_shares`, reports shared with other users, with the share permission enum.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// What a user a report is shared with may do with it.
pub const REPORT_SHARE_PERMISSION: EnumType = EnumType {
    name: "report_share_permission",
    values: &["view", "edit"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&REPORT_SHARE_PERMISSION);
        ddl.create_table(
            &Table::new("report_shares")
                .comment(
                    "A report shared with one user, with view or edit permission, \
                     optionally until expires_at. At most one share per (report, user).",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(Column::uuid("report_id"), "reports", OnDelete::Cascade)
                .references(
                    Column::uuid("shared_with_user_id")
                        .comment("The user the report is shared with."),
                    "users",
                    OnDelete::Cascade,
                )
                .references(
                    Column::uuid("shared_by_user_id")
                        .nullable()
                        .comment("Who shared it."),
                    "users",
                    OnDelete::SetNull,
                )
                .col(
                    Column::enumeration("permission", &REPORT_SHARE_PERMISSION)
                        .default(Default::Enum("view")),
                )
                .col(
                    Column::timestamptz("expires_at")
                        .nullable()
                        .comment("When the share lapses; NULL for no end."),
                )
                .timestamps()
                .check(
                    "expires_after_created",
                    "expires_at IS NULL OR expires_at > created_at",
                )
                .unique(&["report_id", "shared_with_user_id"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("report_shares");
        ddl.drop_enum(&REPORT_SHARE_PERMISSION);
    }
}
