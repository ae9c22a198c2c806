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

use sea_orm::{DatabaseConnection, TransactionTrait};

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

/// Loads `profile` with `seed` into an already migrated database, in one transaction.
///
/// # Errors
///
/// [`Error::Table`] naming the table and constraint when a row is rejected; the transaction is
/// rolled back, so nothing of the run is kept.
pub async fn seed(db: &DatabaseConnection, profile: Profile, seed: u64) -> Result<Summary> {
    let started = Instant::now();
    let txn = db.begin().await?;
    let mut loader = Loader::new(&txn);
    match profile {
        Profile::Dev => dev::load(&mut loader, &mut Gen::new(seed)).await?,
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
