//! Batched, idempotent loading.
//!
//! Rows travel as [`Chunk`]s: one table's rows as database values, in the table's column order.
//! On SQLite a chunk becomes multi-row `INSERT … ON CONFLICT (primary key) DO NOTHING`
//! statements. On Postgres it becomes one `COPY … FROM STDIN` (text format) through
//! `tokio-postgres`, the bulk path. (Not through sqlx: sqlx 0.9.0 leaves Nagle's algorithm on, and
//! every `COPY` then waits about 40 ms for a delayed ACK before its last message.) The
//! first row's key is probed first, and a chunk whose rows may already be there (a second run, or
//! a database that holds part of the profile) goes through a temporary staging table and
//! `INSERT … SELECT … ON CONFLICT DO NOTHING` instead, so a run never fails or duplicates because
//! rows exist. A chunk can be encoded to COPY text ([`Chunk::encode`]) on another thread, so
//! generation overlaps the server's work.

use std::fmt::Write as _;

use futures_util::SinkExt;
use sea_orm::sea_query::{Alias, OnConflict, Query, SqliteQueryBuilder, Value};
use sea_orm::{
    ConnectionTrait, DatabaseTransaction, DbBackend, EntityName, EntityTrait, IdenStatic, Iterable,
    ModelTrait, PrimaryKeyToColumn, Statement,
};
use tokio_postgres::Transaction;

use crate::{Error, Result};

/// Rows per multi-row `INSERT` on SQLite: large enough to amortise round trips, small enough to
/// stay far below SQLite's limit of 32,766 bound parameters for the widest table.
const SQLITE_BATCH: usize = 500;

/// The domain of `table`, from the migrations ([`migration::table_domains`]); `unknown` for a
/// table no migration creates.
pub fn domain_of(table: &str) -> &'static str {
    static DOMAINS: std::sync::OnceLock<std::collections::BTreeMap<String, &'static str>> =
        std::sync::OnceLock::new();
    DOMAINS
        .get_or_init(|| migration::table_domains(&migration::Migrator::changes()))
        .get(table)
        .copied()
        .unwrap_or("unknown")
}

/// Rows of one table after seeding.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TableCount {
    /// The table.
    pub table: &'static str,
    /// The domain the table belongs to.
    pub domain: &'static str,
    /// Rows this run inserted.
    pub inserted: u64,
    /// Rows in the table after this run.
    pub total: u64,
}

/// One table's rows, as database values in the table's column order.
#[derive(Debug, Clone)]
pub struct Chunk {
    /// The domain the table belongs to (for the summary).
    pub domain: &'static str,
    /// The table.
    pub table: &'static str,
    /// Its columns, in entity order.
    pub columns: Vec<&'static str>,
    /// The columns of its primary key.
    pub key: Vec<&'static str>,
    /// The rows; each has one value per column.
    pub rows: Vec<Vec<Value>>,
}

impl Chunk {
    /// The rows of an entity's models.
    pub fn from_models<M: ModelTrait>(models: Vec<M>) -> Self {
        let table = <M::Entity as Default>::default().table_name();
        let columns: Vec<_> = <M::Entity as EntityTrait>::Column::iter().collect();
        let rows = models
            .iter()
            .map(|m| columns.iter().map(|c| m.get(*c)).collect())
            .collect();
        Self {
            domain: domain_of(table),
            table,
            columns: columns.iter().map(IdenStatic::as_str).collect(),
            key: <M::Entity as EntityTrait>::PrimaryKey::iter()
                .map(|k| k.into_column().as_str())
                .collect(),
            rows,
        }
    }

    /// The chunk as Postgres `COPY` text, ready to send.
    ///
    /// # Errors
    ///
    /// [`Error::Encode`] for a value type the seed never writes (a programming error, reported
    /// rather than guessed at).
    pub fn encode(&self) -> Result<Encoded> {
        let mut data = String::with_capacity(self.rows.len() * 128);
        for row in &self.rows {
            for (i, value) in row.iter().enumerate() {
                if i > 0 {
                    data.push('\t');
                }
                copy_text(&mut data, value).map_err(|kind| Error::Encode {
                    table: self.table,
                    column: self.columns[i],
                    kind,
                })?;
            }
            data.push('\n');
        }
        let first_key = match self.rows.first() {
            None => None,
            Some(row) => {
                let mut literals = Vec::with_capacity(self.key.len());
                for k in &self.key {
                    let i = self.columns.iter().position(|c| c == k).unwrap_or(0);
                    let mut text = String::new();
                    copy_text(&mut text, &row[i]).map_err(|kind| Error::Encode {
                        table: self.table,
                        column: k,
                        kind,
                    })?;
                    literals.push(format!("'{}'", text.replace('\'', "''")));
                }
                Some(literals)
            }
        };
        Ok(Encoded {
            domain: self.domain,
            table: self.table,
            columns: self.columns.clone(),
            key: self.key.clone(),
            first_key,
            rows: self.rows.len() as u64,
            data: data.into_bytes(),
        })
    }
}

/// A chunk encoded as `COPY` text (see [`Chunk::encode`]).
#[derive(Debug, Clone)]
pub struct Encoded {
    /// The domain the table belongs to.
    pub domain: &'static str,
    /// The table.
    pub table: &'static str,
    /// Its columns, in the order of the data.
    pub columns: Vec<&'static str>,
    /// Its primary key columns.
    pub key: Vec<&'static str>,
    /// The first row's key, as SQL literals, to probe for rows already there.
    pub first_key: Option<Vec<String>>,
    /// How many rows the data holds.
    pub rows: u64,
    /// The rows in `COPY` text format.
    pub data: Vec<u8>,
}

impl Encoded {
    /// The `COPY … FROM STDIN` statement for the data, into `target`.
    fn copy_statement(&self, target: &str) -> String {
        format!("COPY {target} ({}) FROM STDIN", quote_all(&self.columns))
    }
}

/// Writes `value` in `COPY` text format: `\N` for NULL, backslash escapes for the separators.
fn copy_text(out: &mut String, value: &Value) -> std::result::Result<(), &'static str> {
    macro_rules! num {
        ($v:expr) => {
            match $v {
                Some(v) => {
                    let _ = write!(out, "{v}");
                }
                None => out.push_str("\\N"),
            }
        };
    }
    match value {
        Value::Bool(v) => match v {
            Some(true) => out.push('t'),
            Some(false) => out.push('f'),
            None => out.push_str("\\N"),
        },
        Value::TinyInt(v) => num!(v),
        Value::SmallInt(v) => num!(v),
        Value::Int(v) => num!(v),
        Value::BigInt(v) => num!(v),
        Value::TinyUnsigned(v) => num!(v),
        Value::SmallUnsigned(v) => num!(v),
        Value::Unsigned(v) => num!(v),
        Value::BigUnsigned(v) => num!(v),
        Value::Float(v) => num!(v),
        Value::Double(v) => num!(v),
        Value::String(v) => match v {
            Some(s) => escape_into(out, s),
            None => out.push_str("\\N"),
        },
        Value::Char(v) => match v {
            Some(c) => escape_into(out, c.encode_utf8(&mut [0; 4])),
            None => out.push_str("\\N"),
        },
        Value::Enum(v) => match v {
            sea_orm::sea_query::OptionEnum::Some(e) => escape_into(out, &e.value),
            sea_orm::sea_query::OptionEnum::None(_) => out.push_str("\\N"),
        },
        Value::Json(v) => match v {
            Some(j) => escape_into(out, &j.to_string()),
            None => out.push_str("\\N"),
        },
        Value::Uuid(v) => match v {
            Some(u) => {
                let _ = write!(out, "{}", u.hyphenated());
            }
            None => out.push_str("\\N"),
        },
        Value::ChronoDateTimeWithTimeZone(v) => match v {
            Some(t) => {
                let _ = write!(out, "{}", t.format("%Y-%m-%d %H:%M:%S%.6f%:z"));
            }
            None => out.push_str("\\N"),
        },
        Value::ChronoDateTimeUtc(v) => match v {
            Some(t) => {
                let _ = write!(out, "{}", t.format("%Y-%m-%d %H:%M:%S%.6f+00:00"));
            }
            None => out.push_str("\\N"),
        },
        Value::ChronoDateTime(v) => match v {
            Some(t) => {
                let _ = write!(out, "{}", t.format("%Y-%m-%d %H:%M:%S%.6f"));
            }
            None => out.push_str("\\N"),
        },
        Value::ChronoDate(v) => match v {
            Some(d) => {
                let _ = write!(out, "{}", d.format("%Y-%m-%d"));
            }
            None => out.push_str("\\N"),
        },
        Value::ChronoTime(v) => match v {
            Some(t) => {
                let _ = write!(out, "{}", t.format("%H:%M:%S%.6f"));
            }
            None => out.push_str("\\N"),
        },
        Value::Bytes(v) => match v {
            Some(b) => {
                out.push_str("\\\\x");
                for byte in b {
                    let _ = write!(out, "{byte:02x}");
                }
            }
            None => out.push_str("\\N"),
        },
        _ => return Err("a value type the seed does not write"),
    }
    Ok(())
}

/// Appends `s` with `COPY` text escapes.
fn escape_into(out: &mut String, s: &str) {
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
}

/// Quoted SQL identifiers, comma-separated.
fn quote_all(idents: &[&str]) -> String {
    idents
        .iter()
        .map(|c| quote(c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A quoted SQL identifier.
fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

/// Told about every chunk loaded, for progress output.
pub trait Progress: Send + Sync {
    /// `rows` rows of `table` were written (`inserted` of them new).
    fn loaded(&self, domain: &'static str, table: &'static str, rows: u64, inserted: u64);

    /// `done` of the profile's `total` generated tenants are loaded.
    fn tenants(&self, done: usize, total: usize) {
        let _ = (done, total);
    }
}

/// Where a loader writes.
enum Sink<'a> {
    Sqlite(&'a DatabaseTransaction),
    Postgres(&'a Transaction<'a>),
}

impl std::fmt::Debug for Sink<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Sqlite(_) => "Sqlite",
            Self::Postgres(_) => "Postgres",
        })
    }
}

/// Loads chunks inside one transaction and keeps count per table.
pub struct Loader<'a> {
    sink: Sink<'a>,
    counts: Vec<TableCount>,
    progress: Option<&'a dyn Progress>,
    /// Staging tables created so far in this transaction (Postgres).
    staged: Vec<&'static str>,
}

impl std::fmt::Debug for Loader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loader")
            .field("sink", &self.sink)
            .field("counts", &self.counts)
            .finish_non_exhaustive()
    }
}

impl<'a> Loader<'a> {
    /// A loader writing through a SeaORM transaction (SQLite: batched multi-row inserts).
    pub fn sqlite(txn: &'a DatabaseTransaction) -> Self {
        Self::with_sink(Sink::Sqlite(txn))
    }

    /// A loader writing through a Postgres transaction (`COPY`).
    pub fn postgres(txn: &'a Transaction<'a>) -> Self {
        Self::with_sink(Sink::Postgres(txn))
    }

    fn with_sink(sink: Sink<'a>) -> Self {
        Self {
            sink,
            counts: Vec::new(),
            progress: None,
            staged: Vec::new(),
        }
    }

    /// Reports every chunk to `progress`.
    pub fn with_progress(mut self, progress: Option<&'a dyn Progress>) -> Self {
        self.progress = progress;
        self
    }

    /// The progress observer, if any.
    pub fn progress(&self) -> Option<&'a dyn Progress> {
        self.progress
    }

    /// The backend written to.
    pub fn backend(&self) -> DbBackend {
        match self.sink {
            Sink::Sqlite(_) => DbBackend::Sqlite,
            Sink::Postgres(_) => DbBackend::Postgres,
        }
    }

    /// Inserts an entity's `rows`, skipping rows whose primary key already exists.
    ///
    /// # Errors
    ///
    /// [`Error::Table`] naming the table and the constraint a row broke.
    pub async fn load<M: ModelTrait>(&mut self, rows: Vec<M>) -> Result<()> {
        let chunk = Chunk::from_models(rows);
        match self.sink {
            Sink::Sqlite(_) => self.load_chunk(chunk).await,
            Sink::Postgres(_) => self.load_encoded(chunk.encode()?).await,
        }
    }

    /// Inserts a chunk's rows, skipping rows whose primary key already exists.
    ///
    /// # Errors
    ///
    /// As [`Loader::load`].
    pub async fn load_chunk(&mut self, chunk: Chunk) -> Result<()> {
        let txn = match &mut self.sink {
            Sink::Sqlite(txn) => *txn,
            Sink::Postgres(_) => return self.load_encoded(chunk.encode()?).await,
        };
        let table = chunk.table;
        let mut inserted = 0;
        for rows in chunk.rows.chunks(SQLITE_BATCH) {
            let mut insert = Query::insert();
            insert
                .into_table(Alias::new(table))
                .columns(chunk.columns.iter().map(|c| Alias::new(*c)))
                .on_conflict(
                    OnConflict::columns(chunk.key.iter().map(|c| Alias::new(*c)))
                        .do_nothing()
                        .to_owned(),
                );
            for row in rows {
                insert
                    .values(row.iter().cloned().map(Into::into))
                    .map_err(|e| Error::Table {
                        table: table.into(),
                        source: sea_orm::DbErr::Custom(e.to_string()).into(),
                    })?;
            }
            let (sql, values) = insert.build(SqliteQueryBuilder);
            let result = txn
                .execute_raw(Statement::from_sql_and_values(
                    DbBackend::Sqlite,
                    sql,
                    values,
                ))
                .await
                .map_err(|e| Error::Table {
                    table: table.into(),
                    source: e.into(),
                })?;
            inserted += result.rows_affected();
        }
        self.count(chunk.domain, table, chunk.rows.len() as u64, inserted);
        Ok(())
    }

    /// Writes an encoded chunk with `COPY` (Postgres only).
    ///
    /// # Errors
    ///
    /// As [`Loader::load`]; [`Error::Backend`] on SQLite.
    pub async fn load_encoded(&mut self, chunk: Encoded) -> Result<()> {
        let table = chunk.table;
        let fail = |e: tokio_postgres::Error| pg_error(table, &e);
        let Sink::Postgres(txn) = self.sink else {
            return Err(Error::Backend("COPY is a Postgres path"));
        };
        let Some(first_key) = &chunk.first_key else {
            return Ok(());
        };
        let key = quote_all(&chunk.key);
        let probe = format!(
            "SELECT EXISTS (SELECT 1 FROM {} WHERE ({key}) = ({}))",
            quote(table),
            first_key.join(", ")
        );
        let present: bool = txn
            .query_one(probe.as_str(), &[])
            .await
            .map_err(fail)?
            .get(0);
        let inserted = if present {
            // Some rows may be there already: stage, then insert what is missing.
            let stage = quote(&format!("seed_stage_{table}"));
            if self.staged.contains(&table) {
                txn.batch_execute(&format!("TRUNCATE {stage}"))
                    .await
                    .map_err(fail)?;
            } else {
                txn.batch_execute(&format!(
                    "CREATE TEMPORARY TABLE {stage} (LIKE {} INCLUDING DEFAULTS) ON COMMIT DROP",
                    quote(table)
                ))
                .await
                .map_err(fail)?;
                self.staged.push(table);
            }
            copy(txn, &chunk.copy_statement(&stage), chunk.data)
                .await
                .map_err(fail)?;
            let columns = quote_all(&chunk.columns);
            txn.execute(
                format!(
                    "INSERT INTO {} ({columns}) SELECT {columns} FROM {stage} \
                     ON CONFLICT ({key}) DO NOTHING",
                    quote(table)
                )
                .as_str(),
                &[],
            )
            .await
            .map_err(fail)?
        } else {
            let statement = chunk.copy_statement(&quote(table));
            copy(txn, &statement, chunk.data).await.map_err(fail)?
        };
        self.count(chunk.domain, table, chunk.rows, inserted);
        Ok(())
    }

    fn count(&mut self, domain: &'static str, table: &'static str, rows: u64, inserted: u64) {
        if let Some(p) = self.progress {
            p.loaded(domain, table, rows, inserted);
        }
        match self.counts.iter_mut().find(|c| c.table == table) {
            Some(c) => c.inserted += inserted,
            None => self.counts.push(TableCount {
                table,
                domain,
                inserted,
                total: 0,
            }),
        }
    }

    /// The counts, in first-load order, with each table's row count after loading.
    ///
    /// # Errors
    ///
    /// [`Error::Table`] when a table cannot be counted.
    pub async fn finish(mut self) -> Result<Vec<TableCount>> {
        let mut counts = std::mem::take(&mut self.counts);
        for c in &mut counts {
            let sql = format!("SELECT count(*) AS n FROM {}", quote(c.table));
            let table = c.table;
            c.total = match &mut self.sink {
                Sink::Sqlite(txn) => {
                    let row = txn
                        .query_one_raw(Statement::from_string(DbBackend::Sqlite, sql))
                        .await
                        .and_then(|r| {
                            r.ok_or_else(|| sea_orm::DbErr::Custom("count returned no row".into()))
                        })
                        .and_then(|r| r.try_get::<i64>("", "n"))
                        .map_err(|e| Error::Table {
                            table: table.into(),
                            source: e.into(),
                        })?;
                    u64::try_from(row).unwrap_or_default()
                }
                Sink::Postgres(txn) => {
                    let n: i64 = txn
                        .query_one(sql.as_str(), &[])
                        .await
                        .map_err(|e| pg_error(table, &e))?
                        .get(0);
                    u64::try_from(n).unwrap_or_default()
                }
            };
        }
        Ok(counts)
    }
}

/// Sends `data` through `COPY statement FROM STDIN`; the rows written.
async fn copy(
    txn: &Transaction<'_>,
    statement: &str,
    data: Vec<u8>,
) -> std::result::Result<u64, tokio_postgres::Error> {
    let sink = txn.copy_in::<_, bytes::Bytes>(statement).await?;
    futures_util::pin_mut!(sink);
    sink.send(bytes::Bytes::from(data)).await?;
    sink.finish().await
}

/// A Postgres error on `table`, typed like every other database error: a constraint violation
/// names its constraint.
pub(crate) fn pg_error(table: &'static str, e: &tokio_postgres::Error) -> Error {
    Error::Table {
        table: table.into(),
        source: domain_error(e),
    }
}

/// A Postgres error as the domain's error.
pub(crate) fn domain_error(e: &tokio_postgres::Error) -> domain::Error {
    use domain::error::{ConstraintKind, ConstraintViolation};
    use tokio_postgres::error::SqlState;
    if let Some(db) = e.as_db_error() {
        let kind = match *db.code() {
            SqlState::UNIQUE_VIOLATION => Some(ConstraintKind::Unique),
            SqlState::CHECK_VIOLATION => Some(ConstraintKind::Check),
            SqlState::FOREIGN_KEY_VIOLATION => Some(ConstraintKind::ForeignKey),
            SqlState::NOT_NULL_VIOLATION => Some(ConstraintKind::NotNull),
            _ => None,
        };
        if let Some(kind) = kind {
            return domain::Error::Constraint(ConstraintViolation {
                kind,
                constraint: db.constraint().map(str::to_owned),
                message: db.message().to_owned(),
            });
        }
        return domain::Error::Db(sea_orm::DbErr::Custom(format!(
            "{} ({})",
            db.message(),
            db.code().code()
        )));
    }
    domain::Error::Db(sea_orm::DbErr::Custom(e.to_string()))
}
