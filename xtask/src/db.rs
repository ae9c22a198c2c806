//! Connecting to the database a command names, with errors that say what to do.

use std::time::Duration;

use anyhow::{Result, anyhow};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// Connects to `url` (already validated by [`crate::workspace::database_url`]).
///
/// # Errors
///
/// A one-line message naming the server and the fix when it cannot be reached.
pub async fn connect(url: &str) -> Result<DatabaseConnection> {
    if !url.starts_with("sqlite:") {
        probe_postgres(url).await?;
    }
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(if url.starts_with("sqlite:") { 1 } else { 5 })
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    Database::connect(options).await.map_err(|e| {
        let shown = test_support::redact(url);
        let reason = match &e {
            DbErr::Conn(inner) => inner.to_string(),
            other => other.to_string(),
        };
        anyhow!(
            "cannot connect to {shown}: {reason}; {}",
            hint(url, &reason)
        )
    })
}

/// The fix for a failed connection, from what the driver said.
pub fn hint(url: &str, reason: &str) -> String {
    let lower = reason.to_ascii_lowercase();
    if url.starts_with("sqlite:") {
        if lower.contains("locked") || lower.contains("busy") {
            return migration::migrator::sqlite_locked_message();
        }
        if lower.contains("unable to open") || lower.contains("no such file") {
            return "check that the SQLite file's folder exists and is writable (add ?mode=rwc to create the file)".into();
        }
        return "fix the SQLite path in DATABASE_URL".into();
    }
    if lower.contains("password authentication failed") || lower.contains("no password") {
        "check the user and password in DATABASE_URL".into()
    } else if lower.contains("does not exist") && lower.contains("database") {
        "create that database (createdb) or fix its name in DATABASE_URL".into()
    } else if lower.contains("does not exist") && lower.contains("role") {
        "create that role or fix the user in DATABASE_URL".into()
    } else if lower.contains("no pg_hba.conf entry") && lower.contains("no encryption") {
        "the server requires TLS: add ?sslmode=require (or verify-full with sslrootcert=…) to DATABASE_URL".into()
    } else if lower.contains("no pg_hba.conf entry") {
        "the server does not accept this user from this host: fix pg_hba.conf or the user in DATABASE_URL".into()
    } else if lower.contains("tls") || lower.contains("ssl") || lower.contains("certificate") {
        "fix the TLS settings: sslmode=require encrypts without checking the certificate; verify-ca and \
         verify-full check it against sslrootcert=<path to the CA file>"
            .into()
    } else if lower.contains("refused")
        || lower.contains("timed out")
        || lower.contains("no answer")
    {
        "start the database server, or fix the host and port in DATABASE_URL".into()
    } else if lower.contains("lookup")
        || lower.contains("resolve")
        || lower.contains("name or service")
    {
        "fix the host name in DATABASE_URL".into()
    } else {
        "fix DATABASE_URL".into()
    }
}

/// Opens one plain connection first, because a pool that cannot connect reports only that it
/// timed out, while the driver says why (refused, unknown host, bad password, no such database).
async fn probe_postgres(url: &str) -> Result<()> {
    use sqlx::Connection;
    let shown = test_support::redact(url);
    match tokio::time::timeout(Duration::from_secs(5), sqlx::PgConnection::connect(url)).await {
        Ok(Ok(conn)) => {
            let _ = conn.close().await;
            Ok(())
        }
        Ok(Err(e)) => Err(anyhow!(
            "cannot connect to {shown}: {e}; {}",
            hint(url, &e.to_string())
        )),
        Err(_) => Err(anyhow!(
            "cannot connect to {shown}: no answer within 5 s; start the database server, or fix the host \
             and port in DATABASE_URL"
        )),
    }
}
