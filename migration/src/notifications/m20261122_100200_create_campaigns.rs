//! Creates `campaigns`, a tenant's bulk sends of a notification template to an audience, with
//! their audience and status enums.

use crate::{Column, Ddl, Default, EnumType, IndexSpec, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// Who a campaign is sent to.
pub const CAMPAIGN_AUDIENCE: EnumType = EnumType {
    name: "campaign_audience",
    values: &["all_users", "users", "admin_users", "custom_list"],
};

/// The lifecycle of a campaign: draft → scheduled → sending → sent, with paused and canceled.
pub const CAMPAIGN_STATUS: EnumType = EnumType {
    name: "campaign_status",
    values: &[
        "draft",
        "scheduled",
        "sending",
        "sent",
        "paused",
        "canceled",
    ],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&CAMPAIGN_AUDIENCE);
        ddl.create_enum(&CAMPAIGN_STATUS);
        ddl.create_table(
            &Table::new("campaigns")
                .comment(
                    "A tenant's bulk send of one notification template to an \
                     audience, optionally as an A/B test, with its delivery \
                     counters (opens and clicks never exceed sends).",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(
                    Column::uuid("notification_template_id").comment(
                        "The template sent (the tenant's own or a platform one). A \
                         template in use by a campaign cannot be deleted; archive it \
                         instead.",
                    ),
                    "notification_templates",
                    OnDelete::NoAction,
                )
                .col(Column::varchar("name", 200))
                .col(
                    Column::enumeration("audience", &CAMPAIGN_AUDIENCE)
                        .default(Default::Enum("all_users")),
                )
                .col(
                    Column::enumeration("status", &CAMPAIGN_STATUS).default(Default::Enum("draft")),
                )
                .col(
                    Column::timestamptz("scheduled_at")
                        .nullable()
                        .comment("When sending starts; required once scheduled."),
                )
                .col(
                    Column::varchar("timezone", 64)
                        .default(Default::Text("UTC"))
                        .comment(
                            "IANA time zone the schedule was \
                             written in, for example Europe/Berlin.",
                        ),
                )
                .col(Column::json("ab_test").nullable().comment(
                    "Typed: entity::json::AbTestSettings. NULL \
                     when the campaign is not an A/B test.",
                ))
                .col(Column::big_integer("sent_count").default(Default::Int(0)))
                .col(Column::big_integer("open_count").default(Default::Int(0)))
                .col(Column::big_integer("click_count").default(Default::Int(0)))
                .col(Column::big_integer("bounce_count").default(Default::Int(0)))
                .timestamps()
                .check(
                    "counts_non_negative",
                    "sent_count >= 0 AND open_count >= 0 AND \
                     click_count >= 0 AND bounce_count >= 0",
                )
                .check(
                    "opens_and_clicks_within_sent",
                    "open_count <= sent_count AND click_count <= sent_count",
                )
                .check("bounces_within_sent", "bounce_count <= sent_count")
                .check(
                    "scheduled_at_when_scheduled",
                    "status <> 'scheduled' OR scheduled_at IS NOT NULL",
                )
                .index(&["tenant_id", "status"])
                // The scheduler's queue: scheduled campaigns by start time.
                .index_spec(
                    IndexSpec::new("campaigns", &["scheduled_at"])
                        .named("campaigns", "scheduled_due")
                        .filter("status = 'scheduled'"),
                ),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("campaigns");
        ddl.drop_enum(&CAMPAIGN_STATUS);
        ddl.drop_enum(&CAMPAIGN_AUDIENCE);
    }
}
