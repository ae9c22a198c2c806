//! `cargo xtask new-migration <domain> <name>`: writes a migration skeleton into the domain's
//! folder and registers it in the migrator, after every existing migration.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::workspace;

/// The line of `migration/src/lib.rs` above which new migrations are registered.
pub const MARKER: &str = "// new-migration: insert above this line";

/// Rust's keywords (strict, reserved and 2018+), which cannot name a module.
const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield",
];

/// The modules of `migration/src/lib.rs` that are not domains, which a domain folder would clash with.
const NOT_DOMAINS: &[&str] = &[
    "access",
    "alter",
    "ddl",
    "migrator",
    "pin",
    "pinned",
    "tests",
    "sea_orm_migration",
];

/// Arguments of `cargo xtask new-migration`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The domain folder under migration/src (for example `billing`); created if new.
    pub domain: String,
    /// What the migration does, snake_case, starting with a verb (for example `create_invoices`).
    pub name: String,
    /// Scaffold a change of this existing table with the ALTER vocabulary instead of a new table.
    #[arg(long, value_name = "TABLE")]
    pub alter: Option<String>,
}

/// Runs `cargo xtask new-migration`.
///
/// # Errors
///
/// An invalid domain or name, or a file that cannot be written.
pub fn run(args: Args) -> Result<()> {
    let stamp = chrono::Utc::now().format("%Y%m%d_%H%M%S").to_string();
    let path = create_with(
        &workspace::root(),
        &args.domain,
        &args.name,
        &stamp,
        args.alter.as_deref(),
    )?;
    println!("wrote {}", path.display());
    println!(
        "next: fill in up() and down(), then run `cargo xtask migrate up` and `cargo xtask codegen`"
    );
    Ok(())
}

fn is_snake(s: &str) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Writes `migration/src/<domain>/m<stamp>_<name>.rs` under `root` and registers it; returns the
/// path written.
///
/// # Errors
///
/// An invalid domain or name, a migration that already exists, or an I/O failure.
pub fn create(root: &Path, domain: &str, name: &str, stamp: &str) -> Result<PathBuf> {
    create_with(root, domain, name, stamp, None)
}

/// [`create`], scaffolding an ALTER of the existing table `alter` when given.
///
/// # Errors
///
/// As [`create`], and a table name that is not snake_case.
pub fn create_with(
    root: &Path,
    domain: &str,
    name: &str,
    stamp: &str,
    alter: Option<&str>,
) -> Result<PathBuf> {
    if let Some(table) = alter
        && !is_snake(table)
    {
        bail!(
            "--alter `{table}` must be a table name, snake_case (a-z, 0-9, _), for example `invoices`"
        );
    }
    if !is_snake(domain) {
        bail!("domain `{domain}` must be snake_case (a-z, 0-9, _), for example `billing`");
    }
    if !is_snake(name) {
        bail!("name `{name}` must be snake_case (a-z, 0-9, _), for example `create_invoices`");
    }
    if RUST_KEYWORDS.contains(&domain) {
        bail!(
            "domain `{domain}` is a Rust keyword, so `pub mod {domain};` would not compile: use one of \
             the model's domains, such as `billing`"
        );
    }
    if NOT_DOMAINS.contains(&domain) {
        bail!(
            "domain `{domain}` clashes with the module `migration::{domain}`: use one of the model's \
             domains, such as `billing`"
        );
    }
    let src = root.join("migration/src");
    let lib = src.join("lib.rs");
    let lib_text =
        std::fs::read_to_string(&lib).with_context(|| format!("cannot read {}", lib.display()))?;
    if !lib_text.contains(MARKER) {
        bail!(
            "{} has lost the line `{MARKER}`: put it back at the end of Migrator::changes()",
            lib.display()
        );
    }
    let module = format!("m{stamp}_{name}");
    let dir = src.join(domain);
    let file = dir.join(format!("{module}.rs"));
    if file.exists() {
        bail!(
            "{} already exists: wait a second or pick another name",
            file.display()
        );
    }
    std::fs::create_dir_all(&dir)?;
    let text = match alter {
        Some(table) => alter_skeleton(name, table),
        None => skeleton(name),
    };
    std::fs::write(&file, text).with_context(|| format!("cannot write {}", file.display()))?;

    let mod_rs = dir.join("mod.rs");
    let mut mod_text = std::fs::read_to_string(&mod_rs)
        .unwrap_or_else(|_| format!("//! The {} domain.\n\n", domain.replace('_', " ")));
    if !mod_text.ends_with('\n') {
        mod_text.push('\n');
    }
    mod_text.push_str(&format!("pub mod {module};\n"));
    std::fs::write(&mod_rs, mod_text)?;

    let mut new_lib = lib_text.replacen(
        MARKER,
        &format!("Box::new({domain}::{module}::Migration),\n            {MARKER}"),
        1,
    );
    let declaration = format!("pub mod {domain};");
    if !new_lib.contains(&declaration) {
        new_lib = new_lib.replacen("pub mod ddl;", &format!("pub mod ddl;\n{declaration}"), 1);
    }
    std::fs::write(&lib, new_lib)?;
    Ok(file)
}

fn alter_skeleton(name: &str, table: &str) -> String {
    let what = name.replace('_', " ");
    format!(
        r#"//! TODO: say what this migration does to `{table}` and why ({what}).
//!
//! The ALTER vocabulary (migration/src/alter.rs, docs/migrations.md) emits the safe form on each
//! backend: constraints `NOT VALID` on Postgres (validate them in a later migration), the table
//! rebuild on SQLite. An index goes in a migration of its own that returns `false` from
//! `transactional()` and uses `ddl.create_index_concurrently(…)`.

use crate::{{Column, Ddl, SchemaChange}};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {{
    fn up(&self, ddl: &mut Ddl) {{
        // For example: ddl.add_column("{table}", Column::text("note").nullable());
        let _ = (ddl, Column::text);
    }}

    fn down(&self, ddl: &mut Ddl) {{
        // Revert exactly what up() did, in reverse order: ddl.drop_column("{table}", "note");
        let _ = ddl;
    }}
}}
"#
    )
}

fn skeleton(name: &str) -> String {
    let what = name.replace('_', " ");
    format!(
        r#"//! TODO: say what this migration does and why ({what}).

use crate::{{Ddl, SchemaChange}};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {{
    fn up(&self, ddl: &mut Ddl) {{
        // Describe the change: ddl.create_table(&Table::new("…")…), ddl.postgres("…"), ddl.sql("…").
        let _ = ddl;
    }}

    fn down(&self, ddl: &mut Ddl) {{
        // Revert exactly what up() did, in reverse order.
        let _ = ddl;
    }}
}}
"#
    )
}
