//! What makes migrating safe: a lock so that concurrent deploys take turns, checksums of what each
//! applied migration ran, and a mark that tells a dev database (which destructive commands may
//! touch) from any other.
//!
//! The tooling keeps its own tables, `xtask_migration_checksums` and `xtask_dev_marks`, beside
//! SeaORM's `seaql_migrations`; none of them is part of the domain schema or the entities.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use migration::{SchemaChange, up_statements};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use sha2::{Digest, Sha256};

/// Tables that belong to the tooling, not to the domain schema.
pub const TOOLING_TABLES: &[&str] = &[
    "seaql_migrations",
    "xtask_migration_checksums",
    "xtask_dev_marks",
];

/// Whether `table` belongs to the tooling.
pub fn is_tooling_table(table: &str) -> bool {
    TOOLING_TABLES.contains(&table)
}

/// The checksum of a migration on a backend: SHA-256 over the exact statements it runs there and
/// whether it runs in a transaction. Comments and formatting of the Rust source do not change it;
/// any change to the SQL it runs does.
pub fn checksum(change: &dyn SchemaChange, backend: DbBackend) -> String {
    let mut hasher = Sha256::new();
    hasher.update(if change.transactional() {
        b"tx\n" as &[u8]
    } else {
        b"no-tx\n"
    });
    for statement in up_statements(change, backend) {
        hasher.update(statement.as_bytes());
        hasher.update(b"\n;\n");
    }
    hex::encode(hasher.finalize())
}

async fn exec(db: &impl ConnectionTrait, sql: &str) -> Result<()> {
    db.execute_unprepared(sql)
        .await
        .with_context(|| format!("statement failed: {sql}"))?;
    Ok(())
}

/// Creates the checksum table if missing.
pub(crate) async fn install_checksums(db: &impl ConnectionTrait) -> Result<()> {
    exec(
        db,
        "CREATE TABLE IF NOT EXISTS xtask_migration_checksums (\
         version varchar(255) NOT NULL, checksum char(64) NOT NULL, recorded_at bigint NOT NULL, \
         CONSTRAINT pk_xtask_migration_checksums PRIMARY KEY (version))",
    )
    .await
}

/// Records `checksum` for `version`, replacing any earlier one.
pub(crate) async fn record_checksum(
    db: &impl ConnectionTrait,
    version: &str,
    checksum: &str,
) -> Result<()> {
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        "DELETE FROM xtask_migration_checksums WHERE version = $1"
            .replace("$1", placeholder(backend)),
        [version.into()],
    ))
    .await?;
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        match backend {
            DbBackend::Postgres => "INSERT INTO xtask_migration_checksums (version, checksum, recorded_at) VALUES ($1, $2, $3)",
            _ => "INSERT INTO xtask_migration_checksums (version, checksum, recorded_at) VALUES (?, ?, ?)",
        },
        [version.into(), checksum.into(), chrono::Utc::now().timestamp().into()],
    ))
    .await?;
    Ok(())
}

/// Removes the checksum of `version` (when it is reverted).
pub(crate) async fn forget_checksum(db: &impl ConnectionTrait, version: &str) -> Result<()> {
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        "DELETE FROM xtask_migration_checksums WHERE version = $1"
            .replace("$1", placeholder(backend)),
        [version.into()],
    ))
    .await?;
    Ok(())
}

fn placeholder(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => "$1",
        _ => "?",
    }
}

/// Whether a table exists, without creating anything.
pub async fn table_exists(db: &DatabaseConnection, table: &str) -> Result<bool> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                                WHERE n.nspname = current_schema() AND c.relname = $1"
        }
        _ => "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?",
    };
    let row = db
        .query_one_raw(Statement::from_sql_and_values(backend, sql, [table.into()]))
        .await?;
    Ok(row
        .map(|r| r.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or(0)
        > 0)
}

/// The recorded checksums, by version; empty when the table does not exist (nothing is created).
pub async fn recorded_checksums(
    db: &DatabaseConnection,
) -> Result<std::collections::BTreeMap<String, String>> {
    let mut map = std::collections::BTreeMap::new();
    if !table_exists(db, "xtask_migration_checksums").await? {
        return Ok(map);
    }
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT version, checksum FROM xtask_migration_checksums",
        ))
        .await?;
    for row in rows {
        map.insert(
            row.try_get("", "version")?,
            row.try_get::<String>("", "checksum")?.trim().to_owned(),
        );
    }
    Ok(map)
}

/// The mark a dev database carries: which tool made or seeded it, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevMark {
    /// `created` or `seeded`.
    pub mark: String,
    /// What did it, for people reading the table.
    pub detail: String,
}

/// Marks the database as one the project's dev tooling created or seeded.
///
/// # Errors
///
/// When the mark cannot be written.
pub async fn mark_dev_database(db: &impl ConnectionTrait, mark: &str, detail: &str) -> Result<()> {
    exec(
        db,
        "CREATE TABLE IF NOT EXISTS xtask_dev_marks (\
         mark varchar(32) NOT NULL, detail text NOT NULL, marked_at bigint NOT NULL, \
         CONSTRAINT pk_xtask_dev_marks PRIMARY KEY (mark))",
    )
    .await?;
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "INSERT INTO xtask_dev_marks (mark, detail, marked_at) VALUES ($1, $2, $3) ON CONFLICT (mark) DO NOTHING"
        }
        _ => {
            "INSERT INTO xtask_dev_marks (mark, detail, marked_at) VALUES (?, ?, ?) ON CONFLICT (mark) DO NOTHING"
        }
    };
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [
            mark.into(),
            detail.into(),
            chrono::Utc::now().timestamp().into(),
        ],
    ))
    .await?;
    Ok(())
}

/// The marks the database carries; empty when it has none.
///
/// # Errors
///
/// When the database cannot be read.
pub async fn dev_marks(db: &DatabaseConnection) -> Result<Vec<DevMark>> {
    if !table_exists(db, "xtask_dev_marks").await? {
        return Ok(Vec::new());
    }
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT mark, detail FROM xtask_dev_marks ORDER BY mark",
        ))
        .await?;
    rows.iter()
        .map(|r| {
            Ok(DevMark {
                mark: r.try_get("", "mark")?,
                detail: r.try_get("", "detail")?,
            })
        })
        .collect()
}

/// Refuses a destructive command on a database the dev tooling neither created nor seeded,
/// unless `force`; touches nothing either way.
///
/// # Errors
///
/// A one-line refusal saying why and how to proceed.
pub async fn require_dev_database(
    db: &DatabaseConnection,
    url: &str,
    command: &str,
    force: bool,
) -> Result<()> {
    if force || !dev_marks(db).await?.is_empty() {
        return Ok(());
    }
    bail!(
        "refusing to run `{command}` on {}: this database was not created or seeded by this project's dev \
         tooling, so it may hold data that matters; if it is a dev database, seed it once with \
         `cargo xtask seed` (which marks it) or pass --force",
        test_support::redact(url)
    )
}

/// The Postgres advisory lock key of migration runs (per database).
pub const LOCK_KEY: i64 = 0x5EA0_0D15_C0DE_0001;

/// A held migration lock: a session-level Postgres advisory lock on a connection of its own, held
/// until [`release`](Self::release) (or until the process ends, which frees it too). SQLite needs
/// none: its writers already take turns.
#[derive(Debug)]
pub struct MigrationLock {
    conn: Option<sqlx::PgConnection>,
    /// How long this run waited for another to finish; `None` when it did not wait.
    pub waited: Option<Duration>,
}

impl MigrationLock {
    /// Takes the lock on the database of `url`, waiting (and saying so on stderr) while another
    /// run holds it.
    ///
    /// # Errors
    ///
    /// When the database cannot be reached.
    pub async fn acquire(url: &str) -> Result<Self> {
        use sqlx::Connection;
        if url.starts_with("sqlite:") {
            return Ok(Self {
                conn: None,
                waited: None,
            });
        }
        let mut conn = sqlx::PgConnection::connect(url).await.with_context(|| {
            format!(
                "cannot connect to {} to take the migration lock",
                test_support::redact(url)
            )
        })?;
        let got: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
            .bind(LOCK_KEY)
            .fetch_one(&mut conn)
            .await?;
        let waited = if got {
            None
        } else {
            eprintln!(
                "another migration run holds the lock on this database: waiting for it to finish"
            );
            let started = Instant::now();
            sqlx::query("SELECT pg_advisory_lock($1)")
                .bind(LOCK_KEY)
                .execute(&mut conn)
                .await?;
            Some(started.elapsed())
        };
        Ok(Self {
            conn: Some(conn),
            waited,
        })
    }

    /// Releases the lock.
    ///
    /// # Errors
    ///
    /// When the unlock statement fails (the lock is still freed when the connection closes).
    pub async fn release(mut self) -> Result<()> {
        use sqlx::Connection;
        if let Some(mut conn) = self.conn.take() {
            sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(LOCK_KEY)
                .execute(&mut conn)
                .await?;
            conn.close().await.ok();
        }
        Ok(())
    }
}
