//! `cargo xtask codegen [--check]`: migrates a throwaway Postgres database, discovers its schema,
//! and writes `entity/src/generated/` with sea-orm-codegen used as a library.
//!
//! It also writes the schema reference in `docs/schema/` from the same database, and the access
//! matrix in `docs/security.md` (`access.rs`).
//!
//! The throwaway database is created on the server named by `TEST_DATABASE_URL` and dropped
//! whatever happens. Output is deterministic (tables sorted, rustfmt-formatted), so `--check` is
//! a plain comparison of bytes.

pub mod access;
pub mod docs;
pub mod overrides;
pub mod pins;
pub mod postprocess;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use migration::{Migrator, SchemaChange};
use sea_orm_codegen::{
    BannerVersion, BigIntegerType, DateTimeCrate, EntityFormat, EntityTransformer,
    EntityWriterContext, WithPrelude, WithSerde,
};
use sea_schema::postgres::discovery::SchemaDiscovery;
use sqlx::{PgPool, Row};
use test_support::ScratchDatabase;

use crate::{db, workspace};
use migration::migrator;
use migration::pin::Pin;
use overrides::JSON_OVERRIDES;
use postprocess::{Docs, Kind};

/// Arguments of `cargo xtask codegen`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Change nothing; fail, naming each stale, missing or extra file, when the tree is not what
    /// codegen would write.
    #[arg(long)]
    pub check: bool,
    /// Re-pin a migration that is not merged yet: write its pin file from what it renders now,
    /// even though it has one (repeatable). Never for a merged migration.
    #[arg(long, value_name = "MIGRATION")]
    pub repin: Vec<String>,
}

use migration::migrator::TOOLING_TABLES;

/// The generated files: path relative to the workspace root → content.
pub type Files = BTreeMap<PathBuf, String>;

/// Where the entities are written, relative to the workspace root.
pub fn generated_dir() -> PathBuf {
    PathBuf::from("entity/src/generated")
}

/// Runs `cargo xtask codegen`.
///
/// # Errors
///
/// Any failure of the pipeline, or, with `--check`, a stale tree.
pub async fn run(args: Args) -> Result<()> {
    let root = workspace::root();
    let changes = Migrator::changes();
    let pin_files = pins::files(&root, &changes, &args.repin)?;
    let pinned = pinned_from(&pin_files, &changes)?;
    let files = generate_pinned(&test_support::admin_url(), &changes, &pinned, "codegen").await?;
    if args.check {
        let mut drift = compare(&root, &files)?;
        drift.extend(compare_with(&root, &pin_files, pins::on_disk(&root)?)?);
        if drift.is_empty() {
            println!(
                "generated code and pins are up to date ({} files)",
                files.len() + pin_files.len()
            );
            return Ok(());
        }
        for d in &drift {
            eprintln!("{d}");
        }
        bail!(
            "{} generated file(s) are out of date: run `cargo xtask codegen` and commit the result",
            drift.len()
        );
    }
    let written = write(&root, &files)? + write_with(&root, &pin_files, pins::on_disk(&root)?)?;
    println!(
        "wrote {} files under {}, {} and {} ({} changed)",
        files.len() + pin_files.len(),
        generated_dir().display(),
        docs::docs_dir().display(),
        pins::pin_dir().display(),
        written
    );
    Ok(())
}

/// Generates every file from `changes`, through a throwaway database on the server of
/// `admin_url`, which is dropped even when a step fails.
///
/// # Errors
///
/// When the server is unreachable, a migration fails, or a step of the pipeline fails.
pub async fn generate(admin_url: &str, changes: &[Box<dyn SchemaChange>]) -> Result<Files> {
    generate_named(admin_url, changes, "codegen").await
}

/// The pins among `files`, parsed, in the order of `changes`.
fn pinned_from(files: &Files, changes: &[Box<dyn SchemaChange>]) -> Result<Vec<Pin>> {
    changes
        .iter()
        .map(|c| {
            let path = pins::pin_dir().join(format!("{}.sql", c.name()));
            let text = files
                .get(&path)
                .with_context(|| format!("no pin for {}", c.name()))?;
            Ok(Pin::parse(c.name(), text)?)
        })
        .collect()
}

/// [`generate`], with the throwaway database named `<prefix>_<unique suffix>`.
///
/// # Errors
///
/// As [`generate`].
pub async fn generate_named(
    admin_url: &str,
    changes: &[Box<dyn SchemaChange>],
    prefix: &str,
) -> Result<Files> {
    let pinned: Vec<Pin> = migration::pin::pins_of(changes)?;
    generate_pinned(admin_url, changes, &pinned, prefix).await
}

/// [`generate_named`], migrating the throwaway database with `pinned` (the pins being written).
///
/// # Errors
///
/// As [`generate`].
pub async fn generate_pinned(
    admin_url: &str,
    changes: &[Box<dyn SchemaChange>],
    pinned: &[Pin],
    prefix: &str,
) -> Result<Files> {
    let scratch = ScratchDatabase::create(admin_url, prefix)
        .await
        .context("codegen needs a Postgres server to migrate a throwaway database")?;
    let result = generate_in(&scratch, changes, pinned).await;
    let dropped = scratch.drop_now().await;
    let files = result?;
    dropped.context("generated the code but could not drop the throwaway database")?;
    Ok(files)
}

async fn generate_in(
    scratch: &ScratchDatabase,
    changes: &[Box<dyn SchemaChange>],
    pinned: &[Pin],
) -> Result<Files> {
    {
        let conn = db::connect(scratch.url()).await?;
        migrator::up_pinned(&conn, pinned, None).await?;
        conn.close().await.ok();
    }
    let pool = PgPool::connect(scratch.url())
        .await
        .context("cannot connect to the throwaway database")?;
    let result = async {
        let mut files = discover_and_render(&pool).await?;
        files.extend(docs::render(&pool, changes, TOOLING_TABLES).await?);
        let (page, text) = access::render(&pool, &workspace::root(), TOOLING_TABLES).await?;
        files.insert(page, text);
        Ok(files)
    }
    .await;
    pool.close().await;
    result
}

async fn discover_and_render(pool: &PgPool) -> Result<Files> {
    let partitions: Vec<String> = sqlx::query(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = current_schema() AND c.relispartition",
    )
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| r.get::<String, _>(0))
    .collect();
    let docs = read_docs(pool).await?;
    let schema = SchemaDiscovery::new(pool.clone(), "public")
        .discover()
        .await
        .context("cannot discover the schema")?;
    let mut tables: Vec<_> = schema
        .tables
        .into_iter()
        .filter(|t| !TOOLING_TABLES.contains(&t.info.name.as_str()))
        .filter(|t| !partitions.contains(&t.info.name))
        .collect();
    tables.sort_by(|a, b| a.info.name.cmp(&b.info.name));
    for table in &mut tables {
        // A partial unique index ("at most one current subscription per tenant") does not make
        // the relation one-to-one; left in, codegen would emit `has_one`.
        table.unique_constraints.retain(|u| !u.is_partial);
    }
    let table_names: Vec<String> = tables.iter().map(|t| t.info.name.clone()).collect();
    for (i, o) in JSON_OVERRIDES.iter().enumerate() {
        if JSON_OVERRIDES[..i]
            .iter()
            .any(|p| p.table == o.table && p.column == o.column)
        {
            bail!(
                "the JSON override for {}.{} is listed twice: fix JSON_OVERRIDES in xtask/src/codegen/overrides.rs",
                o.table,
                o.column
            );
        }
        if !table_names.iter().any(|t| t == o.table) {
            bail!(
                "the JSON override for {}.{} names a table that does not exist: fix JSON_OVERRIDES in xtask/src/codegen/overrides.rs",
                o.table,
                o.column
            );
        }
    }
    let statements = tables.iter().map(|t| t.write()).collect();
    render(statements, &table_names, &docs)
}

async fn read_docs(pool: &PgPool) -> Result<Docs> {
    let mut docs = Docs::default();
    let tables = sqlx::query(
        "SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v') \
           AND obj_description(c.oid, 'pg_class') IS NOT NULL",
    )
    .fetch_all(pool)
    .await?;
    for row in tables {
        docs.tables.insert(row.get(0), row.get(1));
    }
    let columns = sqlx::query(
        "SELECT c.relname, a.attname, col_description(c.oid, a.attnum) FROM pg_attribute a \
         JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v') AND a.attnum > 0 \
           AND NOT a.attisdropped AND col_description(c.oid, a.attnum) IS NOT NULL",
    )
    .fetch_all(pool)
    .await?;
    for row in columns {
        docs.columns.insert((row.get(0), row.get(1)), row.get(2));
    }
    Ok(docs)
}

fn writer_context() -> EntityWriterContext {
    EntityWriterContext::new(
        EntityFormat::Compact,
        WithPrelude::All,
        WithSerde::Both,
        true,
        DateTimeCrate::Chrono,
        BigIntegerType::I64,
        None,
        false,
        false,
        false,
        Vec::new(),
        Vec::new(),
        Vec::new(),
        vec!["serde(rename_all = \"snake_case\")".to_owned()],
        Vec::new(),
        false,
        // The entity crate implements ActiveModelBehavior by hand (timestamps, UUIDv7 ids).
        false,
        BannerVersion::Off,
    )
}

fn render(
    statements: Vec<sea_query::TableCreateStatement>,
    tables: &[String],
    docs: &Docs,
) -> Result<Files> {
    let writer = EntityTransformer::transform(statements)
        .map_err(|e| anyhow::anyhow!("sea-orm-codegen could not transform the schema: {e}"))?;
    let output = writer.generate(&writer_context());
    // The entities with a `tenant_id`, which `mod.rs` lists (in table order).
    let mut tenant_scoped = Vec::new();
    for file in &output.files {
        let stem = file.name.trim_end_matches(".rs");
        if tables.iter().any(|t| t == stem)
            && postprocess::tenant_scoped(&file.content)
                .with_context(|| format!("cannot read {}", file.name))?
                .is_some()
        {
            tenant_scoped.push(stem.to_owned());
        }
    }
    tenant_scoped.sort();
    let mut files = Files::new();
    for file in output.files {
        let stem = file.name.trim_end_matches(".rs");
        let (kind, doc) = match stem {
            "mod" => (
                Kind::Index {
                    tenant_scoped: &tenant_scoped,
                },
                "Every table's entity, generated from the migrations by sea-orm-codegen.".to_owned(),
            ),
            "prelude" => (
                Kind::Other,
                "The entities under their conventional names.".to_owned(),
            ),
            "sea_orm_active_enums" => (
                Kind::Other,
                "Every database enum as a Rust enum; the values are declared once, in the migration \
                 that creates the type."
                    .to_owned(),
            ),
            table if tables.iter().any(|t| t == table) => {
                (Kind::Entity { table }, format!("The `{table}` table."))
            }
            other => bail!("sea-orm-codegen wrote an unexpected file `{other}.rs`"),
        };
        let content = postprocess::rewrite(&file.content, kind, &doc, docs, JSON_OVERRIDES)
            .with_context(|| format!("cannot finish {}", file.name))?;
        files.insert(generated_dir().join(&file.name), content);
    }
    Ok(files)
}

/// One way the tree differs from what codegen would write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    /// The file's content differs.
    Stale(PathBuf),
    /// Codegen would write this file; it is not there.
    Missing(PathBuf),
    /// The file is there; codegen would not write it.
    Extra(PathBuf),
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Stale(p) => write!(f, "stale:   {}", p.display()),
            Self::Missing(p) => write!(f, "missing: {}", p.display()),
            Self::Extra(p) => write!(f, "extra:   {}", p.display()),
        }
    }
}

/// Compares `files` with the tree under `root`.
///
/// # Errors
///
/// When the generated directory cannot be read.
pub fn compare(root: &Path, files: &Files) -> Result<Vec<Drift>> {
    compare_with(root, files, on_disk(root)?)
}

/// [`compare`], with `existing` the files of the kind already on disk (for extra ones).
fn compare_with(root: &Path, files: &Files, existing: Vec<PathBuf>) -> Result<Vec<Drift>> {
    let mut drift = Vec::new();
    for (path, content) in files {
        match std::fs::read_to_string(root.join(path)) {
            Ok(existing) if &existing == content => {}
            Ok(_) => drift.push(Drift::Stale(path.clone())),
            Err(_) => drift.push(Drift::Missing(path.clone())),
        }
    }
    for path in existing {
        if !files.contains_key(&path) {
            drift.push(Drift::Extra(path));
        }
    }
    Ok(drift)
}

/// Writes `files` under `root` and removes generated files codegen no longer writes; returns how
/// many files changed.
///
/// # Errors
///
/// When a file cannot be written or removed.
pub fn write(root: &Path, files: &Files) -> Result<usize> {
    write_with(root, files, on_disk(root)?)
}

fn write_with(root: &Path, files: &Files, existing: Vec<PathBuf>) -> Result<usize> {
    let mut changed = 0;
    for path in existing {
        if !files.contains_key(&path) {
            std::fs::remove_file(root.join(&path))
                .with_context(|| format!("cannot remove {}", path.display()))?;
            changed += 1;
        }
    }
    for (path, content) in files {
        let full = root.join(path);
        if std::fs::read_to_string(&full).ok().as_deref() != Some(content.as_str()) {
            if let Some(dir) = full.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&full, content)
                .with_context(|| format!("cannot write {}", full.display()))?;
            changed += 1;
        }
    }
    Ok(changed)
}

fn on_disk(root: &Path) -> Result<Vec<PathBuf>> {
    let dir = root.join(generated_dir());
    let mut paths = Vec::new();
    if !dir.exists() {
        return Ok(paths);
    }
    for entry in
        std::fs::read_dir(&dir).with_context(|| format!("cannot read {}", dir.display()))?
    {
        let entry = entry?;
        let name = entry.file_name();
        if entry.path().is_file() && name.to_string_lossy().ends_with(".rs") {
            paths.push(generated_dir().join(name));
        }
    }
    paths.sort();
    Ok(paths)
}
