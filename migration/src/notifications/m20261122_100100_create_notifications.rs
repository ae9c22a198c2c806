//! Creates `notifications`, the messages sent to users, tenants and administrators, with their
//! target, status and priority enums.

use crate::notifications::m20261122_100000_create_notification_templates::NOTIFICATION_CHANNEL;
use crate::{Column, Ddl, Default, EnumType, IndexSpec, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// Who a notification is addressed to.
pub const NOTIFICATION_TARGET_TYPE: EnumType = EnumType {
    name: "notification_target_type",
    values: &["user", "tenant", "admin", "system"],
};

/// The delivery lifecycle of a notification: pending → sent → delivered, or failed / expired.
pub const NOTIFICATION_STATUS: EnumType = EnumType {
    name: "notification_status",
    values: &["pending", "sent", "delivered", "failed", "expired"],
};

/// How urgent a notification is.
pub const NOTIFICATION_PRIORITY: EnumType = EnumType {
    name: "notification_priority",
    values: &["low", "medium", "high", "urgent"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&NOTIFICATION_TARGET_TYPE);
        ddl.create_enum(&NOTIFICATION_STATUS);
        ddl.create_enum(&NOTIFICATION_PRIORITY);
        ddl.create_table(
            &Table::new("notifications")
                .comment(
                    "One message to one target (a user, the tenant, its \
                     administrators or the system) on one channel, with its \
                     delivery state: sent_at is set once sent, delivered_at \
                     exactly when delivered, read_at when the recipient opened it.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .col(
                    Column::enumeration("target_type", &NOTIFICATION_TARGET_TYPE)
                        .default(Default::Enum("user")),
                )
                .references(
                    Column::uuid("recipient_user_id").nullable().comment(
                        "The user addressed, when target_type is user; NULL \
                         for broadcast targets or once the user is deleted.",
                    ),
                    "users",
                    OnDelete::SetNull,
                )
                .col(
                    Column::enumeration("channel", &NOTIFICATION_CHANNEL)
                        .default(Default::Enum("in_app")),
                )
                .col(
                    Column::enumeration("status", &NOTIFICATION_STATUS)
                        .default(Default::Enum("pending")),
                )
                .col(
                    Column::enumeration("priority", &NOTIFICATION_PRIORITY)
                        .default(Default::Enum("medium")),
                )
                .col(Column::varchar("title", 255))
                .col(Column::text("body"))
                .col(Column::json("data").default(Default::JsonObject).comment(
                    "Free-form context for the client, such as \
                     the id and kind of the object it is about.",
                ))
                .col(
                    Column::boolean("action_required")
                        .default(Default::Bool(false))
                        .comment("Whether the recipient must act on it."),
                )
                .col(
                    Column::timestamptz("action_deadline")
                        .nullable()
                        .comment("When the required action is due."),
                )
                .col(
                    Column::big_integer("retry_count")
                        .default(Default::Int(0))
                        .comment("Delivery attempts that failed so far."),
                )
                .col(Column::timestamptz("sent_at").nullable())
                .col(Column::timestamptz("delivered_at").nullable())
                .col(Column::timestamptz("read_at").nullable())
                .col(
                    Column::timestamptz("expires_at")
                        .nullable()
                        .comment("After this the notification is no longer shown or retried."),
                )
                .timestamps()
                .check("retry_count_non_negative", "retry_count >= 0")
                .set_exactly_when(
                    "delivered_at_iff_delivered",
                    "delivered_at",
                    "status = 'delivered'",
                )
                .check(
                    "sent_at_when_sent",
                    "status NOT IN ('sent', 'delivered') OR sent_at IS NOT NULL",
                )
                .check(
                    "expires_at_when_expired",
                    "status <> 'expired' OR expires_at IS NOT NULL",
                )
                .check(
                    "action_deadline_needs_action",
                    "action_deadline IS NULL OR action_required",
                )
                .check(
                    "sent_after_created",
                    "sent_at IS NULL OR sent_at >= created_at",
                )
                .check(
                    "delivered_after_sent",
                    "delivered_at IS NULL OR delivered_at >= sent_at",
                )
                .check(
                    "read_after_created",
                    "read_at IS NULL OR read_at >= created_at",
                )
                .check(
                    "expires_after_created",
                    "expires_at IS NULL OR expires_at > created_at",
                )
                // A user's inbox, newest first; also serves the recipient foreign key.
                .index(&["recipient_user_id", "created_at DESC"])
                .index(&["tenant_id", "created_at DESC"])
                // The dispatcher's queue: pending notifications, oldest first.
                .index_spec(
                    IndexSpec::new("notifications", &["created_at"])
                        .named("notifications", "pending_created_at")
                        .filter("status = 'pending'"),
                ),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("notifications");
        ddl.drop_enum(&NOTIFICATION_PRIORITY);
        ddl.drop_enum(&NOTIFICATION_STATUS);
        ddl.drop_enum(&NOTIFICATION_TARGET_TYPE);
    }
}
