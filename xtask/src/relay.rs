//! `cargo xtask relay [--once] [--app-database-url URL]`: runs one outbox relay worker
//! (`domain::relay`) with the platform's handler (`domain::orchestration::Orchestrator`) on
//! DATABASE_URL (default: the embedded SQLite dev file), for development. It claims and marks
//! the events on DATABASE_URL, which on Postgres should name the relay role (`app_relay`,
//! `cargo xtask roles`), and runs the handlers on `--app-database-url` (the application role;
//! default: DATABASE_URL). It prints each batch, and stops on Ctrl-C, or after the due events
//! with `--once`.

use std::time::Duration;

use anyhow::Result;
use clap::Args as ClapArgs;
use domain::orchestration::Orchestrator;
use domain::relay::{Relay, RelayConfig};

use crate::{db, workspace};

/// `cargo xtask relay`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Deliver the events due now, then exit.
    #[arg(long)]
    pub once: bool,
    /// Where the handlers run (the application role's database URL); default: DATABASE_URL.
    #[arg(long, env = "APP_DATABASE_URL")]
    pub app_database_url: Option<String>,
    /// Events per batch.
    #[arg(long, default_value_t = 32)]
    pub batch_size: u64,
    /// Attempts before an event is dead-lettered.
    #[arg(long, default_value_t = 8)]
    pub max_attempts: i64,
    /// Seconds between polls when no notification comes.
    #[arg(long, default_value_t = 5)]
    pub poll_seconds: u64,
    /// The database (default: DATABASE_URL, then the embedded SQLite dev file).
    #[arg(long)]
    pub database_url: Option<String>,
}

/// Runs `cargo xtask relay`.
///
/// # Errors
///
/// A database that cannot be reached, a role that cannot see the events, a failed claim.
pub async fn run(args: Args) -> Result<()> {
    let url = workspace::database_url(args.database_url.as_deref())?;
    let events = db::connect(&url).await?;
    let app = match &args.app_database_url {
        Some(app_url) if *app_url != url => db::connect(app_url).await?,
        _ => events.clone(),
    };
    let config = RelayConfig {
        batch_size: args.batch_size,
        max_attempts: args.max_attempts,
        poll_interval: Duration::from_secs(args.poll_seconds),
        ..RelayConfig::default()
    };
    let relay = Relay::new(events, app, Orchestrator, config).await?;
    if args.once {
        let mut total = domain::relay::BatchOutcome::default();
        loop {
            let batch = relay.run_once().await?;
            total.claimed += batch.claimed;
            total.processed += batch.processed;
            total.retried += batch.retried;
            total.dead += batch.dead;
            if (batch.claimed as u64) < relay.config().batch_size {
                break;
            }
        }
        println!(
            "relay: {} claimed, {} processed, {} to retry, {} dead-lettered",
            total.claimed, total.processed, total.retried, total.dead
        );
        return Ok(());
    }
    eprintln!(
        "relay: delivering the outbox of {} (Ctrl-C stops)",
        test_support::redact(&url)
    );
    relay
        .run(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
