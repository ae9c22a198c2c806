//! Where the workspace is, and which database a command talks to.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The workspace root, found from this crate's manifest directory so that `cargo xtask` works
/// from any directory.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The embedded SQLite dev database: `<root>/.data/dev.sqlite3` (git-ignored).
pub fn default_sqlite_path() -> PathBuf {
    root().join(".data").join("dev.sqlite3")
}

/// The database a command talks to: `--database-url`, else `DATABASE_URL`, else the embedded
/// SQLite file (created on first use).
///
/// # Errors
///
/// When the URL is neither `postgres://` nor `sqlite:`, or the SQLite file's folder cannot be made.
pub fn database_url(flag: Option<&str>) -> Result<String> {
    let chosen = flag
        .map(str::to_owned)
        .or_else(|| std::env::var("DATABASE_URL").ok())
        .filter(|s| !s.trim().is_empty());
    match chosen {
        Some(url) => {
            validate(&url)?;
            Ok(url)
        }
        None => {
            let path = default_sqlite_path();
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
            }
            Ok(format!("sqlite://{}?mode=rwc", path.display()))
        }
    }
}

/// The `sslmode` values Postgres URLs may carry (libpq's; sqlx honours each, with `sslrootcert`).
pub const SSL_MODES: &[&str] = &[
    "disable",
    "allow",
    "prefer",
    "require",
    "verify-ca",
    "verify-full",
];

/// Checks that `url` is a database URL this workspace supports.
///
/// # Errors
///
/// A one-line message naming the problem and the fix.
pub fn validate(url: &str) -> Result<()> {
    let shown = test_support::redact(url);
    if url.starts_with("sqlite:") {
        return Ok(());
    }
    let parsed = url::Url::parse(url).map_err(|e| {
        anyhow::anyhow!(
            "DATABASE_URL `{shown}` is not a valid URL ({e}): use postgres://user@host:port/db or sqlite://path, \
             or unset it to use the embedded SQLite file"
        )
    })?;
    match parsed.scheme() {
        "postgres" | "postgresql" => {
            if parsed.host_str().is_none_or(str::is_empty) {
                bail!("DATABASE_URL `{shown}` names no host: use postgres://user@host:port/db");
            }
            if parsed.path().trim_start_matches('/').is_empty() {
                bail!(
                    "DATABASE_URL `{shown}` names no database: add it after the host, as in \
                     postgres://user@host:5432/platform (without one the driver would silently use a \
                     default database such as `postgres`)"
                );
            }
            if let Some((_, mode)) = parsed.query_pairs().find(|(k, _)| k == "sslmode")
                && !SSL_MODES.contains(&mode.as_ref())
            {
                bail!(
                    "DATABASE_URL `{shown}` has sslmode={mode}, which is not one of {}",
                    SSL_MODES.join(", ")
                );
            }
            Ok(())
        }
        other => bail!(
            "DATABASE_URL `{shown}` uses `{other}:`, which this workspace does not support: \
             use postgres://user@host:port/db or sqlite://path, or unset it to use the embedded SQLite file"
        ),
    }
}
