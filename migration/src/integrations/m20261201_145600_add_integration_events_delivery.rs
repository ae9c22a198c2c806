//! Prepares `integration_events` for the outbox relay (`domain::relay`):
//!
//! - `next_attempt_at`: when a failed delivery may be tried again (exponential backoff); NULL for
//!   an event never tried, which is due at once;
//! - on Postgres, a statement-level trigger that sends `NOTIFY integration_events` after every
//!   insert, so idle relays wake at the commit instead of at their next poll (Postgres delivers
//!   the notification when the writing transaction commits, once per transaction).
//!
//! Safe on a live database: the column is nullable without a default (no rewrite); the trigger
//! is created under `lock_timeout`, and it only sends a notification.

use crate::{Column, Ddl, SchemaChange};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The channel the trigger notifies.
pub const CHANNEL: &str = "integration_events";

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.add_column(
            "integration_events",
            Column::timestamptz("next_attempt_at").nullable().comment(
                "When a pending event may be delivered (again): NULL when due at once, later after \
                 a failed attempt (exponential backoff).",
            ),
        );
        ddl.postgres(
            "CREATE FUNCTION notify_integration_events() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN PERFORM pg_notify('integration_events', ''); RETURN NULL; END $$",
        );
        ddl.postgres(
            "COMMENT ON FUNCTION notify_integration_events() IS \
             'Trigger function: NOTIFY integration_events, which wakes the outbox relays.'",
        );
        ddl.postgres(
            "CREATE TRIGGER integration_events_notify AFTER INSERT ON integration_events \
             FOR EACH STATEMENT EXECUTE FUNCTION notify_integration_events()",
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.postgres("DROP TRIGGER integration_events_notify ON integration_events");
        ddl.postgres("DROP FUNCTION notify_integration_events()");
        ddl.drop_column("integration_events", "next_attempt_at");
    }
}
