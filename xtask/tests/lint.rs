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

/// A test-only migration from a function.
struct Vocabulary {
    name: &'static str,
    up: fn(&mut Ddl),
    transactional: bool,
}

impl MigrationName for Vocabulary {
    fn name(&self) -> &str {
        self.name
    }
}

impl SchemaChange for Vocabulary {
    fn up(&self, ddl: &mut Ddl) {
        (self.up)(ddl);
    }
    fn down(&self, _: &mut Ddl) {}
    fn transactional(&self) -> bool {
        self.transactional
    }
}

fn vocabulary(name: &'static str, up: fn(&mut Ddl), transactional: bool) -> Box<dyn SchemaChange> {
    Box::new(Vocabulary {
        name,
        up,
        transactional,
    })
}

/// The safe forms the ALTER vocabulary emits pass squawk as they are; dropping and renaming a
/// column are flagged (they break the clients still reading the column), which is why
/// docs/migrations.md has them done as expand and contract rather than silencing the rule.
#[test]
fn the_vocabularys_safe_forms_pass_and_drop_and_rename_are_flagged() {
    use migration::{Column, EnumType, ForeignKeySpec, IndexSpec};
    if !squawk_available() {
        return;
    }
    const SIZE: EnumType = EnumType {
        name: "tenant_size",
        values: &["small", "medium", "large"],
    };
    let safe = vec![
        vocabulary(
            "m99990101_000000_expand",
            |ddl| {
                ddl.add_column("tenants", Column::varchar("region", 2).nullable());
                ddl.set_default("tenants", "region", migration::Default::Text("eu"));
                ddl.set_not_null("tenants", "region");
                ddl.add_check("tenants", "region", "region <> ''");
                ddl.add_foreign_key(
                    "tenants",
                    &ForeignKeySpec::new("tenants", &["plan_id"], "plans", &["id"]),
                );
                ddl.attach_unique("tenants", &["region"]);
                ddl.add_enum_value(&SIZE, "medium");
            },
            true,
        ),
        vocabulary(
            "m99990101_000100_validate",
            |ddl| {
                ddl.validate_check("tenants", "region");
                ddl.validate_constraint("tenants", "fk_tenants_plan_id");
            },
            true,
        ),
        vocabulary(
            "m99990101_000200_index",
            |ddl| {
                ddl.create_index_concurrently(
                    "tenants",
                    &IndexSpec::unique("tenants", &["region"]),
                );
            },
            false,
        ),
        vocabulary(
            "m99990101_000300_unindex",
            |ddl| {
                ddl.drop_index_concurrently("tenants", "uq_tenants_region");
            },
            false,
        ),
    ];
    let dir = tempfile::tempdir().expect("a temporary directory");
    let files = xtask::lint::write_sql(&safe, dir.path()).expect("write");
    xtask::lint::squawk(&files).expect("the safe forms pass as they are");

    for (op, rule) in [
        (
            vocabulary(
                "m99990101_000400_drop",
                |ddl| {
                    ddl.drop_column("tenants", "region");
                },
                true,
            ),
            "ban-drop-column",
        ),
        (
            vocabulary(
                "m99990101_000500_rename",
                |ddl| {
                    ddl.rename_column("tenants", "region", "area");
                },
                true,
            ),
            "renaming-column",
        ),
    ] {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let files = xtask::lint::write_sql(&[op], dir.path()).expect("write");
        let err = xtask::lint::squawk(&files)
            .expect_err("flagged")
            .to_string();
        assert!(err.contains(rule), "{rule}: {err}");
    }
}
