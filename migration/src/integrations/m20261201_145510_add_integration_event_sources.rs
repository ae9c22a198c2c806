//! Adds the sources `reporting` and `support` to `integration_event_source`: reports, their
//! executions and tickets now write outbox events (`domain::events`), and their subsystems are
//! reporting and support, not orchestration.
//!
//! Safe on a live database: on Postgres `ALTER TYPE … ADD VALUE` is instant and nothing in this
//! transaction uses the new values (Postgres refuses that before the commit); on SQLite, whose
//! enums are `CHECK`s, `integration_events` is rebuilt with the longer check.

use crate::integrations::m20261122_050300_create_integration_events::INTEGRATION_EVENT_SOURCE;
use crate::{Ddl, EnumType, SchemaChange};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The type with `reporting`.
const WITH_REPORTING: EnumType = EnumType {
    name: "integration_event_source",
    values: &[
        "orchestration",
        "marketplace",
        "modules",
        "handover",
        "billing",
        "identity",
        "reporting",
    ],
};

/// The type after this migration: with `reporting` and `support`.
pub const INTEGRATION_EVENT_SOURCE_V2: EnumType = EnumType {
    name: "integration_event_source",
    values: &[
        "orchestration",
        "marketplace",
        "modules",
        "handover",
        "billing",
        "identity",
        "reporting",
        "support",
    ],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.add_enum_value(&WITH_REPORTING, "reporting");
        ddl.add_enum_value(&INTEGRATION_EVENT_SOURCE_V2, "support");
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_enum_value(&WITH_REPORTING, "support");
        ddl.drop_enum_value(&INTEGRATION_EVENT_SOURCE, "reporting");
    }
}
