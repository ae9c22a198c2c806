//! The domain services' benchmarks of `cargo xtask bench`: a lifecycle transition, a scoped read,
//! the outbox relay with 1, 2 and 4 workers, and the NOTIFY wake-up, each against a baseline of
//! raw SQL doing the same work, measured in the same run on the same database (a fresh Postgres
//! database with the dev data set), as the table owner.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use domain::events::{Event, StatusChanged};
use domain::lifecycle::{outbox, support};
use domain::relay::{Delivery, Handler, HandlerError, Relay, RelayConfig};
use domain::tenancy::{TenantId, TenantTxn};
use entity::sea_orm_active_enums::TicketStatus;
use entity::{tenants, tickets};
use sea_orm::{
    ColumnTrait, ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement, TransactionTrait,
};
use uuid::Uuid;

/// One figure: the library's median against the baseline's, in the same run.
#[derive(Debug, Clone)]
pub struct Ratio {
    /// What was measured.
    pub name: String,
    /// The library's median, in `unit`.
    pub library: f64,
    /// The baseline's median.
    pub baseline: f64,
    /// `ms` or `events/s`.
    pub unit: &'static str,
    /// The goal, as text (`≤ 1.3×`).
    pub goal: &'static str,
    /// Whether the ratio meets it.
    pub met: bool,
}

impl Ratio {
    /// Library over baseline.
    pub fn ratio(&self) -> f64 {
        self.library / self.baseline.max(1e-12)
    }
}

/// What the domain benchmarks measured.
#[derive(Debug, Clone)]
pub struct DomainReport {
    /// Timed runs of the transition and the read.
    pub runs: usize,
    /// Events per relay run.
    pub events: usize,
    /// The ratios.
    pub ratios: Vec<Ratio>,
    /// NOTIFY wake-up, commit to handler: median and p95 in ms, and samples.
    pub wake_up: (f64, f64, usize),
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn connect(url: &str, connections: u32) -> Result<DatabaseConnection> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.max_connections(connections).sqlx_logging(false);
    Ok(Database::connect(options).await?)
}

/// Runs every domain benchmark on a fresh database of `admin`'s server.
///
/// # Errors
///
/// When a step fails.
pub async fn measure(admin: &str, runs: usize) -> Result<DomainReport> {
    eprintln!("bench: domain services (dev data set) …");
    let scratch = test_support::ScratchDatabase::create(admin, "bench_domain").await?;
    let result = measure_on(scratch.url(), runs).await;
    scratch.drop_now().await?;
    result
}

async fn measure_on(url: &str, runs: usize) -> Result<DomainReport> {
    let db = connect(url, 16).await?;
    migration::migrator::up(&db, &migration::Migrator::changes(), None).await?;
    seed::seed(
        seed::Target::new(&db, Some(url)),
        seed::Profile::Dev,
        seed::DEFAULT_SEED,
    )
    .await?;
    let tenant = tenants::Entity::find()
        .filter(tenants::Column::Slug.eq("acme"))
        .one(&db)
        .await?
        .context("the dev data has acme")?;
    let tenant = TenantId::new(tenant.id);
    let ticket = tickets::Entity::find()
        .filter(tickets::Column::TenantId.eq(tenant.as_uuid()))
        .filter(tickets::Column::Status.is_in([TicketStatus::Open, TicketStatus::Pending]))
        .order_by_asc(tickets::Column::Id)
        .one(&db)
        .await?
        .context("acme has an open ticket")?;

    let mut ratios = vec![
        transition(&db, tenant, ticket.id, ticket.status, runs).await?,
        scoped_read(&db, tenant, runs).await?,
    ];
    let events = 2000;
    for workers in [1, 2, 4] {
        ratios.push(relay(&db, url, tenant, workers, events).await?);
    }
    let wake_up = wake_up(&db, tenant).await?;
    db.close().await?;
    Ok(DomainReport {
        runs,
        events,
        ratios,
        wake_up,
    })
}

/// A ticket moved open ⇄ pending through `domain::lifecycle::support`, against the statements
/// it runs written by hand: begin, set the tenant, read the row `FOR UPDATE`, update it on its
/// state, insert the event, commit.
async fn transition(
    db: &DatabaseConnection,
    tenant: TenantId,
    ticket: Uuid,
    mut state: TicketStatus,
    runs: usize,
) -> Result<Ratio> {
    let other = |s| {
        if s == TicketStatus::Open {
            TicketStatus::Pending
        } else {
            TicketStatus::Open
        }
    };
    let name = |s: TicketStatus| domain::lifecycle::state_name(&s);
    let (mut library, mut baseline) = (Vec::new(), Vec::new());
    for i in 0..runs + 20 {
        let to = other(state);
        let start = Instant::now();
        let txn = TenantTxn::begin(db, tenant).await?;
        support::transition(&txn, ticket, to).await?;
        txn.commit().await?;
        if i >= 20 {
            library.push(ms(start.elapsed()));
        }
        state = to;

        let to = other(state);
        let start = Instant::now();
        let txn = db.begin().await?;
        let pg = |sql: &str, values: Vec<sea_orm::Value>| {
            Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
        };
        txn.execute_raw(pg(
            "SELECT set_config('app.current_tenant_id', $1, true)",
            vec![tenant.to_string().into()],
        ))
        .await?;
        txn.query_one_raw(pg(
            "SELECT * FROM tickets WHERE id = $1 AND tenant_id = $2 FOR UPDATE",
            vec![ticket.into(), tenant.as_uuid().into()],
        ))
        .await?
        .context("the ticket")?;
        txn.query_one_raw(pg(
            "UPDATE tickets SET status = $1::ticket_status, updated_at = now() \
             WHERE id = $2 AND tenant_id = $3 AND status = $4::ticket_status RETURNING *",
            vec![
                name(to).into(),
                ticket.into(),
                tenant.as_uuid().into(),
                name(state).into(),
            ],
        ))
        .await?
        .context("moved")?;
        let payload = Event::TicketStatusChanged(StatusChanged {
            id: ticket,
            from: state,
            to,
        })
        .payload();
        txn.query_one_raw(pg(
            "INSERT INTO integration_events (id, tenant_id, event_type, source, payload, metadata, \
             status, attempts, correlation_id) VALUES ($1, $2, 'ticket.status_changed', \
             'support', $3, '{\"version\": 1}', 'pending', 0, $4) RETURNING *",
            vec![
                Uuid::now_v7().into(),
                tenant.as_uuid().into(),
                payload.into(),
                ticket.into(),
            ],
        ))
        .await?;
        txn.commit().await?;
        if i >= 20 {
            baseline.push(ms(start.elapsed()));
        }
        state = to;
    }
    let (library, baseline) = (median(library), median(baseline));
    Ok(Ratio {
        name: "a ticket transition (lifecycle) vs the same statements in raw SQL".into(),
        library,
        baseline,
        unit: "ms",
        goal: "≤ 1.3×",
        met: library / baseline <= 1.3,
    })
}

/// A page of the tenant's open tickets through `TenantTxn::find`, against the same SeaORM query
/// with the tenant filter written by hand on a plain transaction; only the read is timed.
async fn scoped_read(db: &DatabaseConnection, tenant: TenantId, runs: usize) -> Result<Ratio> {
    let (mut library, mut baseline) = (Vec::new(), Vec::new());
    let scoped = TenantTxn::begin(db, tenant).await?;
    let plain = db.begin().await?;
    for i in 0..runs + 20 {
        let start = Instant::now();
        let rows = scoped
            .find::<tickets::Entity>()
            .filter(tickets::Column::Status.ne(TicketStatus::Closed))
            .order_by_desc(tickets::Column::CreatedAt)
            .limit(50)
            .all()
            .await?;
        let a = start.elapsed();
        let start = Instant::now();
        let raw = tickets::Entity::find()
            .filter(tickets::Column::TenantId.eq(tenant.as_uuid()))
            .filter(tickets::Column::Status.ne(TicketStatus::Closed))
            .order_by_desc(tickets::Column::CreatedAt)
            .limit(50)
            .all(&plain)
            .await?;
        let b = start.elapsed();
        anyhow::ensure!(rows.len() == raw.len(), "the two reads differ");
        if i >= 20 {
            library.push(ms(a));
            baseline.push(ms(b));
        }
    }
    scoped.rollback().await?;
    plain.rollback().await?;
    let (library, baseline) = (median(library), median(baseline));
    Ok(Ratio {
        name: "a scoped read (`TenantTxn::find`, 50 tickets) vs the same read unscoped".into(),
        library,
        baseline,
        unit: "ms",
        goal: "≤ 1.1×",
        met: library / baseline <= 1.1,
    })
}

/// Acknowledges every event.
#[derive(Debug, Clone, Copy)]
struct Nothing;

impl Handler for Nothing {
    async fn handle(&self, _: &Delivery, _: &TenantTxn) -> Result<(), HandlerError> {
        Ok(())
    }
}

/// `n` pending events of `tenant`, written in one statement.
async fn fill(db: &DatabaseConnection, tenant: TenantId, n: usize) -> Result<()> {
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO integration_events (id, tenant_id, event_type, source, payload, metadata, \
         status, attempts) SELECT gen_random_uuid(), $1, 'ticket.status_changed', 'support', \
         jsonb_build_object('id', gen_random_uuid(), 'from', 'open', 'to', 'pending'), \
         '{\"version\": 1}', 'pending', 0 FROM generate_series(1, $2)",
        vec![tenant.as_uuid().into(), (n as i64).into()],
    ))
    .await?;
    Ok(())
}

/// `n` events delivered by `workers` relay workers (a no-op handler), against the same number of
/// raw SQL loops doing the same work per event: claim 32 with `FOR UPDATE SKIP LOCKED`, and per
/// event a handler transaction that sets the tenant, then mark it processed.
async fn relay(
    db: &DatabaseConnection,
    url: &str,
    tenant: TenantId,
    workers: usize,
    n: usize,
) -> Result<Ratio> {
    let pool = connect(url, (workers * 2 + 2) as u32).await?;
    let (mut library, mut baseline) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        fill(db, tenant, n).await?;
        let start = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..workers {
            let relay =
                Relay::new(pool.clone(), pool.clone(), Nothing, RelayConfig::default()).await?;
            tasks.push(tokio::spawn(async move {
                loop {
                    if relay.run_once().await?.claimed == 0 {
                        return Ok::<_, domain::Error>(());
                    }
                }
            }));
        }
        for t in tasks {
            t.await??;
        }
        library.push(n as f64 / start.elapsed().as_secs_f64());

        fill(db, tenant, n).await?;
        let start = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..workers {
            let pool = pool.clone();
            tasks.push(tokio::spawn(async move { raw_loop(&pool).await }));
        }
        for t in tasks {
            t.await??;
        }
        baseline.push(n as f64 / start.elapsed().as_secs_f64());
    }
    pool.close().await?;
    let (library, baseline) = (median(library), median(baseline));
    Ok(Ratio {
        name: format!("relay throughput, {workers} worker(s), vs a raw SQL `SKIP LOCKED` loop"),
        library,
        baseline,
        unit: "events/s",
        goal: "≥ 0.8×",
        met: library / baseline >= 0.8,
    })
}

async fn raw_loop(pool: &DatabaseConnection) -> Result<()> {
    let pg = |sql: &str, values: Vec<sea_orm::Value>| {
        Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
    };
    loop {
        let txn = pool.begin().await?;
        let rows = txn
            .query_all_raw(pg(
                "SELECT id, tenant_id, attempts FROM integration_events WHERE status = 'pending' \
                 AND tenant_id IS NOT NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now()) \
                 ORDER BY created_at, id LIMIT 32 FOR UPDATE SKIP LOCKED",
                vec![],
            ))
            .await?;
        if rows.is_empty() {
            txn.commit().await?;
            return Ok(());
        }
        for row in rows {
            let id: Uuid = row.try_get("", "id")?;
            let tenant: Uuid = row.try_get("", "tenant_id")?;
            let attempts: i64 = row.try_get("", "attempts")?;
            let handler = pool.begin().await?;
            handler
                .execute_raw(pg(
                    "SELECT set_config('app.current_tenant_id', $1, true)",
                    vec![tenant.to_string().into()],
                ))
                .await?;
            handler.commit().await?;
            txn.execute_raw(pg(
                "UPDATE integration_events SET status = 'processed', processed_at = now(), \
                 attempts = $2, processing_error = NULL, next_attempt_at = NULL, updated_at = now() \
                 WHERE id = $1",
                vec![id.into(), (attempts + 1).into()],
            ))
            .await?;
        }
        txn.commit().await?;
    }
}

/// Signals each hand-off.
#[derive(Debug, Clone)]
struct Signal(tokio::sync::mpsc::UnboundedSender<Instant>);

impl Handler for Signal {
    async fn handle(&self, _: &Delivery, _: &TenantTxn) -> Result<(), HandlerError> {
        let _ = self.0.send(Instant::now());
        Ok(())
    }
}

/// Commit of an event to its handler, with an idle worker that polls only every 10 minutes.
async fn wake_up(db: &DatabaseConnection, tenant: TenantId) -> Result<(f64, f64, usize)> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let config = RelayConfig {
        poll_interval: Duration::from_secs(600),
        ..RelayConfig::default()
    };
    let relay = Relay::new(db.clone(), db.clone(), Signal(tx), config).await?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = tokio::spawn(async move {
        relay
            .run(async {
                let _ = stopped.await;
            })
            .await
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    while rx.try_recv().is_ok() {}
    let mut samples = Vec::new();
    for _ in 0..30 {
        let txn = TenantTxn::begin(db, tenant).await?;
        outbox::record(
            &txn,
            &Event::TicketStatusChanged(StatusChanged {
                id: Uuid::now_v7(),
                from: TicketStatus::Open,
                to: TicketStatus::Pending,
            }),
        )
        .await?;
        txn.commit().await?;
        let committed = Instant::now();
        let handled = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .context("no wake-up within 10 s")?
            .context("the worker stopped")?;
        samples.push(ms(handled.saturating_duration_since(committed)));
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = stop.send(());
    worker.await??;
    let n = samples.len();
    samples.sort_by(f64::total_cmp);
    let p95 = samples[((n as f64 * 0.95).ceil() as usize).clamp(1, n) - 1];
    Ok((median(samples), p95, n))
}

/// The section of docs/benchmarks.md.
pub fn render(r: &DomainReport) -> String {
    let mut out = format!("{}\n\n", "## Domain services");
    out.push_str(&format!(
        "Measured on {} from {} build{}. ",
        chrono::Utc::now().format("%Y-%m-%d"),
        if cfg!(debug_assertions) {
            "an unoptimised (debug)"
        } else {
            "an optimised"
        },
        if cfg!(debug_assertions) {
            ": the library runs more Rust per operation than its raw SQL baseline, so these ratios \
             are likely higher than an optimised build's"
        } else {
            ""
        }
    ));
    out.push_str(&format!(
        "On a fresh database with the `dev` data set, as the table owner, for tenant `acme`. Each \
         figure puts the library against a baseline of raw SQL doing the same work, alternated in \
         the same run: a transition and a read are timed {} times each (after 20 warm-up runs); \
         the relay delivers {} events three times per side (median of the three), with a handler \
         that does nothing, while the baseline runs, per event, the same handler transaction (begin, \
         set the tenant, commit) and the same mark.\n\n",
        r.runs, r.events
    ));
    out.push_str("| figure | library | baseline | ratio | goal |\n|---|---:|---:|---:|---|\n");
    for ratio in &r.ratios {
        out.push_str(&format!(
            "| {} | {:.3} {} | {:.3} {} | {:.2}× | {}: {} |\n",
            ratio.name,
            ratio.library,
            ratio.unit,
            ratio.baseline,
            ratio.unit,
            ratio.ratio(),
            ratio.goal,
            if ratio.met { "met" } else { "not met" }
        ));
    }
    out.push_str(&format!(
        "\nNOTIFY wake-up, from the commit of an event to its handler, with an idle worker whose \
         poll interval is 10 minutes: median **{:.2} ms**, p95 {:.2} ms ({} events).\n",
        r.wake_up.0, r.wake_up.1, r.wake_up.2
    ));
    out
}
