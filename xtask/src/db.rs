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
            "cannot connect to {shown}: {reason}; start the database server or fix DATABASE_URL"
        )
    })
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
            "cannot connect to {shown}: {e}; start the database server or fix DATABASE_URL"
        )),
        Err(_) => Err(anyhow!(
            "cannot connect to {shown}: no answer within 5 s; start the database server or fix DATABASE_URL"
        )),
    }
}
