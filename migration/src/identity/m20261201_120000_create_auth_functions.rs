//! The narrow path through which a service connected as the application role authenticates a
//! request before it knows the tenant, without the bypass role: three `SECURITY DEFINER`
//! functions with a fixed `search_path`, each finding one row by the value a request presents
//! and returning only what verification needs. Nothing can be listed through them (each needs
//! the exact prefix, token hash or email) and nothing changed.
//!
//! - `auth_api_key_by_prefix(prefix)`: the key's id, tenant, SHA-256 (compared by the caller in
//!   constant time, `domain::auth`), scopes, expiry and revocation;
//! - `auth_session_by_token_hash(token_hash)`: the session's id, user, tenant, expiry and
//!   revocation;
//! - `auth_login_by_email(email)`: the user's id, Argon2id hash (verified by the caller) and
//!   status, matched case-insensitively through `uq_users_email`.
//!
//! Nobody may execute them until `cargo xtask roles` runs: this migration revokes `EXECUTE`
//! from `PUBLIC`; the tool hands each function to the authentication role (`app_auth`:
//! `NOLOGIN`, `BYPASSRLS`, granted only the columns these functions read; see
//! `migration/src/access.rs`) and grants `EXECUTE` to the application role alone. Postgres only:
//! on SQLite `domain::auth` runs the same queries itself.

use crate::{Ddl, SchemaChange};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

/// Each function: its signature (as `cargo xtask roles` names it) and its definition.
pub const FUNCTIONS: &[(&str, &str)] = &[
    (
        "auth_api_key_by_prefix(text)",
        "CREATE FUNCTION auth_api_key_by_prefix(p_prefix text) \
         RETURNS TABLE (api_key_id uuid, tenant_id uuid, key_hash text, scopes jsonb, \
                        expires_at timestamptz, revoked_at timestamptz) \
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$ \
         SELECT k.id, k.tenant_id, k.key_hash, k.scopes, k.expires_at, k.revoked_at \
         FROM api_keys k WHERE k.key_prefix = p_prefix $$",
    ),
    (
        "auth_session_by_token_hash(text)",
        "CREATE FUNCTION auth_session_by_token_hash(p_token_hash text) \
         RETURNS TABLE (session_id uuid, user_id uuid, tenant_id uuid, \
                        expires_at timestamptz, revoked_at timestamptz) \
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$ \
         SELECT s.id, s.user_id, s.tenant_id, s.expires_at, s.revoked_at \
         FROM sessions s WHERE s.token_hash = p_token_hash $$",
    ),
    (
        "auth_login_by_email(text)",
        "CREATE FUNCTION auth_login_by_email(p_email text) \
         RETURNS TABLE (user_id uuid, password_hash text, status text) \
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$ \
         SELECT u.id, u.password_hash, u.status::text \
         FROM users u WHERE lower(u.email) = lower(p_email) $$",
    ),
];

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        for (signature, create) in FUNCTIONS {
            ddl.postgres(*create);
            ddl.postgres(format!("REVOKE ALL ON FUNCTION {signature} FROM PUBLIC"));
            ddl.postgres(format!(
                "COMMENT ON FUNCTION {signature} IS 'Authentication before the tenant is known: \
                 SECURITY DEFINER, owned by the authentication role after cargo xtask roles, \
                 executable by the application role only.'"
            ));
        }
    }

    fn down(&self, ddl: &mut Ddl) {
        for (signature, _) in FUNCTIONS.iter().rev() {
            ddl.postgres(format!("DROP FUNCTION {signature}"));
        }
    }
}
