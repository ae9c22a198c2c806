//! `cargo xtask migrate up|down [-n N]|status|fresh|refresh|reset|repair`.
//!
//! Every command that changes the schema holds the migration lock (Postgres) for its whole run;
//! `up` refuses while an applied migration has changed since it ran; `--dry-run` prints the SQL
//! and changes nothing; `down`, `fresh`, `refresh` and `reset` run only on a database the dev
//! tooling created or seeded, or with `--force`.

use anyhow::Result;
use clap::Subcommand;
use migration::{Migrator, SchemaChange};
use sea_orm::DatabaseConnection;

use crate::runner::{self, ChecksumState};
use crate::safety::{self, MigrationLock};
use crate::{db, workspace};

/// Arguments of `cargo xtask migrate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: MigrateCommand,
    /// The database (overrides DATABASE_URL; default: the embedded SQLite file).
    #[arg(long, global = true)]
    database_url: Option<String>,
}

#[derive(Debug, Subcommand)]
enum MigrateCommand {
    /// Apply pending migrations (all, or the next N).
    Up {
        /// How many to apply.
        #[arg(short = 'n', long = "num")]
        num: Option<u32>,
        /// Print the SQL each migration would run, and change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Revert applied migrations (the last one, or the last N).
    Down {
        /// How many to revert.
        #[arg(short = 'n', long = "num", default_value_t = 1)]
        num: u32,
        /// Print the SQL each migration would run, and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Run even on a database the dev tooling did not create or seed.
        #[arg(long)]
        force: bool,
    },
    /// Show which migrations are applied, pending, or changed since they ran.
    Status,
    /// Drop every table, view, type and function, then apply every migration.
    Fresh {
        /// Run even on a database the dev tooling did not create or seed.
        #[arg(long)]
        force: bool,
    },
    /// Revert every migration, then apply every migration.
    Refresh {
        /// Run even on a database the dev tooling did not create or seed.
        #[arg(long)]
        force: bool,
    },
    /// Revert every migration.
    Reset {
        /// Run even on a database the dev tooling did not create or seed.
        #[arg(long)]
        force: bool,
    },
    /// Accept a deliberate edit of an applied migration by recording its current checksum.
    Repair {
        /// The migration, as `migrate status` names it.
        name: String,
    },
}

/// Runs `cargo xtask migrate`.
///
/// # Errors
///
/// A bad URL, an unreachable server, a refused command or a failing migration, each in one line.
pub async fn run(args: Args) -> Result<()> {
    let url = workspace::database_url(args.database_url.as_deref())?;
    let db = open(&url).await?;
    let changes = Migrator::changes();
    match args.command {
        MigrateCommand::Status => print_status(&db, &changes).await,
        MigrateCommand::Up { num, dry_run: true } => {
            print_plan(&runner::plan_up(&db, &changes, num).await?);
            Ok(())
        }
        MigrateCommand::Down {
            num, dry_run: true, ..
        } => {
            print_plan(&runner::plan_down(&db, &changes, Some(num)).await?);
            Ok(())
        }
        command => {
            let destructive = match &command {
                MigrateCommand::Down { force, .. } => Some(("migrate down", *force)),
                MigrateCommand::Fresh { force } => Some(("migrate fresh", *force)),
                MigrateCommand::Refresh { force } => Some(("migrate refresh", *force)),
                MigrateCommand::Reset { force } => Some(("migrate reset", *force)),
                _ => None,
            };
            if let Some((name, force)) = destructive {
                safety::require_dev_database(&db, &url, name, force).await?;
            }
            let lock = MigrationLock::acquire(&url).await?;
            if let Some(waited) = lock.waited {
                println!(
                    "waited {:.1} s for another migration run to finish",
                    waited.as_secs_f64()
                );
            }
            let result = run_locked(&db, &changes, command).await;
            lock.release().await?;
            result
        }
    }
}

/// Applies pending migrations while holding the migration lock: what `migrate up` does. Returns
/// the names applied and how long the run waited for another to finish (if it did).
///
/// # Errors
///
/// As [`runner::up`], or when the lock cannot be taken.
pub async fn up_locked(
    db: &DatabaseConnection,
    url: &str,
    changes: &[Box<dyn SchemaChange>],
    steps: Option<u32>,
) -> Result<(Vec<String>, Option<std::time::Duration>)> {
    let lock = MigrationLock::acquire(url).await?;
    let waited = lock.waited;
    let result = runner::up(db, changes, steps).await;
    lock.release().await?;
    Ok((result?, waited))
}

/// Connects, and marks the embedded SQLite file as a dev database when this run creates it.
async fn open(url: &str) -> Result<DatabaseConnection> {
    let default = workspace::default_sqlite_path();
    let creating_default = url.contains(&*default.to_string_lossy()) && !default.exists();
    let db = db::connect(url).await?;
    if creating_default {
        safety::mark_dev_database(
            &db,
            "created",
            "the embedded SQLite file, created by cargo xtask",
        )
        .await?;
    }
    Ok(db)
}

async fn run_locked(
    db: &DatabaseConnection,
    changes: &[Box<dyn SchemaChange>],
    command: MigrateCommand,
) -> Result<()> {
    match command {
        MigrateCommand::Up { num, .. } => report("applied", &runner::up(db, changes, num).await?),
        MigrateCommand::Down { num, .. } => {
            report("reverted", &runner::down(db, changes, Some(num)).await?)
        }
        MigrateCommand::Fresh { .. } => {
            let dropped = runner::drop_everything(db).await?;
            println!("dropped {} objects", dropped.len());
            report("applied", &runner::up(db, changes, None).await?);
        }
        MigrateCommand::Refresh { .. } => {
            report("reverted", &runner::down(db, changes, None).await?);
            report("applied", &runner::up(db, changes, None).await?);
        }
        MigrateCommand::Reset { .. } => report("reverted", &runner::down(db, changes, None).await?),
        MigrateCommand::Repair { name } => {
            let sum = runner::repair(db, changes, &name).await?;
            println!("recorded the current checksum of {name} ({})", &sum[..12]);
        }
        MigrateCommand::Status => {}
    }
    Ok(())
}

async fn print_status(db: &DatabaseConnection, changes: &[Box<dyn SchemaChange>]) -> Result<()> {
    let statuses = runner::status(db, changes).await?;
    for s in &statuses {
        let state = match s.checksum {
            ChecksumState::Pending => "pending",
            ChecksumState::Matches => "applied",
            ChecksumState::Unrecorded => "applied (no checksum yet: recorded by the next `up`)",
            ChecksumState::Changed => "CHANGED since applied (see `migrate repair`)",
        };
        println!("{:<8} {}", state.split(' ').next().unwrap_or(state), s.name);
        if matches!(
            s.checksum,
            ChecksumState::Changed | ChecksumState::Unrecorded
        ) {
            println!("         {state}");
        }
    }
    let pending = statuses.iter().filter(|s| !s.applied).count();
    let changed = statuses
        .iter()
        .filter(|s| s.checksum == ChecksumState::Changed)
        .count();
    println!(
        "{} applied, {pending} pending, {changed} changed",
        statuses.len() - pending
    );
    Ok(())
}

fn print_plan(plan: &[(String, Vec<String>)]) {
    if plan.is_empty() {
        println!("-- nothing to do");
    }
    for (name, statements) in plan {
        println!("-- {name}");
        for statement in statements {
            println!("{statement};");
        }
        println!();
    }
    println!("-- dry run: nothing was changed");
}

fn report(verb: &str, names: &[String]) {
    for name in names {
        println!("{verb} {name}");
    }
    if names.is_empty() {
        println!("nothing to do");
    } else {
        println!("{verb} {} migration(s)", names.len());
    }
}
