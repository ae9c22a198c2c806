//! Configuration from the environment: `DATABASE_URL`, `API_ADDR`, `APP_ENCRYPTION_KEY`, and the
//! limits (`API_MAX_CONNECTIONS`, `API_REQUEST_TIMEOUT_MS`, `API_MAX_IN_FLIGHT`).

use std::net::SocketAddr;
use std::time::Duration;

use std::sync::Arc;

use anyhow::{Context, Result};

/// What the service needs to start.
#[derive(Clone)]
pub struct Config {
    /// Where the database is; on Postgres, as the application role (`app_user`).
    pub database_url: String,
    /// Where to listen (default `127.0.0.1:8080`).
    pub addr: SocketAddr,
    /// Seals and opens `handover_packages.admin_credentials`.
    pub sealer: Arc<domain::sealing::Sealer>,
    /// Most database connections of the pool (default 16).
    pub max_connections: u32,
    /// How long a request may take before it is answered 503 (default 10 s).
    pub request_timeout: Duration,
    /// Most requests handled at once; beyond that a request waits (default 512).
    pub max_in_flight: usize,
}

impl std::fmt::Debug for Config {
    /// Never prints the database password or the encryption key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact(&self.database_url))
            .field("addr", &self.addr)
            .field("max_connections", &self.max_connections)
            .field("request_timeout", &self.request_timeout)
            .field("max_in_flight", &self.max_in_flight)
            .finish_non_exhaustive()
    }
}

/// `url` without its password.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

impl Config {
    /// Reads the environment.
    ///
    /// # Errors
    ///
    /// Naming the variable that is missing or malformed (never its value).
    pub fn from_env() -> Result<Self> {
        let database_url = std::env::var("DATABASE_URL").context(
            "DATABASE_URL is not set: point it at Postgres as the application role \
             (postgres://app_user:…@host/db) or at the seeded SQLite file \
             (sqlite://.data/dev.sqlite3)",
        )?;
        let addr = std::env::var("API_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".into());
        let addr: SocketAddr = addr
            .parse()
            .context("API_ADDR is not a socket address such as 127.0.0.1:8080")?;
        // Its message names the variable and the expected form, never the value.
        let sealer =
            Arc::new(domain::sealing::Sealer::from_env().map_err(|e| anyhow::anyhow!("{e}"))?);
        Ok(Self {
            database_url,
            addr,
            sealer,
            max_connections: number("API_MAX_CONNECTIONS", 16)?,
            request_timeout: Duration::from_millis(number("API_REQUEST_TIMEOUT_MS", 10_000)?),
            max_in_flight: number("API_MAX_IN_FLIGHT", 512)?,
        })
    }
}

fn number<T: std::str::FromStr>(name: &str, default: T) -> Result<T> {
    match std::env::var(name) {
        Ok(v) => v
            .parse()
            .map_err(|_| anyhow::anyhow!("{name} is not a positive number")),
        Err(_) => Ok(default),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn redact_hides_the_password_only() {
        assert_eq!(
            super::redact("postgres://app:secret@h:5432/db"),
            "postgres://app:***@h:5432/db"
        );
        assert_eq!(super::redact("sqlite://x.db"), "sqlite://x.db");
    }
}
