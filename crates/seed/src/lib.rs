//! Deterministic, idempotent dev data.
//!
//! [`seed`] loads a profile's rows table by table, in foreign-key order, in batched multi-row
//! inserts inside one transaction. Every id is a UUIDv7 derived from the seed and a fixed clock,
//! so the same `--seed` yields the same rows on every run and machine, and a second run inserts
//! nothing (`ON CONFLICT (primary key) DO NOTHING`).

mod calendar;
pub mod dev;
pub mod factory;
mod gen_data;
pub mod life;
mod load;
pub mod population;
mod reset;
mod tls;

use std::time::{Duration, Instant};

use sea_orm::{DatabaseConnection, DbBackend, TransactionTrait};

pub use dev::DEV_PASSWORD;
pub use gen_data::{ANCHOR, Gen, ID_SIGNATURE, ID_SIGNATURE_HEX};
pub use life::{Phase, TenantLife};
pub use load::{Chunk, Encoded, Loader, Progress, TableCount};
pub use reset::{Reset, foreign_tables, reset};

/// The default `--seed`.
pub const DEFAULT_SEED: u64 = 42;

/// Which data set to load. Each profile contains the one before it: `demo` is `dev` plus tens
/// of generated tenants, `large` is `dev` plus a thousand, the first of which are `demo`'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Profile {
    /// A handful of tenants in different states, every table populated.
    Dev,
    /// `dev` plus tens of generated tenants with months of history.
    Demo,
    /// `dev` plus a thousand generated tenants: over a million rows, a performance fixture.
    Large,
}

impl Profile {
    /// Every profile, smallest first.
    pub const ALL: [Self; 3] = [Self::Dev, Self::Demo, Self::Large];

    /// The profile's name, as typed on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Dev => "dev",
            Self::Demo => "demo",
            Self::Large => "large",
        }
    }

    /// How many generated tenants the profile adds to the hand-written `dev` ones.
    pub fn population(self) -> usize {
        match self {
            Self::Dev => 0,
            Self::Demo => 30,
            Self::Large => 1_000,
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
        table: String,
        /// The database's reason.
        #[source]
        source: domain::Error,
    },
    /// The transaction could not begin or commit.
    #[error("seeding failed, nothing was written: {0}")]
    Db(#[from] sea_orm::DbErr),
    /// The Postgres connection failed outside a table's load.
    #[error("seeding failed, nothing was written: {0}")]
    Postgres(tokio_postgres::Error),
    /// The URL's TLS settings cannot be used (an unknown `sslmode`, an unreadable `sslrootcert`).
    #[error("cannot connect with the URL's TLS settings: {0}")]
    Tls(String),
    /// A secret could not be prepared.
    #[error("cannot prepare dev secrets: {0}")]
    Secret(domain::Error),
    /// A value the loader cannot encode (a bug in the seed, not in the input).
    #[error("cannot encode {table}.{column} for COPY: {kind}")]
    Encode {
        /// The table.
        table: &'static str,
        /// The column.
        column: &'static str,
        /// What was wrong.
        kind: &'static str,
    },
    /// A path was used on a backend it does not support.
    #[error("unsupported on this backend: {0}")]
    Backend(&'static str),
    /// The generator thread stopped without finishing.
    #[error("the data generator stopped unexpectedly; nothing was written")]
    Generator,
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
    /// The generated tenants loaded beside the `dev` ones.
    pub generated_tenants: usize,
    /// Rows per table, in load order.
    pub tables: Vec<TableCount>,
    /// How long it took.
    pub elapsed: Duration,
    /// Every plaintext secret the `dev` part of the profile generated (the dev password, API
    /// keys, session tokens, webhook and integration secrets, licence keys, handover
    /// credentials). None is in the database, only hashes and sealed values; tests check that.
    pub plaintext_secrets: Vec<String>,
    /// Whether the run wrote the platform admin who signs in with [`DEV_PASSWORD`] (see
    /// [`Options::platform_admin`]).
    pub platform_admin: bool,
    /// Whether sealed columns were sealed with the public dev key ([`DEV_KEY_ID`]) because
    /// `APP_ENCRYPTION_KEY` is unset.
    pub public_dev_key: bool,
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

    /// Rows inserted per second of the run.
    pub fn rows_per_second(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.inserted() as f64 / secs
        } else {
            0.0
        }
    }
}

/// The key id of the fixed key that seals dev data when `APP_ENCRYPTION_KEY` is not set.
pub const DEV_KEY_ID: &str = "dev";

/// What seeding says when it seals with the public dev key (see [`dev_sealer`]).
pub const PUBLIC_DEV_KEY_NOTICE: &str = "APP_ENCRYPTION_KEY is unset: sealing secrets with the public \
     dev key (id `dev`), which anyone with this repository can open; set APP_ENCRYPTION_KEY to seal \
     with your own key";

/// Whether [`dev_sealer`] seals with the public dev key: `APP_ENCRYPTION_KEY` is unset.
pub fn uses_public_dev_key() -> bool {
    std::env::var_os(domain::sealing::KEY_ENV).is_none()
}

/// The sealer for dev data: the application's keys when `APP_ENCRYPTION_KEY` is set, otherwise a
/// fixed, publicly known dev key (id `dev`), which is fine for dev data and only for dev data.
///
/// # Errors
///
/// [`Error::Secret`] when `APP_ENCRYPTION_KEY` is set but malformed.
pub fn dev_sealer() -> Result<domain::sealing::Sealer> {
    if !uses_public_dev_key() {
        return domain::sealing::Sealer::from_env().map_err(Error::Secret);
    }
    domain::sealing::Sealer::new(DEV_KEY_ID, *b"dev-only-key-never-use-in-prod!!")
        .map_err(Error::Secret)
}

/// A database to seed: its connection, and on Postgres the URL the bulk loader connects with
/// (the loader opens one connection of its own for `COPY`; see [`Loader`]).
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// The connection (SQLite is seeded through it).
    pub db: &'a DatabaseConnection,
    /// The database's URL; required on Postgres.
    pub url: Option<&'a str>,
}

impl<'a> Target<'a> {
    /// A target; pass the URL for Postgres.
    pub fn new(db: &'a DatabaseConnection, url: Option<&'a str>) -> Self {
        Self { db, url }
    }
}

impl<'a> From<&'a DatabaseConnection> for Target<'a> {
    fn from(db: &'a DatabaseConnection) -> Self {
        Self { db, url: None }
    }
}

/// How to seed, beyond the profile and the seed.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    /// Whether to write the platform admin, a user with platform-wide powers who signs in with
    /// the published [`DEV_PASSWORD`]. Only for dev databases: `cargo xtask seed` turns it off
    /// on a database that is not dev-marked.
    pub platform_admin: bool,
    /// Told about every chunk loaded.
    pub progress: Option<&'a dyn Progress>,
    /// How many generated tenants to add to the `dev` ones, instead of the profile's
    /// [`Profile::population`]: `--tenants 10000` makes about ten million rows. Tenant *n* is the
    /// same whatever the count.
    pub tenants: Option<usize>,
}

impl Default for Options<'_> {
    /// The platform admin included, no progress.
    fn default() -> Self {
        Self {
            platform_admin: true,
            progress: None,
            tenants: None,
        }
    }
}

impl std::fmt::Debug for Options<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("platform_admin", &self.platform_admin)
            .field("progress", &self.progress.is_some())
            .field("tenants", &self.tenants)
            .finish()
    }
}

/// Loads `profile` with `seed` into an already migrated dev database, in one transaction, with
/// the platform admin (see [`Options`]).
///
/// # Errors
///
/// [`Error::Table`] naming the table and constraint when a row is rejected; the transaction is
/// rolled back, so nothing of the run is kept.
pub async fn seed<'a>(
    target: impl Into<Target<'a>>,
    profile: Profile,
    seed: u64,
) -> Result<Summary> {
    seed_with(target, profile, seed, Options::default()).await
}

/// [`seed`] with `options`.
///
/// # Errors
///
/// As [`seed`].
pub async fn seed_with<'a>(
    target: impl Into<Target<'a>>,
    profile: Profile,
    seed: u64,
    options: Options<'_>,
) -> Result<Summary> {
    let Options {
        platform_admin,
        progress,
        tenants,
    } = options;
    let tenants = tenants.unwrap_or(profile.population());
    let started = Instant::now();
    let Target { db, url } = target.into();
    let sealer = dev_sealer()?;
    let (tables, plaintext_secrets) = match db.get_database_backend() {
        DbBackend::Postgres => {
            let url = url.ok_or(Error::Backend(
                "seeding Postgres needs the database URL: seed::Target::new(&db, Some(url))",
            ))?;
            let mut client = connect(url).await?;
            let txn = client.transaction().await.map_err(Error::Postgres)?;
            create_partitions(&txn).await?;
            let loaded = fill(
                Loader::postgres(&txn).with_progress(progress),
                tenants,
                seed,
                sealer,
                platform_admin,
            )
            .await?;
            txn.commit().await.map_err(Error::Postgres)?;
            loaded
        }
        _ => {
            let txn = db.begin().await?;
            let loaded = fill(
                Loader::sqlite(&txn).with_progress(progress),
                tenants,
                seed,
                sealer,
                platform_admin,
            )
            .await?;
            txn.commit().await?;
            loaded
        }
    };
    Ok(Summary {
        profile,
        seed,
        generated_tenants: tenants,
        tables,
        elapsed: started.elapsed(),
        plaintext_secrets,
        platform_admin,
        public_dev_key: uses_public_dev_key(),
    })
}

/// Loads the `dev` tenants through `loader`, then `tenants` generated ones. The row
/// counts per table, and the plaintext secrets generated.
async fn fill(
    mut loader: Loader<'_>,
    tenants: usize,
    seed: u64,
    sealer: domain::sealing::Sealer,
    platform_admin: bool,
) -> Result<(Vec<TableCount>, Vec<String>)> {
    let ctx = dev::load(&mut loader, seed, sealer, platform_admin).await?;
    population::load(&mut loader, &ctx, seed, tenants).await?;
    Ok((loader.finish().await?, ctx.plaintext_secrets()))
}

/// Months of partitions made before loading, counted back from the anchor's month: the dev
/// history reaches about 13 months back, so every seeded row lands in its month, not the default
/// partition.
const PARTITION_MONTHS_BACK: u32 = 16;
/// Months made after the anchor's month, so that data written after seeding has a partition too.
const PARTITION_MONTHS_AHEAD: u32 = 3;

/// The SQL that creates the monthly partitions the seeded history spans, on every partitioned
/// table, through the `create_monthly_partitions` function (existing months are skipped).
pub fn partitions_sql() -> String {
    let first = chrono::DateTime::parse_from_rfc3339(ANCHOR)
        .map(|anchor| anchor.date_naive())
        .unwrap_or_default();
    let first = first
        .checked_sub_months(chrono::Months::new(PARTITION_MONTHS_BACK))
        .unwrap_or(first);
    format!(
        "SELECT create_monthly_partitions(format('%I', c.relname)::regclass, DATE '{first}', {}) \
         FROM pg_partitioned_table pt JOIN pg_class c ON c.oid = pt.partrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()",
        PARTITION_MONTHS_BACK + 1 + PARTITION_MONTHS_AHEAD
    )
}

/// Creates the partitions of [`partitions_sql`].
async fn create_partitions(txn: &tokio_postgres::Transaction<'_>) -> Result<()> {
    txn.batch_execute(&partitions_sql())
        .await
        .map_err(Error::Postgres)
}

/// Opens the bulk loader's own connection to `url` (`postgres://…`), driven on the runtime, with
/// the URL's `sslmode` and `sslrootcert` honoured as the migrator's connection honours them.
///
/// # Errors
///
/// [`Error::Postgres`] when the URL is malformed or the server refuses the connection,
/// [`Error::Tls`] when its TLS settings cannot be used.
pub async fn connect(url: &str) -> Result<tokio_postgres::Client> {
    let (config, tls) = tls::config(url)?;
    let (client, connection) = config.connect(tls).await.map_err(Error::Postgres)?;
    tokio::spawn(async move {
        // Ends when the client is dropped; an error here surfaces on the client's next call.
        let _ = connection.await;
    });
    Ok(client)
}
