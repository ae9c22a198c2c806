//! Reading what a database holds, for assertions.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

/// Names of the user tables (SQLite) or of the non-partition tables of the current schema
/// (Postgres), sorted.
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

/// Enum types (Postgres) of the current schema, sorted; none on SQLite.
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

/// Functions (Postgres) of the current schema, sorted; none on SQLite.
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

async fn names(db: &DatabaseConnection, sql: &str) -> Vec<String> {
    db.query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("catalog query runs")
        .iter()
        .map(|r| r.try_get::<String>("", "name").expect("a name column"))
        .collect()
}
