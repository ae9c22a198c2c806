//! Deterministic, idempotent dev data.
//!
//! [`seed`] loads a profile's rows table by table, in foreign-key order, in batched multi-row
//! inserts inside one transaction. Every id is a UUIDv7 derived from the seed and a fixed clock,
//! so the same `--seed` yields the same rows on every run and machine, and a second run inserts
//! nothing (`ON CONFLICT (primary key) DO NOTHING`).

pub mod dev;
mod gen_data;
mod load;

use std::time::{Duration, Instant};

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, Statement,
    TransactionTrait,
};

pub use dev::DEV_PASSWORD;
pub use gen_data::{ANCHOR, Gen};
pub use load::{Loader, TableCount};

/// The default `--seed`.
pub const DEFAULT_SEED: u64 = 42;

/// Which data set to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// A handful of tenants in different states, every table populated.
    Dev,
}

impl Profile {
    /// The profile's name, as typed on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Dev => "dev",
        }
    }
}

/// Why seeding failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A write was rejected; nothing of this run was kept.
    #[error("seeding {table} failed, nothing was written: {source}")]
    Table {
        /// The table being loaded.
        table: &'static str,
        /// The database's reason.
        #[source]
        source: domain::Error,
    },
    /// The transaction could not begin or commit.
    #[error("seeding failed, nothing was written: {0}")]
    Db(#[from] sea_orm::DbErr),
    /// A secret could not be prepared.
    #[error("cannot prepare dev secrets: {0}")]
    Secret(domain::Error),
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What a seeding run did.
#[derive(Debug, Clone)]
pub struct Summary {
    /// The profile loaded.
    pub profile: Profile,
    /// The seed used.
    pub seed: u64,
    /// Rows per table, in load order.
    pub tables: Vec<TableCount>,
    /// How long it took.
    pub elapsed: Duration,
}

impl Summary {
    /// Rows inserted by this run, across tables.
    pub fn inserted(&self) -> u64 {
        self.tables.iter().map(|t| t.inserted).sum()
    }

    /// Rows present after this run, across tables.
    pub fn total(&self) -> u64 {
        self.tables.iter().map(|t| t.total).sum()
    }
}

/// The key id of the fixed key that seals dev data when `APP_ENCRYPTION_KEY` is not set.
pub const DEV_KEY_ID: &str = "dev";

/// The sealer for dev data: the application's keys when `APP_ENCRYPTION_KEY` is set, otherwise a
/// fixed, publicly known dev key (id `dev`), which is fine for dev data and only for dev data.
///
/// # Errors
///
/// [`Error::Secret`] when `APP_ENCRYPTION_KEY` is set but malformed.
pub fn dev_sealer() -> Result<domain::sealing::Sealer> {
    if std::env::var(domain::sealing::KEY_ENV).is_ok() {
        return domain::sealing::Sealer::from_env().map_err(Error::Secret);
    }
    domain::sealing::Sealer::new(DEV_KEY_ID, *b"dev-only-key-never-use-in-prod!!")
        .map_err(Error::Secret)
}

/// Loads `profile` with `seed` into an already migrated database, in one transaction.
///
/// # Errors
///
/// [`Error::Table`] naming the table and constraint when a row is rejected; the transaction is
/// rolled back, so nothing of the run is kept.
pub async fn seed(db: &DatabaseConnection, profile: Profile, seed: u64) -> Result<Summary> {
    let started = Instant::now();
    let txn = db.begin().await?;
    if db.get_database_backend() == DbBackend::Postgres {
        create_partitions(&txn).await?;
    }
    let mut loader = Loader::new(&txn);
    match profile {
        Profile::Dev => dev::load(&mut loader, &mut Gen::new(seed), dev_sealer()?).await?,
    }
    let tables = loader.finish().await?;
    txn.commit().await?;
    Ok(Summary {
        profile,
        seed,
        tables,
        elapsed: started.elapsed(),
    })
}

/// Months of partitions made before loading, counted back from the anchor's month: the dev
/// history reaches about 13 months back, so every seeded row lands in its month, not the default
/// partition.
const PARTITION_MONTHS_BACK: u32 = 16;
/// Months made after the anchor's month, so that data written after seeding has a partition too.
const PARTITION_MONTHS_AHEAD: u32 = 3;

/// Creates the monthly partitions the seeded history spans, on every partitioned table, through
/// the `create_monthly_partitions` SQL function (existing months are skipped).
async fn create_partitions(txn: &DatabaseTransaction) -> Result<()> {
    let anchor = chrono::DateTime::parse_from_rfc3339(ANCHOR)
        .map_err(|e| sea_orm::DbErr::Custom(format!("bad seed anchor: {e}")))?;
    let first = anchor
        .date_naive()
        .checked_sub_months(chrono::Months::new(PARTITION_MONTHS_BACK))
        .unwrap_or_else(|| anchor.date_naive());
    let tables = txn
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT c.relname AS name FROM pg_partitioned_table pt \
             JOIN pg_class c ON c.oid = pt.partrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = current_schema() ORDER BY 1",
        ))
        .await?;
    for row in tables {
        let table: String = row.try_get("", "name")?;
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT create_monthly_partitions($1::regclass, $2, $3)",
            [
                table.into(),
                first.into(),
                ((PARTITION_MONTHS_BACK + 1 + PARTITION_MONTHS_AHEAD) as i32).into(),
            ],
        ))
        .await?;
    }
    Ok(())
}
