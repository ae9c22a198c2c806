//! Codegen on Postgres: the committed tree is current, and `--check` names every file that a
//! changed migration makes stale, missing or extra. Drift is exercised in a temporary copy of
//! the generated tree, never in the real one.

use std::path::Path;

use migration::{Ddl, Migrator, SchemaChange};
use sea_orm_migration::MigrationName;
use xtask::codegen::{self, Drift};

/// The real `create_tenants` migration with one more column, under the same name: what a
/// developer does when they edit a merged migration.
struct EditedTenants(Box<dyn SchemaChange>);

/// A new migration adding a column to `tenants`: what a developer writes and forgets to
/// regenerate after.
struct AddRegion;

impl MigrationName for AddRegion {
    fn name(&self) -> &str {
        "m99990101_000000_add_tenants_region"
    }
}

impl SchemaChange for AddRegion {
    fn up(&self, ddl: &mut Ddl) {
        ddl.sql("ALTER TABLE tenants ADD COLUMN region text");
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.sql("ALTER TABLE tenants DROP COLUMN region");
    }

    fn domain(&self) -> &'static str {
        "tenancy"
    }
}

#[test]
fn editing_a_merged_migrations_sql_fails_the_check_naming_it() {
    let root = xtask::workspace::root();
    // The committed pins are what the migrations render.
    codegen::pins::files(&root, &Migrator::changes(), &[]).expect("the pins are current");
    let edited: Vec<Box<dyn SchemaChange>> = Migrator::changes()
        .into_iter()
        .map(|c| {
            if c.name().ends_with("_create_tenants") {
                Box::new(EditedTenants(c)) as Box<dyn SchemaChange>
            } else {
                c
            }
        })
        .collect();
    let err = codegen::pins::files(&root, &edited, &[])
        .expect_err("an edited merged migration fails")
        .to_string();
    println!("{err}");
    assert!(
        err.starts_with(
            "migration m20261122_000100_create_tenants no longer renders the SQL pinned when it was \
             reviewed (postgres up, sqlite up differ from migration/pinned/m20261122_000100_create_tenants.sql)"
        ),
        "{err}"
    );
    assert!(
        err.contains("new-migration") && err.contains("--repin"),
        "{err}"
    );
    // Only that one is named.
    assert_eq!(err.matches("no longer renders").count(), 1, "{err}");
    // A new migration is pinned from what it renders, and re-pinning is refused for a name that
    // is not a migration.
    let mut with_new = Migrator::changes();
    with_new.push(Box::new(AddRegion));
    let files = codegen::pins::files(&root, &with_new, &[]).expect("a new migration is pinned");
    let pin = &files[&codegen::pins::pin_dir().join("m99990101_000000_add_tenants_region.sql")];
    assert!(
        pin.contains("-- @postgres up\n-- @statement\nSET LOCAL lock_timeout = '5s';"),
        "{pin}"
    );
    assert!(
        codegen::pins::files(&root, &with_new, &["m_nope".to_owned()]).is_err(),
        "unknown --repin"
    );
}

impl MigrationName for EditedTenants {
    fn name(&self) -> &str {
        self.0.name()
    }
}

impl SchemaChange for EditedTenants {
    fn up(&self, ddl: &mut Ddl) {
        self.0.up(ddl);
        ddl.sql("ALTER TABLE tenants ADD COLUMN region text");
    }

    fn down(&self, ddl: &mut Ddl) {
        self.0.down(ddl);
    }

    fn domain(&self) -> &'static str {
        self.0.domain()
    }
}

fn copy_generated(to: &Path) {
    for dir in [codegen::generated_dir(), codegen::docs::docs_dir()] {
        let from = xtask::workspace::root().join(&dir);
        let dest = to.join(&dir);
        std::fs::create_dir_all(&dest).expect("make the copy's folder");
        for entry in std::fs::read_dir(from).expect("the generated folder exists") {
            let entry = entry.expect("an entry");
            std::fs::copy(entry.path(), dest.join(entry.file_name()))
                .expect("copy a generated file");
        }
    }
    // The access matrix is generated into this page.
    let page = codegen::access::page();
    std::fs::copy(xtask::workspace::root().join(&page), to.join(&page))
        .expect("copy the page with the access matrix");
}

fn postgres_available() -> bool {
    // The same rule as every Postgres test: skip visibly, or fail under REQUIRE_POSTGRES=1.
    let admin = test_support::admin_url();
    let reachable = std::net::TcpStream::connect_timeout(
        &url::Url::parse(&admin)
            .ok()
            .and_then(|u| u.socket_addrs(|| Some(5432)).ok())
            .and_then(|a| a.into_iter().next())
            .unwrap_or_else(|| ([127, 0, 0, 1], 5432).into()),
        std::time::Duration::from_secs(2),
    )
    .is_ok();
    if !reachable {
        assert!(
            !test_support::postgres_required(),
            "Postgres is required (REQUIRE_POSTGRES=1) but {} is unreachable",
            test_support::redact(&admin)
        );
        eprintln!(
            "notice: skipping codegen test: Postgres at {} is unreachable",
            test_support::redact(&admin)
        );
    }
    reachable
}

#[tokio::test]
async fn the_committed_tree_is_current() {
    if !postgres_available() {
        return;
    }
    let files = codegen::generate(&test_support::admin_url(), &Migrator::changes())
        .await
        .expect("codegen runs");
    let drift = codegen::compare(&xtask::workspace::root(), &files).expect("compare");
    assert!(drift.is_empty(), "run `cargo xtask codegen`: {drift:?}");
    let tenants = &files[&codegen::generated_dir().join("tenants.rs")];
    assert!(tenants.starts_with("//! @generated by cargo xtask codegen — do not edit\n"));
    assert!(
        tenants.contains("pub settings: crate::json::TenantSettings"),
        "typed JSON override applied"
    );
    let dir = codegen::generated_dir();
    assert!(
        !tenants.contains("TenantScoped"),
        "tenants has no tenant_id"
    );
    assert!(
        files[&dir.join("roles.rs")].contains(
            "impl crate::scope::TenantScoped for Entity {\n    const PLATFORM_ROWS: bool = true;"
        ),
        "a nullable tenant_id mixes platform rows"
    );
    assert!(
        files[&dir.join("tickets.rs")].contains("const PLATFORM_ROWS: bool = false;"),
        "a NOT NULL tenant_id does not"
    );
    assert!(
        files[&dir.join("mod.rs")].contains("    visitor.visit::<tickets::Entity>();\n"),
        "mod.rs lists the tenant-scoped entities"
    );
    let page = codegen::access::page();
    assert!(
        files[&page].contains(codegen::access::BEGIN) && files[&page].contains("| `tenants` |"),
        "the access matrix is generated into {}",
        page.display()
    );
    for (path, content) in files.iter().filter(|(p, _)| **p != page) {
        let header = if path.extension().is_some_and(|e| e == "md") {
            "<!-- @generated by cargo xtask codegen — do not edit -->"
        } else {
            "//! @generated by cargo xtask codegen — do not edit"
        };
        assert!(
            content.starts_with(header),
            "{} carries the header",
            path.display()
        );
    }
    assert_eq!(
        files
            .keys()
            .filter(|p| p.extension().is_some_and(|e| e == "md") && **p != page)
            .count(),
        17,
        "an index page and one page per domain"
    );
}

#[tokio::test]
async fn check_names_stale_missing_and_extra_files() {
    if !postgres_available() {
        return;
    }
    let copy = tempfile::tempdir().expect("a temporary directory");
    copy_generated(copy.path());
    let generated = copy.path().join(codegen::generated_dir());
    std::fs::remove_file(generated.join("sessions.rs")).expect("remove a file");
    std::fs::write(
        generated.join("leftover.rs"),
        "//! a table that no longer exists\n",
    )
    .expect("add a file");

    let mut changes = Migrator::changes();
    changes.push(Box::new(AddRegion));
    let files = codegen::generate(&test_support::admin_url(), &changes)
        .await
        .expect("codegen runs");
    let drift = codegen::compare(copy.path(), &files).expect("compare");
    let dir = codegen::generated_dir();
    assert_eq!(
        drift,
        vec![
            Drift::Stale(codegen::docs::docs_dir().join("tenancy.md")),
            Drift::Missing(dir.join("sessions.rs")),
            Drift::Stale(dir.join("tenants.rs")),
            Drift::Extra(dir.join("leftover.rs")),
        ]
    );

    // Writing brings the copy back in line, and the real tree was never touched.
    codegen::write(copy.path(), &files).expect("write");
    assert!(
        codegen::compare(copy.path(), &files)
            .expect("compare")
            .is_empty()
    );
    assert!(files[&dir.join("tenants.rs")].contains("pub region: Option<String>"));
}

#[tokio::test]
async fn a_broken_migration_fails_codegen_and_drops_the_throwaway_database() {
    if !postgres_available() {
        return;
    }
    struct Broken;
    impl MigrationName for Broken {
        fn name(&self) -> &str {
            "m99990101_000000_broken"
        }
    }
    impl SchemaChange for Broken {
        fn up(&self, ddl: &mut Ddl) {
            ddl.sql("CREATE TABLE broken (id uuid REFERENCES nowhere (id))");
        }
        fn down(&self, _ddl: &mut Ddl) {}
    }
    let mut changes = Migrator::changes();
    changes.push(Box::new(Broken));
    let before = scratch_databases().await;
    let err = codegen::generate_named(&test_support::admin_url(), &changes, "codegen_broken")
        .await
        .expect_err("a failing migration fails codegen");
    assert!(
        format!("{err:#}").contains("m99990101_000000_broken"),
        "{err:#}"
    );
    // Other tests of this binary may be running codegen at the same moment; their databases
    // come and go, a leaked one stays.
    let mut leaked = Vec::new();
    for _ in 0..60 {
        let after = scratch_databases().await;
        leaked = after.into_iter().filter(|d| !before.contains(d)).collect();
        if leaked.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    assert!(
        leaked.is_empty(),
        "the throwaway database was dropped: {leaked:?}"
    );
}

async fn scratch_databases() -> Vec<String> {
    use sqlx::{Connection, Row};
    let mut conn = sqlx::PgConnection::connect(&test_support::admin_url())
        .await
        .expect("admin connection");
    let pid = std::process::id();
    sqlx::query("SELECT datname FROM pg_database WHERE datname LIKE $1")
        .bind(format!("codegen_broken_{pid}_%"))
        .fetch_all(&mut conn)
        .await
        .expect("list databases")
        .iter()
        .map(|r| r.get::<String, _>(0))
        .collect()
}
