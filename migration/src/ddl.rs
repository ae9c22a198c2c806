//! The vocabulary migrations are written in: a [`Ddl`] plan collects the exact SQL one migration
//! runs on one backend, and [`Table`] describes a table whose keys, constraints and indexes are
//! named by the project's rule (`pk_/fk_/uq_/ck_/idx_<table>_<columns>`).
//!
//! A migration never talks to the database itself. It only describes what to run, which is what
//! lets `cargo xtask migrate up --dry-run` print the exact SQL, lets checksums cover the SQL rather
//! than the Rust source, and lets the linter read every statement.

use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::sea_query::{
    ColumnDef, Expr, ForeignKey as SqForeignKey, ForeignKeyAction, Index as SqIndex,
    PostgresQueryBuilder, SqliteQueryBuilder, Table as SqTable, TableCreateStatement,
};

/// A database enum: a native Postgres enum type, and on SQLite a `CHECK` listing the values.
///
/// Values are declared once, in the migration that creates the type; codegen carries them into
/// the entity crate as a Rust enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnumType {
    /// The Postgres type name, snake_case.
    pub name: &'static str,
    /// The values, snake_case, in their natural order.
    pub values: &'static [&'static str],
}

impl EnumType {
    /// The SQL list `('a', 'b', …)` of the values.
    pub(crate) fn sql_list(&self) -> String {
        let quoted: Vec<String> = self.values.iter().map(|v| quote_literal(v)).collect();
        format!("({})", quoted.join(", "))
    }
}

/// The SQL a migration runs, in order, for one backend.
#[derive(Debug, Clone)]
pub struct Ddl {
    pub(crate) backend: DbBackend,
    pub(crate) statements: Vec<String>,
    /// The tables as the migrations before this one left them: what the ALTER vocabulary
    /// (`alter.rs`) rebuilds SQLite tables from.
    pub(crate) schema: Schema,
}

/// The shape of every table the migrations created so far, replayed migration by migration.
#[derive(Debug, Clone, Default)]
pub struct Schema {
    pub(crate) tables: std::collections::BTreeMap<String, Table>,
}

impl Ddl {
    /// An empty plan for `backend`, knowing no table.
    pub fn new(backend: DbBackend) -> Self {
        Self::with_schema(backend, Schema::default())
    }

    /// An empty plan for `backend`, after the migrations that produced `schema`.
    pub fn with_schema(backend: DbBackend, schema: Schema) -> Self {
        Self {
            backend,
            statements: Vec::new(),
            schema,
        }
    }

    /// The statements, and the schema as this plan leaves it.
    pub fn into_parts(self) -> (Vec<String>, Schema) {
        (self.statements, self.schema)
    }

    /// The backend this plan is written for.
    pub fn backend(&self) -> DbBackend {
        self.backend
    }

    /// Whether this plan runs on Postgres, where the Postgres-only strength is applied.
    pub fn is_postgres(&self) -> bool {
        self.backend == DbBackend::Postgres
    }

    /// The statements collected so far.
    pub fn statements(&self) -> &[String] {
        &self.statements
    }

    /// The statements collected, consuming the plan.
    pub fn into_statements(self) -> Vec<String> {
        self.statements
    }

    /// Runs `sql` on every backend.
    pub fn sql(&mut self, sql: impl Into<String>) -> &mut Self {
        self.statements.push(sql.into());
        self
    }

    /// Runs `sql` on Postgres only.
    pub fn postgres(&mut self, sql: impl Into<String>) -> &mut Self {
        if self.is_postgres() {
            self.statements.push(sql.into());
        }
        self
    }

    /// Runs `sql` on SQLite only.
    pub fn sqlite(&mut self, sql: impl Into<String>) -> &mut Self {
        if self.backend == DbBackend::Sqlite {
            self.statements.push(sql.into());
        }
        self
    }

    /// Creates the Postgres enum type (SQLite has none: its columns get a `CHECK` instead).
    pub fn create_enum(&mut self, ty: &EnumType) -> &mut Self {
        let sql = format!(
            "CREATE TYPE {} AS ENUM {}",
            quote_ident(ty.name),
            ty.sql_list()
        );
        self.postgres(sql)
    }

    /// Drops the Postgres enum type.
    pub fn drop_enum(&mut self, ty: &EnumType) -> &mut Self {
        let sql = format!("DROP TYPE {}", quote_ident(ty.name));
        self.postgres(sql)
    }

    /// Creates the table with its constraints and indexes, then the Postgres-only extras
    /// (the `updated_at` trigger and the documentation comments).
    pub fn create_table(&mut self, table: &Table) -> &mut Self {
        let statements = table.render(self.backend);
        self.statements.extend(statements);
        self.schema.tables.insert(table.name.clone(), table.clone());
        self
    }

    /// Drops the table; its indexes, constraints and triggers go with it.
    pub fn drop_table(&mut self, name: &str) -> &mut Self {
        self.schema.tables.remove(name);
        self.sql(format!("DROP TABLE {}", quote_ident(name)))
    }

    /// Creates an index outside a table definition, named by the rule.
    pub fn create_index(&mut self, table: &str, index: &IndexSpec) -> &mut Self {
        let sql = index.render(table);
        self.sql(sql)
    }

    /// Drops an index by name.
    pub fn drop_index(&mut self, name: &str) -> &mut Self {
        self.sql(format!("DROP INDEX {}", quote_ident(name)))
    }
}

/// What a foreign key does when the row it references is deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDelete {
    /// Delete the referencing rows too (tenant-owned rows follow their tenant).
    Cascade,
    /// Set the referencing column to NULL (an optional link, such as `invited_by`).
    SetNull,
    /// Refuse the delete at once while referencing rows exist.
    Restrict,
    /// Refuse the delete if referencing rows still exist at the end of the statement; unlike
    /// `Restrict` this lets a cascade from a common parent remove both rows in one statement.
    NoAction,
}

impl OnDelete {
    /// The SQL words of the action.
    pub(crate) fn sql(self) -> &'static str {
        match self {
            Self::Cascade => "CASCADE",
            Self::SetNull => "SET NULL",
            Self::Restrict => "RESTRICT",
            Self::NoAction => "NO ACTION",
        }
    }

    fn action(self) -> ForeignKeyAction {
        match self {
            Self::Cascade => ForeignKeyAction::Cascade,
            Self::SetNull => ForeignKeyAction::SetNull,
            Self::Restrict => ForeignKeyAction::Restrict,
            Self::NoAction => ForeignKeyAction::NoAction,
        }
    }
}

/// A column type, rendered per backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// `uuid`.
    Uuid,
    /// `text`.
    Text,
    /// Text of at most `n` characters: `text` with a named check `ck_<table>_<column>_length`,
    /// on both backends. Not `varchar(n)`: changing a varchar's length rewrites or locks the table
    /// on Postgres, while a check is replaced cheaply (`NOT VALID`, then `VALIDATE`), and SQLite
    /// does not enforce varchar lengths at all.
    Varchar(u32),
    /// `bigint`. There is no `integer`: a 32-bit column that outgrows its range needs a table
    /// rewrite to widen, and the 4 bytes saved are not worth that risk.
    BigInt,
    /// `boolean`.
    Boolean,
    /// `double precision`.
    Double,
    /// `jsonb` (JSON text on SQLite).
    Json,
    /// `timestamptz`.
    Timestamptz,
    /// `date`.
    Date,
    /// A native enum on Postgres, text with a `CHECK` on SQLite.
    Enum(EnumType),
}

/// A column default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Default {
    /// A boolean literal.
    Bool(bool),
    /// An integer literal.
    Int(i64),
    /// A text literal.
    Text(&'static str),
    /// An enum value.
    Enum(&'static str),
    /// An empty JSON object `{}`.
    JsonObject,
    /// An empty JSON array `[]`.
    JsonArray,
    /// The current time, in UTC.
    Now,
}

impl Default {
    pub(crate) fn sql(self, backend: DbBackend) -> String {
        match self {
            Self::Bool(true) => "TRUE".into(),
            Self::Bool(false) => "FALSE".into(),
            Self::Int(n) => n.to_string(),
            Self::Text(s) | Self::Enum(s) => quote_literal(s),
            Self::JsonObject => "'{}'".into(),
            Self::JsonArray => "'[]'".into(),
            Self::Now => match backend {
                DbBackend::Sqlite => now_sqlite().into(),
                _ => "now()".into(),
            },
        }
    }
}

/// SQLite's "now" in the RFC 3339 form the driver writes, so that text comparisons of
/// timestamps order correctly and the values decode as `DateTime<FixedOffset>`.
fn now_sqlite() -> &'static str {
    "(strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))"
}

/// A column of a [`Table`]. Columns are `NOT NULL` unless made [`nullable`](Self::nullable).
#[derive(Debug, Clone)]
pub struct Column {
    name: String,
    ty: Type,
    nullable: bool,
    default: Option<Default>,
    comment: Option<String>,
}

impl Column {
    /// A `NOT NULL` column of type `ty`.
    pub fn new(name: &str, ty: Type) -> Self {
        Self {
            name: name.to_owned(),
            ty,
            nullable: false,
            default: None,
            comment: None,
        }
    }

    /// A `uuid` column.
    pub fn uuid(name: &str) -> Self {
        Self::new(name, Type::Uuid)
    }

    /// A `text` column.
    pub fn text(name: &str) -> Self {
        Self::new(name, Type::Text)
    }

    /// A column of text of at most `len` characters (see [`Type::Varchar`]).
    pub fn varchar(name: &str, len: u32) -> Self {
        Self::new(name, Type::Varchar(len))
    }

    /// A `bigint` column.
    pub fn big_integer(name: &str) -> Self {
        Self::new(name, Type::BigInt)
    }

    /// A `boolean` column.
    pub fn boolean(name: &str) -> Self {
        Self::new(name, Type::Boolean)
    }

    /// A `double precision` column.
    pub fn double(name: &str) -> Self {
        Self::new(name, Type::Double)
    }

    /// A `jsonb` column.
    pub fn json(name: &str) -> Self {
        Self::new(name, Type::Json)
    }

    /// A `timestamptz` column.
    pub fn timestamptz(name: &str) -> Self {
        Self::new(name, Type::Timestamptz)
    }

    /// A `date` column.
    pub fn date(name: &str) -> Self {
        Self::new(name, Type::Date)
    }

    /// An enum column of the given type.
    pub fn enumeration(name: &str, ty: &EnumType) -> Self {
        Self::new(name, Type::Enum(*ty))
    }

    /// Allows NULL.
    pub fn nullable(mut self) -> Self {
        self.nullable = true;
        self
    }

    /// Sets the default.
    pub fn default(mut self, default: Default) -> Self {
        self.default = Some(default);
        self
    }

    /// Documents the column (a Postgres `COMMENT`, carried into the entity and the schema docs).
    pub fn comment(mut self, text: &str) -> Self {
        self.comment = Some(text.to_owned());
        self
    }

    /// The column name.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub(crate) fn max_length(&self) -> Option<u32> {
        match self.ty {
            Type::Varchar(n) => Some(n),
            _ => None,
        }
    }

    pub(crate) fn comment_text(&self) -> Option<&str> {
        self.comment.as_deref()
    }

    pub(crate) fn set_default(&mut self, default: Option<Default>) {
        self.default = default;
    }

    pub(crate) fn set_nullable(&mut self, nullable: bool) {
        self.nullable = nullable;
    }

    pub(crate) fn def(&self, backend: DbBackend) -> ColumnDef {
        let mut def = ColumnDef::new(self.name.clone());
        match self.ty {
            Type::Uuid => def.uuid(),
            Type::Text | Type::Varchar(_) => def.text(),
            Type::BigInt => def.big_integer(),
            Type::Boolean => def.boolean(),
            Type::Double => def.double(),
            Type::Json => def.json_binary(),
            Type::Timestamptz => def.timestamp_with_time_zone(),
            Type::Date => def.date(),
            Type::Enum(ty) => match backend {
                DbBackend::Postgres => def.custom(ty.name),
                _ => def.text(),
            },
        };
        if !self.nullable {
            def.not_null();
        }
        if let Some(default) = self.default {
            def.default(Expr::cust(default.sql(backend)));
        }
        def
    }
}

/// A `CHECK` constraint, named `ck_<table>_<rule>`.
#[derive(Debug, Clone)]
pub(crate) struct Check {
    pub(crate) rule: String,
    pub(crate) postgres: String,
    pub(crate) sqlite: String,
}

/// A foreign key added by the ALTER vocabulary, over any columns and to any referenced columns.
#[derive(Debug, Clone)]
pub(crate) struct CompositeKey {
    pub(crate) name: String,
    pub(crate) columns: Vec<String>,
    pub(crate) references: String,
    pub(crate) ref_columns: Vec<String>,
    pub(crate) on_delete: OnDelete,
}

/// A foreign key, named `fk_<table>_<column>`, always to the referenced table's `id`.
#[derive(Debug, Clone)]
struct ForeignKey {
    column: String,
    references: String,
    on_delete: OnDelete,
}

/// An index, named `idx_<table>_<columns>` (or `uq_<table>_<columns>` when unique).
///
/// Columns are written as SQL: a name, optionally followed by `DESC`, or an expression such as
/// `lower(email)`. Only the name part of each column goes into the index name.
#[derive(Debug, Clone)]
pub struct IndexSpec {
    name: String,
    columns: Vec<String>,
    unique: bool,
    nulls_not_distinct: bool,
    predicate: Option<String>,
    method: Option<&'static str>,
    postgres_only: bool,
}

impl IndexSpec {
    /// A plain index on `columns` of `table`.
    pub fn new(table: &str, columns: &[&str]) -> Self {
        Self {
            name: format!("idx_{table}_{}", name_part(columns)),
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            unique: false,
            nulls_not_distinct: false,
            predicate: None,
            method: None,
            postgres_only: false,
        }
    }

    /// A unique index on `columns` of `table`.
    pub fn unique(table: &str, columns: &[&str]) -> Self {
        let mut spec = Self::new(table, columns);
        spec.name = format!("uq_{table}_{}", name_part(columns));
        spec.unique = true;
        spec
    }

    /// Overrides the suffix after `idx_<table>_` / `uq_<table>_` (for partial and expression
    /// indexes whose column list alone would not say what they are for).
    pub fn named(mut self, table: &str, suffix: &str) -> Self {
        let prefix = if self.unique { "uq" } else { "idx" };
        self.name = format!("{prefix}_{table}_{suffix}");
        self
    }

    /// Restricts the index to rows matching `predicate` (a partial index).
    pub fn filter(mut self, predicate: &str) -> Self {
        self.predicate = Some(predicate.to_owned());
        self
    }

    /// Makes NULLs equal for uniqueness (Postgres 15+; on SQLite the columns must be wrapped in
    /// `ifnull(…)` by the caller instead, see [`Table::unique_nulls_not_distinct`]).
    fn nulls_not_distinct(mut self) -> Self {
        self.nulls_not_distinct = true;
        self
    }

    /// Uses an index method other than b-tree (Postgres only, for example `gin`).
    pub fn using(mut self, method: &'static str) -> Self {
        self.method = Some(method);
        self.postgres_only = true;
        self
    }

    /// Applies the index on Postgres only.
    pub fn postgres_only(mut self) -> Self {
        self.postgres_only = true;
        self
    }

    /// The index name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether it is unique.
    pub fn is_unique(&self) -> bool {
        self.unique
    }

    /// The plain column names, when every column is one (no expression, order or predicate) and
    /// the index is a plain b-tree: what sea-query's index builder can express.
    pub(crate) fn plain_columns(&self) -> Option<Vec<&str>> {
        if self.predicate.is_some() || self.method.is_some() || self.nulls_not_distinct {
            return None;
        }
        self.columns
            .iter()
            .map(|c| (!c.contains(['(', ' ', ')'])).then_some(c.as_str()))
            .collect()
    }

    /// The SQL of the index on `table`, for the ALTER vocabulary's hand-rendered fallback.
    pub(crate) fn render_on(&self, table: &str) -> String {
        self.render(table)
    }

    /// Whether this index can serve lookups on `column` alone: it is not partial and leads with
    /// that column.
    fn leads_with(&self, column: &str) -> bool {
        self.predicate.is_none()
            && self.method.is_none()
            && self
                .columns
                .first()
                .is_some_and(|c| column_name(c) == column && !c.contains('('))
    }

    fn render(&self, table: &str) -> String {
        let unique = if self.unique { "UNIQUE " } else { "" };
        let method = self
            .method
            .map(|m| format!(" USING {m}"))
            .unwrap_or_default();
        let columns: Vec<String> = self
            .columns
            .iter()
            .map(|c| render_index_column(c))
            .collect();
        let nulls = if self.nulls_not_distinct {
            " NULLS NOT DISTINCT"
        } else {
            ""
        };
        let predicate = self
            .predicate
            .as_ref()
            .map(|p| format!(" WHERE {p}"))
            .unwrap_or_default();
        format!(
            "CREATE {unique}INDEX {} ON {}{method} ({}){nulls}{predicate}",
            quote_ident(&self.name),
            quote_ident(table),
            columns.join(", ")
        )
    }
}

/// A table: its columns, keys, constraints and indexes, and (on Postgres) its trigger,
/// documentation and partitioning.
#[derive(Debug, Clone)]
pub struct Table {
    name: String,
    columns: Vec<Column>,
    primary_key: Vec<String>,
    foreign_keys: Vec<ForeignKey>,
    checks: Vec<Check>,
    composite_keys: Vec<CompositeKey>,
    indexes: Vec<IndexSpec>,
    comment: Option<String>,
    updated_at_trigger: bool,
    partition_by: Option<String>,
}

impl Table {
    /// A new table named `name`.
    pub fn new(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            columns: Vec::new(),
            primary_key: Vec::new(),
            foreign_keys: Vec::new(),
            checks: Vec::new(),
            composite_keys: Vec::new(),
            indexes: Vec::new(),
            comment: None,
            updated_at_trigger: false,
            partition_by: None,
        }
    }

    /// The table name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Adds the `id uuid` primary key (assigned by the application as a UUIDv7).
    pub fn id(self) -> Self {
        self.col(Column::uuid("id").comment("UUIDv7 assigned by the application (time-ordered)."))
            .primary_key(&["id"])
    }

    /// Adds a column.
    pub fn col(mut self, column: Column) -> Self {
        self.columns.push(column);
        self
    }

    /// Sets the primary key, named `pk_<table>`.
    pub fn primary_key(mut self, columns: &[&str]) -> Self {
        self.primary_key = columns.iter().map(|c| (*c).to_owned()).collect();
        self
    }

    /// Adds `created_at` and `updated_at` (a mutable table); on Postgres a trigger keeps
    /// `updated_at` current on every update.
    pub fn timestamps(mut self) -> Self {
        self = self.col(Column::timestamptz("created_at").default(Default::Now));
        self = self.col(Column::timestamptz("updated_at").default(Default::Now));
        self.updated_at_trigger = true;
        self
    }

    /// Adds a `uuid` column referencing `references(id)`, named `fk_<table>_<column>`, with an
    /// index leading with the column unless another index already leads with it.
    pub fn references(mut self, column: Column, references: &str, on_delete: OnDelete) -> Self {
        self.foreign_keys.push(ForeignKey {
            column: column.name.clone(),
            references: references.to_owned(),
            on_delete,
        });
        self.col(column)
    }

    /// Adds a foreign key on an existing column (one declared with [`col`](Self::col)).
    pub fn foreign_key(mut self, column: &str, references: &str, on_delete: OnDelete) -> Self {
        self.foreign_keys.push(ForeignKey {
            column: column.to_owned(),
            references: references.to_owned(),
            on_delete,
        });
        self
    }

    /// Adds `ck_<table>_<rule>` with the same SQL on both backends.
    pub fn check(self, rule: &str, sql: &str) -> Self {
        self.check_per_backend(rule, sql, sql)
    }

    /// Adds `ck_<table>_<rule>`, written separately for Postgres and SQLite (for example a
    /// regular expression on Postgres and `GLOB` patterns on SQLite, which has no regex).
    pub fn check_per_backend(mut self, rule: &str, postgres: &str, sqlite: &str) -> Self {
        self.checks.push(Check {
            rule: rule.to_owned(),
            postgres: postgres.to_owned(),
            sqlite: sqlite.to_owned(),
        });
        self
    }

    /// Adds `ck_<table>_<rule>`: `timestamp` is set exactly when `condition` holds.
    pub fn set_exactly_when(self, rule: &str, timestamp: &str, condition: &str) -> Self {
        let sql = format!("({condition}) = ({timestamp} IS NOT NULL)");
        self.check(rule, &sql)
    }

    /// Adds a unique index `uq_<table>_<columns>`.
    pub fn unique(self, columns: &[&str]) -> Self {
        let spec = IndexSpec::unique(&self.name, columns);
        self.index_spec(spec)
    }

    /// Adds a unique index `uq_<table>_<columns>` in which NULLs count as one value (for tables
    /// where a NULL `tenant_id` means "platform"). Postgres uses `NULLS NOT DISTINCT`; SQLite
    /// indexes `ifnull(column, '')` for each nullable column in `nullable`.
    pub fn unique_nulls_not_distinct(self, columns: &[&str], nullable: &[&str]) -> Self {
        let mut spec = IndexSpec::unique(&self.name, columns).nulls_not_distinct();
        spec.columns = columns
            .iter()
            .map(|c| {
                if nullable.contains(c) {
                    format!("ifnull({c}, '')")
                } else {
                    (*c).to_owned()
                }
            })
            .collect();
        self.index_spec(spec)
    }

    /// Adds an index `idx_<table>_<columns>`.
    pub fn index(self, columns: &[&str]) -> Self {
        let spec = IndexSpec::new(&self.name, columns);
        self.index_spec(spec)
    }

    /// Adds an index described in full.
    pub fn index_spec(mut self, spec: IndexSpec) -> Self {
        self.indexes.push(spec);
        self
    }

    /// Documents the table (a Postgres `COMMENT`, carried into the entity and the schema docs).
    pub fn comment(mut self, text: &str) -> Self {
        self.comment = Some(text.to_owned());
        self
    }

    /// Partitions the table by range of `column` on Postgres (the column must be part of the
    /// primary key); SQLite keeps one plain table.
    pub fn partition_by_range(mut self, column: &str) -> Self {
        self.partition_by = Some(column.to_owned());
        self
    }

    /// The names of every constraint and index this table creates on `backend`.
    pub fn constraint_names(&self, backend: DbBackend) -> Vec<String> {
        let mut names = vec![format!("pk_{}", self.name)];
        names.extend(
            self.foreign_keys
                .iter()
                .map(|fk| format!("fk_{}_{}", self.name, fk.column)),
        );
        names.extend(
            self.checks
                .iter()
                .map(|c| format!("ck_{}_{}", self.name, c.rule)),
        );
        names.extend(
            self.bounded_columns()
                .map(|(c, _)| format!("ck_{}_{}_length", self.name, c.name)),
        );
        if backend == DbBackend::Sqlite {
            names.extend(
                self.enum_columns()
                    .map(|(c, _)| format!("ck_{}_{}", self.name, c.name)),
            );
        }
        names.extend(
            self.all_indexes()
                .into_iter()
                .filter(|i| !i.postgres_only || backend == DbBackend::Postgres)
                .map(|i| i.name),
        );
        names
    }

    fn bounded_columns(&self) -> impl Iterator<Item = (&Column, u32)> {
        self.columns.iter().filter_map(|c| match c.ty {
            Type::Varchar(n) => Some((c, n)),
            _ => None,
        })
    }

    fn enum_columns(&self) -> impl Iterator<Item = (&Column, EnumType)> {
        self.columns.iter().filter_map(|c| match c.ty {
            Type::Enum(ty) => Some((c, ty)),
            _ => None,
        })
    }

    /// Declared indexes plus one for each foreign key that no index (or the primary key) leads
    /// with, so that every foreign key column is the leading column of an index.
    fn all_indexes(&self) -> Vec<IndexSpec> {
        let mut indexes = self.indexes.clone();
        for fk in &self.foreign_keys {
            let by_pk = self.primary_key.first() == Some(&fk.column);
            let by_index = indexes.iter().any(|i| i.leads_with(&fk.column));
            if !by_pk && !by_index {
                indexes.push(IndexSpec::new(&self.name, &[fk.column.as_str()]));
            }
        }
        indexes
    }

    fn create_statement(&self, backend: DbBackend) -> TableCreateStatement {
        let mut stmt = SqTable::create();
        stmt.table(self.name.clone());
        for column in &self.columns {
            stmt.col(column.def(backend));
        }
        if !self.primary_key.is_empty() {
            let mut pk = SqIndex::create();
            pk.name(format!("pk_{}", self.name));
            for column in &self.primary_key {
                pk.col(column.clone());
            }
            stmt.primary_key(&mut pk);
        }
        for fk in &self.foreign_keys {
            stmt.foreign_key(
                SqForeignKey::create()
                    .name(format!("fk_{}_{}", self.name, fk.column))
                    .from_col(fk.column.clone())
                    .to(fk.references.clone(), "id")
                    .on_delete(fk.on_delete.action()),
            );
        }
        for key in &self.composite_keys {
            let mut fk = SqForeignKey::create();
            fk.name(key.name.clone())
                .from_tbl(self.name.clone())
                .to_tbl(key.references.clone())
                .on_delete(key.on_delete.action());
            for column in &key.columns {
                fk.from_col(column.clone());
            }
            for column in &key.ref_columns {
                fk.to_col(column.clone());
            }
            stmt.foreign_key(&mut fk);
        }
        for check in &self.checks {
            let sql = match backend {
                DbBackend::Sqlite => &check.sqlite,
                _ => &check.postgres,
            };
            stmt.check((
                format!("ck_{}_{}", self.name, check.rule),
                Expr::cust(sql.clone()),
            ));
        }
        for (column, max) in self.bounded_columns() {
            stmt.check((
                format!("ck_{}_{}_length", self.name, column.name),
                Expr::cust(format!("length({}) <= {max}", quote_ident(&column.name))),
            ));
        }
        if backend == DbBackend::Sqlite {
            for (column, ty) in self.enum_columns() {
                let sql = format!("{} IN {}", quote_ident(&column.name), ty.sql_list());
                stmt.check((format!("ck_{}_{}", self.name, column.name), Expr::cust(sql)));
            }
        }
        if backend == DbBackend::Postgres
            && let Some(column) = &self.partition_by
        {
            stmt.extra(format!("PARTITION BY RANGE ({})", quote_ident(column)));
        }
        stmt
    }

    /// The `CREATE INDEX` of one of the table's indexes on `backend` (none when the index is
    /// Postgres-only and the backend is not).
    fn index_sql(&self, mut index: IndexSpec, backend: DbBackend) -> Option<String> {
        if index.postgres_only && backend != DbBackend::Postgres {
            return None;
        }
        if backend == DbBackend::Sqlite {
            // SQLite has no NULLS NOT DISTINCT: the columns already carry ifnull(…) wrappers.
            index.nulls_not_distinct = false;
        } else {
            // Postgres gets the plain columns; NULLS NOT DISTINCT does the work.
            index.columns = index.columns.iter().map(|c| strip_ifnull(c)).collect();
        }
        Some(index.render(&self.name))
    }

    pub(crate) fn render(&self, backend: DbBackend) -> Vec<String> {
        let create = self.create_statement(backend);
        let mut out = vec![match backend {
            DbBackend::Sqlite => create.to_string(SqliteQueryBuilder),
            _ => create.to_string(PostgresQueryBuilder),
        }];
        for index in self.all_indexes() {
            out.extend(self.index_sql(index, backend));
        }
        if backend == DbBackend::Postgres {
            out.extend(self.row_level_security());
            if self.updated_at_trigger {
                out.push(format!(
                    "CREATE TRIGGER {} BEFORE UPDATE ON {} FOR EACH ROW EXECUTE FUNCTION set_updated_at()",
                    quote_ident(&format!("trg_{}_updated_at", self.name)),
                    quote_ident(&self.name)
                ));
            }
            if let Some(comment) = &self.comment {
                out.push(format!(
                    "COMMENT ON TABLE {} IS {}",
                    quote_ident(&self.name),
                    quote_literal(comment)
                ));
            }
            for column in &self.columns {
                if let Some(comment) = &column.comment {
                    out.push(format!(
                        "COMMENT ON COLUMN {}.{} IS {}",
                        quote_ident(&self.name),
                        quote_ident(&column.name),
                        quote_literal(comment)
                    ));
                }
            }
        }
        out
    }
}

/// What the ALTER vocabulary changes in a table's shape (`alter.rs`).
impl Table {
    pub(crate) fn column_names(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.name.as_str()).collect()
    }

    pub(crate) fn column_mut(&mut self, column: &str) -> &mut Column {
        let table = self.name.clone();
        self.columns
            .iter_mut()
            .find(|c| c.name == column)
            .unwrap_or_else(|| panic!("ddl: table `{table}` has no column `{column}`"))
    }

    pub(crate) fn push_column(&mut self, column: Column) {
        self.columns.push(column);
    }

    /// Removes a column and the keys and indexes over it.
    pub(crate) fn remove_column(&mut self, column: &str) {
        self.columns.retain(|c| c.name != column);
        self.foreign_keys.retain(|fk| fk.column != column);
        self.composite_keys
            .retain(|k| !k.columns.iter().any(|c| c == column));
        self.indexes
            .retain(|i| !i.columns.iter().any(|c| column_name(c) == column));
    }

    pub(crate) fn rename_column(&mut self, from: &str, to: &str) {
        self.column_mut(from).name = to.to_owned();
        for key in &mut self.primary_key {
            if key == from {
                *key = to.to_owned();
            }
        }
        for fk in &mut self.foreign_keys {
            if fk.column == from {
                fk.column = to.to_owned();
            }
        }
        for key in &mut self.composite_keys {
            for c in &mut key.columns {
                if c == from {
                    *c = to.to_owned();
                }
            }
        }
        for index in &mut self.indexes {
            for c in &mut index.columns {
                *c = replace_word(c, from, to);
            }
        }
        for check in &mut self.checks {
            check.postgres = replace_word(&check.postgres, from, to);
            check.sqlite = replace_word(&check.sqlite, from, to);
        }
    }

    pub(crate) fn push_check(&mut self, check: Check) {
        self.checks.push(check);
    }

    pub(crate) fn remove_check(&mut self, rule: &str) {
        self.checks.retain(|c| c.rule != rule);
    }

    pub(crate) fn push_composite(&mut self, key: CompositeKey) {
        self.composite_keys.push(key);
    }

    pub(crate) fn remove_composite(&mut self, name: &str) {
        self.composite_keys.retain(|k| k.name != name);
    }

    pub(crate) fn push_index(&mut self, index: IndexSpec) {
        self.indexes.push(index);
    }

    pub(crate) fn remove_index(&mut self, name: &str) {
        self.indexes.retain(|i| i.name != name);
    }

    /// The columns of the enum type named `ty`, with their defaults.
    pub(crate) fn columns_of_enum(&self, ty: &str) -> Vec<(String, Option<Default>)> {
        self.enum_columns()
            .filter(|(_, t)| t.name == ty)
            .map(|(c, _)| (c.name.clone(), c.default))
            .collect()
    }

    /// Gives every column of the enum type named `ty.name` the values of `ty`; returns the values
    /// those columns had before (`None` when no column has the type).
    pub(crate) fn retype_enum(&mut self, ty: EnumType) -> Option<&'static [&'static str]> {
        let mut before = None;
        for column in &mut self.columns {
            if let Type::Enum(old) = column.ty
                && old.name == ty.name
            {
                before = Some(old.values);
                column.ty = Type::Enum(ty);
            }
        }
        before
    }

    /// The checks whose Postgres SQL names one of `columns`.
    pub(crate) fn checks_naming(&self, columns: &[String]) -> Vec<Check> {
        self.checks
            .iter()
            .filter(|c| columns.iter().any(|col| names_word(&c.postgres, col)))
            .cloned()
            .collect()
    }

    /// The partial or expression indexes whose predicate or expressions name one of `columns`
    /// (which Postgres cannot carry across a change of the columns' type by itself), as
    /// `(name, CREATE INDEX on Postgres)`.
    pub(crate) fn filtered_indexes_naming(&self, columns: &[String]) -> Vec<(String, String)> {
        self.all_indexes()
            .into_iter()
            .filter(|i| {
                let expressions = i.columns.iter().filter(|c| c.contains('('));
                let mut text = i.predicate.clone().unwrap_or_default();
                for e in expressions {
                    text.push(' ');
                    text.push_str(e);
                }
                columns.iter().any(|col| names_word(&text, col))
            })
            .filter_map(|i| {
                let name = i.name.clone();
                self.index_sql(i, DbBackend::Postgres)
                    .map(|sql| (name, sql))
            })
            .collect()
    }
}

/// Whether `text` holds `word` as a whole identifier (not inside a longer one).
fn names_word(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word).any(|(i, _)| {
        !text[..i].chars().next_back().is_some_and(is_ident)
            && !text[i + word.len()..].chars().next().is_some_and(is_ident)
    })
}

/// `text` with every whole-word `from` (not inside a longer identifier) replaced by `to`.
fn replace_word(text: &str, from: &str, to: &str) -> String {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(from) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + from.len()..].chars().next();
        out.push_str(&rest[..i]);
        if before.is_some_and(is_ident) || after.is_some_and(is_ident) {
            out.push_str(from);
        } else {
            out.push_str(to);
        }
        rest = &rest[i + from.len()..];
    }
    out.push_str(rest);
    out
}

/// The tenant a connection acts for: the transaction-local setting `app.current_tenant_id`, with
/// an unset or reset value meaning no tenant (so every policy below fails closed).
pub const CURRENT_TENANT: &str = "NULLIF(current_setting('app.current_tenant_id', true), '')::uuid";

impl Table {
    /// Row-level security for a table with a `tenant_id` (Postgres only), enabled and forced so
    /// that table owners do not bypass it. A tenant reads and writes only its own rows; on a table
    /// whose `tenant_id` is nullable (platform rows mixed with tenant rows) platform rows are
    /// readable by every tenant and writable by none. With no tenant set, nothing is visible.
    fn row_level_security(&self) -> Vec<String> {
        let Some(column) = self.columns.iter().find(|c| c.name == "tenant_id") else {
            return Vec::new();
        };
        let table = quote_ident(&self.name);
        let own = format!("\"tenant_id\" = {CURRENT_TENANT}");
        let mut out = vec![
            format!("ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"),
            format!("ALTER TABLE {table} FORCE ROW LEVEL SECURITY"),
        ];
        if column.nullable {
            out.push(format!(
                "CREATE POLICY \"tenant_read\" ON {table} FOR SELECT USING (\"tenant_id\" IS NULL OR {own})"
            ));
            out.push(format!(
                "CREATE POLICY \"tenant_insert\" ON {table} FOR INSERT WITH CHECK ({own})"
            ));
            out.push(format!(
                "CREATE POLICY \"tenant_update\" ON {table} FOR UPDATE USING ({own}) WITH CHECK ({own})"
            ));
            out.push(format!(
                "CREATE POLICY \"tenant_delete\" ON {table} FOR DELETE USING ({own})"
            ));
        } else {
            out.push(format!(
                "CREATE POLICY \"tenant_isolation\" ON {table} USING ({own}) WITH CHECK ({own})"
            ));
        }
        out
    }
}

/// The part of an index name that comes from its columns: `tenant_id_status_created_at`.
fn name_part(columns: &[&str]) -> String {
    columns
        .iter()
        .map(|c| column_name(c))
        .collect::<Vec<_>>()
        .join("_")
}

/// The column name inside an index column such as `created_at DESC` or `lower(email)`.
fn column_name(column: &str) -> String {
    let inner = match (column.find('('), column.rfind(')')) {
        (Some(open), Some(close)) if open < close => {
            let args = &column[open + 1..close];
            args.split(',').next().unwrap_or(args)
        }
        _ => column,
    };
    inner
        .split_whitespace()
        .next()
        .unwrap_or(inner)
        .trim()
        .to_owned()
}

fn strip_ifnull(column: &str) -> String {
    column
        .strip_prefix("ifnull(")
        .and_then(|rest| rest.split_once(','))
        .map(|(name, _)| name.trim().to_owned())
        .unwrap_or_else(|| column.to_owned())
}

fn render_index_column(column: &str) -> String {
    if column.contains('(') {
        return column.to_owned();
    }
    let mut parts = column.split_whitespace();
    let name = parts.next().unwrap_or(column);
    let rest: Vec<&str> = parts.collect();
    if rest.is_empty() {
        quote_ident(name)
    } else {
        format!("{} {}", quote_ident(name), rest.join(" "))
    }
}

/// Quotes an SQL identifier.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Quotes an SQL string literal.
pub fn quote_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_names_follow_the_rule() {
        assert_eq!(
            IndexSpec::new("reports", &["tenant_id", "status", "created_at DESC"]).name(),
            "idx_reports_tenant_id_status_created_at"
        );
        assert_eq!(
            IndexSpec::unique("users", &["lower(email)"]).name(),
            "uq_users_email"
        );
    }

    #[test]
    fn foreign_keys_get_an_index_unless_one_leads_with_them() {
        let table = Table::new("tenant_users")
            .id()
            .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
            .references(Column::uuid("user_id"), "users", OnDelete::Cascade)
            .unique(&["tenant_id", "user_id"]);
        let names = table.constraint_names(DbBackend::Postgres);
        assert!(names.contains(&"uq_tenant_users_tenant_id_user_id".to_owned()));
        assert!(names.contains(&"idx_tenant_users_user_id".to_owned()));
        assert!(!names.contains(&"idx_tenant_users_tenant_id".to_owned()));
    }

    #[test]
    fn enums_are_native_on_postgres_and_checked_on_sqlite() {
        const STATUS: EnumType = EnumType {
            name: "thing_status",
            values: &["on", "off"],
        };
        let table = Table::new("things")
            .id()
            .col(Column::enumeration("status", &STATUS));
        let pg = table.render(DbBackend::Postgres).join("\n");
        let lite = table.render(DbBackend::Sqlite).join("\n");
        assert!(pg.contains("\"status\" thing_status NOT NULL"), "{pg}");
        assert!(!pg.contains("ck_things_status"), "{pg}");
        assert!(
            lite.contains("CONSTRAINT \"ck_things_status\" CHECK (\"status\" IN ('on', 'off'))"),
            "{lite}"
        );
    }

    #[test]
    fn nulls_not_distinct_renders_per_backend() {
        let table = Table::new("roles")
            .id()
            .col(Column::uuid("tenant_id").nullable())
            .col(Column::text("name"))
            .unique_nulls_not_distinct(&["tenant_id", "name"], &["tenant_id"]);
        let pg = table.render(DbBackend::Postgres).join("\n");
        let lite = table.render(DbBackend::Sqlite).join("\n");
        assert!(
            pg.contains(
                "CREATE UNIQUE INDEX \"uq_roles_tenant_id_name\" ON \"roles\" (\"tenant_id\", \"name\") NULLS NOT DISTINCT"
            ),
            "{pg}"
        );
        assert!(
            lite.contains(
                "CREATE UNIQUE INDEX \"uq_roles_tenant_id_name\" ON \"roles\" (ifnull(tenant_id, ''), \"name\")"
            ),
            "{lite}"
        );
    }
}
