//! `cargo xtask bench`: how fast the large profile loads against Postgres `COPY` of the same rows,
//! and how fast the hot queries are on it, with and without row-level security. Writes
//! `docs/benchmarks.md`.
//!
//! Everything runs against scratch databases on the Postgres server of `--admin-url`, which are
//! dropped afterwards:
//!
//! 1. **Seed**: `xtask seed --profile <p>` runs as a child process into a fresh, migrated
//!    database (so its peak memory is its own), reporting its time and rows as JSON.
//! 2. **Baseline**: the seeded rows are copied out table by table, then loaded into a second fresh,
//!    migrated database with one `COPY … FROM STDIN` per table, in the seed's load order, in one
//!    transaction: the same rows, the same schema, the same constraints and indexes.
//! 3. **Seed again** into a third database, so that each side has a sample taken after the
//!    other. Both seed runs are reported; the ratio uses their median.
//! 4. **Hot queries** on the first database, after `ANALYZE`: each prepared once, warmed up, then
//!    timed `--runs` times, once as the owner (row-level security not applied) and once as the
//!    application role inside a tenant-scoped transaction (row-level security applied); only the
//!    query itself is timed in both. `EXPLAIN` checks that no large table is read by a sequential
//!    scan; a failed check fails the command.
//! 5. **Evolving the schema**, on the same database: the `report-execution-counts` backfill
//!    against one `UPDATE … FROM` of the same rows, alternating; then, on an embedded SQLite file,
//!    `migrate up` of a migration that rebuilds a table of 100k rows against a plain copy of them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use futures_util::{SinkExt, StreamExt};
use tokio::io::AsyncWriteExt;
use tokio_postgres::Client;
use tokio_postgres::types::ToSql;

use crate::{db, roles};
use migration::migrator as runner;

/// Arguments of `cargo xtask bench`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The data set to load and query.
    #[arg(long, value_enum, default_value = "large")]
    pub profile: crate::seed::ProfileArg,
    /// Timed runs of each hot query (after 20 warm-up runs).
    #[arg(long, default_value_t = 300)]
    pub runs: usize,
    /// Where to write the report.
    #[arg(long, default_value = "docs/benchmarks.md")]
    pub output: PathBuf,
    /// A Postgres URL with the right to create databases (default: TEST_DATABASE_URL, or
    /// postgres://postgres@127.0.0.1:5432/postgres).
    #[arg(long)]
    pub admin_url: Option<String>,
    /// The xtask binary that seeds (default: this one).
    #[arg(long, hide = true)]
    pub seed_binary: Option<PathBuf>,
    /// Run even though this binary was built without optimisations (its numbers mean little).
    #[arg(long)]
    pub debug_build: bool,
    /// Measure only the domain services (lifecycles, scoped reads, the relay) and replace their
    /// section of the report, keeping the rest.
    #[arg(long)]
    pub domain_only: bool,
}

/// What one load took.
#[derive(Debug, Clone)]
pub struct Load {
    /// What loaded.
    pub label: String,
    /// Rows written.
    pub rows: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// Peak resident memory of the loading process, if measured.
    pub peak_memory_bytes: Option<u64>,
}

impl Load {
    /// Rows per second.
    pub fn rate(&self) -> f64 {
        self.rows as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Latency of one query, in milliseconds.
#[derive(Debug, Clone, Copy)]
pub struct Latency {
    /// The median.
    pub median: f64,
    /// The 95th percentile.
    pub p95: f64,
}

impl Latency {
    fn of(mut samples: Vec<f64>) -> Self {
        samples.sort_by(f64::total_cmp);
        let at = |q: f64| {
            let i = ((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len()) - 1;
            samples[i]
        };
        Self {
            median: at(0.5),
            p95: at(0.95),
        }
    }
}

/// One hot query's result.
#[derive(Debug, Clone)]
pub struct QueryResult {
    /// What it is.
    pub name: &'static str,
    /// Without row-level security (owner).
    pub plain: Latency,
    /// With row-level security (application role, tenant set), when the query runs in a
    /// tenant's scope at all.
    pub scoped: Option<Latency>,
    /// The indexes the plan uses.
    pub indexes: Vec<String>,
    /// Large tables the plan reads sequentially (should be none).
    pub seq_scans: Vec<String>,
}

/// Everything a run measured.
#[derive(Debug)]
pub struct Report {
    /// The profile.
    pub profile: seed::Profile,
    /// The `COPY` baseline runs.
    pub baselines: Vec<Load>,
    /// The seed runs.
    pub seeds: Vec<Load>,
    /// Hot queries.
    pub queries: Vec<QueryResult>,
    /// Timed runs per query.
    pub runs: usize,
    /// Rows per table in the queried database.
    pub table_rows: u64,
    /// Tenants in the queried database.
    pub tenants: u64,
    /// The backfill and the SQLite rebuild.
    pub evolution: Evolution,
    /// The domain services' figures.
    pub domain: crate::bench_domain::DomainReport,
}

/// Runs `cargo xtask bench`.
///
/// # Errors
///
/// When Postgres is unreachable, a step fails, or an `EXPLAIN` check finds a sequential scan of a
/// large table.
pub async fn run(args: Args) -> Result<()> {
    if cfg!(debug_assertions) && !args.debug_build {
        return reexec_release();
    }
    if args.domain_only {
        let domain = crate::bench_domain::measure(&admin_url(&args), args.runs).await?;
        let page = std::fs::read_to_string(&args.output).unwrap_or_default();
        let kept = page.split(DOMAIN_SECTION).next().unwrap_or_default();
        let markdown = format!(
            "{}{}",
            kept.trim_end().to_owned() + "\n\n",
            crate::bench_domain::render(&domain)
        );
        std::fs::write(&args.output, &markdown)
            .with_context(|| format!("cannot write {}", args.output.display()))?;
        print!("{}", crate::bench_domain::render(&domain));
        eprintln!("wrote {}", args.output.display());
        return Ok(());
    }
    let report = measure(&args).await?;
    let markdown = render(&report, &machine(&args).await?);
    std::fs::write(&args.output, &markdown)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    print!("{markdown}");
    eprintln!("wrote {}", args.output.display());
    let bad: Vec<_> = report
        .queries
        .iter()
        .filter(|q| !q.seq_scans.is_empty())
        .map(|q| format!("{} ({})", q.name, q.seq_scans.join(", ")))
        .collect();
    if !bad.is_empty() {
        bail!(
            "sequential scans of large tables in: {}; add or fix the index",
            bad.join("; ")
        );
    }
    Ok(())
}

/// Runs the same command from an optimised build: numbers from a debug build mislead.
fn reexec_release() -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    eprintln!("bench: rebuilding xtask with optimisations (cargo run --release) …");
    let status = std::process::Command::new(cargo)
        .args(["run", "--quiet", "--release", "--package", "xtask", "--"])
        .args(std::env::args_os().skip(1))
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!("the optimised bench failed ({status})");
    }
    Ok(())
}

fn admin_url(args: &Args) -> String {
    args.admin_url
        .clone()
        .unwrap_or_else(test_support::admin_url)
}

async fn scratch(admin: &str) -> Result<test_support::ScratchDatabase> {
    let scratch = test_support::ScratchDatabase::create(admin, "bench").await?;
    let db = db::connect(scratch.url()).await?;
    runner::up(&db, &migration::Migrator::changes(), None).await?;
    db.close().await?;
    Ok(scratch)
}

async fn measure(args: &Args) -> Result<Report> {
    let admin = admin_url(args);
    let profile = seed::Profile::from(args.profile);
    let binary = match &args.seed_binary {
        Some(b) => b.clone(),
        None => std::env::current_exe().context("cannot find this binary")?,
    };

    let first = scratch(&admin).await?;
    // The first database stays, for the hot queries; its rows are the baseline's rows.
    let (seeded, order) = seed_child(&binary, first.url(), profile).await?;
    let dump = tempfile::tempdir().context("cannot make a temporary directory")?;
    let files = dump_tables(first.url(), &order, dump.path()).await?;

    // Alternate the two sides, so that neither has all its samples in a noisier minute.
    let mut baselines = Vec::new();
    let mut seeds = vec![seeded];
    for round in 1..=2 {
        let target = scratch(&admin).await?;
        let mut baseline = copy_load(target.url(), &files).await?;
        baseline.label = format!("`COPY` of the same rows (baseline), run {round}");
        baselines.push(baseline);
        target.drop_now().await?;
        if round == 1 {
            let target = scratch(&admin).await?;
            let (again, _) = seed_child(&binary, target.url(), profile).await?;
            seeds.push(again);
            target.drop_now().await?;
        }
    }
    for (i, s) in seeds.iter_mut().enumerate() {
        s.label = format!(
            "`cargo xtask seed --profile {}`, run {}",
            profile.name(),
            i + 1
        );
    }

    let measured = hot_queries(first.url(), args.runs).await;
    // After the hot queries, which it would disturb: it rewrites every report.
    let evolved = match &measured {
        Ok(_) => backfill_vs_update(first.url()).await,
        Err(_) => Ok(Default::default()),
    };
    first.drop_now().await?;
    let (queries, table_rows, tenants) = measured?;
    let (reports, backfill, update) = evolved?;
    let (rebuild, copy) = sqlite_rebuild().await?;
    let domain = crate::bench_domain::measure(&admin, args.runs).await?;

    Ok(Report {
        profile,
        baselines,
        seeds,
        queries,
        runs: args.runs,
        table_rows,
        tenants,
        evolution: Evolution {
            reports,
            backfill,
            update,
            rebuild_rows: REBUILD_ROWS,
            rebuild,
            copy,
        },
        domain,
    })
}

/// The heading the domain services' section starts with (the last section of the report).
const DOMAIN_SECTION: &str = "## Domain services";

/// Seeds `url` from a child process; its load and the tables in load order.
async fn seed_child(
    binary: &Path,
    url: &str,
    profile: seed::Profile,
) -> Result<(Load, Vec<String>)> {
    checkpoint(url).await?;
    eprintln!("bench: seeding the {} profile …", profile.name());
    let output = tokio::process::Command::new(binary)
        .args([
            "seed",
            "--profile",
            profile.name(),
            "--database-url",
            url,
            "--json",
            "--quiet",
        ])
        .output()
        .await
        .with_context(|| format!("cannot run {}", binary.display()))?;
    if !output.status.success() {
        bail!(
            "seeding failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).context("the seed's JSON summary")?;
    let order = json["load_order"]
        .as_array()
        .context("load_order in the seed's JSON")?
        .iter()
        .filter_map(|t| t.as_str().map(str::to_owned))
        .collect();
    Ok((
        Load {
            label: "seed".into(),
            rows: json["inserted_rows"].as_u64().unwrap_or_default(),
            elapsed: Duration::from_secs_f64(json["elapsed_seconds"].as_f64().unwrap_or_default()),
            peak_memory_bytes: json["peak_memory_bytes"].as_u64(),
        },
        order,
    ))
}

async fn checkpoint(url: &str) -> Result<()> {
    let client = seed::connect(url).await?;
    client.batch_execute("CHECKPOINT").await?;
    Ok(())
}

/// Copies every table of `order` out of `url` into a file each, in `COPY` text format.
async fn dump_tables(url: &str, order: &[String], dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let client = seed::connect(url).await?;
    let mut files = Vec::new();
    for table in order {
        let path = dir.join(format!("{table}.copy"));
        let mut file = tokio::fs::File::create(&path).await?;
        let stream = client
            .copy_out(format!("COPY (SELECT * FROM \"{table}\") TO STDOUT").as_str())
            .await?;
        futures_util::pin_mut!(stream);
        while let Some(bytes) = stream.next().await {
            file.write_all(&bytes?).await?;
        }
        file.flush().await?;
        files.push((table.clone(), path));
    }
    Ok(files)
}

/// Loads the dumped files into `url` with one `COPY` per table, in one transaction, after
/// creating the partitions the seed creates; timed from `BEGIN` to `COMMIT`.
async fn copy_load(url: &str, files: &[(String, PathBuf)]) -> Result<Load> {
    checkpoint(url).await?;
    eprintln!("bench: loading the same rows with COPY …");
    let mut client = seed::connect(url).await?;
    let started = Instant::now();
    let txn = client.transaction().await?;
    txn.batch_execute(&seed::partitions_sql()).await?;
    let mut rows = 0;
    for (table, path) in files {
        let sink = txn
            .copy_in::<_, bytes::Bytes>(format!("COPY \"{table}\" FROM STDIN").as_str())
            .await?;
        futures_util::pin_mut!(sink);
        let mut file = tokio::fs::File::open(path).await?;
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = tokio::io::AsyncReadExt::read(&mut file, &mut buf).await?;
            if n == 0 {
                break;
            }
            sink.send(bytes::Bytes::copy_from_slice(&buf[..n])).await?;
        }
        rows += sink.finish().await?;
    }
    txn.commit().await?;
    Ok(Load {
        label: "`COPY` of the same rows (baseline)".into(),
        rows,
        elapsed: started.elapsed(),
        peak_memory_bytes: None,
    })
}

/// A hot query: SQL, its parameters, and whether it runs in a tenant's scope.
struct Hot {
    name: &'static str,
    sql: &'static str,
    params: Vec<Box<dyn ToSql + Sync + Send>>,
    scoped: bool,
    /// Runs in a transaction rolled back afterwards (it locks rows).
    locks: bool,
}

/// The queried tenant and the values the hot queries take.
async fn hot_set(client: &Client) -> Result<(uuid::Uuid, Vec<Hot>)> {
    let anchor = chrono::DateTime::parse_from_rfc3339(seed::ANCHOR)?;
    // The busiest tenant: the one whose queries touch the most rows.
    let tenant: uuid::Uuid = client
        .query_one(
            "SELECT tenant_id FROM report_executions GROUP BY tenant_id ORDER BY count(*) DESC, tenant_id LIMIT 1",
            &[],
        )
        .await?
        .get(0);
    let status: String = client
        .query_one(
            "SELECT status::text FROM reports WHERE tenant_id = $1 GROUP BY status ORDER BY count(*) DESC, 1 LIMIT 1",
            &[&tenant],
        )
        .await?
        .get(0);
    // The cursor: the last row of the first page.
    let cursor = client
        .query(
            "SELECT created_at, id FROM reports WHERE tenant_id = $1 AND status::text = $2 \
             ORDER BY created_at DESC, id DESC LIMIT 25",
            &[&tenant, &status],
        )
        .await?;
    let (cursor_at, cursor_id): (chrono::DateTime<chrono::FixedOffset>, uuid::Uuid) =
        match cursor.last() {
            Some(r) => (r.get(0), r.get(1)),
            None => (anchor, uuid::Uuid::max()),
        };
    let email: String = client
        .query_one(
            "SELECT upper(u.email) FROM users u JOIN tenant_users tu ON tu.user_id = u.id \
             WHERE tu.tenant_id = $1 ORDER BY u.id LIMIT 1",
            &[&tenant],
        )
        .await?
        .get(0);
    let prefix: String = client
        .query_one(
            "SELECT key_prefix FROM api_keys WHERE tenant_id = $1 ORDER BY id LIMIT 1",
            &[&tenant],
        )
        .await?
        .get(0);
    let since = anchor - chrono::Duration::days(30);
    let week = anchor - chrono::Duration::days(7);
    let hot = vec![
        Hot {
            name: "tenant's dashboard row",
            sql: "SELECT * FROM tenant_dashboard WHERE tenant_id = $1",
            params: vec![Box::new(tenant)],
            scoped: true,
            locks: false,
        },
        Hot {
            name: "reports page by status, newest first (cursor)",
            sql: "SELECT * FROM reports WHERE tenant_id = $1 AND status::text = $2 \
                  AND (created_at, id) < ($3, $4) ORDER BY created_at DESC, id DESC LIMIT 25",
            params: vec![
                Box::new(tenant),
                Box::new(status),
                Box::new(cursor_at),
                Box::new(cursor_id),
            ],
            scoped: true,
            locks: false,
        },
        Hot {
            name: "report executions by status, last 30 days",
            sql: "SELECT status, count(*) FROM report_executions \
                  WHERE tenant_id = $1 AND started_at >= $2 GROUP BY status",
            params: vec![Box::new(tenant), Box::new(since)],
            scoped: true,
            locks: false,
        },
        Hot {
            name: "audit trail, one week",
            sql: "SELECT * FROM audit_logs WHERE tenant_id = $1 AND occurred_at >= $2 \
                  AND occurred_at < $3 ORDER BY occurred_at DESC LIMIT 100",
            params: vec![Box::new(tenant), Box::new(week), Box::new(anchor)],
            scoped: true,
            locks: false,
        },
        Hot {
            name: "outbox: oldest 100 pending, SKIP LOCKED",
            sql: "SELECT * FROM integration_events WHERE status = 'pending' \
                  ORDER BY created_at LIMIT 100 FOR UPDATE SKIP LOCKED",
            params: vec![],
            scoped: false,
            locks: true,
        },
        Hot {
            name: "login: user by email, any case",
            sql: "SELECT * FROM users WHERE lower(email) = lower($1)",
            params: vec![Box::new(email)],
            scoped: false,
            locks: false,
        },
        Hot {
            name: "API key by prefix",
            sql: "SELECT * FROM api_keys WHERE key_prefix = $1",
            params: vec![Box::new(prefix)],
            scoped: true,
            locks: false,
        },
    ];
    Ok((tenant, hot))
}

/// Measures the hot queries on `url`; also the rows and tenants there.
async fn hot_queries(url: &str, runs: usize) -> Result<(Vec<QueryResult>, u64, u64)> {
    eprintln!("bench: timing the hot queries …");
    let mut owner = seed::connect(url).await?;
    owner.batch_execute("VACUUM ANALYZE").await?;
    let roles = roles::Roles::prefixed(&format!("bench_app_{}", std::process::id()));
    let app = roles.app.clone();
    let orm = db::connect(url).await?;
    roles::apply(&orm, &roles).await?;
    orm.close().await?;
    let result = time_queries(&mut owner, url, &app, runs).await;
    // Roles are cluster-wide: drop them whatever happened.
    let (platform, auth, relay) = (&roles.platform, &roles.auth, &roles.relay);
    let cleanup = owner
        .batch_execute(&format!(
            "DROP OWNED BY \"{app}\", \"{platform}\", \"{auth}\", \"{relay}\"; DROP ROLE \"{app}\"; DROP ROLE \"{platform}\"; DROP ROLE \"{auth}\"; DROP ROLE \"{relay}\""
        ))
        .await;
    let out = result?;
    cleanup?;
    Ok(out)
}

async fn time_queries(
    owner: &mut Client,
    url: &str,
    app: &str,
    runs: usize,
) -> Result<(Vec<QueryResult>, u64, u64)> {
    let (tenant, hot) = hot_set(owner).await?;
    let sizes: BTreeMap<String, f64> = owner
        .query(
            "SELECT c.relname::text, c.reltuples::float8 FROM pg_class c \
             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()",
            &[],
        )
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let total_rows: i64 = owner
        .query_one(
            "SELECT sum(n_live_tup)::bigint FROM pg_stat_user_tables",
            &[],
        )
        .await?
        .get(0);
    let tenants: i64 = owner
        .query_one("SELECT count(*) FROM tenants", &[])
        .await?
        .get(0);
    let mut scoped_client = seed::connect(url).await?;
    let mut out = Vec::new();
    for h in &hot {
        let params: Vec<&(dyn ToSql + Sync)> = h
            .params
            .iter()
            .map(|p| p.as_ref() as &(dyn ToSql + Sync))
            .collect();
        let plan: serde_json::Value = owner
            .query_one(format!("EXPLAIN (FORMAT JSON) {}", h.sql).as_str(), &params)
            .await?
            .get(0);
        let (indexes, seq_scans) = plan_check(&plan, &sizes);
        let plain = time(owner, h, &params, runs, None).await?;
        let scoped = if h.scoped {
            Some(time(&mut scoped_client, h, &params, runs, Some((app, tenant))).await?)
        } else {
            None
        };
        out.push(QueryResult {
            name: h.name,
            plain,
            scoped,
            indexes,
            seq_scans,
        });
    }
    Ok((
        out,
        u64::try_from(total_rows).unwrap_or_default(),
        u64::try_from(tenants).unwrap_or_default(),
    ))
}

/// Times `h` `runs` times (after 20 warm-up runs), each inside its own transaction; with
/// `scope`, the transaction first switches to the application role and sets the tenant.
async fn time(
    client: &mut Client,
    h: &Hot,
    params: &[&(dyn ToSql + Sync)],
    runs: usize,
    scope: Option<(&str, uuid::Uuid)>,
) -> Result<Latency> {
    let statement = client.prepare(h.sql).await?;
    let mut samples = Vec::with_capacity(runs);
    for i in 0..runs + 20 {
        let txn = client.transaction().await?;
        if let Some((role, tenant)) = scope {
            txn.batch_execute(&format!(
                "SET LOCAL ROLE \"{role}\"; SELECT set_config('app.current_tenant_id', '{tenant}', true)"
            ))
            .await?;
        }
        let started = Instant::now();
        let rows = txn.query(&statement, params).await?;
        let took = started.elapsed();
        std::hint::black_box(rows);
        if h.locks {
            txn.rollback().await?;
        } else {
            txn.commit().await?;
        }
        if i >= 20 {
            samples.push(took.as_secs_f64() * 1000.0);
        }
    }
    Ok(Latency::of(samples))
}

/// The indexes a plan uses, and the large relations (over 10,000 rows) it scans sequentially.
fn plan_check(
    plan: &serde_json::Value,
    sizes: &BTreeMap<String, f64>,
) -> (Vec<String>, Vec<String>) {
    fn walk(node: &serde_json::Value, indexes: &mut Vec<String>, seq: &mut Vec<String>) {
        if let Some(ix) = node.get("Index Name").and_then(|v| v.as_str()) {
            indexes.push(ix.to_owned());
        }
        if node.get("Node Type").and_then(|v| v.as_str()) == Some("Seq Scan")
            && let Some(rel) = node.get("Relation Name").and_then(|v| v.as_str())
        {
            seq.push(rel.to_owned());
        }
        for key in ["Plan", "Plans"] {
            match node.get(key) {
                Some(serde_json::Value::Array(children)) => {
                    for c in children {
                        walk(c, indexes, seq);
                    }
                }
                Some(child @ serde_json::Value::Object(_)) => walk(child, indexes, seq),
                _ => {}
            }
        }
    }
    let mut indexes = Vec::new();
    let mut seq = Vec::new();
    if let Some(root) = plan.as_array().and_then(|a| a.first()) {
        walk(root, &mut indexes, &mut seq);
    }
    indexes.sort();
    indexes.dedup();
    let mut large: Vec<String> = seq
        .into_iter()
        .filter(|rel| sizes.get(rel).copied().unwrap_or_default() > 10_000.0)
        .collect();
    large.sort();
    large.dedup();
    (indexes, large)
}

/// A line describing the machine and the server.
async fn machine(args: &Args) -> Result<String> {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let memory_gib = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0 / 1024.0);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| s.trim().to_owned())
        .unwrap_or_default();
    let client = seed::connect(&admin_url(args)).await?;
    let version: String = client.query_one("SHOW server_version", &[]).await?.get(0);
    Ok(format!(
        "{cpu}, {cores} cores, {memory_gib:.0} GiB RAM, Linux {kernel}; PostgreSQL {version} on the same machine"
    ))
}

/// The median of `values` (0 when empty).
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// The report as Markdown.
pub fn render(r: &Report, machine: &str) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "# Benchmarks\n");
    let _ = writeln!(
        out,
        "Written by `cargo xtask bench --profile {}` on {}. Machine: {machine}.\n",
        r.profile.name(),
        chrono::Utc::now().format("%Y-%m-%d")
    );
    let _ = writeln!(
        out,
        "One run on a small machine shared with other work: read ratios measured in the same run, \
         not absolute numbers. Regenerate with `cargo xtask bench` (about ten minutes for `large`).\n"
    );
    let _ = writeln!(
        out,
        "## Loading the `{}` profile into Postgres\n",
        r.profile.name()
    );
    let _ = writeln!(
        out,
        "Each load goes into a fresh, migrated database (same schema, constraints, indexes and \
         triggers). The baseline is `COPY … FROM STDIN` of exactly the rows the seed wrote, one \
         statement per table, in one transaction. Both create the monthly partitions first; the \
         seed's time also includes generating the rows and counting them afterwards. The runs \
         alternate: seed, `COPY`, seed, `COPY`.\n"
    );
    let _ = writeln!(
        out,
        "| load | rows | seconds | rows/s | of median `COPY` rate | peak memory |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|");
    let base = median(r.baselines.iter().map(Load::rate).collect());
    for l in r.baselines.iter().chain(&r.seeds) {
        let _ = writeln!(
            out,
            "| {} | {} | {:.1} | {:.0} | {:.2} | {} |",
            l.label,
            l.rows,
            l.elapsed.as_secs_f64(),
            l.rate(),
            l.rate() / base,
            l.peak_memory_bytes
                .map_or_else(|| "—".to_owned(), |b| format!("{} MB", b / (1024 * 1024)))
        );
    }
    let ratio = median(r.seeds.iter().map(Load::rate).collect()) / base;
    let peak = r
        .seeds
        .iter()
        .filter_map(|l| l.peak_memory_bytes)
        .max()
        .unwrap_or_default()
        / (1024 * 1024);
    let _ = writeln!(
        out,
        "\nThe seed loads at **{ratio:.2}** of `COPY` throughput (median seed rate over median baseline \
         rate, both as rows/s; goal ≥ 0.80: {}), \
         with a peak of **{peak} MB** resident (goal < 500 MB: {}).\n",
        if ratio >= 0.8 { "met" } else { "not met" },
        if peak < 500 { "met" } else { "not met" },
    );
    let _ = writeln!(out, "## Hot queries\n");
    let _ = writeln!(
        out,
        "On the database the first seed run filled ({} rows, {} tenants), after `VACUUM ANALYZE`, \
         for its busiest tenant. Each query is prepared once, run 20 times to warm up, then timed \
         {} times; only the query is timed. *Owner* runs as the table owner, whom row-level \
         security does not apply to; *tenant scope* runs as the application role inside a \
         transaction that set `app.current_tenant_id`, so every policy applies. The RLS cost is \
         the ratio of the medians. Queries marked — run outside a tenant's scope (the outbox \
         worker and the login lookup are platform paths).\n",
        r.table_rows, r.tenants, r.runs
    );
    let _ = writeln!(
        out,
        "| query | owner median ms | owner p95 ms | tenant scope median ms | tenant scope p95 ms | RLS cost | p95 < 5 ms | plan |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---|---|");
    for q in &r.queries {
        let worst = q.scoped.map_or(q.plain.p95, |s| s.p95.max(q.plain.p95));
        let plan = if q.seq_scans.is_empty() {
            if q.indexes.is_empty() {
                "no large table read".to_owned()
            } else {
                q.indexes
                    .iter()
                    .map(|i| format!("`{i}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        } else {
            format!("**sequential scan of {}**", q.seq_scans.join(", "))
        };
        let (sm, sp, cost) = match q.scoped {
            Some(s) => (
                format!("{:.3}", s.median),
                format!("{:.3}", s.p95),
                format!("{:.2}×", s.median / q.plain.median.max(1e-9)),
            ),
            None => ("—".into(), "—".into(), "—".into()),
        };
        let _ = writeln!(
            out,
            "| {} | {:.3} | {:.3} | {sm} | {sp} | {cost} | {} | {plan} |",
            q.name,
            q.plain.median,
            q.plain.p95,
            if worst < 5.0 { "yes" } else { "**no**" },
        );
    }
    render_evolution(&mut out, &r.evolution);
    let _ = writeln!(out);
    out.push_str(&crate::bench_domain::render(&r.domain));
    out
}

// ----- evolving the schema: a backfill against one UPDATE, and a SQLite table rebuild ---------

/// Runs of each side of the schema-evolution figures.
const EVOLUTION_RUNS: usize = 3;

/// Rows of the table the SQLite rebuild is timed on.
const REBUILD_ROWS: u64 = 100_000;

/// The backfill's batch size in the bench (its default).
const BACKFILL_BATCH: u64 = 1000;

/// What the schema-evolution part of a run measured.
#[derive(Debug)]
pub struct Evolution {
    /// Rows of `reports`, every one of which each run changes.
    pub reports: u64,
    /// `cargo xtask backfill run report-execution-counts` (in process), per run.
    pub backfill: Vec<Duration>,
    /// One `UPDATE … FROM` of the same rows, per run.
    pub update: Vec<Duration>,
    /// Rows of the SQLite table rebuilt.
    pub rebuild_rows: u64,
    /// `migrate up` of one migration that rebuilds the table (adding a check), per run.
    pub rebuild: Vec<Duration>,
    /// The same rows copied into an identical new table (create, `INSERT … SELECT`, indexes) in
    /// one transaction, per run: the least a rebuild can cost.
    pub copy: Vec<Duration>,
}

/// The one statement that does the backfill's work at once: the baseline.
const UPDATE_FROM: &str = "UPDATE reports r SET execution_count = s.n, last_executed_at = s.last \
     FROM (SELECT r2.id, count(e.id) AS n, max(e.started_at) AS last FROM reports r2 \
     LEFT JOIN report_executions e ON e.report_id = r2.id GROUP BY r2.id) s \
     WHERE s.id = r.id AND (r.execution_count <> s.n OR r.last_executed_at IS DISTINCT FROM s.last)";

/// Makes every report's count wrong (so each side changes every row; a report that has run has a
/// `last_executed_at`, so one that never ran gets one too), then vacuums, so both sides start from
/// the same table.
async fn break_counts(client: &Client) -> Result<u64> {
    let broken = client
        .execute(
            "UPDATE reports SET execution_count = execution_count + 1, \
             last_executed_at = coalesce(last_executed_at, created_at)",
            &[],
        )
        .await?;
    client.batch_execute("VACUUM ANALYZE reports").await?;
    Ok(broken)
}

/// Reports whose counts disagree with their executions (0 after either side).
async fn wrong_counts(client: &Client) -> Result<i64> {
    let backfill = crate::backfill::find("report-execution-counts")?;
    let row = client
        .query_one(
            &format!("SELECT count(*) FROM reports WHERE {}", backfill.needed.0),
            &[],
        )
        .await?;
    Ok(row.get(0))
}

/// The backfill against one `UPDATE … FROM` of the same rows, alternating, on the seeded `url`.
async fn backfill_vs_update(url: &str) -> Result<(u64, Vec<Duration>, Vec<Duration>)> {
    let client = seed::connect(url).await?;
    let db = db::connect(url).await?;
    let backfill = crate::backfill::find("report-execution-counts")?;
    let (mut with_backfill, mut with_update) = (Vec::new(), Vec::new());
    let mut reports = 0;
    for round in 1..=EVOLUTION_RUNS {
        eprintln!("bench: backfill against UPDATE … FROM, run {round} of {EVOLUTION_RUNS} …");
        reports = break_counts(&client).await?;
        let report = crate::backfill::run(
            &db,
            backfill,
            BACKFILL_BATCH,
            Duration::ZERO,
            &mut |_, _| {},
        )
        .await?;
        if report.changed as u64 != reports || wrong_counts(&client).await? != 0 {
            bail!(
                "the backfill changed {} of {reports} broken reports",
                report.changed
            );
        }
        with_backfill.push(report.elapsed);

        break_counts(&client).await?;
        let started = Instant::now();
        let changed = client.execute(UPDATE_FROM, &[]).await?;
        with_update.push(started.elapsed());
        if changed != reports || wrong_counts(&client).await? != 0 {
            bail!("UPDATE … FROM changed {changed} of {reports} broken reports");
        }
    }
    db.close().await?;
    Ok((reports, with_backfill, with_update))
}

/// A schema change the bench applies (the rebuild's table and its change).
struct BenchChange {
    name: &'static str,
    up: fn(&mut migration::Ddl),
    down: fn(&mut migration::Ddl),
}

impl sea_orm_migration::MigrationName for BenchChange {
    fn name(&self) -> &str {
        self.name
    }
}

impl migration::SchemaChange for BenchChange {
    fn up(&self, ddl: &mut migration::Ddl) {
        (self.up)(ddl);
    }
    fn down(&self, ddl: &mut migration::Ddl) {
        (self.down)(ddl);
    }
}

/// A tenant table of the usual shape: keys, a JSON column, timestamps, two indexes.
fn bench_items(name: &str) -> migration::Table {
    use migration::{Column, Default, Table};
    Table::new(name)
        .id()
        .col(Column::uuid("tenant_id"))
        .col(Column::varchar("name", 200))
        .col(Column::big_integer("qty"))
        .col(Column::json("payload").default(Default::JsonObject))
        .timestamps()
        .index(&["tenant_id", "created_at"])
        .unique(&["tenant_id", "name"])
}

/// `migrate up` of a migration that rebuilds a table of [`REBUILD_ROWS`] rows on SQLite, against
/// copying the same rows into an identical new table, alternating.
async fn sqlite_rebuild() -> Result<(Vec<Duration>, Vec<Duration>)> {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let dir = tempfile::tempdir().context("cannot make a temporary directory")?;
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("rebuild.sqlite3").display()
    );
    let db = db::connect(&url).await?;
    let mut changes = migration::Migrator::changes();
    changes.push(Box::new(BenchChange {
        name: "m99990101_000000_create_bench_items",
        up: |ddl| {
            ddl.create_table(&bench_items("bench_items"));
        },
        down: |ddl| {
            ddl.drop_table("bench_items");
        },
    }));
    runner::up(&db, &changes, None).await?;
    db.execute_unprepared(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {REBUILD_ROWS}) \
         INSERT INTO bench_items (id, tenant_id, name, qty, payload) \
         SELECT printf('0190c0de-%04x-7000-8000-%012x', i / 1000, i), \
         printf('0190c0de-0000-7000-8000-%012x', i % 100), 'item ' || i, i, \
         '{{\"k\": ' || i || '}}' FROM n"
    ))
    .await?;
    changes.push(Box::new(BenchChange {
        name: "m99990101_000100_check_bench_items_qty",
        up: |ddl| {
            ddl.add_check("bench_items", "qty", "qty >= 0");
        },
        down: |ddl| {
            ddl.drop_check("bench_items", "qty");
        },
    }));
    let copy_sql = {
        let mut ddl = migration::Ddl::new(sea_orm::DbBackend::Sqlite);
        ddl.create_table(&bench_items("bench_items_copy"));
        ddl.into_statements()
    };
    let (mut rebuild, mut copy) = (Vec::new(), Vec::new());
    for round in 1..=EVOLUTION_RUNS {
        eprintln!(
            "bench: SQLite rebuild of {REBUILD_ROWS} rows, run {round} of {EVOLUTION_RUNS} …"
        );
        let started = Instant::now();
        let applied = runner::up(&db, &changes, None).await?;
        rebuild.push(started.elapsed());
        if applied.len() != 1 {
            bail!("the rebuild's migration did not apply once: {applied:?}");
        }
        runner::down(&db, &changes, Some(1)).await?;

        let started = Instant::now();
        let txn = db.begin().await?;
        let (create, indexes) = copy_sql.split_first().context("the copy's table")?;
        txn.execute_unprepared(create).await?;
        txn.execute_unprepared("INSERT INTO bench_items_copy SELECT * FROM bench_items")
            .await?;
        for index in indexes {
            txn.execute_unprepared(index).await?;
        }
        txn.commit().await?;
        copy.push(started.elapsed());
        db.execute_unprepared("DROP TABLE bench_items_copy").await?;
    }
    let rows = db
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Sqlite,
            "SELECT count(*) AS n FROM bench_items",
        ))
        .await?
        .and_then(|r| r.try_get::<i64>("", "n").ok())
        .unwrap_or_default();
    if rows as u64 != REBUILD_ROWS {
        bail!("the rebuilt table holds {rows} rows, not {REBUILD_ROWS}");
    }
    db.close().await?;
    Ok((rebuild, copy))
}

fn median_secs(runs: &[Duration]) -> f64 {
    median(runs.iter().map(Duration::as_secs_f64).collect())
}

fn render_evolution(out: &mut String, e: &Evolution) {
    use std::fmt::Write;
    let _ = writeln!(out, "\n## Evolving the schema\n");
    let _ = writeln!(
        out,
        "### The `report-execution-counts` backfill against one `UPDATE … FROM`\n\n\
         On the same database, after the hot queries: every one of its {} reports is first made wrong \
         (`execution_count + 1`, and a `last_executed_at` for those that never ran) and the table \
         vacuumed, then either `cargo xtask backfill run \
         report-execution-counts` (in process, `--batch-size {BACKFILL_BATCH}`, no throttle: each batch \
         its own transaction with its checkpoint) or one `UPDATE … FROM` of an aggregate of \
         `report_executions` puts every row right; each side is checked to change every row and leave \
         none wrong. The sides alternate, {EVOLUTION_RUNS} runs each.\n",
        e.reports
    );
    let _ = writeln!(
        out,
        "| run | backfill s | backfill rows/s | `UPDATE … FROM` s | `UPDATE … FROM` rows/s |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|");
    let rate = |d: &Duration| e.reports as f64 / d.as_secs_f64().max(1e-9);
    for (i, (b, u)) in e.backfill.iter().zip(&e.update).enumerate() {
        let _ = writeln!(
            out,
            "| {} | {:.2} | {:.0} | {:.2} | {:.0} |",
            i + 1,
            b.as_secs_f64(),
            rate(b),
            u.as_secs_f64(),
            rate(u)
        );
    }
    let (b, u) = (median_secs(&e.backfill), median_secs(&e.update));
    let _ = writeln!(
        out,
        "\nMedians: the backfill {b:.2} s ({:.0} rows/s), `UPDATE … FROM` {u:.2} s ({:.0} rows/s): the \
         backfill runs at **{:.2}** of the single statement's throughput (median rate over median \
         rate).\n",
        e.reports as f64 / b.max(1e-9),
        e.reports as f64 / u.max(1e-9),
        u / b.max(1e-9)
    );
    let _ = writeln!(
        out,
        "### A SQLite table rebuild of {} rows\n\n\
         An embedded SQLite file, migrated, with a table of the usual shape (uuid keys, text, bigint, \
         JSON, timestamps, two indexes) holding {} rows. *Rebuild* is `migrate up` of one migration \
         that adds a check, which SQLite can only do by the documented rebuild (create, copy, drop, \
         rename, indexes, `foreign_key_check`), end to end with the lock and the record; it is reverted \
         between runs. *Copy* is the least a rebuild can cost: an identical new table, `INSERT … \
         SELECT` of the same rows and the same indexes, in one transaction. Alternating, \
         {EVOLUTION_RUNS} runs each.\n",
        e.rebuild_rows, e.rebuild_rows
    );
    let _ = writeln!(out, "| run | rebuild s | copy s |");
    let _ = writeln!(out, "|---|---:|---:|");
    for (i, (r, c)) in e.rebuild.iter().zip(&e.copy).enumerate() {
        let _ = writeln!(
            out,
            "| {} | {:.2} | {:.2} |",
            i + 1,
            r.as_secs_f64(),
            c.as_secs_f64()
        );
    }
    let (r, c) = (median_secs(&e.rebuild), median_secs(&e.copy));
    let _ = writeln!(
        out,
        "\nMedians: the rebuild takes **{r:.2} s** for {} rows, {:.2}× the plain copy ({c:.2} s).",
        e.rebuild_rows,
        r / c.max(1e-9)
    );
}
