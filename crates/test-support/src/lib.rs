//! Fresh databases for tests and for codegen: SQLite in memory, or a uniquely named Postgres
//! database created through an admin connection (`TEST_DATABASE_URL`) and dropped afterwards.
//!
//! Each test owns its database, so tests run in parallel and leave nothing behind. Tests that
//! need Postgres skip with a visible notice when no server is reachable, and fail instead when
//! `REQUIRE_POSTGRES=1` (CI sets it).

pub mod catalog;
#[cfg(feature = "fixtures")]
pub mod fixtures;

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use migration::Migrator;
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend, DbErr};
use sqlx::{Connection, PgConnection};

/// The admin connection used when `TEST_DATABASE_URL` is not set.
pub const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// Why a scratch database could not be had.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The admin URL is not a Postgres URL.
    #[error(
        "TEST_DATABASE_URL `{0}` is not a postgres:// URL: set it to an admin connection such as {DEFAULT_ADMIN_URL}"
    )]
    BadAdminUrl(String),
    /// No Postgres server answered.
    #[error("cannot reach Postgres at {url}: {reason}; start the server or set TEST_DATABASE_URL")]
    Unreachable {
        /// The admin URL, without its password.
        url: String,
        /// What the driver said.
        reason: String,
    },
    /// The server answered but refused a statement.
    #[error("Postgres refused `{statement}`: {reason}")]
    Refused {
        /// The statement.
        statement: String,
        /// What the server said.
        reason: String,
    },
    /// A database error from SeaORM.
    #[error(transparent)]
    Db(#[from] DbErr),
    /// The migrator failed.
    #[error("{0}")]
    Migrate(String),
}

/// `pub type Result<T, E = Error>`, as every library crate of the workspace has.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The admin URL: `TEST_DATABASE_URL`, or [`DEFAULT_ADMIN_URL`].
pub fn admin_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_ADMIN_URL.to_owned())
}

/// Whether Postgres tests must run (`REQUIRE_POSTGRES=1`) rather than skip.
pub fn postgres_required() -> bool {
    std::env::var("REQUIRE_POSTGRES").is_ok_and(|v| v == "1" || v.eq_ignore_ascii_case("true"))
}

/// The query-string parameters whose values are secrets (libpq's and sqlx's names).
const SECRET_PARAMETERS: &[&str] = &["password", "sslpassword", "passfile", "sslkey"];

/// A URL with every secret replaced by `****`, fit for messages, whatever its shape: the password
/// of the user part, and secret query-string parameters ([`SECRET_PARAMETERS`]), also when the
/// URL does not parse (a missing host, a bad port, an unclosed `[`).
pub fn redact(url: &str) -> String {
    let (head, query) = match url.split_once('?') {
        Some((head, query)) => (head, Some(query)),
        None => (url, None),
    };
    let mut out = match head.split_once("://") {
        Some((scheme, rest)) => {
            // The user part ends at the last `@` before the path (a password may hold `@` or `/`).
            let rest = match rest.rfind('@') {
                Some(at) => {
                    let (userinfo, host) = rest.split_at(at);
                    match userinfo.split_once(':') {
                        Some((user, _)) => format!("{user}:****{host}"),
                        None => rest.to_owned(),
                    }
                }
                None => rest.to_owned(),
            };
            format!("{scheme}://{rest}")
        }
        None => head.to_owned(),
    };
    if let Some(query) = query {
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((key, _))
                    if SECRET_PARAMETERS.contains(&key.to_ascii_lowercase().as_str()) =>
                {
                    format!("{key}=****")
                }
                _ => pair.to_owned(),
            })
            .collect();
        out.push('?');
        out.push_str(&pairs.join("&"));
    }
    out
}

/// A uniquely named Postgres database, dropped (with its connections) when this value drops.
#[derive(Debug)]
pub struct ScratchDatabase {
    name: String,
    url: String,
    admin_url: String,
    dropped: bool,
}

impl ScratchDatabase {
    /// Creates an empty database named `<prefix>_<unique suffix>` on the server of `admin_url`.
    ///
    /// # Errors
    ///
    /// [`Error::BadAdminUrl`], [`Error::Unreachable`] or [`Error::Refused`].
    pub async fn create(admin_url: &str, prefix: &str) -> Result<Self> {
        let mut url =
            url::Url::parse(admin_url).map_err(|_| Error::BadAdminUrl(redact(admin_url)))?;
        if !matches!(url.scheme(), "postgres" | "postgresql") {
            return Err(Error::BadAdminUrl(redact(admin_url)));
        }
        let name = unique_name(prefix);
        let mut admin = admin_connection(admin_url).await?;
        let statement = format!("CREATE DATABASE \"{name}\"");
        sqlx::raw_sql(sqlx::AssertSqlSafe(statement.clone()))
            .execute(&mut admin)
            .await
            .map_err(|e| Error::Refused {
                statement,
                reason: e.to_string(),
            })?;
        let _ = admin.close().await;
        url.set_path(&format!("/{name}"));
        Ok(Self {
            name,
            url: url.to_string(),
            admin_url: admin_url.to_owned(),
            dropped: false,
        })
    }

    /// The database name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A URL that connects to this database.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Connects to this database.
    ///
    /// # Errors
    ///
    /// A [`DbErr`] when the connection fails.
    pub async fn connect(&self) -> Result<DatabaseConnection> {
        let mut options = ConnectOptions::new(self.url.clone());
        options
            .max_connections(5)
            .acquire_timeout(Duration::from_secs(10))
            .sqlx_logging(false);
        Ok(Database::connect(options).await?)
    }

    /// Drops the database now, terminating its connections.
    ///
    /// # Errors
    ///
    /// [`Error::Unreachable`] or [`Error::Refused`].
    pub async fn drop_now(mut self) -> Result<()> {
        self.dropped = true;
        drop_database(&self.admin_url, &self.name).await
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        if self.dropped {
            return;
        }
        // Drop runs in sync context, possibly inside a runtime that is shutting down (a test that
        // panicked), so the drop gets a thread and a runtime of its own.
        let admin_url = self.admin_url.clone();
        let name = self.name.clone();
        let handle = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            match runtime {
                Ok(runtime) => runtime.block_on(drop_database(&admin_url, &name)),
                Err(e) => Err(Error::Refused {
                    statement: format!("DROP DATABASE \"{name}\""),
                    reason: e.to_string(),
                }),
            }
        });
        match handle.join() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!(
                "warning: could not drop scratch database {}: {e}",
                self.name
            ),
            Err(_) => eprintln!("warning: could not drop scratch database {}", self.name),
        }
    }
}

async fn admin_connection(admin_url: &str) -> Result<PgConnection> {
    let connect = PgConnection::connect(admin_url);
    match tokio::time::timeout(Duration::from_secs(10), connect).await {
        Ok(Ok(conn)) => Ok(conn),
        Ok(Err(e)) => Err(Error::Unreachable {
            url: redact(admin_url),
            reason: e.to_string(),
        }),
        Err(_) => Err(Error::Unreachable {
            url: redact(admin_url),
            reason: "timed out after 10 s".into(),
        }),
    }
}

async fn drop_database(admin_url: &str, name: &str) -> Result<()> {
    let mut admin = admin_connection(admin_url).await?;
    let statement = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    sqlx::raw_sql(sqlx::AssertSqlSafe(statement.clone()))
        .execute(&mut admin)
        .await
        .map_err(|e| Error::Refused {
            statement,
            reason: e.to_string(),
        })?;
    let _ = admin.close().await;
    Ok(())
}

fn unique_name(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let prefix: String = prefix
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .take(30)
        .collect();
    format!("{prefix}_{}_{n}_{nanos:09}", std::process::id())
}

/// A database owned by one test. On Postgres, the database is dropped when this value drops.
#[derive(Debug)]
pub struct TestDb {
    /// The connection to use.
    pub conn: DatabaseConnection,
    scratch: Option<ScratchDatabase>,
}

impl TestDb {
    /// The backend of this database.
    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    /// The scratch Postgres database behind this connection, if any.
    pub fn scratch(&self) -> Option<&ScratchDatabase> {
        self.scratch.as_ref()
    }

    /// The URL of the scratch Postgres database behind this connection (`None` on SQLite, whose
    /// in-memory database has no URL to reach it by).
    pub fn url(&self) -> Option<&str> {
        self.scratch.as_ref().map(ScratchDatabase::url)
    }

    /// A short label for assertion messages: `sqlite` or `postgres`.
    pub fn label(&self) -> &'static str {
        match self.backend() {
            DbBackend::Postgres => "postgres",
            DbBackend::Sqlite => "sqlite",
            _ => "other",
        }
    }

    /// Runs every migration.
    ///
    /// # Errors
    ///
    /// The first migration error.
    pub async fn migrate(&self) -> Result<()> {
        migration::migrator::up(&self.conn, &Migrator::changes(), None)
            .await
            .map_err(|e| Error::Migrate(e.to_string()))?;
        Ok(())
    }
}

impl std::ops::Deref for TestDb {
    type Target = DatabaseConnection;

    fn deref(&self) -> &DatabaseConnection {
        &self.conn
    }
}

/// An empty in-memory SQLite database.
///
/// One connection only: every connection to `sqlite::memory:` is a database of its own, so the
/// pool keeps exactly one, forever.
///
/// # Panics
///
/// When SQLite cannot open a database in memory, which is an environment failure.
pub async fn sqlite_empty() -> TestDb {
    let mut options = ConnectOptions::new("sqlite::memory:");
    options
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .sqlx_logging(false);
    let conn = Database::connect(options)
        .await
        .expect("SQLite opens a database in memory");
    TestDb {
        conn,
        scratch: None,
    }
}

/// A migrated in-memory SQLite database.
///
/// # Panics
///
/// When the migrations fail, which is the failure the calling test reports.
pub async fn sqlite() -> TestDb {
    let db = sqlite_empty().await;
    db.migrate()
        .await
        .expect("every migration applies on SQLite");
    db
}

/// An empty Postgres database of its own, or `None` (with a notice on stderr) when no server is
/// reachable and `REQUIRE_POSTGRES` is not set.
///
/// # Panics
///
/// When `REQUIRE_POSTGRES=1` and no server is reachable, or the server refuses to create the
/// database.
pub async fn postgres_empty() -> Option<TestDb> {
    let admin = admin_url();
    match ScratchDatabase::create(&admin, "test").await {
        Ok(scratch) => {
            let conn = scratch
                .connect()
                .await
                .expect("the new scratch database accepts connections");
            Some(TestDb {
                conn,
                scratch: Some(scratch),
            })
        }
        Err(e @ (Error::Unreachable { .. } | Error::BadAdminUrl(_))) if !postgres_required() => {
            eprintln!(
                "notice: skipping Postgres test: {e} (set REQUIRE_POSTGRES=1 to fail instead)"
            );
            None
        }
        Err(e) => panic!("Postgres is required for this test: {e}"),
    }
}

/// A migrated Postgres database of its own; see [`postgres_empty`].
///
/// # Panics
///
/// As [`postgres_empty`], and when the migrations fail.
pub async fn postgres() -> Option<TestDb> {
    let db = postgres_empty().await?;
    db.migrate()
        .await
        .expect("every migration applies on Postgres");
    Some(db)
}

/// A migrated database on every available backend: SQLite always, Postgres when reachable.
///
/// # Panics
///
/// As [`sqlite`] and [`postgres`].
pub async fn all_backends() -> Vec<TestDb> {
    let mut dbs = vec![sqlite().await];
    dbs.extend(postgres().await);
    dbs
}

/// Empty databases on every available backend.
///
/// # Panics
///
/// As [`sqlite_empty`] and [`postgres_empty`].
pub async fn all_backends_empty() -> Vec<TestDb> {
    let mut dbs = vec![sqlite_empty().await];
    dbs.extend(postgres_empty().await);
    dbs
}
