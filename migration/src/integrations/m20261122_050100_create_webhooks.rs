//! Creates `webhooks`: URLs a tenant has registered to receive its events, with the webhook
//! status enum.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// Whether a webhook receives deliveries.
pub const WEBHOOK_STATUS: EnumType = EnumType {
    name: "webhook_status",
    values: &["active", "paused", "disabled"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&WEBHOOK_STATUS);
        ddl.create_table(
            &Table::new("webhooks")
                .comment(
                    "A URL a tenant has registered to be sent its events (those listed in events). \
                     The signing secret is shown once at creation; only its SHA-256 is stored.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .col(Column::text("url").comment("Where deliveries are POSTed (http or https)."))
                .col(
                    Column::json("events")
                        .default(Default::JsonArray)
                        .comment("Typed: entity::json::WebhookEvents."),
                )
                .col(
                    Column::text("secret_hash")
                        .comment("Lower-case hex SHA-256 of the signing secret."),
                )
                .col(
                    Column::enumeration("status", &WEBHOOK_STATUS).default(Default::Enum("active")),
                )
                .col(
                    Column::big_integer("failure_count")
                        .default(Default::Int(0))
                        .comment("Consecutive failed deliveries; reset by a successful one."),
                )
                .col(Column::timestamptz("last_delivery_at").nullable())
                .timestamps()
                .check("url_http", "url LIKE 'https://%' OR url LIKE 'http://%'")
                .check_per_backend(
                    "secret_hash",
                    "secret_hash ~ '^[0-9a-f]{64}$'",
                    "length(secret_hash) = 64 AND secret_hash NOT GLOB '*[^0-9a-f]*'",
                )
                .check("failure_count_non_negative", "failure_count >= 0"),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("webhooks");
        ddl.drop_enum(&WEBHOOK_STATUS);
    }
}
