//! `cargo xtask backfill list|status|run NAME [--batch-size N] [--throttle-ms MS] [--dry-run]`:
//! data changes too big for one transaction, kept apart from schema migrations (which hold schema
//! only).
//!
//! A backfill walks its table by primary key (UUIDv7 ids, so in insertion order) in batches. Each
//! batch is one short transaction that changes the rows of one key range and moves the
//! checkpoint (`xtask_backfills`) to the range's last key, so an interrupted run resumes exactly
//! after the last committed batch: no row is redone or skipped. Each batch's statement is
//! idempotent (it sets values computed from the data, and only where they differ), so running a
//! finished backfill again starts a new pass that changes nothing. A pause between batches
//! (`--throttle-ms`) leaves room for the production load. Anchors: Shopify's `maintenance_tasks`
//! (resumable, throttled, with progress) and seed 004's batched loop.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, TransactionTrait, Value};

use crate::{db, workspace};

/// Arguments of `cargo xtask backfill`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: BackfillCommand,
    /// The database (overrides DATABASE_URL; default: the embedded SQLite file).
    #[arg(long, global = true)]
    database_url: Option<String>,
}

#[derive(Debug, Subcommand)]
enum BackfillCommand {
    /// List every backfill.
    List,
    /// Show every backfill's progress on the database.
    Status,
    /// Run (or resume) a backfill.
    Run {
        /// The backfill, as `list` names it.
        name: String,
        /// Rows per batch (one short transaction each).
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=100_000))]
        batch_size: u64,
        /// Pause between batches, in milliseconds.
        #[arg(long, default_value_t = 0)]
        throttle_ms: u64,
        /// Count the rows it would visit and change, and change nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// One backfill: a statement applied to the rows of `table` whose `id` is in a batch's range.
#[derive(Debug, Clone, Copy)]
pub struct Backfill {
    /// The name `run` takes.
    pub name: &'static str,
    /// What it does, for `list`.
    pub description: &'static str,
    /// The table it walks by `id`.
    pub table: &'static str,
    /// The condition a row needs the change under (it differs from what the data says), per
    /// backend: Postgres, SQLite.
    pub needed: (&'static str, &'static str),
    /// The `SET` list of the batch's `UPDATE`.
    pub set: &'static str,
}

/// Every backfill.
pub const BACKFILLS: &[Backfill] = &[Backfill {
    name: "report-execution-counts",
    description: "recompute reports.execution_count (the number of its executions) and \
                  reports.last_executed_at (their latest started_at) from report_executions",
    table: "reports",
    needed: (
        "(execution_count <> (SELECT count(*) FROM report_executions e WHERE e.report_id = reports.id) \
          OR last_executed_at IS DISTINCT FROM (SELECT max(e.started_at) FROM report_executions e WHERE e.report_id = reports.id))",
        "(execution_count <> (SELECT count(*) FROM report_executions e WHERE e.report_id = reports.id) \
          OR last_executed_at IS NOT (SELECT max(e.started_at) FROM report_executions e WHERE e.report_id = reports.id))",
    ),
    set: "execution_count = (SELECT count(*) FROM report_executions e WHERE e.report_id = reports.id), \
          last_executed_at = (SELECT max(e.started_at) FROM report_executions e WHERE e.report_id = reports.id)",
}];

/// Finds a backfill by name.
///
/// # Errors
///
/// An unknown name, with the known ones.
pub fn find(name: &str) -> Result<&'static Backfill> {
    BACKFILLS.iter().find(|b| b.name == name).with_context(|| {
        let known: Vec<&str> = BACKFILLS.iter().map(|b| b.name).collect();
        format!(
            "no backfill named `{name}`: known are {} (`cargo xtask backfill list`)",
            known.join(", ")
        )
    })
}

/// The checkpoint of a backfill on a database.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Progress {
    /// Rows visited by committed batches of the current pass.
    pub rows_done: i64,
    /// Committed batches of the current pass.
    pub batches: i64,
    /// Rows changed in the current pass.
    pub rows_changed: i64,
    /// Whether the current pass reached the end of the table.
    pub finished: bool,
    /// Whether a checkpoint exists at all.
    pub started: bool,
}

/// What a run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunReport {
    /// Rows visited by this run.
    pub rows: i64,
    /// Rows changed by this run.
    pub changed: i64,
    /// Batches this run committed.
    pub batches: i64,
    /// How long it took.
    pub elapsed: Duration,
}

fn p(backend: DbBackend, n: usize) -> String {
    match backend {
        DbBackend::Postgres => format!("${n}"),
        _ => "?".into(),
    }
}

async fn install(db: &impl ConnectionTrait) -> Result<()> {
    db.execute_unprepared(
        "CREATE TABLE IF NOT EXISTS xtask_backfills (\
         name varchar(100) NOT NULL, last_id uuid, rows_done bigint NOT NULL, batches bigint NOT NULL, \
         rows_changed bigint NOT NULL, finished boolean NOT NULL, updated_at bigint NOT NULL, \
         CONSTRAINT pk_xtask_backfills PRIMARY KEY (name))",
    )
    .await
    .context("cannot create xtask_backfills")?;
    Ok(())
}

/// The checkpoint of `backfill` (empty when it never ran).
///
/// # Errors
///
/// When the table cannot be read.
pub async fn progress(
    db: &impl ConnectionTrait,
    backfill: &Backfill,
) -> Result<(Progress, Option<Value>)> {
    let backend = db.get_database_backend();
    let exists = db
        .query_one_raw(Statement::from_string(
            backend,
            match backend {
                DbBackend::Postgres => {
                    "SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                     WHERE n.nspname = current_schema() AND c.relname = 'xtask_backfills'"
                }
                _ => "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'xtask_backfills'",
            },
        ))
        .await?
        .map(|r| r.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or(0)
        > 0;
    if !exists {
        return Ok((Progress::default(), None));
    }
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "SELECT last_id, rows_done, batches, rows_changed, finished FROM xtask_backfills WHERE name = {}",
                p(backend, 1)
            ),
            [backfill.name.into()],
        ))
        .await?;
    let Some(row) = row else {
        return Ok((Progress::default(), None));
    };
    let last: Option<uuid::Uuid> = row.try_get("", "last_id")?;
    Ok((
        Progress {
            rows_done: row.try_get("", "rows_done")?,
            batches: row.try_get("", "batches")?,
            rows_changed: row.try_get("", "rows_changed")?,
            finished: row.try_get("", "finished")?,
            started: true,
        },
        last.map(Value::from),
    ))
}

async fn count(db: &impl ConnectionTrait, sql: String, values: Vec<Value>) -> Result<i64> {
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            sql,
            values,
        ))
        .await?;
    Ok(row
        .map(|r| r.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or(0))
}

/// Rows of the table, and rows still to visit after the checkpoint.
async fn remaining(
    db: &impl ConnectionTrait,
    backfill: &Backfill,
    after: Option<&Value>,
) -> Result<(i64, i64)> {
    let backend = db.get_database_backend();
    let total = count(
        db,
        format!("SELECT count(*) AS n FROM {}", backfill.table),
        vec![],
    )
    .await?;
    let left = match after {
        Some(last) => {
            count(
                db,
                format!(
                    "SELECT count(*) AS n FROM {} WHERE id > {}",
                    backfill.table,
                    p(backend, 1)
                ),
                vec![last.clone()],
            )
            .await?
        }
        None => total,
    };
    Ok((total, left))
}

/// Runs (or resumes) `backfill` on `db`: batches of `batch_size` rows by key range, each its own
/// transaction together with its checkpoint, pausing `throttle` between batches. `on_batch` sees
/// the rows done and to do after each batch.
///
/// # Errors
///
/// A failing batch (the batches before it stay committed, and the next run resumes after them).
pub async fn run(
    db: &DatabaseConnection,
    backfill: &Backfill,
    batch_size: u64,
    throttle: Duration,
    on_batch: &mut dyn FnMut(i64, i64),
) -> Result<RunReport> {
    let backend = db.get_database_backend();
    install(db).await?;
    let (mut state, mut last) = progress(db, backfill).await?;
    if state.finished {
        // A finished pass: start a new one (idempotent: it changes what changed since).
        state = Progress::default();
        last = None;
    }
    let needed = match backend {
        DbBackend::Postgres => backfill.needed.0,
        _ => backfill.needed.1,
    };
    let started = Instant::now();
    let (mut rows, mut changed, mut batches) = (0i64, 0i64, 0i64);
    let (_, mut left) = remaining(db, backfill, last.as_ref()).await?;
    loop {
        let txn = db.begin().await?;
        // The batch's upper key: the `batch_size`-th id after the checkpoint.
        let (range, mut values) = match &last {
            Some(v) => (format!("id > {}", p(backend, 1)), vec![v.clone()]),
            None => ("1 = 1".to_owned(), vec![]),
        };
        let keys = txn
            .query_all_raw(Statement::from_sql_and_values(
                backend,
                format!(
                    "SELECT id FROM {} WHERE {range} ORDER BY id LIMIT {batch_size}",
                    backfill.table
                ),
                values.clone(),
            ))
            .await?;
        let Some(hi) = keys.last() else {
            txn.commit().await?;
            break;
        };
        let hi: uuid::Uuid = hi.try_get("", "id")?;
        let n = keys.len() as i64;
        let hi_param = p(backend, values.len() + 1);
        values.push(hi.into());
        let result = txn
            .execute_raw(Statement::from_sql_and_values(
                backend,
                format!(
                    "UPDATE {table} SET {set} WHERE {range} AND id <= {hi_param} AND {needed}",
                    table = backfill.table,
                    set = backfill.set
                ),
                values,
            ))
            .await
            .with_context(|| {
                format!(
                    "backfill {} failed in a batch; the batches before it are kept",
                    backfill.name
                )
            })?;
        let done = state.rows_done + rows + n;
        let ch = state.rows_changed + changed + result.rows_affected() as i64;
        let finished = (n as u64) < batch_size;
        txn.execute_raw(Statement::from_sql_and_values(
            backend,
            format!("DELETE FROM xtask_backfills WHERE name = {}", p(backend, 1)),
            [backfill.name.into()],
        ))
        .await?;
        txn.execute_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "INSERT INTO xtask_backfills (name, last_id, rows_done, batches, rows_changed, finished, updated_at) \
                 VALUES ({}, {}, {}, {}, {}, {}, {})",
                p(backend, 1), p(backend, 2), p(backend, 3), p(backend, 4), p(backend, 5), p(backend, 6), p(backend, 7)
            ),
            [
                backfill.name.into(),
                hi.into(),
                done.into(),
                (state.batches + batches + 1).into(),
                ch.into(),
                finished.into(),
                chrono::Utc::now().timestamp().into(),
            ],
        ))
        .await?;
        txn.commit().await?;
        rows += n;
        changed += result.rows_affected() as i64;
        batches += 1;
        left -= n;
        last = Some(hi.into());
        on_batch(rows, left.max(0));
        if finished {
            break;
        }
        if !throttle.is_zero() {
            tokio::time::sleep(throttle).await;
        }
    }
    // The table was walked to its end: mark the pass finished (also when the last batch was full).
    let txn = db.begin().await?;
    txn.execute_raw(Statement::from_sql_and_values(
        backend,
        format!(
            "UPDATE xtask_backfills SET finished = {} WHERE name = {}",
            p(backend, 1),
            p(backend, 2)
        ),
        [true.into(), backfill.name.into()],
    ))
    .await?;
    txn.commit().await?;
    Ok(RunReport {
        rows,
        changed,
        batches,
        elapsed: started.elapsed(),
    })
}

/// The rows a run would visit and change, changing nothing.
///
/// # Errors
///
/// When the database cannot be read.
pub async fn dry_run(db: &DatabaseConnection, backfill: &Backfill) -> Result<(i64, i64)> {
    let backend = db.get_database_backend();
    let (state, last) = progress(db, backfill).await?;
    let last = if state.finished { None } else { last };
    let (_, left) = remaining(db, backfill, last.as_ref()).await?;
    let needed = match backend {
        DbBackend::Postgres => backfill.needed.0,
        _ => backfill.needed.1,
    };
    let (range, values) = match &last {
        Some(v) => (format!("id > {}", p(backend, 1)), vec![v.clone()]),
        None => ("1 = 1".to_owned(), vec![]),
    };
    let to_change = count(
        db,
        format!(
            "SELECT count(*) AS n FROM {} WHERE {range} AND {needed}",
            backfill.table
        ),
        values,
    )
    .await?;
    Ok((left, to_change))
}

/// Runs `cargo xtask backfill`.
///
/// # Errors
///
/// A bad URL or name, an unreachable server, or a failing batch, each in one line.
pub async fn main(args: Args) -> Result<()> {
    if let BackfillCommand::Run { name, .. } = &args.command {
        find(name)?;
    }
    if let BackfillCommand::List = args.command {
        for b in BACKFILLS {
            println!("{:<28} {} (table {})", b.name, b.description, b.table);
        }
        return Ok(());
    }
    let url = workspace::database_url(args.database_url.as_deref())?;
    let db = db::connect(&url).await?;
    match args.command {
        BackfillCommand::List => {}
        BackfillCommand::Status => {
            for b in BACKFILLS {
                let (state, last) = progress(&db, b).await?;
                let (total, left) = remaining(&db, b, last.as_ref()).await?;
                let what = if !state.started {
                    "never run".to_owned()
                } else if state.finished {
                    format!(
                        "finished: {} rows in {} batches, {} changed",
                        state.rows_done, state.batches, state.rows_changed
                    )
                } else {
                    format!(
                        "interrupted: {} of about {} rows done ({} left) in {} batches, {} changed; `run` resumes",
                        state.rows_done,
                        state.rows_done + left,
                        left,
                        state.batches,
                        state.rows_changed
                    )
                };
                println!("{:<28} {what} (table has {total} rows)", b.name);
            }
        }
        BackfillCommand::Run {
            name,
            batch_size,
            throttle_ms,
            dry_run: true,
        } => {
            let b = find(&name)?;
            let _ = (batch_size, throttle_ms);
            let (visit, change) = dry_run(&db, b).await?;
            println!(
                "{name}: would visit {visit} rows and change {change}; dry run: nothing was changed"
            );
        }
        BackfillCommand::Run {
            name,
            batch_size,
            throttle_ms,
            dry_run: false,
        } => {
            let b = find(&name)?;
            let (_, last) = progress(&db, b).await?;
            let (_, left) = remaining(&db, b, last.as_ref()).await?;
            let bar = if std::io::stderr().is_terminal() {
                ProgressBar::with_draw_target(
                    Some(left as u64),
                    ProgressDrawTarget::stderr_with_hz(4),
                )
            } else {
                ProgressBar::hidden()
            };
            bar.set_style(
                ProgressStyle::with_template(
                    "{msg} [{bar:30}] {pos}/{len} rows, {per_sec}, ETA {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.set_message(name.clone());
            let report = run(
                &db,
                b,
                batch_size,
                Duration::from_millis(throttle_ms),
                &mut |done, _left| bar.set_position(done as u64),
            )
            .await;
            bar.finish_and_clear();
            let report = report?;
            let secs = report.elapsed.as_secs_f64().max(1e-9);
            println!(
                "{name}: {} rows in {} batches, {} changed, {:.0} rows/s",
                report.rows,
                report.batches,
                report.changed,
                report.rows as f64 / secs
            );
        }
    }
    Ok(())
}
