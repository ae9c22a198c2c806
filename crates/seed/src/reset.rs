//! `--reset`: removes exactly the rows seeding wrote.
//!
//! Every seeded id carries [`crate::ID_SIGNATURE`], so the rows seeding wrote are found by id,
//! whatever profile or seed wrote them, and rows a developer added are kept. Tables are emptied
//! of seeded rows children first (the order comes from the catalog's foreign keys), in one
//! transaction: a row a developer added that still refers to a seeded row with `RESTRICT` stops
//! the reset with the constraint's name, and nothing is deleted. Rows that cascade from a seeded
//! row (a report a developer added to a seeded tenant) go with it, as the schema says they must.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, TransactionTrait};

use crate::{Error, ID_SIGNATURE_HEX, Result};

/// What a reset removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reset {
    /// Rows deleted per table, in deletion order; tables with none are left out.
    pub tables: Vec<(String, u64)>,
}

impl Reset {
    /// Rows deleted, across tables.
    pub fn deleted(&self) -> u64 {
        self.tables.iter().map(|(_, n)| n).sum()
    }
}

/// Deletes every row whose key carries the seed signature, children before parents, in one
/// transaction. The caller decides whether the database may be reset (the xtask requires the
/// dev mark or `--force`).
///
/// # Errors
///
/// [`Error::Table`] naming the table and constraint when a delete is refused; nothing is
/// deleted then.
pub async fn reset(db: &DatabaseConnection) -> Result<Reset> {
    let backend = db.get_database_backend();
    let txn = db.begin().await?;
    let tables = domain_tables(&txn, backend).await?;
    let mut out = Reset::default();
    for table in delete_order(&tables) {
        let keys = &tables[&table].keys;
        if keys.is_empty() {
            continue;
        }
        let predicate = keys
            .iter()
            .map(|k| signed(backend, k))
            .collect::<Vec<_>>()
            .join(" OR ");
        let sql = format!("DELETE FROM \"{table}\" WHERE {predicate}");
        let done = txn
            .execute_raw(Statement::from_string(backend, sql))
            .await
            .map_err(|e| Error::Table {
                table: table.clone(),
                source: e.into(),
            })?;
        if done.rows_affected() > 0 {
            out.tables.push((table, done.rows_affected()));
        }
    }
    txn.commit().await?;
    Ok(out)
}

/// The tables (not the tooling's; before or after migrating) that hold rows seeding did not
/// write (no key carries the seed signature), in name order; empty for an empty or purely seeded database. `cargo xtask seed`
/// refuses such a database unless `--force`, naming the first.
///
/// # Errors
///
/// When the catalog or a table cannot be read.
pub async fn foreign_tables(db: &DatabaseConnection) -> Result<Vec<String>> {
    let backend = db.get_database_backend();
    let mut found = Vec::new();
    for (table, info) in domain_tables(db, backend).await? {
        // Seeding writes uuid keys only: any row of a table without one is someone else's.
        let seeded = if info.keys.is_empty() {
            "1 = 0".to_owned()
        } else {
            info.keys
                .iter()
                .map(|k| signed(backend, k))
                .collect::<Vec<_>>()
                .join(" OR ")
        };
        let sql = format!("SELECT 1 AS found FROM \"{table}\" WHERE NOT ({seeded}) LIMIT 1");
        let row = db
            .query_one_raw(Statement::from_string(backend, sql))
            .await
            .map_err(|e| Error::Table {
                table: table.clone(),
                source: e.into(),
            })?;
        if row.is_some() {
            found.push(table);
        }
    }
    Ok(found)
}

/// SQL that is true when the uuid column `column` carries the seed signature.
fn signed(backend: DbBackend, column: &str) -> String {
    match backend {
        DbBackend::Postgres => format!("right(\"{column}\"::text, 8) = '{ID_SIGNATURE_HEX}'"),
        // sqlx stores uuids as 16-byte blobs; text ids (written by hand) are matched too.
        _ => format!(
            "((typeof(\"{column}\") = 'blob' AND lower(hex(substr(\"{column}\", 13, 4))) = '{ID_SIGNATURE_HEX}') \
             OR (typeof(\"{column}\") = 'text' AND lower(substr(\"{column}\", -8)) = '{ID_SIGNATURE_HEX}'))"
        ),
    }
}

/// A table's primary-key columns that hold ids, and the tables it refers to.
#[derive(Debug, Default)]
struct TableInfo {
    keys: Vec<String>,
    parents: BTreeSet<String>,
}

/// Tables children first: a table comes before every table it refers to.
fn delete_order(tables: &BTreeMap<String, TableInfo>) -> Vec<String> {
    // Depth-first post-order over "is referred to by" gives parents after children; cycles (none
    // today) are broken where they are met, and the database then decides.
    let mut children: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, info) in tables {
        for parent in &info.parents {
            if parent != name && tables.contains_key(parent) {
                children
                    .entry(parent.as_str())
                    .or_default()
                    .push(name.as_str());
            }
        }
    }
    let mut order = Vec::new();
    let mut seen = BTreeSet::new();
    fn visit<'a>(
        t: &'a str,
        children: &BTreeMap<&'a str, Vec<&'a str>>,
        seen: &mut BTreeSet<&'a str>,
        order: &mut Vec<String>,
    ) {
        if !seen.insert(t) {
            return;
        }
        for c in children.get(t).into_iter().flatten() {
            visit(c, children, seen, order);
        }
        order.push(t.to_owned());
    }
    for name in tables.keys() {
        visit(name, &children, &mut seen, &mut order);
    }
    order
}

/// The domain tables (not partitions, not the tooling's), their uuid key columns and parents.
async fn domain_tables(
    txn: &impl ConnectionTrait,
    backend: DbBackend,
) -> Result<BTreeMap<String, TableInfo>> {
    let mut tables: BTreeMap<String, TableInfo> = BTreeMap::new();
    let query = |sql: &str| Statement::from_string(backend, sql.to_owned());
    match backend {
        DbBackend::Postgres => {
            for row in txn
                .query_all_raw(query(
                    "SELECT c.relname::text AS t, a.attname::text AS k \
                     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                     JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary \
                     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey) \
                     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') \
                       AND NOT c.relispartition AND a.atttypid = 'uuid'::regtype \
                       AND c.relname NOT LIKE 'xtask\\_%' AND c.relname <> 'seaql_migrations' \
                     ORDER BY 1, 2",
                ))
                .await?
            {
                let t: String = row.try_get("", "t")?;
                let k: String = row.try_get("", "k")?;
                tables.entry(t).or_default().keys.push(k);
            }
            for row in txn
                .query_all_raw(query(
                    "SELECT c.relname::text AS t, p.relname::text AS parent \
                     FROM pg_constraint f JOIN pg_class c ON c.oid = f.conrelid \
                     JOIN pg_class p ON p.oid = f.confrelid \
                     JOIN pg_namespace n ON n.oid = c.relnamespace \
                     WHERE f.contype = 'f' AND n.nspname = current_schema() \
                       AND NOT c.relispartition AND f.conparentid = 0",
                ))
                .await?
            {
                let t: String = row.try_get("", "t")?;
                let parent: String = row.try_get("", "parent")?;
                if let Some(info) = tables.get_mut(&t) {
                    info.parents.insert(parent);
                }
            }
        }
        _ => {
            let names = txn
                .query_all_raw(query(
                    "SELECT name FROM sqlite_master WHERE type = 'table' \
                     AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'xtask\\_%' ESCAPE '\\' \
                     AND name <> 'seaql_migrations' ORDER BY name",
                ))
                .await?;
            for row in names {
                let t: String = row.try_get("", "name")?;
                let mut info = TableInfo::default();
                for col in txn
                    .query_all_raw(Statement::from_sql_and_values(
                        backend,
                        "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk",
                        [t.clone().into()],
                    ))
                    .await?
                {
                    info.keys.push(col.try_get("", "name")?);
                }
                for fk in txn
                    .query_all_raw(Statement::from_sql_and_values(
                        backend,
                        "SELECT DISTINCT \"table\" AS parent FROM pragma_foreign_key_list(?)",
                        [t.clone().into()],
                    ))
                    .await?
                {
                    info.parents.insert(fk.try_get("", "parent")?);
                }
                tables.insert(t, info);
            }
        }
    }
    Ok(tables)
}
