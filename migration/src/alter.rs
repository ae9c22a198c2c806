//! The ALTER vocabulary: changes to tables that already hold rows, in the forms that are safe on
//! a live database.
//!
//! - **Postgres.** Constraints are added `NOT VALID` (instant: only new writes are checked) and
//!   validated by a later migration (`validate_*`, which scans without blocking writes). A
//!   `NOT NULL` is added as a `NOT VALID` check, validated, and only then set (Postgres uses the
//!   validated check instead of scanning again). Indexes on existing tables are built
//!   `CONCURRENTLY` in a migration that runs outside a transaction
//!   ([`crate::SchemaChange::transactional`] returns `false`), and a unique one becomes a
//!   constraint with `ADD CONSTRAINT … USING INDEX` ([`Ddl::attach_unique`]). Every transactional
//!   migration starts with `SET LOCAL lock_timeout` and `statement_timeout` ([`crate::LOCK_TIMEOUT`]),
//!   one outside a transaction with the same as plain `SET` (for the migrator's own session). An
//!   enum value is added with `ALTER TYPE … ADD VALUE IF NOT EXISTS`; Postgres cannot drop one, so
//!   the reverse rebuilds the type ([`Ddl::drop_enum_value`]).
//! - **SQLite.** What its `ALTER TABLE` cannot do goes through the table rebuild SQLite documents
//!   (<https://www.sqlite.org/lang_altertable.html#otheralter>), inside the migration's
//!   transaction: create the new table, copy the rows, drop the old one, rename the new one,
//!   recreate its indexes (SQLite tables of this schema have no triggers; views are kept by
//!   renaming under `legacy_alter_table`). The migrator runs with foreign keys off, as the
//!   procedure requires, and ends every command with `PRAGMA foreign_key_check`
//!   (`migration/src/migrator.rs`). The vocabulary knows each table's current shape because the
//!   pins are rendered by replaying every migration in order ([`crate::pin::Pin::render_all`]).
//!
//! Every operation has a round-trip test with rows on both backends (`xtask/tests/alter.rs`).

use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::sea_query::{
    Index as SqIndex, PostgresQueryBuilder, SqliteQueryBuilder, Table as SqTable,
};

use crate::ddl::{Check, CompositeKey, quote_ident, quote_literal};
use crate::{Column, Ddl, Default, EnumType, IndexSpec, OnDelete, Table};

/// A foreign key added to an existing table, possibly over several columns (for example
/// `(tenant_id, report_id)` referencing `reports (tenant_id, id)`), named `fk_<table>_<columns>`.
#[derive(Debug, Clone)]
pub struct ForeignKeySpec {
    pub(crate) key: CompositeKey,
}

impl ForeignKeySpec {
    /// `columns` of `table` referencing `ref_columns` of `references`, `ON DELETE NO ACTION`.
    pub fn new(table: &str, columns: &[&str], references: &str, ref_columns: &[&str]) -> Self {
        Self {
            key: CompositeKey {
                name: format!("fk_{table}_{}", columns.join("_")),
                columns: columns.iter().map(|c| (*c).to_owned()).collect(),
                references: references.to_owned(),
                ref_columns: ref_columns.iter().map(|c| (*c).to_owned()).collect(),
                on_delete: OnDelete::NoAction,
            },
        }
    }

    /// What the key does when the referenced row is deleted.
    pub fn on_delete(mut self, on_delete: OnDelete) -> Self {
        self.key.on_delete = on_delete;
        self
    }

    /// The constraint name.
    pub fn name(&self) -> &str {
        &self.key.name
    }
}

impl Ddl {
    fn table_mut(&mut self, table: &str) -> &mut Table {
        let backend = self.backend;
        self.schema.tables.get_mut(table).unwrap_or_else(|| {
            panic!(
                "ddl: table `{table}` is unknown to the vocabulary on {:?}: ALTER operations apply to \
                 tables created with Ddl::create_table by an earlier migration",
                backend
            )
        })
    }

    fn alter_pg(&mut self, table: &str, action: &str) {
        self.postgres(format!("ALTER TABLE {} {action}", quote_ident(table)));
    }

    /// Rebuilds `table` on SQLite after `change` edited its shape in the model; `copy` maps each
    /// column of the new table to the expression of the old table its rows are copied from
    /// (`None`: the column takes its default).
    fn rebuild_sqlite(
        &mut self,
        table: &str,
        change: impl FnOnce(&mut Table),
        copy: impl Fn(&str) -> Option<String>,
    ) {
        if self.backend != DbBackend::Sqlite {
            // Postgres alters in place; the model follows when it knows the table.
            if let Some(t) = self.schema.tables.get_mut(table) {
                change(t);
            }
            return;
        }
        change(self.table_mut(table));
        let after = self.table_mut(table).clone();
        let temp = format!("{table}__rebuild");
        let mut rendered = after.render(DbBackend::Sqlite).into_iter();
        let create = rendered.next().unwrap_or_default().replacen(
            &format!("CREATE TABLE {}", quote_ident(table)),
            &format!("CREATE TABLE {}", quote_ident(&temp)),
            1,
        );
        let (mut into, mut from) = (Vec::new(), Vec::new());
        for column in after.column_names() {
            if let Some(expr) = copy(column) {
                into.push(quote_ident(column));
                from.push(expr);
            }
        }
        self.statements
            .push("PRAGMA legacy_alter_table = ON".into());
        self.statements.push(create);
        self.statements.push(format!(
            "INSERT INTO {} ({}) SELECT {} FROM {}",
            quote_ident(&temp),
            into.join(", "),
            from.join(", "),
            quote_ident(table)
        ));
        self.statements
            .push(format!("DROP TABLE {}", quote_ident(table)));
        self.statements.push(format!(
            "ALTER TABLE {} RENAME TO {}",
            quote_ident(&temp),
            quote_ident(table)
        ));
        self.statements.extend(rendered);
        self.statements
            .push("PRAGMA legacy_alter_table = OFF".into());
    }

    /// Adds a column. Give it a default or make it nullable: a `NOT NULL` column without a default
    /// cannot be added to a table with rows. On Postgres a length rule ([`Column::varchar`]) is
    /// added `NOT VALID`; validate it with [`validate_check`](Self::validate_check)
    /// (rule `<column>_length`) in a later migration.
    pub fn add_column(&mut self, table: &str, column: Column) -> &mut Self {
        if self.is_postgres() {
            let mut stmt = SqTable::alter();
            stmt.table(table.to_owned())
                .add_column(column.def(DbBackend::Postgres));
            self.postgres(stmt.to_string(PostgresQueryBuilder));
            if let Some(max) = column.max_length() {
                self.alter_pg(
                    table,
                    &format!(
                        "ADD CONSTRAINT {} CHECK (length({}) <= {max}) NOT VALID",
                        quote_ident(&format!("ck_{table}_{}_length", column.name())),
                        quote_ident(column.name())
                    ),
                );
            }
            if let Some(comment) = column.comment_text() {
                self.postgres(format!(
                    "COMMENT ON COLUMN {}.{} IS {}",
                    quote_ident(table),
                    quote_ident(column.name()),
                    quote_literal(comment)
                ));
            }
        }
        let name = column.name().to_owned();
        self.rebuild_sqlite(
            table,
            |t| t.push_column(column),
            |c| (c != name).then(|| quote_ident(c)),
        );
        self
    }

    /// Drops a column (and, on Postgres, what depends on it). Write the exact
    /// [`add_column`](Self::add_column) in `down`.
    pub fn drop_column(&mut self, table: &str, column: &str) -> &mut Self {
        self.alter_pg(table, &format!("DROP COLUMN {}", quote_ident(column)));
        self.rebuild_sqlite(table, |t| t.remove_column(column), |c| Some(quote_ident(c)));
        self
    }

    /// Renames a column. Services reading the old name break at once: prefer add, dual-write,
    /// backfill, switch, drop (docs/migrations.md).
    pub fn rename_column(&mut self, table: &str, from: &str, to: &str) -> &mut Self {
        self.alter_pg(
            table,
            &format!("RENAME COLUMN {} TO {}", quote_ident(from), quote_ident(to)),
        );
        let (from_name, to_name) = (from.to_owned(), to.to_owned());
        self.rebuild_sqlite(
            table,
            |t| t.rename_column(from, to),
            |c| {
                Some(if c == to_name {
                    quote_ident(&from_name)
                } else {
                    quote_ident(c)
                })
            },
        );
        self
    }

    /// Sets a column's default (instant on Postgres: existing rows keep their values).
    pub fn set_default(&mut self, table: &str, column: &str, default: Default) -> &mut Self {
        self.alter_pg(
            table,
            &format!(
                "ALTER COLUMN {} SET DEFAULT {}",
                quote_ident(column),
                default.sql(DbBackend::Postgres)
            ),
        );
        self.rebuild_sqlite(
            table,
            |t| t.column_mut(column).set_default(Some(default)),
            |c| Some(quote_ident(c)),
        );
        self
    }

    /// Removes a column's default.
    pub fn drop_default(&mut self, table: &str, column: &str) -> &mut Self {
        self.alter_pg(
            table,
            &format!("ALTER COLUMN {} DROP DEFAULT", quote_ident(column)),
        );
        self.rebuild_sqlite(
            table,
            |t| t.column_mut(column).set_default(None),
            |c| Some(quote_ident(c)),
        );
        self
    }

    /// First step of making a column `NOT NULL`. Postgres: a `NOT VALID` check
    /// `ck_<table>_<column>_not_null` (instant); finish with
    /// [`validate_not_null`](Self::validate_not_null) in a later migration. SQLite: the rebuilt
    /// table has the column `NOT NULL` (the copy fails, and the migration with it, if a row holds
    /// NULL).
    pub fn set_not_null(&mut self, table: &str, column: &str) -> &mut Self {
        self.alter_pg(
            table,
            &format!(
                "ADD CONSTRAINT {} CHECK ({} IS NOT NULL) NOT VALID",
                quote_ident(&format!("ck_{table}_{column}_not_null")),
                quote_ident(column)
            ),
        );
        self.rebuild_sqlite(
            table,
            |t| t.column_mut(column).set_nullable(false),
            |c| Some(quote_ident(c)),
        );
        self
    }

    /// Second step of [`set_not_null`](Self::set_not_null), in a later migration. Postgres:
    /// `VALIDATE` the check (no write lock), `SET NOT NULL` (uses the valid check, no scan), drop
    /// the check. SQLite: nothing left to do.
    pub fn validate_not_null(&mut self, table: &str, column: &str) -> &mut Self {
        let check = quote_ident(&format!("ck_{table}_{column}_not_null"));
        self.alter_pg(table, &format!("VALIDATE CONSTRAINT {check}"));
        self.alter_pg(
            table,
            &format!("ALTER COLUMN {} SET NOT NULL", quote_ident(column)),
        );
        self.alter_pg(table, &format!("DROP CONSTRAINT {check}"));
        self
    }

    /// The reverse of [`validate_not_null`](Self::validate_not_null): on Postgres the column
    /// becomes nullable again and keeps the (valid) check, as after `set_not_null`.
    pub fn unvalidate_not_null(&mut self, table: &str, column: &str) -> &mut Self {
        self.alter_pg(
            table,
            &format!(
                "ADD CONSTRAINT {} CHECK ({} IS NOT NULL) NOT VALID",
                quote_ident(&format!("ck_{table}_{column}_not_null")),
                quote_ident(column)
            ),
        );
        self.alter_pg(
            table,
            &format!("ALTER COLUMN {} DROP NOT NULL", quote_ident(column)),
        );
        self
    }

    /// Makes a column nullable (the reverse of [`set_not_null`](Self::set_not_null); on Postgres it
    /// drops the check `set_not_null` added).
    pub fn drop_not_null(&mut self, table: &str, column: &str) -> &mut Self {
        self.alter_pg(
            table,
            &format!(
                "DROP CONSTRAINT IF EXISTS {}",
                quote_ident(&format!("ck_{table}_{column}_not_null"))
            ),
        );
        self.alter_pg(
            table,
            &format!("ALTER COLUMN {} DROP NOT NULL", quote_ident(column)),
        );
        self.rebuild_sqlite(
            table,
            |t| t.column_mut(column).set_nullable(true),
            |c| Some(quote_ident(c)),
        );
        self
    }

    /// Adds `ck_<table>_<rule>` with the same SQL on both backends; see
    /// [`add_check_per_backend`](Self::add_check_per_backend).
    pub fn add_check(&mut self, table: &str, rule: &str, sql: &str) -> &mut Self {
        self.add_check_per_backend(table, rule, sql, sql)
    }

    /// Adds `ck_<table>_<rule>`: `NOT VALID` on Postgres (validate it with
    /// [`validate_check`](Self::validate_check) in a later migration); on SQLite the rebuilt table
    /// has it, and existing rows must pass it.
    pub fn add_check_per_backend(
        &mut self,
        table: &str,
        rule: &str,
        postgres: &str,
        sqlite: &str,
    ) -> &mut Self {
        self.alter_pg(
            table,
            &format!(
                "ADD CONSTRAINT {} CHECK ({postgres}) NOT VALID",
                quote_ident(&format!("ck_{table}_{rule}"))
            ),
        );
        let check = Check {
            rule: rule.to_owned(),
            postgres: postgres.to_owned(),
            sqlite: sqlite.to_owned(),
        };
        self.rebuild_sqlite(table, |t| t.push_check(check), |c| Some(quote_ident(c)));
        self
    }

    /// Validates `ck_<table>_<rule>` on Postgres (scans without blocking writes); nothing on
    /// SQLite, where the check was enforced when added.
    pub fn validate_check(&mut self, table: &str, rule: &str) -> &mut Self {
        self.alter_pg(
            table,
            &format!(
                "VALIDATE CONSTRAINT {}",
                quote_ident(&format!("ck_{table}_{rule}"))
            ),
        );
        self
    }

    /// Drops `ck_<table>_<rule>`.
    pub fn drop_check(&mut self, table: &str, rule: &str) -> &mut Self {
        self.alter_pg(
            table,
            &format!(
                "DROP CONSTRAINT {}",
                quote_ident(&format!("ck_{table}_{rule}"))
            ),
        );
        self.rebuild_sqlite(table, |t| t.remove_check(rule), |c| Some(quote_ident(c)));
        self
    }

    /// Adds a foreign key: `NOT VALID` on Postgres (validate it with
    /// [`validate_constraint`](Self::validate_constraint) later); rebuilt on SQLite. Its columns
    /// must lead an index (the schema's rule): create one first with
    /// [`create_index_concurrently`](Self::create_index_concurrently).
    pub fn add_foreign_key(&mut self, table: &str, fk: &ForeignKeySpec) -> &mut Self {
        let key = &fk.key;
        let quoted = |cols: &[String]| {
            cols.iter()
                .map(|c| quote_ident(c))
                .collect::<Vec<_>>()
                .join(", ")
        };
        self.alter_pg(
            table,
            &format!(
                "ADD CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({}) ON DELETE {} NOT VALID",
                quote_ident(&key.name),
                quoted(&key.columns),
                quote_ident(&key.references),
                quoted(&key.ref_columns),
                key.on_delete.sql()
            ),
        );
        let key = key.clone();
        self.rebuild_sqlite(table, |t| t.push_composite(key), |c| Some(quote_ident(c)));
        self
    }

    /// Validates a constraint added `NOT VALID` (a foreign key) on Postgres; nothing on SQLite.
    pub fn validate_constraint(&mut self, table: &str, name: &str) -> &mut Self {
        self.alter_pg(table, &format!("VALIDATE CONSTRAINT {}", quote_ident(name)));
        self
    }

    /// Drops a foreign key added with [`add_foreign_key`](Self::add_foreign_key).
    pub fn drop_foreign_key(&mut self, table: &str, name: &str) -> &mut Self {
        self.alter_pg(table, &format!("DROP CONSTRAINT {}", quote_ident(name)));
        self.rebuild_sqlite(
            table,
            |t| t.remove_composite(name),
            |c| Some(quote_ident(c)),
        );
        self
    }

    /// Builds an index on an existing table without blocking writes: `CREATE [UNIQUE] INDEX
    /// CONCURRENTLY IF NOT EXISTS` on Postgres, in a migration whose `transactional()` is `false`
    /// (safe to re-run after a failure); a plain `CREATE INDEX IF NOT EXISTS` on SQLite. Rendered
    /// with sea-query's index builder.
    pub fn create_index_concurrently(&mut self, table: &str, index: &IndexSpec) -> &mut Self {
        let sql = match index.plain_columns() {
            Some(columns) => {
                let mut stmt = SqIndex::create();
                stmt.name(index.name())
                    .table(table.to_owned())
                    .if_not_exists();
                for column in columns {
                    stmt.col(column.to_owned());
                }
                if index.is_unique() {
                    stmt.unique();
                }
                match self.backend {
                    DbBackend::Postgres => stmt.to_string(PostgresQueryBuilder),
                    _ => stmt.to_string(SqliteQueryBuilder),
                }
            }
            // Expressions, orders, predicates and methods: sea-query's builder cannot say them.
            None => index
                .render_on(table)
                .replacen("INDEX ", "INDEX IF NOT EXISTS ", 1),
        };
        let sql = match self.backend {
            DbBackend::Postgres => {
                sql.replacen("INDEX IF NOT EXISTS", "INDEX CONCURRENTLY IF NOT EXISTS", 1)
            }
            _ => sql,
        };
        self.statements.push(sql);
        if let Some(t) = self.schema.tables.get_mut(table) {
            t.push_index(index.clone());
        }
        self
    }

    /// Drops an index without blocking writes (`DROP INDEX CONCURRENTLY IF EXISTS` on Postgres,
    /// outside a transaction like [`create_index_concurrently`](Self::create_index_concurrently)).
    pub fn drop_index_concurrently(&mut self, table: &str, name: &str) -> &mut Self {
        let sql = match self.backend {
            DbBackend::Postgres => {
                format!("DROP INDEX CONCURRENTLY IF EXISTS {}", quote_ident(name))
            }
            _ => format!("DROP INDEX IF EXISTS {}", quote_ident(name)),
        };
        self.statements.push(sql);
        if let Some(t) = self.schema.tables.get_mut(table) {
            t.remove_index(name);
        }
        self
    }

    /// Makes the unique index `uq_<table>_<columns>` (built with
    /// [`create_index_concurrently`](Self::create_index_concurrently) by an earlier migration) a
    /// unique constraint on Postgres: `ADD CONSTRAINT … UNIQUE USING INDEX`, instant. On SQLite the
    /// unique index already is the key.
    pub fn attach_unique(&mut self, table: &str, columns: &[&str]) -> &mut Self {
        let name = IndexSpec::unique(table, columns).name().to_owned();
        self.alter_pg(
            table,
            &format!(
                "ADD CONSTRAINT {} UNIQUE USING INDEX {}",
                quote_ident(&name),
                quote_ident(&name)
            ),
        );
        self
    }

    /// The reverse of [`attach_unique`](Self::attach_unique): drops the constraint (which drops
    /// its index) and builds the index again, under a lock: a rollback path, not a routine step.
    pub fn detach_unique(&mut self, table: &str, columns: &[&str]) -> &mut Self {
        let spec = IndexSpec::unique(table, columns);
        self.alter_pg(
            table,
            &format!("DROP CONSTRAINT {}", quote_ident(spec.name())),
        );
        let mut stmt = SqIndex::create();
        stmt.name(spec.name()).table(table.to_owned()).unique();
        for column in columns {
            stmt.col((*column).to_owned());
        }
        self.postgres(stmt.to_string(PostgresQueryBuilder));
        self
    }

    /// The tables of the model with a column of the enum type named `ty`, in name order.
    fn tables_using_enum(&self, ty: &str) -> Vec<String> {
        self.schema
            .tables
            .iter()
            .filter(|(_, t)| !t.columns_of_enum(ty).is_empty())
            .map(|(name, _)| name.clone())
            .collect()
    }

    /// Gives the columns of `ty` its values in the model, rebuilding their tables on SQLite
    /// (whose enums are `CHECK`s); checks that the values before were `expect_before` (in any
    /// order).
    fn retype_enum(&mut self, ty: &EnumType, expect_before: &[&str], op: &str) {
        for table in self.tables_using_enum(ty.name) {
            let ty = *ty;
            let mut seen: Option<Vec<&'static str>> = None;
            self.rebuild_sqlite(
                &table,
                |t| seen = t.retype_enum(ty).map(<[_]>::to_vec),
                |c| Some(quote_ident(c)),
            );
            if let Some(mut before) = seen {
                let mut expected = expect_before.to_vec();
                before.sort_unstable();
                expected.sort_unstable();
                assert!(
                    before == expected,
                    "ddl: {op} on `{}`: the columns of `{table}` have the values {before:?}, not \
                     {expect_before:?} (pass the type as it is after this change)",
                    ty.name
                );
            }
        }
    }

    /// Adds `value` to the enum type `ty`, which is the type as it is **after** the change (a new
    /// `EnumType` constant whose values include `value` in its place; declare it next to the old
    /// one). Postgres: `ALTER TYPE … ADD VALUE IF NOT EXISTS … AFTER/BEFORE …` (instant; safe to
    /// repeat). A value added in a transaction cannot be used before that transaction commits
    /// (Postgres says "unsafe use of new value"), so a default, a check or a row that uses it goes
    /// in a later migration. SQLite: the tables with a column of the type are rebuilt with the
    /// longer `CHECK`. Revert with [`drop_enum_value`](Self::drop_enum_value).
    pub fn add_enum_value(&mut self, ty: &EnumType, value: &str) -> &mut Self {
        let at = ty.values.iter().position(|v| *v == value).unwrap_or_else(|| {
            panic!(
                "ddl: add_enum_value(`{}`, `{value}`): the type passed must be the type after the \
                 change, with `{value}` among its values",
                ty.name
            )
        });
        assert!(
            ty.values.len() > 1,
            "ddl: add_enum_value(`{}`): an enum type has at least one value before",
            ty.name
        );
        let place = if at > 0 {
            format!("AFTER {}", quote_literal(ty.values[at - 1]))
        } else {
            format!("BEFORE {}", quote_literal(ty.values[1]))
        };
        self.postgres(format!(
            "ALTER TYPE {} ADD VALUE IF NOT EXISTS {} {place}",
            quote_ident(ty.name),
            quote_literal(value)
        ));
        let before: Vec<&str> = ty.values.iter().copied().filter(|v| *v != value).collect();
        self.retype_enum(ty, &before, "add_enum_value");
        self
    }

    /// Removes `value` from the enum type: the reverse of [`add_enum_value`](Self::add_enum_value),
    /// with `ty` the type as it is **after** (without `value`). Postgres cannot drop an enum value,
    /// so this rebuilds the type, a rollback path rather than a routine step:
    ///
    /// 1. it refuses, naming the table and column, while any row holds `value` (update those rows
    ///    first, or backfill them);
    /// 2. renames the type to `<type>__old`, creates the type with the remaining values, and moves
    ///    every column of the type to it (`ALTER COLUMN … TYPE … USING …::text::…`, which rewrites
    ///    the table under an `ACCESS EXCLUSIVE` lock), dropping and recreating around it the
    ///    defaults, checks and partial or expression indexes that name the column;
    /// 3. drops `<type>__old`.
    ///
    /// A view or a column the vocabulary does not know that uses the type makes Postgres refuse
    /// the change (and the migration rolls back): drop the view first and create it again after.
    /// SQLite: the tables are rebuilt with the shorter `CHECK`; a row holding `value` makes the
    /// copy fail the check, and the migration with it.
    pub fn drop_enum_value(&mut self, ty: &EnumType, value: &str) -> &mut Self {
        assert!(
            !ty.values.contains(&value),
            "ddl: drop_enum_value(`{}`, `{value}`): the type passed must be the type after the \
             change, without `{value}`",
            ty.name
        );
        if self.is_postgres() {
            self.rebuild_pg_enum(ty, value);
        }
        let before: Vec<&str> = ty.values.iter().copied().chain([value]).collect();
        self.retype_enum(ty, &before, "drop_enum_value");
        self
    }

    fn rebuild_pg_enum(&mut self, ty: &EnumType, value: &str) {
        let name = quote_ident(ty.name);
        let old = quote_ident(&format!("{}__old", ty.name));
        let tables = self.tables_using_enum(ty.name);
        let uses: Vec<String> = tables
            .iter()
            .flat_map(|table| {
                self.schema.tables[table]
                    .columns_of_enum(ty.name)
                    .into_iter()
                    .map(move |(column, _)| (table.clone(), column))
            })
            .map(|(table, column)| {
                format!(
                    "IF EXISTS (SELECT 1 FROM {} WHERE {}::text = {}) THEN RAISE EXCEPTION USING \
                     MESSAGE = {}, HINT = {}; END IF;",
                    quote_ident(&table),
                    quote_ident(&column),
                    quote_literal(value),
                    quote_literal(&format!(
                        "cannot remove the value {value} from the enum type {}: rows of {table}.{column} still hold it",
                        ty.name
                    )),
                    quote_literal(
                        "update those rows to another value first (a backfill for a large table), \
                         then run this again"
                    )
                )
            })
            .collect();
        if !uses.is_empty() {
            self.statements
                .push(format!("DO $$ BEGIN {} END $$", uses.join(" ")));
        }
        self.statements
            .push(format!("ALTER TYPE {name} RENAME TO {old}"));
        self.statements
            .push(format!("CREATE TYPE {name} AS ENUM {}", ty.sql_list()));
        for table in &tables {
            let t = &self.schema.tables[table];
            let columns = t.columns_of_enum(ty.name);
            let names: Vec<String> = columns.iter().map(|(c, _)| c.clone()).collect();
            let checks = t.checks_naming(&names);
            let indexes = t.filtered_indexes_naming(&names);
            let quoted = quote_ident(table);
            let mut out = Vec::new();
            for (index, _) in &indexes {
                out.push(format!("DROP INDEX {}", quote_ident(index)));
            }
            for check in &checks {
                out.push(format!(
                    "ALTER TABLE {quoted} DROP CONSTRAINT {}",
                    quote_ident(&format!("ck_{table}_{}", check.rule))
                ));
            }
            let mut actions = Vec::new();
            for (column, default) in &columns {
                let column = quote_ident(column);
                if default.is_some() {
                    actions.push(format!("ALTER COLUMN {column} DROP DEFAULT"));
                }
                actions.push(format!(
                    "ALTER COLUMN {column} TYPE {name} USING {column}::text::{name}"
                ));
                if let Some(default) = default {
                    actions.push(format!(
                        "ALTER COLUMN {column} SET DEFAULT {}",
                        default.sql(DbBackend::Postgres)
                    ));
                }
            }
            out.push(format!("ALTER TABLE {quoted} {}", actions.join(", ")));
            for check in &checks {
                out.push(format!(
                    "ALTER TABLE {quoted} ADD CONSTRAINT {} CHECK ({})",
                    quote_ident(&format!("ck_{table}_{}", check.rule)),
                    check.postgres
                ));
            }
            for (_, sql) in indexes {
                out.push(sql);
            }
            self.statements.extend(out);
        }
        self.statements.push(format!("DROP TYPE {old}"));
    }
}
