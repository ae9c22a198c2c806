//! Adds `webhooks.signing_secret`: the signing secret sealed with AES-256-GCM under
//! `APP_ENCRYPTION_KEY` (`domain::sealing`), so that deliveries can be signed with HMAC-SHA256
//! (`domain::integrations::delivery_signature`). Until now only the secret's SHA-256 was stored,
//! from which no delivery can be signed.
//!
//! Safe on a live database: the column is nullable and added without a default (no rewrite), and
//! its check is added `NOT VALID` (the next migration,
//! `integrations::m20261201_130100_validate_webhooks_signing_secret`, validates it in a
//! transaction of its own, which blocks no writes). Rows
//! written before it have no recoverable secret (a hash cannot be opened): they keep NULL, and
//! signing refuses them until the tenant re-issues the webhook's secret. `secret_hash` stays as
//! the secret's fingerprint for now; dropping it is a later, separate change once every row has
//! a sealed secret.

use crate::{Column, Ddl, SchemaChange};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

/// A sealed value: `v1:<key id>:<nonce>:<ciphertext>`.
pub const SEALED: &str = "signing_secret IS NULL OR signing_secret LIKE 'v1:%:%:%'";

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.add_column(
            "webhooks",
            Column::text("signing_secret").nullable().comment(
                "The signing secret, sealed (v1:<key id>:<nonce>:<ciphertext>, AES-256-GCM under \
                 APP_ENCRYPTION_KEY) so deliveries can be signed with HMAC-SHA256; NULL for webhooks \
                 created before it was stored, whose secret must be re-issued.",
            ),
        );
        ddl.add_check("webhooks", "signing_secret_sealed", SEALED);
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_check("webhooks", "signing_secret_sealed");
        ddl.drop_column("webhooks", "signing_secret");
    }
}
