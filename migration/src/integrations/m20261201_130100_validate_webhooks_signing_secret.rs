//! Validates `ck_webhooks_signing_secret_sealed`, added `NOT VALID` by
//! `integrations::m20261201_130000_add_webhooks_signing_secret`: in a transaction of its own,
//! validation scans the table under a lock that blocks no reads or writes. SQLite checked the
//! constraint when the column was added.

use crate::{Ddl, SchemaChange};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.postgres(
            "ALTER TABLE \"webhooks\" VALIDATE CONSTRAINT \"ck_webhooks_signing_secret_sealed\"",
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        // A validated constraint cannot be made NOT VALID again: put it back as it was.
        ddl.postgres(
            "ALTER TABLE \"webhooks\" DROP CONSTRAINT \"ck_webhooks_signing_secret_sealed\"",
        );
        ddl.postgres(format!(
            "ALTER TABLE \"webhooks\" ADD CONSTRAINT \"ck_webhooks_signing_secret_sealed\" CHECK ({}) NOT VALID",
            super::m20261201_130000_add_webhooks_signing_secret::SEALED
        ));
    }
}
