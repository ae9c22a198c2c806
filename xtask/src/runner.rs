//! Applies and reverts schema changes, recording them in SeaORM's `seaql_migrations` table so
//! that SeaORM's own tooling agrees with this one about what is applied.
//!
//! Each change runs in a transaction of its own together with its record and the checksum of the
//! SQL it ran, so a change that fails part way leaves neither partial schema nor a record behind.
//! A change declared non-transactional (`SchemaChange::transactional` is false, for example
//! `CREATE INDEX CONCURRENTLY`) runs statement by statement and is recorded only when every
//! statement succeeded.
//!
//! These functions take no lock; the commands take [`crate::safety::MigrationLock`] around them.

use anyhow::{Context, Result, bail};

use crate::safety;
use migration::{SchemaChange, down_statements, up_statements};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryOrder, Set, TransactionTrait,
};
use sea_orm_migration::seaql_migrations;

/// A change and whether it is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeStatus {
    /// The migration name.
    pub name: String,
    /// Whether it is recorded as applied.
    pub applied: bool,
    /// For an applied change, how its recorded checksum compares with the SQL it would run now.
    pub checksum: ChecksumState,
}

/// How an applied migration's recorded checksum compares with its current SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChecksumState {
    /// Not applied: nothing to compare.
    Pending,
    /// The SQL is what was applied.
    Matches,
    /// The SQL differs from what was applied: the migration was edited after it ran.
    Changed,
    /// Applied before checksums were recorded (or by SeaORM's own migrator).
    Unrecorded,
}

/// Creates the `seaql_migrations` table if it is missing.
async fn install(db: &DatabaseConnection) -> Result<()> {
    let backend = db.get_database_backend();
    let mut stmt = sea_orm::Schema::new(backend).create_table_from_entity(seaql_migrations::Entity);
    stmt.if_not_exists();
    db.execute(&stmt)
        .await
        .context("cannot create the seaql_migrations table")?;
    Ok(())
}

/// The names recorded as applied, oldest first; creates nothing (an absent record table means
/// nothing is applied).
///
/// # Errors
///
/// When the table cannot be read.
pub async fn applied_names(db: &DatabaseConnection) -> Result<Vec<String>> {
    if !safety::table_exists(db, "seaql_migrations").await? {
        return Ok(Vec::new());
    }
    let rows = seaql_migrations::Entity::find()
        .order_by_asc(seaql_migrations::Column::Version)
        .all(db)
        .await
        .context("cannot read seaql_migrations")?;
    Ok(rows.into_iter().map(|r| r.version).collect())
}

/// Every change with its status; fails when the database records a change this code base does
/// not have (it was applied by a newer or different branch).
///
/// # Errors
///
/// When the database knows a migration the code does not.
pub async fn status(
    db: &DatabaseConnection,
    changes: &[Box<dyn SchemaChange>],
) -> Result<Vec<ChangeStatus>> {
    let applied = applied_names(db).await?;
    let recorded = safety::recorded_checksums(db).await?;
    let backend = db.get_database_backend();
    let unknown: Vec<&String> = applied
        .iter()
        .filter(|name| !changes.iter().any(|c| c.name() == name.as_str()))
        .collect();
    if !unknown.is_empty() {
        let list: Vec<&str> = unknown.iter().map(|s| s.as_str()).collect();
        bail!(
            "the database has applied migrations this checkout does not have: {}; \
             update your checkout, or point DATABASE_URL at another database",
            list.join(", ")
        );
    }
    Ok(changes
        .iter()
        .map(|c| {
            let applied = applied.iter().any(|a| a == c.name());
            let checksum = match (applied, recorded.get(c.name())) {
                (false, _) => ChecksumState::Pending,
                (true, None) => ChecksumState::Unrecorded,
                (true, Some(sum)) if *sum == safety::checksum(c.as_ref(), backend) => {
                    ChecksumState::Matches
                }
                (true, Some(_)) => ChecksumState::Changed,
            };
            ChangeStatus {
                name: c.name().to_owned(),
                applied,
                checksum,
            }
        })
        .collect())
}

/// Fails, naming them, when applied migrations were edited after they ran.
///
/// # Errors
///
/// The names and the two ways forward.
pub fn refuse_changed(statuses: &[ChangeStatus]) -> Result<()> {
    let changed: Vec<&str> = statuses
        .iter()
        .filter(|s| s.checksum == ChecksumState::Changed)
        .map(|s| s.name.as_str())
        .collect();
    if !changed.is_empty() {
        bail!(
            "applied migration(s) changed since they ran: {}; a merged migration must not be edited:              revert the edit and put the change in a new migration, or, if the edit is deliberate and              the database already matches it, accept it with `cargo xtask migrate repair <name>`",
            changed.join(", ")
        );
    }
    Ok(())
}

/// The statements `up` would run, per migration, without changing anything (not even creating the
/// migrations table).
///
/// # Errors
///
/// As [`status`], and when applied migrations changed.
pub async fn plan_up(
    db: &DatabaseConnection,
    changes: &[Box<dyn SchemaChange>],
    steps: Option<u32>,
) -> Result<Vec<(String, Vec<String>)>> {
    let statuses = status(db, changes).await?;
    refuse_changed(&statuses)?;
    let limit = steps.map_or(usize::MAX, |n| n as usize);
    Ok(changes
        .iter()
        .zip(statuses)
        .filter(|(_, st)| !st.applied)
        .take(limit)
        .map(|(c, _)| {
            (
                c.name().to_owned(),
                up_statements(c.as_ref(), db.get_database_backend()),
            )
        })
        .collect())
}

/// The statements `down` would run, per migration, latest first, without changing anything.
///
/// # Errors
///
/// As [`status`].
pub async fn plan_down(
    db: &DatabaseConnection,
    changes: &[Box<dyn SchemaChange>],
    steps: Option<u32>,
) -> Result<Vec<(String, Vec<String>)>> {
    let statuses = status(db, changes).await?;
    let limit = steps.map_or(usize::MAX, |n| n as usize);
    Ok(changes
        .iter()
        .zip(statuses)
        .rev()
        .filter(|(_, st)| st.applied)
        .take(limit)
        .map(|(c, _)| {
            (
                c.name().to_owned(),
                down_statements(c.as_ref(), db.get_database_backend()),
            )
        })
        .collect())
}

/// Records the current checksum of an applied migration whose edit was deliberate.
///
/// # Errors
///
/// When `name` is not an applied migration of `changes`.
pub async fn repair(
    db: &DatabaseConnection,
    changes: &[Box<dyn SchemaChange>],
    name: &str,
) -> Result<String> {
    let Some(change) = changes.iter().find(|c| c.name() == name) else {
        bail!("no migration named `{name}`: `cargo xtask migrate status` lists them");
    };
    if !applied_names(db).await?.iter().any(|a| a == name) {
        bail!(
            "migration `{name}` is not applied, so there is nothing to repair: run `cargo xtask migrate up`"
        );
    }
    safety::install_checksums(db).await?;
    let sum = safety::checksum(change.as_ref(), db.get_database_backend());
    safety::record_checksum(db, name, &sum).await?;
    Ok(sum)
}

/// Applies pending changes in order, at most `steps` of them; returns the names applied.
///
/// # Errors
///
/// The first failing change, named; it leaves no partial schema behind when transactional.
pub async fn up(
    db: &DatabaseConnection,
    changes: &[Box<dyn SchemaChange>],
    steps: Option<u32>,
) -> Result<Vec<String>> {
    let statuses = status(db, changes).await?;
    refuse_changed(&statuses)?;
    install(db).await?;
    safety::install_checksums(db).await?;
    // Migrations applied before checksums existed (or by SeaORM's own migrator) get theirs now.
    for (change, st) in changes.iter().zip(&statuses) {
        if st.checksum == ChecksumState::Unrecorded {
            let sum = safety::checksum(change.as_ref(), db.get_database_backend());
            safety::record_checksum(db, change.name(), &sum).await?;
        }
    }
    let limit = steps.map_or(usize::MAX, |n| n as usize);
    let mut done = Vec::new();
    for (change, st) in changes.iter().zip(statuses) {
        if st.applied {
            continue;
        }
        if done.len() >= limit {
            break;
        }
        let statements = up_statements(change.as_ref(), db.get_database_backend());
        execute(db, change.as_ref(), &statements, Record::Insert)
            .await
            .with_context(|| format!("migration {} failed and was not applied", change.name()))?;
        done.push(change.name().to_owned());
    }
    Ok(done)
}

/// Reverts the latest `steps` applied changes (all when `None`); returns the names reverted.
///
/// # Errors
///
/// The first failing change, named.
pub async fn down(
    db: &DatabaseConnection,
    changes: &[Box<dyn SchemaChange>],
    steps: Option<u32>,
) -> Result<Vec<String>> {
    let statuses = status(db, changes).await?;
    let limit = steps.map_or(usize::MAX, |n| n as usize);
    let mut done = Vec::new();
    for (change, st) in changes.iter().zip(statuses).rev() {
        if !st.applied {
            continue;
        }
        if done.len() >= limit {
            break;
        }
        let statements = down_statements(change.as_ref(), db.get_database_backend());
        execute(db, change.as_ref(), &statements, Record::Delete)
            .await
            .with_context(|| format!("reverting migration {} failed", change.name()))?;
        done.push(change.name().to_owned());
    }
    Ok(done)
}

enum Record {
    Insert,
    Delete,
}

async fn execute(
    db: &DatabaseConnection,
    change: &dyn SchemaChange,
    statements: &[String],
    record: Record,
) -> Result<()> {
    let checksum = safety::checksum(change, db.get_database_backend());
    if change.transactional() {
        let txn = db.begin().await?;
        for statement in statements {
            txn.execute_unprepared(statement)
                .await
                .with_context(|| format!("statement failed: {statement}"))?;
        }
        write_record(&txn, change.name(), &record, &checksum).await?;
        txn.commit().await?;
    } else {
        for (i, statement) in statements.iter().enumerate() {
            db.execute_unprepared(statement).await.with_context(|| {
                format!(
                    "statement {} of {} failed in a migration that runs outside a transaction, so the                      statements before it stay applied and the migration is not recorded; fix the cause                      and run it again (its statements must be safe to repeat, such as                      CREATE INDEX CONCURRENTLY IF NOT EXISTS): {statement}",
                    i + 1,
                    statements.len()
                )
            })?;
        }
        write_record(db, change.name(), &record, &checksum).await?;
    }
    Ok(())
}

async fn write_record<C: ConnectionTrait>(
    db: &C,
    name: &str,
    record: &Record,
    checksum: &str,
) -> Result<()> {
    match record {
        Record::Insert => {
            safety::record_checksum(db, name, checksum).await?;
            let applied_at = chrono::Utc::now().timestamp();
            seaql_migrations::Entity::insert(seaql_migrations::ActiveModel {
                version: Set(name.to_owned()),
                applied_at: Set(applied_at),
            })
            .exec(db)
            .await?;
        }
        Record::Delete => {
            safety::forget_checksum(db, name).await?;
            seaql_migrations::Entity::delete_by_id(name.to_owned())
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

/// Drops every table, view, enum type and function of the current schema, whatever the
/// migrations say (the recovery path when a `down` is broken), but keeps the dev mark, so the
/// database stays recognisably a dev database; returns what it dropped.
///
/// # Errors
///
/// When a drop fails.
pub async fn drop_everything(db: &DatabaseConnection) -> Result<Vec<String>> {
    let mut dropped = Vec::new();
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let txn = db.begin().await?;
            let objects = txn
                .query_all_raw(sea_orm::Statement::from_string(
                    DbBackend::Postgres,
                    DROP_LIST_POSTGRES,
                ))
                .await?;
            for row in objects {
                let kind: String = row.try_get("", "kind")?;
                let name: String = row.try_get("", "name")?;
                txn.execute_unprepared(&format!("DROP {kind} IF EXISTS {name} CASCADE"))
                    .await
                    .with_context(|| format!("cannot drop {kind} {name}"))?;
                dropped.push(format!("{} {name}", kind.to_lowercase()));
            }
            txn.commit().await?;
        }
        _ => {
            let objects = db
                .query_all_raw(sea_orm::Statement::from_string(
                    DbBackend::Sqlite,
                    "SELECT type, name FROM sqlite_master \
                     WHERE type IN ('view', 'table') AND name NOT LIKE 'sqlite_%' \
                     AND name <> 'xtask_dev_marks' \
                     ORDER BY type = 'table', name",
                ))
                .await?;
            db.execute_unprepared("PRAGMA foreign_keys = OFF").await?;
            for row in objects {
                let kind: String = row.try_get("", "type")?;
                let name: String = row.try_get("", "name")?;
                db.execute_unprepared(&format!(
                    "DROP {} IF EXISTS \"{name}\"",
                    kind.to_uppercase()
                ))
                .await?;
                dropped.push(format!("{kind} {name}"));
            }
            db.execute_unprepared("PRAGMA foreign_keys = ON").await?;
        }
    }
    Ok(dropped)
}

/// Everything of the current schema that `drop_everything` removes on Postgres, dependents
/// first: views, then tables (partitions go with their parent), then functions, then types.
const DROP_LIST_POSTGRES: &str = r#"
SELECT kind, name FROM (
    SELECT 1 AS ord, 'VIEW' AS kind, format('%I', c.relname) AS name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('v', 'm')
    UNION ALL
    SELECT 2, 'TABLE', format('%I', c.relname)
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND c.relname <> 'xtask_dev_marks'
    UNION ALL
    SELECT 3, 'FUNCTION', format('%I(%s)', p.proname, pg_get_function_identity_arguments(p.oid))
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = current_schema()
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    UNION ALL
    SELECT 4, 'TYPE', format('%I', t.typname)
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = current_schema() AND t.typtype = 'e'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
) objects ORDER BY ord, name
"#;
