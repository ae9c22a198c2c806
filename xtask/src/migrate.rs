//! `cargo xtask migrate up|down [-n N]|status|fresh|refresh|reset|repair`.
//!
//! The commands are the one migrator's (`migration::migrator`): every command that changes the
//! schema holds the migration lock for its whole run (an advisory lock on Postgres, one
//! `BEGIN IMMEDIATE` transaction on SQLite, which also makes `fresh`, `refresh` and `reset`
//! atomic there); `up` refuses while an applied migration has changed since it ran; `--dry-run`
//! prints the pinned SQL and changes nothing; `down`, `fresh`, `refresh` and `reset` run only on a
//! database the dev tooling created or seeded, or with `--force`.

use anyhow::Result;
use clap::Subcommand;
use migration::{Migrator, SchemaChange};
use sea_orm::DatabaseConnection;

use migration::migrator::{self as runner, ChecksumState};

use crate::safety;
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
            run_locked(&db, &changes, command).await
        }
    }
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
        MigrateCommand::Up { num, .. } => {
            let outcome = runner::up_waiting(db, changes, num).await?;
            if let Some(waited) = outcome.waited {
                println!(
                    "waited {:.1} s for another migration run to finish",
                    waited.as_secs_f64()
                );
            }
            report("applied", &outcome.names);
        }
        MigrateCommand::Down { num, .. } => {
            report("reverted", &runner::down(db, changes, Some(num)).await?)
        }
        MigrateCommand::Fresh { .. } => {
            let (dropped, applied) = runner::fresh(db, changes).await?;
            println!("dropped {} objects", dropped.len());
            report("applied", &applied);
        }
        MigrateCommand::Refresh { .. } => {
            let (reverted, applied) = runner::refresh(db, changes).await?;
            report("reverted", &reverted);
            report("applied", &applied);
        }
        MigrateCommand::Reset { .. } => report("reverted", &runner::reset(db, changes).await?),
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
            ChecksumState::Outdated => {
                "applied (checksum in the format of before pins: upgraded by the next `up`)"
            }
            ChecksumState::Changed => "CHANGED since applied (see `migrate repair`)",
        };
        println!("{:<8} {}", state.split(' ').next().unwrap_or(state), s.name);
        if matches!(
            s.checksum,
            ChecksumState::Changed | ChecksumState::Unrecorded | ChecksumState::Outdated
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
