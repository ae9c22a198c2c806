//! What a database holds, read from its own catalog (`pg_catalog` on Postgres, `sqlite_master`
//! on SQLite), for assertions.
//!
//! Every list is sorted by name (byte order on both backends) and covers the current schema only.
//! Tables are base tables: views are never listed, and neither are the partitions of a partitioned
//! Postgres table (the partitioned parent is). The helpers panic when a catalog query fails, which
//! in a test is the failure to report.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, QueryResult, Statement};

/// The migrations record of SeaORM, which belongs to the tooling rather than to the schema.
pub const MIGRATIONS_TABLE: &str = "seaql_migrations";

/// The prefix of the tables the xtask keeps for itself (checksums, dev marks).
pub const XTASK_TABLE_PREFIX: &str = "xtask_";

/// Whether `table` belongs to the tooling (the migrations record or an `xtask_*` table) rather
/// than to the domain schema.
pub fn is_tooling_table(table: &str) -> bool {
    table == MIGRATIONS_TABLE || table.starts_with(XTASK_TABLE_PREFIX)
}

/// Every table, tooling tables included: on SQLite the user tables (not `sqlite_*`), on Postgres
/// the ordinary and partitioned tables that are not partitions. Sorted.
///
/// # Panics
///
/// When the catalog query fails.
pub async fn tables(db: &DatabaseConnection) -> Vec<String> {
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => {
            "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition \
             ORDER BY 1"
        }
        _ => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1"
        }
    };
    names(db, sql).await
}

/// The tables of the domain schema: [`tables`] without the tooling's (see
/// [`is_tooling_table`]). Sorted.
///
/// # Panics
///
/// When the catalog query fails.
pub async fn domain_tables(db: &DatabaseConnection) -> Vec<String> {
    tables(db)
        .await
        .into_iter()
        .filter(|t| !is_tooling_table(t))
        .collect()
}

/// A table with a `tenant_id` column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantTable {
    /// The table name.
    pub name: String,
    /// Whether `tenant_id` is nullable, that is whether the table may hold platform rows.
    pub tenant_id_nullable: bool,
}

/// The tables with a `tenant_id` column (the same kinds of table as [`tables`]; no tooling table
/// has one). Sorted.
///
/// # Panics
///
/// When the catalog query fails.
pub async fn tenant_tables(db: &DatabaseConnection) -> Vec<TenantTable> {
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => {
            "SELECT c.relname AS name, NOT a.attnotnull AS nullable FROM pg_attribute a \
             JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition \
             AND a.attname = 'tenant_id' AND NOT a.attisdropped ORDER BY 1"
        }
        _ => {
            "SELECT m.name AS name, NOT p.\"notnull\" AS nullable \
             FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND p.name = 'tenant_id' ORDER BY 1"
        }
    };
    rows(db, sql)
        .await
        .iter()
        .map(|r| TenantTable {
            name: r.try_get("", "name").expect("a name column"),
            tenant_id_nullable: r.try_get("", "nullable").expect("a nullable column"),
        })
        .collect()
}

/// The names of [`tenant_tables`]. Sorted.
///
/// # Panics
///
/// When the catalog query fails.
pub async fn tenant_table_names(db: &DatabaseConnection) -> Vec<String> {
    tenant_tables(db)
        .await
        .into_iter()
        .map(|t| t.name)
        .collect()
}

/// Enum types of the current schema (Postgres), sorted; none on SQLite, which has no such types.
///
/// # Panics
///
/// When the catalog query fails.
pub async fn enum_types(db: &DatabaseConnection) -> Vec<String> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Vec::new();
    }
    names(
        db,
        "SELECT t.typname AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
         WHERE n.nspname = current_schema() AND t.typtype = 'e' ORDER BY 1",
    )
    .await
}

/// Functions of the current schema (Postgres), sorted; none on SQLite, which has no such
/// functions.
///
/// # Panics
///
/// When the catalog query fails.
pub async fn functions(db: &DatabaseConnection) -> Vec<String> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Vec::new();
    }
    names(
        db,
        "SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
         WHERE n.nspname = current_schema() ORDER BY 1",
    )
    .await
}

async fn rows(db: &DatabaseConnection, sql: &str) -> Vec<QueryResult> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("catalog query `{sql}` runs: {e}"))
}

async fn names(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    rows(db, sql)
        .await
        .iter()
        .map(|r| r.try_get::<String>("", "name").expect("a name column"))
        .collect()
}
