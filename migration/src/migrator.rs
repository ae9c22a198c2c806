//! The one migrator: applies and reverts schema changes from their pinned SQL ([`crate::pin`]),
//! records each in SeaORM's `seaql_migrations` table together with the checksum of its pinned
//! bytes, and holds the migration lock for the whole of every command that changes the schema.
//!
//! `cargo xtask migrate`, `cargo xtask seed`, codegen and `test_support` all migrate through these
//! functions; nothing else applies migrations (SeaORM's `MigratorTrait` is deliberately not
//! implemented, so no path skips the lock or the checksums).
//!
//! - **The lock.** On Postgres a session-level advisory lock ([`LOCK_KEY`]) on a connection of its
//!   own, made from the pool's options, so that concurrent deploys take turns. On SQLite the whole
//!   command is one `BEGIN IMMEDIATE` transaction: a second run waits for the first to commit and
//!   then finds nothing to do.
//! - **Atomicity.** Each Postgres migration runs in a transaction of its own with its record and
//!   checksum (a migration declared non-transactional runs statement by statement on the lock's own
//!   connection, so that its session-level `SET lock_timeout` holds for its statements and never
//!   reaches the pool, and is recorded only when every statement succeeded). On SQLite `fresh`, `refresh` and `reset` are one
//!   transaction: interrupted, they leave the old schema or the new one, and the record agrees.
//!   `up` and `down` keep the migrations before a failing one, as on Postgres.
//! - **Foreign keys on SQLite.** A command runs with `PRAGMA foreign_keys = OFF` (which the
//!   table rebuild of SQLite's `ALTER` procedure requires, and which can only be set outside a
//!   transaction) and ends with `PRAGMA foreign_key_check`: any violation rolls the whole command
//!   back, naming the table.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use sea_orm_migration::sea_orm::{
    self, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, EntityTrait,
    QueryOrder, Set, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};
use sea_orm_migration::seaql_migrations;

/// Runs `$body` with `$c` bound to the connection of `$conn`, whichever kind it is.
macro_rules! on {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            Conn::Postgres(db, _) => {
                let $c = *db;
                $body
            }
            Conn::Sqlite(txn) => {
                let $c = txn;
                $body
            }
        }
    };
}

use crate::SchemaChange;
use crate::pin::{Pin, PinError, pins_of};

/// Tables that belong to the tooling, not to the domain schema: the migration record, the
/// checksums and the dev mark `cargo xtask` keeps.
pub const TOOLING_TABLES: &[&str] = &[
    "seaql_migrations",
    "xtask_migration_checksums",
    "xtask_dev_marks",
    "xtask_backfills",
];

/// Whether `table` belongs to the tooling.
pub fn is_tooling_table(table: &str) -> bool {
    TOOLING_TABLES.contains(&table)
}

/// The Postgres advisory lock key of migration runs (per database).
pub const LOCK_KEY: i64 = 0x5EA0_0D15_C0DE_0001;

/// How long a run waits for another run (or any writer) to release a SQLite file, unless
/// `MIGRATE_SQLITE_WAIT_SECS` says otherwise.
pub const SQLITE_LOCK_WAIT: Duration = Duration::from_secs(120);

fn sqlite_lock_wait() -> Duration {
    std::env::var("MIGRATE_SQLITE_WAIT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(SQLITE_LOCK_WAIT, Duration::from_secs)
}

/// Why a migrator command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command was refused before it changed anything.
    #[error("{0}")]
    Refused(String),
    /// A statement or a step failed.
    #[error("{context}: {source}")]
    Db {
        /// What was being done.
        context: String,
        /// What the database said.
        #[source]
        source: DbErr,
    },
    /// A pin file is malformed.
    #[error(transparent)]
    Pin(#[from] PinError),
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

trait Context<T> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T>;
}

impl<T> Context<T> for Result<T, DbErr> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|source| Error::Db {
            context: what(),
            source,
        })
    }
}

/// A change and whether it is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeStatus {
    /// The migration name.
    pub name: String,
    /// Whether it is recorded as applied.
    pub applied: bool,
    /// For an applied change, how its recorded checksum compares with its pinned SQL.
    pub checksum: ChecksumState,
}

/// How an applied migration's recorded checksum compares with its pinned SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChecksumState {
    /// Not applied: nothing to compare.
    Pending,
    /// The pinned SQL is what was applied.
    Matches,
    /// Recorded in the format of before pins (the `up` SQL only), and it matches: the next `up`
    /// records the current format.
    Outdated,
    /// The pinned SQL differs from what was applied: the pin was changed after it ran.
    Changed,
    /// Applied without a checksum being recorded.
    Unrecorded,
}

/// One command's result: the migrations it applied or reverted, in order, and how long it waited
/// for another run to release the lock (`None` when it did not wait).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The migrations applied or reverted, in the order they were.
    pub names: Vec<String>,
    /// How long the command waited for the lock.
    pub waited: Option<Duration>,
}

/// Whether an error is SQLite saying another connection holds the file.
pub fn is_sqlite_busy(e: &DbErr) -> bool {
    let text = e.to_string();
    text.contains("database is locked") || text.contains("database table is locked")
}

/// The message when a SQLite file stays locked.
pub fn sqlite_locked_message() -> String {
    format!(
        "the SQLite file is locked by another process (another `cargo xtask migrate` or `seed`, a service, \
         or a sqlite3 shell with an open transaction) and was not released within {} s: wait for it to \
         finish or close it, then run the command again",
        sqlite_lock_wait().as_secs()
    )
}

fn pins(changes: &[Box<dyn SchemaChange>]) -> Result<Vec<Pin>> {
    Ok(pins_of(changes)?)
}

// ----- reading (no lock, creates nothing) -------------------------------------------------------

/// Whether a table exists, without creating anything.
///
/// # Errors
///
/// When the catalog cannot be read.
pub async fn table_exists(db: &DatabaseConnection, table: &str) -> Result<bool> {
    table_exists_on(db, table).await
}

async fn table_exists_on(db: &impl ConnectionTrait, table: &str) -> Result<bool> {
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
        .await
        .context(|| format!("cannot look for table {table}"))?;
    Ok(row
        .map(|r| r.try_get::<i64>("", "n"))
        .transpose()
        .context(|| "cannot read a count".into())?
        .unwrap_or(0)
        > 0)
}

/// The names recorded as applied, oldest first; creates nothing (an absent record table means
/// nothing is applied).
///
/// # Errors
///
/// When the table cannot be read.
pub async fn applied_names(db: &DatabaseConnection) -> Result<Vec<String>> {
    applied_names_on(db).await
}

async fn applied_names_on(db: &impl ConnectionTrait) -> Result<Vec<String>> {
    if !table_exists_on(db, "seaql_migrations").await? {
        return Ok(Vec::new());
    }
    let rows = seaql_migrations::Entity::find()
        .order_by_asc(seaql_migrations::Column::Version)
        .all(db)
        .await
        .context(|| "cannot read seaql_migrations".into())?;
    Ok(rows.into_iter().map(|r| r.version).collect())
}

/// The recorded checksums, by version; empty when the table does not exist (nothing is created).
///
/// # Errors
///
/// When the table cannot be read.
pub async fn recorded_checksums(db: &DatabaseConnection) -> Result<BTreeMap<String, String>> {
    recorded_on(db).await
}

async fn recorded_on(db: &impl ConnectionTrait) -> Result<BTreeMap<String, String>> {
    let mut map = BTreeMap::new();
    if !table_exists_on(db, "xtask_migration_checksums").await? {
        return Ok(map);
    }
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT version, checksum FROM xtask_migration_checksums",
        ))
        .await
        .context(|| "cannot read xtask_migration_checksums".into())?;
    for row in rows {
        let version: String = row.try_get("", "version").context(|| "version".into())?;
        let sum: String = row.try_get("", "checksum").context(|| "checksum".into())?;
        map.insert(version, sum.trim().to_owned());
    }
    Ok(map)
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
    status_of(db, &pins(changes)?).await
}

async fn status_of(db: &impl ConnectionTrait, pins: &[Pin]) -> Result<Vec<ChangeStatus>> {
    let applied = applied_names_on(db).await?;
    let recorded = recorded_on(db).await?;
    let backend = db.get_database_backend();
    let unknown: Vec<&str> = applied
        .iter()
        .filter(|name| !pins.iter().any(|p| p.name == **name))
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        return Err(Error::Refused(format!(
            "the database has applied migrations this checkout does not have: {}; \
             update your checkout, or point DATABASE_URL at another database",
            unknown.join(", ")
        )));
    }
    Ok(pins
        .iter()
        .map(|p| {
            let applied = applied.contains(&p.name);
            let checksum = match (applied, recorded.get(&p.name)) {
                (false, _) => ChecksumState::Pending,
                (true, None) => ChecksumState::Unrecorded,
                (true, Some(sum)) if *sum == p.checksum(backend) => ChecksumState::Matches,
                (true, Some(sum)) if *sum == p.legacy_checksum(backend) => ChecksumState::Outdated,
                (true, Some(_)) => ChecksumState::Changed,
            };
            ChangeStatus {
                name: p.name.clone(),
                applied,
                checksum,
            }
        })
        .collect())
}

/// Fails, naming them, when applied migrations were changed after they ran.
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
        return Err(Error::Refused(format!(
            "applied migration(s) changed since they ran: {}; a merged migration must not be edited: \
             revert the edit and put the change in a new migration, or, if the edit is deliberate and \
             the database already matches it, accept it with `cargo xtask migrate repair <name>`",
            changed.join(", ")
        )));
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
    let pins = pins(changes)?;
    let statuses = status_of(db, &pins).await?;
    refuse_changed(&statuses)?;
    let backend = db.get_database_backend();
    Ok(pins
        .iter()
        .zip(statuses)
        .filter(|(_, st)| !st.applied)
        .take(limit(steps))
        .map(|(p, _)| (p.name.clone(), p.sides(backend).up.clone()))
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
    let pins = pins(changes)?;
    let statuses = status_of(db, &pins).await?;
    let backend = db.get_database_backend();
    Ok(pins
        .iter()
        .zip(statuses)
        .rev()
        .filter(|(_, st)| st.applied)
        .take(limit(steps))
        .map(|(p, _)| (p.name.clone(), p.sides(backend).down.clone()))
        .collect())
}

fn limit(steps: Option<u32>) -> usize {
    steps.map_or(usize::MAX, |n| n as usize)
}

// ----- commands (each under the lock) ---------------------------------------------------------

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
    Ok(up_waiting(db, changes, steps).await?.names)
}

/// [`up`], also saying how long it waited for another run.
///
/// # Errors
///
/// As [`up`].
pub async fn up_waiting(
    db: &DatabaseConnection,
    changes: &[Box<dyn SchemaChange>],
    steps: Option<u32>,
) -> Result<Outcome> {
    let pins = pins(changes)?;
    locked(db, Keep::Progress, async |conn: &Conn<'_>| {
        apply_up(conn, &pins, steps).await
    })
    .await
}

/// [`up`] from pins given directly rather than from migrations (codegen migrates its throwaway
/// database with the pins it is about to write).
///
/// # Errors
///
/// As [`up`].
pub async fn up_pinned(
    db: &DatabaseConnection,
    pins: &[Pin],
    steps: Option<u32>,
) -> Result<Vec<String>> {
    Ok(locked(db, Keep::Progress, async |conn: &Conn<'_>| {
        apply_up(conn, pins, steps).await
    })
    .await?
    .names)
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
    let pins = pins(changes)?;
    Ok(locked(db, Keep::Progress, async |conn: &Conn<'_>| {
        apply_down(conn, &pins, steps).await
    })
    .await?
    .names)
}

/// Drops every table, view, enum type and function of the current schema, whatever the migrations
/// say, keeping the dev mark, then applies every migration. Atomic on SQLite.
///
/// # Errors
///
/// When a drop or a migration fails (on SQLite nothing changed then).
pub async fn fresh(
    db: &DatabaseConnection,
    changes: &[Box<dyn SchemaChange>],
) -> Result<(Vec<String>, Vec<String>)> {
    let pins = pins(changes)?;
    let mut dropped = Vec::new();
    let applied = locked(db, Keep::Nothing, async |conn: &Conn<'_>| {
        dropped = drop_all(conn).await?;
        apply_up(conn, &pins, None).await
    })
    .await?
    .names;
    Ok((dropped, applied))
}

/// Reverts every migration, then applies every migration; returns both lists. Atomic on SQLite.
///
/// # Errors
///
/// The first failing change (on SQLite nothing changed then).
pub async fn refresh(
    db: &DatabaseConnection,
    changes: &[Box<dyn SchemaChange>],
) -> Result<(Vec<String>, Vec<String>)> {
    let pins = pins(changes)?;
    let mut reverted = Vec::new();
    let applied = locked(db, Keep::Nothing, async |conn: &Conn<'_>| {
        reverted = apply_down(conn, &pins, None).await?;
        apply_up(conn, &pins, None).await
    })
    .await?
    .names;
    Ok((reverted, applied))
}

/// Reverts every migration. Atomic on SQLite.
///
/// # Errors
///
/// The first failing change (on SQLite nothing changed then).
pub async fn reset(
    db: &DatabaseConnection,
    changes: &[Box<dyn SchemaChange>],
) -> Result<Vec<String>> {
    let pins = pins(changes)?;
    Ok(locked(db, Keep::Nothing, async |conn: &Conn<'_>| {
        apply_down(conn, &pins, None).await
    })
    .await?
    .names)
}

/// Drops every table, view, enum type and function of the current schema (the recovery path when
/// a `down` is broken), keeping the dev mark; returns what it dropped.
///
/// # Errors
///
/// When a drop fails.
pub async fn drop_everything(db: &DatabaseConnection) -> Result<Vec<String>> {
    let mut dropped = Vec::new();
    locked(db, Keep::Nothing, async |conn: &Conn<'_>| {
        dropped = drop_all(conn).await?;
        Ok(Vec::new())
    })
    .await?;
    Ok(dropped)
}

/// Records the current checksum of an applied migration whose pin was changed deliberately.
///
/// # Errors
///
/// When `name` is not an applied migration of `changes`.
pub async fn repair(
    db: &DatabaseConnection,
    changes: &[Box<dyn SchemaChange>],
    name: &str,
) -> Result<String> {
    let Some(index) = changes.iter().position(|c| c.name() == name) else {
        return Err(Error::Refused(format!(
            "no migration named `{name}`: `cargo xtask migrate status` lists them"
        )));
    };
    let pin = pins(changes)?.swap_remove(index);
    let sum = pin.checksum(db.get_database_backend());
    let recorded = sum.clone();
    locked(db, Keep::Nothing, async |conn: &Conn<'_>| {
        if !on!(conn, |c| applied_names_on(c).await)?.iter().any(|a| a == name) {
            return Err(Error::Refused(format!(
                "migration `{name}` is not applied, so there is nothing to repair: run `cargo xtask migrate up`"
            ))
            .into());
        }
        on!(conn, |c| install(c).await)?;
        on!(conn, |c| record_checksum(c, name, &recorded).await)?;
        Ok(Vec::new())
    })
    .await?;
    Ok(sum)
}

// ----- the lock and the connection a command runs on -------------------------------------------

/// What a command runs on: the pool (Postgres, under the advisory lock), with the lock's own
/// session for the statements of migrations that run outside a transaction (so that their
/// session-level `SET lock_timeout` applies to them and ends with the command), or the command's
/// one `BEGIN IMMEDIATE` transaction (SQLite).
enum Conn<'a> {
    Postgres(
        &'a DatabaseConnection,
        tokio::sync::Mutex<&'a mut sqlx::PgConnection>,
    ),
    Sqlite(DatabaseTransaction),
}

impl Conn<'_> {
    fn backend(&self) -> DbBackend {
        match self {
            Conn::Postgres(..) => DbBackend::Postgres,
            Conn::Sqlite(_) => DbBackend::Sqlite,
        }
    }

    /// A transaction for one migration: a transaction on Postgres, a savepoint on SQLite.
    async fn begin(&self) -> Result<DatabaseTransaction> {
        match self {
            Conn::Postgres(db, _) => db.begin().await,
            Conn::Sqlite(txn) => txn.begin().await,
        }
        .context(|| "cannot begin a transaction".into())
    }
}

/// What a SQLite command keeps when it fails part way.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// The migrations that succeeded before the failing one (`up`, `down`).
    Progress,
    /// Nothing: the whole command rolls back (`fresh`, `refresh`, `reset`).
    Nothing,
}

/// A failure after some migrations succeeded: what they were, and the error.
struct Partial {
    done: Vec<String>,
    error: Error,
}

async fn locked<F>(db: &DatabaseConnection, keep: Keep, work: F) -> Result<Outcome>
where
    F: AsyncFnOnce(&Conn<'_>) -> Result<Vec<String>, Partial>,
{
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let (mut lock, waited) = PostgresLock::acquire(db).await?;
            let result = match lock.conn.as_mut() {
                Some(session) => work(&Conn::Postgres(db, tokio::sync::Mutex::new(session))).await,
                None => {
                    Err(Error::Refused("the migration lock's connection is gone".into()).into())
                }
            };
            lock.release().await;
            match result {
                Ok(names) => Ok(Outcome { names, waited }),
                Err(partial) => Err(partial.error),
            }
        }
        DbBackend::Sqlite => {
            let (txn, waited) = sqlite_begin(db).await?;
            let conn = Conn::Sqlite(txn);
            let result = work(&conn).await;
            let Conn::Sqlite(txn) = conn else {
                unreachable!("built as SQLite above")
            };
            let finished = match result {
                Ok(names) => sqlite_commit(db, txn).await.map(|()| names),
                Err(partial) if keep == Keep::Progress && !partial.done.is_empty() => {
                    match sqlite_commit(db, txn).await {
                        Ok(()) => Err(partial.error),
                        Err(e) => Err(e),
                    }
                }
                Err(partial) => {
                    let _ = txn.rollback().await;
                    Err(partial.error)
                }
            };
            let _ = db.execute_unprepared("PRAGMA foreign_keys = ON").await;
            finished.map(|names| Outcome { names, waited })
        }
        other => Err(Error::Refused(format!(
            "{other:?} is not supported: migrate Postgres or SQLite"
        ))),
    }
}

impl From<Error> for Partial {
    fn from(error: Error) -> Self {
        Self {
            done: Vec::new(),
            error,
        }
    }
}

/// Starts a SQLite command: foreign keys off (outside the transaction, where SQLite honours it),
/// then `BEGIN IMMEDIATE`, retried while another connection holds the file.
async fn sqlite_begin(db: &DatabaseConnection) -> Result<(DatabaseTransaction, Option<Duration>)> {
    db.execute_unprepared("PRAGMA foreign_keys = OFF")
        .await
        .context(|| "cannot turn SQLite's foreign keys off for the migration".into())?;
    let started = Instant::now();
    let mut said = false;
    let txn = loop {
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        match db.begin_with_options(options).await {
            Ok(txn) => break txn,
            Err(e) if is_sqlite_busy(&e) && started.elapsed() < sqlite_lock_wait() => {
                if !said {
                    eprintln!(
                        "another process is writing to this SQLite file: waiting for it to finish"
                    );
                    said = true;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) if is_sqlite_busy(&e) => return Err(Error::Refused(sqlite_locked_message())),
            Err(source) => {
                return Err(Error::Db {
                    context: "cannot begin the migration's transaction".into(),
                    source,
                });
            }
        }
    };
    let row = txn
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA foreign_keys",
        ))
        .await
        .context(|| "cannot read PRAGMA foreign_keys".into())?;
    let on: i64 = row
        .map(|r| r.try_get_by_index(0))
        .transpose()
        .context(|| "cannot read PRAGMA foreign_keys".into())?
        .unwrap_or(1);
    if on != 0 {
        let _ = txn.rollback().await;
        return Err(Error::Refused(
            "the SQLite migrator needs a connection pool of one connection (max_connections(1)): \
             its foreign-key setting is per connection, and this pool ran the transaction on another"
                .into(),
        ));
    }
    Ok((txn, said.then(|| started.elapsed())))
}

/// Ends a SQLite command: `PRAGMA foreign_key_check` must find nothing, then commit.
async fn sqlite_commit(db: &DatabaseConnection, txn: DatabaseTransaction) -> Result<()> {
    let violations = txn
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA foreign_key_check",
        ))
        .await
        .context(|| "PRAGMA foreign_key_check failed".into())?;
    if let Some(row) = violations.first() {
        let table: String = row.try_get_by_index(0).unwrap_or_default();
        let parent: String = row.try_get_by_index(2).unwrap_or_default();
        let _ = txn.rollback().await;
        let _ = db.execute_unprepared("PRAGMA foreign_keys = ON").await;
        return Err(Error::Refused(format!(
            "the migration left {} row(s) violating foreign keys (first: a row of {table} whose {parent} \
             is missing), so nothing was changed; fix the migration's data handling",
            violations.len()
        )));
    }
    txn.commit()
        .await
        .context(|| "cannot commit the migration".into())
}

/// The Postgres advisory lock, held on a connection of its own.
struct PostgresLock {
    conn: Option<sqlx::PgConnection>,
}

impl PostgresLock {
    async fn acquire(db: &DatabaseConnection) -> Result<(Self, Option<Duration>)> {
        use sqlx::Connection;
        let options = db.get_postgres_connection_pool().connect_options();
        let failed = |e: sqlx::Error| Error::Db {
            context: "cannot take the migration lock".into(),
            source: DbErr::Conn(sea_orm::RuntimeErr::Internal(e.to_string())),
        };
        let mut conn = sqlx::PgConnection::connect_with(&options)
            .await
            .map_err(failed)?;
        let got: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
            .bind(LOCK_KEY)
            .fetch_one(&mut conn)
            .await
            .map_err(failed)?;
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
                .await
                .map_err(failed)?;
            Some(started.elapsed())
        };
        Ok((Self { conn: Some(conn) }, waited))
    }

    /// Releases the lock (closing the connection frees it too, which is the fallback).
    async fn release(&mut self) {
        use sqlx::Connection;
        if let Some(mut conn) = self.conn.take() {
            let _ = sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(LOCK_KEY)
                .execute(&mut conn)
                .await;
            let _ = conn.close().await;
        }
    }
}

/// Holds the Postgres migration lock outside a command, for tests of the lock and for tools that
/// must keep migrations out while they work.
#[derive(Debug)]
pub struct HeldLock(Option<sqlx::PgConnection>);

impl HeldLock {
    /// Takes the migration lock of `db` (Postgres only; on SQLite there is nothing to hold).
    ///
    /// # Errors
    ///
    /// When the lock's connection cannot be made.
    pub async fn acquire(db: &DatabaseConnection) -> Result<Self> {
        if db.get_database_backend() != DbBackend::Postgres {
            return Ok(Self(None));
        }
        let (mut lock, _) = PostgresLock::acquire(db).await?;
        Ok(Self(lock.conn.take()))
    }

    /// Releases it.
    pub async fn release(self) {
        PostgresLock { conn: self.0 }.release().await;
    }
}

// ----- the steps -------------------------------------------------------------------------------

/// Creates the record tables if they are missing.
async fn install(db: &impl ConnectionTrait) -> Result<()> {
    let backend = db.get_database_backend();
    let mut stmt = sea_orm::Schema::new(backend).create_table_from_entity(seaql_migrations::Entity);
    stmt.if_not_exists();
    db.execute(&stmt)
        .await
        .context(|| "cannot create the seaql_migrations table".into())?;
    exec(
        db,
        "CREATE TABLE IF NOT EXISTS xtask_migration_checksums (\
         version varchar(255) NOT NULL, checksum char(64) NOT NULL, recorded_at bigint NOT NULL, \
         CONSTRAINT pk_xtask_migration_checksums PRIMARY KEY (version))",
    )
    .await
}

async fn exec(db: &impl ConnectionTrait, sql: &str) -> Result<()> {
    db.execute_unprepared(sql)
        .await
        .context(|| format!("statement failed: {sql}"))?;
    Ok(())
}

fn placeholders(backend: DbBackend, sql: &str) -> String {
    match backend {
        DbBackend::Postgres => sql.to_owned(),
        _ => {
            let mut out = sql.to_owned();
            for n in (1..=9).rev() {
                out = out.replace(&format!("${n}"), "?");
            }
            out
        }
    }
}

async fn record_checksum(db: &impl ConnectionTrait, version: &str, checksum: &str) -> Result<()> {
    forget_checksum(db, version).await?;
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        placeholders(
            backend,
            "INSERT INTO xtask_migration_checksums (version, checksum, recorded_at) VALUES ($1, $2, $3)",
        ),
        [
            version.into(),
            checksum.into(),
            chrono::Utc::now().timestamp().into(),
        ],
    ))
    .await
    .context(|| format!("cannot record the checksum of {version}"))?;
    Ok(())
}

async fn forget_checksum(db: &impl ConnectionTrait, version: &str) -> Result<()> {
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        placeholders(
            backend,
            "DELETE FROM xtask_migration_checksums WHERE version = $1",
        ),
        [version.into()],
    ))
    .await
    .context(|| format!("cannot forget the checksum of {version}"))?;
    Ok(())
}

async fn apply_up(
    conn: &Conn<'_>,
    pins: &[Pin],
    steps: Option<u32>,
) -> Result<Vec<String>, Partial> {
    let backend = conn.backend();
    let statuses = on!(conn, |c| status_of(c, pins).await)?;
    refuse_changed(&statuses)?;
    on!(conn, |c| install(c).await)?;
    // Migrations applied without a checksum, or with one of the old format, get theirs now.
    for (pin, st) in pins.iter().zip(&statuses) {
        if matches!(
            st.checksum,
            ChecksumState::Unrecorded | ChecksumState::Outdated
        ) {
            on!(conn, |c| record_checksum(
                c,
                &pin.name,
                &pin.checksum(backend)
            )
            .await)?;
        }
    }
    let mut done = Vec::new();
    for (pin, st) in pins.iter().zip(statuses) {
        if st.applied {
            continue;
        }
        if done.len() >= limit(steps) {
            break;
        }
        if let Err(error) = execute(conn, pin, Direction::Up).await {
            return Err(Partial {
                done,
                error: wrap(
                    error,
                    format!("migration {} failed and was not applied", pin.name),
                ),
            });
        }
        done.push(pin.name.clone());
    }
    Ok(done)
}

async fn apply_down(
    conn: &Conn<'_>,
    pins: &[Pin],
    steps: Option<u32>,
) -> Result<Vec<String>, Partial> {
    let statuses = on!(conn, |c| status_of(c, pins).await)?;
    let mut done = Vec::new();
    for (pin, st) in pins.iter().zip(statuses).rev() {
        if !st.applied {
            continue;
        }
        if done.len() >= limit(steps) {
            break;
        }
        if let Err(error) = execute(conn, pin, Direction::Down).await {
            return Err(Partial {
                done,
                error: wrap(error, format!("reverting migration {} failed", pin.name)),
            });
        }
        done.push(pin.name.clone());
    }
    Ok(done)
}

fn wrap(error: Error, context: String) -> Error {
    match error {
        Error::Db {
            context: inner,
            source,
        } => Error::Db {
            context: format!("{context}: {inner}"),
            source,
        },
        Error::Refused(why) => Error::Refused(format!("{context}: {why}")),
        other => other,
    }
}

#[derive(Clone, Copy)]
enum Direction {
    Up,
    Down,
}

async fn execute(conn: &Conn<'_>, pin: &Pin, direction: Direction) -> Result<()> {
    let backend = conn.backend();
    let sides = pin.sides(backend);
    let statements = match direction {
        Direction::Up => &sides.up,
        Direction::Down => &sides.down,
    };
    let checksum = pin.checksum(backend);
    if pin.transactional_on(backend) {
        let txn = conn.begin().await?;
        for statement in statements {
            txn.execute_unprepared(statement)
                .await
                .context(|| format!("statement failed: {statement}"))?;
        }
        write_record(&txn, &pin.name, direction, &checksum).await?;
        txn.commit()
            .await
            .context(|| format!("cannot commit {}", pin.name))?;
    } else {
        for (i, statement) in statements.iter().enumerate() {
            let done = match conn {
                Conn::Postgres(_, session) => {
                    let mut session = session.lock().await;
                    sqlx::raw_sql(sqlx::AssertSqlSafe(statement.as_str()))
                        .execute(&mut **session)
                        .await
                        .map(|_| ())
                        .map_err(|e| DbErr::Exec(sea_orm::RuntimeErr::Internal(e.to_string())))
                }
                Conn::Sqlite(txn) => txn.execute_unprepared(statement).await.map(|_| ()),
            };
            done.context(|| {
                format!(
                    "statement {} of {} failed in a migration that runs outside a transaction, so the \
                     statements before it stay applied and the migration is not recorded; fix the cause \
                     and run it again (its statements must be safe to repeat, such as \
                     CREATE INDEX CONCURRENTLY IF NOT EXISTS): {statement}",
                    i + 1,
                    statements.len()
                )
            })?;
        }
        on!(conn, |c| write_record(c, &pin.name, direction, &checksum)
            .await)?;
    }
    Ok(())
}

async fn write_record(
    db: &impl ConnectionTrait,
    name: &str,
    direction: Direction,
    checksum: &str,
) -> Result<()> {
    match direction {
        Direction::Up => {
            record_checksum(db, name, checksum).await?;
            seaql_migrations::Entity::insert(seaql_migrations::ActiveModel {
                version: Set(name.to_owned()),
                applied_at: Set(chrono::Utc::now().timestamp()),
            })
            .exec(db)
            .await
            .context(|| format!("cannot record {name} as applied"))?;
        }
        Direction::Down => {
            forget_checksum(db, name).await?;
            seaql_migrations::Entity::delete_by_id(name.to_owned())
                .exec(db)
                .await
                .context(|| format!("cannot remove the record of {name}"))?;
        }
    }
    Ok(())
}

async fn drop_all(conn: &Conn<'_>) -> Result<Vec<String>, Partial> {
    let mut dropped = Vec::new();
    let (list, kind_col) = match conn.backend() {
        DbBackend::Postgres => (DROP_LIST_POSTGRES, "kind"),
        _ => (DROP_LIST_SQLITE, "kind"),
    };
    let txn = conn.begin().await?;
    let objects = txn
        .query_all_raw(Statement::from_string(conn.backend(), list))
        .await
        .context(|| "cannot list the schema's objects".into())?;
    for row in objects {
        let kind: String = row.try_get("", kind_col).context(|| "kind".into())?;
        let name: String = row.try_get("", "name").context(|| "name".into())?;
        let sql = match conn.backend() {
            DbBackend::Postgres => format!("DROP {kind} IF EXISTS {name} CASCADE"),
            _ => format!("DROP {kind} IF EXISTS \"{name}\""),
        };
        txn.execute_unprepared(&sql)
            .await
            .context(|| format!("cannot drop {kind} {name}"))?;
        dropped.push(format!("{} {name}", kind.to_lowercase()));
    }
    txn.commit()
        .await
        .context(|| "cannot commit the drops".into())?;
    Ok(dropped)
}

/// Everything of the current schema that is dropped on SQLite: views first, then tables.
const DROP_LIST_SQLITE: &str = "SELECT upper(type) AS kind, name FROM sqlite_master \
     WHERE type IN ('view', 'table') AND name NOT LIKE 'sqlite_%' AND name <> 'xtask_dev_marks' \
     ORDER BY type = 'table', name";

/// Everything of the current schema that is dropped on Postgres, dependents first: views, then
/// tables (partitions go with their parent), then functions, then types.
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
