//! `cargo xtask lint`: checks the Postgres SQL of every migration with squawk, the migration
//! linter, configured by `.squawk.toml` at the workspace root.
//!
//! Each migration's statements go into a file of their own, so a finding names the migration.
//! squawk comes from PyPI (`pip install squawk-cli`); `SQUAWK` names the binary when it is not on
//! `PATH`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use migration::{Migrator, SchemaChange, up_statements};
use sea_orm::DbBackend;

use crate::workspace;

/// Arguments of `cargo xtask lint`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Keep the SQL files in this folder (default: a temporary folder, removed afterwards).
    #[arg(long)]
    pub sql_dir: Option<PathBuf>,
}

/// The folder of [`write_sql`]'s output that holds the migrations that run outside a
/// transaction, which squawk is told are not wrapped in one.
const OUTSIDE_TRANSACTION: &str = "outside_transaction";

/// Writes the Postgres SQL of each change into `dir`, one file per migration (those that run
/// outside a transaction in its `outside_transaction` folder); returns the files.
///
/// # Errors
///
/// When a file cannot be written.
pub fn write_sql(changes: &[Box<dyn SchemaChange>], dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut files = Vec::new();
    for change in changes {
        let statements = up_statements(change.as_ref(), DbBackend::Postgres);
        if statements.is_empty() {
            continue;
        }
        let folder = if change.transactional() {
            dir.to_owned()
        } else {
            let folder = dir.join(OUTSIDE_TRANSACTION);
            std::fs::create_dir_all(&folder)?;
            folder
        };
        let path = folder.join(format!("{}.sql", change.name()));
        let mut sql = format!("-- {}\n", change.name());
        for s in statements {
            sql.push_str(&s);
            sql.push_str(";\n");
        }
        std::fs::write(&path, sql).with_context(|| format!("cannot write {}", path.display()))?;
        files.push(path);
    }
    Ok(files)
}

/// Runs squawk on `files` with the workspace's configuration; returns its report when it finds
/// nothing.
///
/// # Errors
///
/// When squawk is missing, or reports findings (its report is the error).
pub fn squawk(files: &[PathBuf]) -> Result<String> {
    let (outside, inside): (Vec<&PathBuf>, Vec<&PathBuf>) = files.iter().partition(|f| {
        f.parent()
            .and_then(Path::file_name)
            .is_some_and(|n| n == OUTSIDE_TRANSACTION)
    });
    let mut report = String::new();
    let mut failed = false;
    for (group, in_transaction) in [(inside, true), (outside, false)] {
        if group.is_empty() {
            continue;
        }
        let binary = std::env::var("SQUAWK").unwrap_or_else(|_| "squawk".to_owned());
        let mut command = Command::new(&binary);
        command
            .arg("--config")
            .arg(workspace::root().join(".squawk.toml"));
        if !in_transaction {
            // The configuration assumes a transaction around each file; these run without one.
            command.arg("--no-assume-in-transaction");
        }
        let output = command.args(group).output().with_context(|| {
            format!("cannot run `{binary}`: install the linter with `pip install squawk-cli==2.70.0` or set SQUAWK to its path")
        })?;
        report.push_str(&String::from_utf8_lossy(&output.stdout));
        report.push_str(&String::from_utf8_lossy(&output.stderr));
        failed |= !output.status.success();
    }
    if failed {
        bail!(
            "squawk found problems in the migrations' SQL (fix them, do not silence them):\n{report}"
        );
    }
    Ok(report)
}

/// Runs `cargo xtask lint`.
///
/// # Errors
///
/// When squawk is missing or finds problems.
pub fn run(args: Args) -> Result<()> {
    let temp;
    let dir = match &args.sql_dir {
        Some(dir) => dir.clone(),
        None => {
            temp = std::env::temp_dir().join(format!("xtask-lint-{}", std::process::id()));
            temp
        }
    };
    let files = write_sql(&Migrator::changes(), &dir)?;
    let result = squawk(&files);
    if args.sql_dir.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    result?;
    println!("squawk: {} migrations, no findings", files.len());
    Ok(())
}
