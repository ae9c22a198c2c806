//! `cargo xtask seed [--profile dev] [--seed N]`: migrates the database, then loads
//! deterministic dev data and prints what is there.

use anyhow::Result;
use migration::Migrator;

use crate::safety::{self, MigrationLock};
use crate::{db, runner, workspace};

/// A data set to load.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ProfileArg {
    /// A handful of tenants in different states, every table populated.
    Dev,
}

/// Arguments of `cargo xtask seed`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The data set to load.
    #[arg(long, value_enum, default_value = "dev")]
    pub profile: ProfileArg,
    /// The seed: the same seed loads the same rows, byte for byte.
    #[arg(long, default_value_t = seed::DEFAULT_SEED)]
    pub seed: u64,
    /// The database (overrides DATABASE_URL; default: the embedded SQLite file).
    #[arg(long)]
    pub database_url: Option<String>,
}

/// Runs `cargo xtask seed`.
///
/// # Errors
///
/// A bad URL, an unreachable server, a failing migration, or a rejected row, each in one line.
pub async fn run(args: Args) -> Result<()> {
    let url = workspace::database_url(args.database_url.as_deref())?;
    let db = db::connect(&url).await?;
    let lock = MigrationLock::acquire(&url).await?;
    let applied = runner::up(&db, &Migrator::changes(), None).await;
    lock.release().await?;
    let applied = applied?;
    let profile = match args.profile {
        ProfileArg::Dev => seed::Profile::Dev,
    };
    let summary = seed::seed(&db, profile, args.seed).await?;
    safety::mark_dev_database(
        &db,
        "seeded",
        &format!("cargo xtask seed --profile {}", profile.name()),
    )
    .await?;
    print!(
        "{}",
        render(&summary, &test_support::redact(&url), applied.len())
    );
    Ok(())
}

/// The summary a person reads: rows per table grouped by domain.
pub fn render(summary: &seed::Summary, url: &str, migrations_applied: usize) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "Seeded {url}");
    let _ = writeln!(
        out,
        "profile {}, seed {}, {migrations_applied} migration(s) applied first",
        summary.profile.name(),
        summary.seed
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "  {:<14} {:<22} {:>8} {:>10}",
        "domain", "table", "rows", "new"
    );
    let mut domains: Vec<&str> = summary.tables.iter().map(|t| t.domain).collect();
    domains.sort_unstable();
    domains.dedup();
    for domain in domains {
        for t in summary.tables.iter().filter(|t| t.domain == domain) {
            let _ = writeln!(
                out,
                "  {:<14} {:<22} {:>8} {:>10}",
                domain, t.table, t.total, t.inserted
            );
        }
    }
    let secs = summary.elapsed.as_secs_f64();
    let _ = writeln!(
        out,
        "  {:<14} {:<22} {:>8} {:>10}",
        "",
        "total",
        summary.total(),
        summary.inserted()
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{} new row(s) in {secs:.2} s{}",
        summary.inserted(),
        if summary.inserted() == 0 {
            " (already seeded: nothing changed)"
        } else {
            ""
        }
    );
    out
}
