//! The mark that tells a dev database (which destructive commands may touch) from any other.
//!
//! The lock and the checksums that make migrating safe live with the one migrator,
//! `migration::migrator`. The mark is kept in `xtask_dev_marks`, a tooling table beside SeaORM's
//! `seaql_migrations` and `xtask_migration_checksums`; none of them is part of the domain schema.

use anyhow::{Context, Result, bail};
use migration::migrator::table_exists;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

async fn exec(db: &impl ConnectionTrait, sql: &str) -> Result<()> {
    db.execute_unprepared(sql)
        .await
        .with_context(|| format!("statement failed: {sql}"))?;
    Ok(())
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
