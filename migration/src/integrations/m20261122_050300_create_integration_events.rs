//! Creates `integration_events`, the transactional outbox (seed 001): every state change writes
//! its event here in the same transaction, and a relay delivers them oldest pending first.

use crate::{Column, Ddl, Default, EnumType, IndexSpec, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The subsystem that wrote an event.
pub const INTEGRATION_EVENT_SOURCE: EnumType = EnumType {
    name: "integration_event_source",
    values: &[
        "orchestration",
        "marketplace",
        "modules",
        "handover",
        "billing",
        "identity",
    ],
};

/// Where an event is in delivery: `processing` while a relay has claimed it.
pub const INTEGRATION_EVENT_STATUS: EnumType = EnumType {
    name: "integration_event_status",
    values: &["pending", "processing", "processed", "failed"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&INTEGRATION_EVENT_SOURCE);
        ddl.create_enum(&INTEGRATION_EVENT_STATUS);
        ddl.create_table(
            &Table::new("integration_events")
                .comment(
                    "The outbox: an event written in the same transaction as the state change it \
                     reports (a workflow run finishing, a module activated, an invoice paid, …), \
                     then delivered by a relay, oldest pending first. tenant_id is NULL for \
                     platform events.",
                )
                .id()
                .references(
                    Column::uuid("tenant_id").nullable(),
                    "tenants",
                    OnDelete::Cascade,
                )
                .col(
                    Column::varchar("event_type", 100)
                        .comment("What happened, for example workflow_run.completed."),
                )
                .col(Column::enumeration("source", &INTEGRATION_EVENT_SOURCE))
                .col(
                    Column::varchar("target", 100)
                        .nullable()
                        .comment("The subsystem the event is meant for; NULL for any subscriber."),
                )
                .col(
                    Column::json("payload")
                        .comment("The event's data; shape depends on event_type."),
                )
                .col(Column::json("metadata").default(Default::JsonObject))
                .col(
                    Column::enumeration("status", &INTEGRATION_EVENT_STATUS)
                        .default(Default::Enum("pending")),
                )
                .col(
                    Column::big_integer("attempts")
                        .default(Default::Int(0))
                        .comment("Delivery attempts so far."),
                )
                .col(
                    Column::text("processing_error")
                        .nullable()
                        .comment("The error of the last failed attempt."),
                )
                .col(Column::timestamptz("processed_at").nullable())
                .col(
                    Column::uuid("correlation_id")
                        .nullable()
                        .comment("Shared by every event of one business operation."),
                )
                .col(Column::uuid("causation_id").nullable().comment(
                    "The id of the event or command that caused this one (not a foreign key).",
                ))
                .timestamps()
                .check("attempts_non_negative", "attempts >= 0")
                .set_exactly_when(
                    "processed_at_iff_processed",
                    "processed_at",
                    "status = 'processed'",
                )
                .check(
                    "error_when_failed",
                    "status <> 'failed' OR processing_error IS NOT NULL",
                )
                .index_spec(
                    IndexSpec::new("integration_events", &["created_at"])
                        .named("integration_events", "pending_created_at")
                        .filter("status = 'pending'"),
                )
                .index(&["correlation_id"])
                .index_spec(IndexSpec::new("integration_events", &["payload"]).using("gin")),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("integration_events");
        ddl.drop_enum(&INTEGRATION_EVENT_STATUS);
        ddl.drop_enum(&INTEGRATION_EVENT_SOURCE);
    }
}
