//! `cargo xtask migrate up|down [-n N]|status|fresh|refresh|reset`.

use anyhow::Result;
use clap::Subcommand;
use migration::Migrator;

use crate::{db, runner, workspace};

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
    },
    /// Revert applied migrations (the last one, or the last N).
    Down {
        /// How many to revert.
        #[arg(short = 'n', long = "num", default_value_t = 1)]
        num: u32,
    },
    /// Show which migrations are applied and which are pending.
    Status,
    /// Drop every table, view, type and function, then apply every migration.
    Fresh,
    /// Revert every migration, then apply every migration.
    Refresh,
    /// Revert every migration.
    Reset,
}

/// Runs `cargo xtask migrate`.
///
/// # Errors
///
/// A bad URL, an unreachable server, or a failing migration, each in one line.
pub async fn run(args: Args) -> Result<()> {
    let url = workspace::database_url(args.database_url.as_deref())?;
    let db = db::connect(&url).await?;
    let changes = Migrator::changes();
    match args.command {
        MigrateCommand::Up { num } => {
            report("applied", &runner::up(&db, &changes, num).await?);
        }
        MigrateCommand::Down { num } => {
            report("reverted", &runner::down(&db, &changes, Some(num)).await?);
        }
        MigrateCommand::Status => {
            let statuses = runner::status(&db, &changes).await?;
            let pending = statuses.iter().filter(|s| !s.applied).count();
            for s in &statuses {
                println!(
                    "{:8} {}",
                    if s.applied { "applied" } else { "pending" },
                    s.name
                );
            }
            println!("{} applied, {pending} pending", statuses.len() - pending);
        }
        MigrateCommand::Fresh => {
            let dropped = runner::drop_everything(&db).await?;
            println!("dropped {} objects", dropped.len());
            report("applied", &runner::up(&db, &changes, None).await?);
        }
        MigrateCommand::Refresh => {
            report("reverted", &runner::down(&db, &changes, None).await?);
            report("applied", &runner::up(&db, &changes, None).await?);
        }
        MigrateCommand::Reset => {
            report("reverted", &runner::down(&db, &changes, None).await?);
        }
    }
    Ok(())
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
