//! `cargo xtask partitions [--months N] [--from YYYY-MM]`: creates the monthly partitions of every
//! range-partitioned table ahead of time, through the `create_monthly_partitions` SQL function
//! (the same function a scheduler calls). On SQLite, which has no partitions, it does nothing.

use anyhow::{Context, Result, bail};
use chrono::{Datelike, NaiveDate};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use crate::{db, workspace};

/// Arguments of `cargo xtask partitions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many months to create, starting with `--from`.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=120))]
    pub months: u32,
    /// The first month, as YYYY-MM (default: the current month, UTC).
    #[arg(long)]
    pub from: Option<String>,
    /// The database (overrides DATABASE_URL; default: the embedded SQLite file).
    #[arg(long)]
    pub database_url: Option<String>,
}

/// Runs `cargo xtask partitions`.
///
/// # Errors
///
/// A bad month, URL or connection, or a failing function call.
pub async fn run(args: Args) -> Result<()> {
    let first = match &args.from {
        Some(text) => parse_month(text)?,
        None => {
            let today = chrono::Utc::now().date_naive();
            NaiveDate::from_ymd_opt(today.year(), today.month(), 1).context("the current month")?
        }
    };
    let url = workspace::database_url(args.database_url.as_deref())?;
    let db = db::connect(&url).await?;
    if db.get_database_backend() != DbBackend::Postgres {
        println!("SQLite has no partitions: nothing to do");
        return Ok(());
    }
    let created = create_ahead(&db, first, args.months).await?;
    for (table, n) in &created {
        println!("{table}: {n} new partition(s)");
    }
    Ok(())
}

/// Parses `YYYY-MM` as the first day of that month.
///
/// # Errors
///
/// A one-line message with the expected form.
pub fn parse_month(text: &str) -> Result<NaiveDate> {
    let Some((y, m)) = text.split_once('-') else {
        bail!("--from `{text}` is not a month: write it as YYYY-MM, for example 2026-12");
    };
    let (Ok(y), Ok(m)) = (y.parse::<i32>(), m.parse::<u32>()) else {
        bail!("--from `{text}` is not a month: write it as YYYY-MM, for example 2026-12");
    };
    let month = NaiveDate::from_ymd_opt(y, m, 1).with_context(|| {
        format!("--from `{text}` is not a month: write it as YYYY-MM, for example 2026-12")
    })?;
    let this_year = chrono::Utc::now().year();
    if (y - this_year).abs() > MAX_YEARS_AWAY {
        bail!(
            "--from `{text}` is more than {MAX_YEARS_AWAY} years from now: partitions are made a few \
             months ahead; pick a month between {} and {}",
            this_year - MAX_YEARS_AWAY,
            this_year + MAX_YEARS_AWAY
        );
    }
    Ok(month)
}

/// How far from the current year `--from` may be: partitions are made months ahead, and a month
/// decades away is a typo that would create useless partitions.
pub const MAX_YEARS_AWAY: i32 = 10;

/// The range-partitioned tables of the current schema, sorted.
///
/// # Errors
///
/// When the catalog cannot be read.
pub async fn partitioned_tables(db: &DatabaseConnection) -> Result<Vec<String>> {
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT c.relname AS name FROM pg_partitioned_table pt \
             JOIN pg_class c ON c.oid = pt.partrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = current_schema() AND pt.partstrat = 'r' ORDER BY 1",
        ))
        .await?;
    rows.iter()
        .map(|r| r.try_get::<String>("", "name").map_err(Into::into))
        .collect()
}

/// Creates `months` monthly partitions from `first` for every partitioned table, in one
/// transaction; returns how many each table got.
///
/// # Errors
///
/// When the function is missing (migrations not applied) or fails.
pub async fn create_ahead(
    db: &DatabaseConnection,
    first: NaiveDate,
    months: u32,
) -> Result<Vec<(String, i32)>> {
    use sea_orm::TransactionTrait;
    let txn = db.begin().await?;
    let mut created = Vec::new();
    for table in partitioned_tables(db).await? {
        let row = txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT create_monthly_partitions($1::regclass, $2, $3) AS n",
                [table.clone().into(), first.into(), (months as i32).into()],
            ))
            .await
            .with_context(|| {
                format!("cannot create partitions of {table}: run `cargo xtask migrate up` first")
            })?;
        let n: i32 = row
            .map(|r| r.try_get("", "n"))
            .transpose()?
            .unwrap_or_default();
        created.push((table, n));
    }
    txn.commit().await?;
    Ok(created)
}
