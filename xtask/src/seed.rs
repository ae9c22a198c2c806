//! `cargo xtask seed [--profile dev|demo|large] [--tenants N] [--seed N] [--reset] [--force] [--quiet] [--json]`:
//! migrates the database, optionally removes what earlier seeding wrote, loads deterministic dev
//! data and prints what is there.

use std::io::IsTerminal;
use std::time::Duration;

use anyhow::Result;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use migration::Migrator;

use crate::safety;
use crate::{db, workspace};
use migration::migrator;

/// A data set to load.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ProfileArg {
    /// A handful of tenants in different states, every table populated.
    Dev,
    /// `dev` plus 30 generated tenants with months of history.
    Demo,
    /// `dev` plus 1,000 generated tenants: over a million rows, for benchmarks.
    Large,
}

impl From<ProfileArg> for seed::Profile {
    fn from(p: ProfileArg) -> Self {
        match p {
            ProfileArg::Dev => Self::Dev,
            ProfileArg::Demo => Self::Demo,
            ProfileArg::Large => Self::Large,
        }
    }
}

/// Arguments of `cargo xtask seed`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The data set to load.
    #[arg(long, value_enum, default_value = "dev")]
    pub profile: ProfileArg,
    /// Generated tenants to add to the `dev` ones instead of the profile's (demo 30, large
    /// 1,000); about 1,000 rows each, so 10000 loads about ten million rows in flat memory.
    #[arg(long)]
    pub tenants: Option<usize>,
    /// The seed: the same seed loads the same rows, byte for byte.
    #[arg(long, default_value_t = seed::DEFAULT_SEED)]
    pub seed: u64,
    /// The database (overrides DATABASE_URL; default: the embedded SQLite file).
    #[arg(long)]
    pub database_url: Option<String>,
    /// First remove every row earlier seeding wrote (only on a database the dev tooling created
    /// or seeded, unless --force); rows added by hand are kept.
    #[arg(long)]
    pub reset: bool,
    /// Seed a database that holds rows seeding did not write (without the platform admin unless
    /// the database is dev-marked), and allow --reset on a database without the dev mark.
    #[arg(long)]
    pub force: bool,
    /// No progress output.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print the summary as JSON (for scripts) instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Runs `cargo xtask seed`.
///
/// # Errors
///
/// A bad URL, an unreachable server, a failing migration, a refused reset or a rejected row, each
/// in one line.
pub async fn run(args: Args) -> Result<()> {
    let url = workspace::database_url(args.database_url.as_deref())?;
    let db = db::connect(&url).await?;
    let profile = seed::Profile::from(args.profile);
    // Checked first, so a refused run changes nothing (no migration, no reset); reset removes
    // only seeded rows, so the answer is the same after it.
    let foreign = seed::foreign_tables(&db).await?;
    if let Some(table) = foreign.first()
        && !args.force
    {
        anyhow::bail!(
            "refusing to seed {}: table `{table}` holds rows seeding did not write (their ids lack \
             the seed signature …{}), so this may be a database whose data matters; seed an empty \
             or dev database, or pass --force to add dev data beside them",
            test_support::redact(&url),
            seed::ID_SIGNATURE_HEX
        );
    }
    let applied = migrator::up(&db, &Migrator::changes(), None).await?;
    let reset = if args.reset {
        safety::require_dev_database(&db, &url, "seed --reset", args.force).await?;
        Some(seed::reset(&db).await?)
    } else {
        None
    };
    // A dev database: one the dev tooling marked, or one holding nothing but seeded rows. Only
    // there does the platform admin with the published password exist.
    let dev = foreign.is_empty() || !safety::dev_marks(&db).await?.is_empty();
    if seed::uses_public_dev_key() {
        eprintln!("{}", seed::PUBLIC_DEV_KEY_NOTICE);
    }
    let progress = Bars::new(!args.quiet && std::io::stderr().is_terminal());
    let summary = seed::seed_with(
        seed::Target::new(&db, Some(&url)),
        profile,
        args.seed,
        seed::Options {
            platform_admin: dev,
            progress: progress.as_ref().map(|p| p as &dyn seed::Progress),
            tenants: args.tenants,
        },
    )
    .await;
    if let Some(p) = &progress {
        p.clear();
    }
    let summary = summary?;
    if dev {
        safety::mark_dev_database(
            &db,
            "seeded",
            &format!(
                "cargo xtask seed --profile {} --seed {}",
                profile.name(),
                args.seed
            ),
        )
        .await?;
    }
    let report = Report {
        summary: &summary,
        url: test_support::redact(&url),
        migrations_applied: applied.len(),
        reset: reset.as_ref(),
        peak_memory_bytes: peak_memory_bytes(),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report.json())?);
    } else {
        print!("{}", report.render());
    }
    Ok(())
}

/// The peak resident memory of this process so far (Linux: `VmHWM`), if known.
pub fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// What a seeding run reports.
#[derive(Debug)]
pub struct Report<'a> {
    /// What seeding did.
    pub summary: &'a seed::Summary,
    /// The database, password redacted.
    pub url: String,
    /// Migrations applied before seeding.
    pub migrations_applied: usize,
    /// What `--reset` removed, if asked.
    pub reset: Option<&'a seed::Reset>,
    /// Peak resident memory of the run.
    pub peak_memory_bytes: Option<u64>,
}

impl Report<'_> {
    /// The summary a person reads: rows per table grouped by domain, time and throughput.
    pub fn render(&self) -> String {
        use std::fmt::Write;
        let s = self.summary;
        let mut out = String::new();
        let _ = writeln!(out, "Seeded {}", self.url);
        let _ = writeln!(
            out,
            "profile {} ({} generated tenants), seed {}, {} migration(s) applied first",
            s.profile.name(),
            s.generated_tenants,
            s.seed,
            self.migrations_applied
        );
        if !s.platform_admin {
            let _ = writeln!(
                out,
                "no platform admin: this database is not a dev database (not dev-marked, and it \
                 holds rows seeding did not write)"
            );
        }
        if s.public_dev_key {
            let _ = writeln!(
                out,
                "sealed with the public dev key: APP_ENCRYPTION_KEY is unset"
            );
        }
        if let Some(r) = self.reset {
            let _ = writeln!(
                out,
                "reset: removed {} seeded row(s) from {} table(s) first",
                r.deleted(),
                r.tables.len()
            );
        }
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "  {:<14} {:<32} {:>10} {:>10}",
            "domain", "table", "rows", "new"
        );
        for (domain, tables) in by_domain(s) {
            let _ = writeln!(out, "  {domain}");
            for t in tables {
                let _ = writeln!(
                    out,
                    "  {:<14} {:<32} {:>10} {:>10}",
                    "", t.table, t.total, t.inserted
                );
            }
        }
        let _ = writeln!(
            out,
            "  {:<14} {:<32} {:>10} {:>10}",
            "",
            "total",
            s.total(),
            s.inserted()
        );
        let _ = writeln!(out);
        let secs = s.elapsed.as_secs_f64();
        let memory = self
            .peak_memory_bytes
            .map(|b| format!(", peak memory {} MB", b / (1024 * 1024)))
            .unwrap_or_default();
        if s.inserted() == 0 {
            let _ = writeln!(
                out,
                "0 new rows in {secs:.2} s: already seeded, nothing changed{memory}"
            );
        } else {
            let _ = writeln!(
                out,
                "{} new row(s) in {secs:.2} s ({:.0} rows/s){memory}",
                s.inserted(),
                s.rows_per_second()
            );
        }
        out
    }

    /// The summary as JSON.
    pub fn json(&self) -> serde_json::Value {
        let s = self.summary;
        serde_json::json!({
            "database": self.url,
            "profile": s.profile.name(),
            "seed": s.seed,
            "generated_tenants": s.generated_tenants,
            "migrations_applied": self.migrations_applied,
            "reset": self.reset.map(|r| serde_json::json!({
                "deleted": r.deleted(),
                "tables": r.tables.iter().map(|(t, n)| serde_json::json!({"table": t, "deleted": n})).collect::<Vec<_>>(),
            })),
            "domains": by_domain(s).into_iter().map(|(domain, tables)| serde_json::json!({
                "domain": domain,
                "tables": tables,
            })).collect::<Vec<_>>(),
            "load_order": s.tables.iter().map(|t| t.table).collect::<Vec<_>>(),
            "total_rows": s.total(),
            "inserted_rows": s.inserted(),
            "elapsed_seconds": s.elapsed.as_secs_f64(),
            "rows_per_second": s.rows_per_second(),
            "peak_memory_bytes": self.peak_memory_bytes,
            "platform_admin": s.platform_admin,
            "sealed_with_public_dev_key": s.public_dev_key,
        })
    }
}

/// The tables grouped by domain, domains in name order, tables in load order.
fn by_domain(s: &seed::Summary) -> Vec<(&'static str, Vec<&seed::TableCount>)> {
    let mut domains: Vec<&'static str> = s.tables.iter().map(|t| t.domain).collect();
    domains.sort_unstable();
    domains.dedup();
    domains
        .into_iter()
        .map(|d| (d, s.tables.iter().filter(|t| t.domain == d).collect()))
        .collect()
}

/// Progress on a terminal: a bar of generated tenants and a line of rows per table.
struct Bars {
    multi: MultiProgress,
    tenants: std::sync::Mutex<Option<ProgressBar>>,
    tables: std::sync::Mutex<Vec<(&'static str, ProgressBar)>>,
}

impl Bars {
    fn new(enabled: bool) -> Option<Self> {
        enabled.then(|| Self {
            multi: MultiProgress::with_draw_target(ProgressDrawTarget::stderr_with_hz(8)),
            tenants: std::sync::Mutex::new(None),
            tables: std::sync::Mutex::new(Vec::new()),
        })
    }

    fn clear(&self) {
        let _ = self.multi.clear();
    }
}

impl seed::Progress for Bars {
    fn loaded(&self, domain: &'static str, table: &'static str, rows: u64, _inserted: u64) {
        let Ok(mut tables) = self.tables.lock() else {
            return;
        };
        let bar = match tables.iter().find(|(t, _)| *t == table) {
            Some((_, bar)) => bar.clone(),
            None => {
                let bar = self.multi.add(ProgressBar::no_length());
                bar.set_style(
                    ProgressStyle::with_template(
                        "  {prefix:<48} {human_pos:>10} rows {per_sec:>14}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                bar.set_prefix(format!("{domain}/{table}"));
                tables.push((table, bar.clone()));
                // Keep the screen to the tables being loaded now.
                if tables.len() > 12 {
                    let (_, old) = tables.remove(0);
                    old.finish_and_clear();
                    self.multi.remove(&old);
                }
                bar
            }
        };
        bar.inc(rows);
    }

    fn tenants(&self, done: usize, total: usize) {
        let Ok(mut slot) = self.tenants.lock() else {
            return;
        };
        let bar = slot.get_or_insert_with(|| {
            let bar = self.multi.insert(0, ProgressBar::new(total as u64));
            bar.set_style(
                ProgressStyle::with_template(
                    "generated tenants [{bar:40}] {pos}/{len}  {elapsed_precise}, about {eta} left",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.enable_steady_tick(Duration::from_millis(250));
            bar
        });
        bar.set_position(done as u64);
    }
}
