//! `cargo xtask`: codegen, migrate, seed, new-migration, partitions.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The developer command line of the workspace.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run, resume or inspect the backfills: batched, resumable data changes kept apart from
    /// schema migrations.
    #[cfg(feature = "seed")]
    Backfill(xtask::backfill::Args),
    /// Issue an API key for a tenant (`api-key create --tenant SLUG`); printed once, never stored.
    #[cfg(feature = "seed")]
    ApiKey(xtask::api_key::Args),
    /// Measure seeding against Postgres COPY and the hot queries on the large profile; writes
    /// docs/benchmarks.md.
    #[cfg(feature = "seed")]
    Bench(xtask::bench::Args),
    /// Regenerate entity/src/generated/ from the migrations (through a throwaway Postgres database).
    Codegen(xtask::codegen::Args),
    /// Check the Postgres SQL of every migration with squawk, the migration linter.
    Lint(xtask::lint::Args),
    /// Apply, revert or inspect migrations on DATABASE_URL (default: the embedded SQLite file).
    Migrate(xtask::migrate::Args),
    /// Write a migration skeleton into a domain's folder and register it in the migrator.
    NewMigration(xtask::new_migration::Args),
    /// Create the monthly partitions of every partitioned table ahead of time (Postgres).
    Partitions(xtask::partitions::Args),
    /// Run one outbox relay worker with the platform's handlers (dev; Ctrl-C stops, `--once`).
    #[cfg(feature = "seed")]
    Relay(xtask::relay::Args),
    /// Create or update the database roles services and platform jobs connect as (Postgres).
    Roles(xtask::roles::Args),
    /// Migrate the database, then load deterministic dev data.
    #[cfg(feature = "seed")]
    Seed(xtask::seed::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            #[cfg(feature = "seed")]
            Command::Backfill(args) => xtask::backfill::main(args).await,
            Command::ApiKey(args) => xtask::api_key::run(args).await,
            #[cfg(feature = "seed")]
            Command::Bench(args) => xtask::bench::run(args).await,
            Command::Codegen(args) => xtask::codegen::run(args).await,
            Command::Lint(args) => xtask::lint::run(args),
            Command::Migrate(args) => xtask::migrate::run(args).await,
            Command::NewMigration(args) => xtask::new_migration::run(args),
            Command::Partitions(args) => xtask::partitions::run(args).await,
            #[cfg(feature = "seed")]
            Command::Relay(args) => xtask::relay::run(args).await,
            Command::Roles(args) => xtask::roles::run(args).await,
            #[cfg(feature = "seed")]
            Command::Seed(args) => xtask::seed::run(args).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line: the chain of causes, outermost first, never a backtrace.
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Prints clap's help and version as usual, and any other parse error as one line with a hint.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        _ => {
            let rendered = e.render().to_string();
            let first = rendered
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("invalid arguments")
                .trim_start_matches("error: ");
            let hint = rendered
                .lines()
                .map(str::trim)
                .find(|l| l.starts_with("[possible values") || l.starts_with("tip:"))
                .map(|l| format!(" {l}"))
                .unwrap_or_default();
            eprintln!(
                "error: {first}{hint} (run `cargo xtask --help` for the commands and their options)"
            );
            ExitCode::from(2)
        }
    }
}
