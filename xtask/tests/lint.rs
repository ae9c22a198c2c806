//! The migration linter runs on every migration's Postgres SQL and flags risky changes.

use migration::{Ddl, Migrator, SchemaChange};
use sea_orm_migration::MigrationName;

struct Risky;

impl MigrationName for Risky {
    fn name(&self) -> &str {
        "m99990101_000000_risky"
    }
}

impl SchemaChange for Risky {
    fn up(&self, ddl: &mut Ddl) {
        // Rewrites and locks a large existing table: what the linter is there to catch.
        ddl.postgres("ALTER TABLE \"tenants\" ALTER COLUMN \"description\" SET NOT NULL");
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.postgres("ALTER TABLE \"tenants\" ALTER COLUMN \"description\" DROP NOT NULL");
    }
}

fn squawk_available() -> bool {
    let binary = std::env::var("SQUAWK").unwrap_or_else(|_| "squawk".to_owned());
    let found = std::process::Command::new(binary)
        .arg("--version")
        .output()
        .is_ok();
    if !found {
        assert!(
            std::env::var("REQUIRE_SQUAWK").is_err(),
            "REQUIRE_SQUAWK is set but squawk is not installed (pip install squawk-cli==2.70.0)"
        );
        eprintln!(
            "notice: skipping lint test: squawk is not installed (pip install squawk-cli==2.70.0)"
        );
    }
    found
}

#[test]
fn every_migration_passes_and_a_risky_one_is_flagged() {
    if !squawk_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let files = xtask::lint::write_sql(&Migrator::changes(), dir.path()).expect("write");
    xtask::lint::squawk(&files).expect("the migrations pass the linter");

    let mut changes = Migrator::changes();
    changes.push(Box::new(Risky));
    let dir = tempfile::tempdir().expect("a temporary directory");
    let files = xtask::lint::write_sql(&changes, dir.path()).expect("write");
    let err = xtask::lint::squawk(&files)
        .expect_err("the risky migration is flagged")
        .to_string();
    assert!(
        err.contains("m99990101_000000_risky"),
        "the finding names the migration: {err}"
    );
    assert!(
        err.contains("adding-not-nullable-field") || err.contains("not-null"),
        "{err}"
    );
}
