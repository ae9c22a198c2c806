//! Authentication before the tenant is known: an API key by its prefix, a session by the hash of
//! its token, a login by email and password.
//!
//! A service connected as the application role (`app_user`) cannot read `api_keys`, `sessions`
//! or `users.password_hash` outside a tenant's transaction (row-level security and the column
//! grants of `migration/src/access.rs` refuse it), and must not use the bypass role for it. On
//! Postgres these functions therefore call the `SECURITY DEFINER` functions of the migration
//! `identity::m20261201_120000_create_auth_functions`, owned by the narrow authentication role
//! and executable by the application role alone: each finds one row by the exact value presented
//! and returns only what verification needs. On SQLite, which has no roles, the same queries run
//! directly. The comparison itself happens here, in constant time for hashes and with Argon2id
//! for passwords.
//!
//! ```no_run
//! # async fn f(db: &sea_orm::DatabaseConnection, header: &str) -> Result<(), domain::auth::AuthError> {
//! let key = domain::auth::api_key(db, header).await?;      // no tenant needed yet
//! let txn = domain::TenantTxn::begin(db, key.tenant).await; // then the tenant's transaction
//! # let _ = txn; Ok(())
//! # }
//! ```

use std::sync::OnceLock;

use chrono::Utc;
use sea_orm::prelude::{DateTimeWithTimeZone, Uuid};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement};

use crate::secrets::{self, API_KEY_PREFIX_LEN};
use crate::tenancy::TenantId;

/// Why a credential was not accepted. The messages name no secret, and an unknown key, session
/// or email is indistinguishable from a wrong one.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// No such key, session or login, or the secret does not match.
    #[error(
        "the credentials are not valid: check the API key, session token, or email and password"
    )]
    InvalidCredentials,
    /// The key or session was revoked.
    #[error("the credential was revoked: sign in again, or issue a new API key")]
    Revoked,
    /// The key or session has expired.
    #[error("the credential has expired: sign in again, or issue a new API key")]
    Expired,
    /// The password is right but the account may not sign in (`locked`, `disabled`, or
    /// `pending_verification`).
    #[error("the account is {0}: it cannot sign in until it is active")]
    Inactive(String),
    /// The lookup itself failed.
    #[error("the authentication lookup failed: {0}")]
    Database(#[from] DbErr),
}

/// A verified API key: the tenant its requests act for, and what it may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKey {
    /// `api_keys.id`.
    pub api_key_id: Uuid,
    /// The tenant the key belongs to.
    pub tenant: TenantId,
    /// The permission codes the key is limited to.
    pub scopes: Vec<String>,
}

/// A verified session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// `sessions.id`.
    pub session_id: Uuid,
    /// The signed-in user.
    pub user_id: Uuid,
    /// The tenant the session acts for; `None` for a platform session.
    pub tenant: Option<TenantId>,
}

/// A verified login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Login {
    /// The user whose email and password matched.
    pub user_id: Uuid,
}

async fn one(
    db: &impl ConnectionTrait,
    postgres: &str,
    sqlite: &str,
    value: &str,
) -> Result<Option<QueryResult>, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => postgres,
        _ => sqlite,
    };
    db.query_one_raw(Statement::from_sql_and_values(backend, sql, [value.into()]))
        .await
}

fn still_valid(
    expires_at: Option<DateTimeWithTimeZone>,
    revoked_at: Option<DateTimeWithTimeZone>,
) -> Result<(), AuthError> {
    if revoked_at.is_some() {
        return Err(AuthError::Revoked);
    }
    if expires_at.is_some_and(|at| at <= Utc::now()) {
        return Err(AuthError::Expired);
    }
    Ok(())
}

/// Verifies a presented API key (the whole key, as issued by [`secrets::new_api_key`]).
///
/// # Errors
///
/// [`AuthError::InvalidCredentials`] for an unknown prefix or a wrong key,
/// [`AuthError::Revoked`] or [`AuthError::Expired`], or the database's error.
pub async fn api_key(db: &impl ConnectionTrait, presented: &str) -> Result<ApiKey, AuthError> {
    let Some(prefix) = presented.get(..API_KEY_PREFIX_LEN) else {
        return Err(AuthError::InvalidCredentials);
    };
    let Some(row) = one(
        db,
        "SELECT api_key_id, tenant_id, key_hash, scopes, expires_at, revoked_at \
         FROM auth_api_key_by_prefix($1)",
        "SELECT id AS api_key_id, tenant_id, key_hash, scopes, expires_at, revoked_at \
         FROM api_keys WHERE key_prefix = ?",
        prefix,
    )
    .await?
    else {
        return Err(AuthError::InvalidCredentials);
    };
    let stored: String = row.try_get("", "key_hash")?;
    if !secrets::verify_sha256(presented, &stored) {
        return Err(AuthError::InvalidCredentials);
    }
    still_valid(
        row.try_get("", "expires_at")?,
        row.try_get("", "revoked_at")?,
    )?;
    let scopes: serde_json::Value = row.try_get("", "scopes")?;
    Ok(ApiKey {
        api_key_id: row.try_get("", "api_key_id")?,
        tenant: TenantId::new(row.try_get("", "tenant_id")?),
        scopes: serde_json::from_value(scopes)
            .map_err(|e| DbErr::Type(format!("api_keys.scopes is not a list of codes: {e}")))?,
    })
}

/// Verifies a presented session token.
///
/// # Errors
///
/// [`AuthError::InvalidCredentials`] for an unknown token, [`AuthError::Revoked`] or
/// [`AuthError::Expired`], or the database's error.
pub async fn session(db: &impl ConnectionTrait, token: &str) -> Result<Session, AuthError> {
    let hash = secrets::sha256_hex(token);
    let Some(row) = one(
        db,
        "SELECT session_id, user_id, tenant_id, expires_at, revoked_at \
         FROM auth_session_by_token_hash($1)",
        "SELECT id AS session_id, user_id, tenant_id, expires_at, revoked_at \
         FROM sessions WHERE token_hash = ?",
        &hash,
    )
    .await?
    else {
        return Err(AuthError::InvalidCredentials);
    };
    still_valid(
        Some(row.try_get("", "expires_at")?),
        row.try_get("", "revoked_at")?,
    )?;
    Ok(Session {
        session_id: row.try_get("", "session_id")?,
        user_id: row.try_get("", "user_id")?,
        tenant: row
            .try_get::<Option<Uuid>>("", "tenant_id")?
            .map(TenantId::new),
    })
}

/// A hash to verify against when no user matched, so that an unknown email costs the same
/// Argon2id work as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        secrets::hash_password("no such user", &[7u8; 16])
            .expect("a fixed password and salt always hash")
    })
}

/// Verifies an email (any case) and password.
///
/// # Errors
///
/// [`AuthError::InvalidCredentials`] for an unknown email, a user without a password or a
/// wrong password; [`AuthError::Inactive`] when the password is right but the account is not
/// active; or the database's error.
pub async fn login(
    db: &impl ConnectionTrait,
    email: &str,
    password: &str,
) -> Result<Login, AuthError> {
    let row = one(
        db,
        "SELECT user_id, password_hash, status FROM auth_login_by_email($1)",
        "SELECT id AS user_id, password_hash, status FROM users WHERE lower(email) = lower(?)",
        email,
    )
    .await?;
    let Some(row) = row else {
        let _ = secrets::verify_password(password, decoy_hash());
        return Err(AuthError::InvalidCredentials);
    };
    let Some(stored) = row.try_get::<Option<String>>("", "password_hash")? else {
        let _ = secrets::verify_password(password, decoy_hash());
        return Err(AuthError::InvalidCredentials);
    };
    if !secrets::verify_password(password, &stored) {
        return Err(AuthError::InvalidCredentials);
    }
    let status: String = row.try_get("", "status")?;
    if status != "active" {
        return Err(AuthError::Inactive(status));
    }
    Ok(Login {
        user_id: row.try_get("", "user_id")?,
    })
}
