//! Creates `notification_templates`, the platform's and tenants' message templates per code,
//! locale, channel and version, with the notification channel enum shared by the domain.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The channel a notification or template is delivered through (shared by `notifications`).
pub const NOTIFICATION_CHANNEL: EnumType = EnumType {
    name: "notification_channel",
    values: &["in_app", "email", "sms", "push", "webhook"],
};

/// The lifecycle of a template version: only `active` versions are used for sending.
pub const NOTIFICATION_TEMPLATE_STATUS: EnumType = EnumType {
    name: "notification_template_status",
    values: &["draft", "active", "archived"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&NOTIFICATION_CHANNEL);
        ddl.create_enum(&NOTIFICATION_TEMPLATE_STATUS);
        ddl.create_table(
            &Table::new("notification_templates")
                .comment(
                    "One version of a message template for one code, locale and channel. \
                     Mixes platform templates (tenant_id NULL, readable by every tenant) \
                     and a tenant's own templates, which take precedence. Unique by \
                     (tenant_id, code, locale, channel, version) with NULL counted as one \
                     tenant.",
                )
                .id()
                .references(
                    Column::uuid("tenant_id")
                        .nullable()
                        .comment("The owning tenant; NULL for a platform template."),
                    "tenants",
                    OnDelete::Cascade,
                )
                .col(
                    Column::varchar("code", 100)
                        .comment("Stable key the application sends by, for example invoice.paid."),
                )
                .col(
                    Column::varchar("locale", 35)
                        .default(Default::Text("en"))
                        .comment("BCP 47 language tag, for example en or pt-BR."),
                )
                .col(Column::enumeration("channel", &NOTIFICATION_CHANNEL))
                .col(
                    Column::text("subject").nullable().comment(
                        "Subject or title line; NULL for channels without one, such as SMS.",
                    ),
                )
                .col(
                    Column::text("body")
                        .comment("The template text, with {{variable}} placeholders."),
                )
                .col(
                    Column::json("variables")
                        .default(Default::JsonArray)
                        .comment("Typed: entity::json::TemplateVariables."),
                )
                .col(
                    Column::json("test_data")
                        .default(Default::JsonObject)
                        .comment(
                            "Sample values by variable name, used \
                             to preview and validate the template.",
                        ),
                )
                .col(
                    Column::big_integer("version")
                        .default(Default::Int(1))
                        .comment("Version of this (tenant, code, locale, channel), from 1."),
                )
                .col(
                    Column::enumeration("status", &NOTIFICATION_TEMPLATE_STATUS)
                        .default(Default::Enum("draft")),
                )
                .timestamps()
                .check("code_not_blank", "length(trim(code)) > 0")
                .check("version_positive", "version > 0")
                .unique_nulls_not_distinct(
                    &["tenant_id", "code", "locale", "channel", "version"],
                    &["tenant_id"],
                ),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("notification_templates");
        ddl.drop_enum(&NOTIFICATION_TEMPLATE_STATUS);
        ddl.drop_enum(&NOTIFICATION_CHANNEL);
    }
}
