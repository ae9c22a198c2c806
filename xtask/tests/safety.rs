//! The safety features of migrating: the lock, checksums, dry runs, the guard on destructive
//! commands, exact round trips and atomicity. Each test fails without the feature it covers.

use migration::migrator::{self as runner, ChecksumState};
use migration::{Ddl, Migrator, SchemaChange};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use sea_orm_migration::MigrationName;

use crate::catalog;

/// A change with a fixed name and fixed statements, for test-only migrators.
#[derive(Clone)]
struct TestChange {
    name: &'static str,
    up: Vec<&'static str>,
    down: Vec<&'static str>,
    transactional: bool,
}

impl MigrationName for TestChange {
    fn name(&self) -> &str {
        self.name
    }
}

impl SchemaChange for TestChange {
    fn up(&self, ddl: &mut Ddl) {
        for s in &self.up {
            ddl.sql(*s);
        }
    }

    fn down(&self, ddl: &mut Ddl) {
        for s in &self.down {
            ddl.sql(*s);
        }
    }

    fn transactional(&self) -> bool {
        self.transactional
    }
}

/// The real `create_tenants` with one more statement, under the same name: an edited migration.
struct Edited(Box<dyn SchemaChange>, bool);

impl MigrationName for Edited {
    fn name(&self) -> &str {
        self.0.name()
    }
}

impl SchemaChange for Edited {
    fn up(&self, ddl: &mut Ddl) {
        self.0.up(ddl);
        if self.1 {
            ddl.sql("CREATE INDEX \"idx_tenants_created_at\" ON \"tenants\" (\"created_at\")");
        }
    }

    fn down(&self, ddl: &mut Ddl) {
        self.0.down(ddl);
    }

    fn domain(&self) -> &'static str {
        self.0.domain()
    }
}

fn with_tenants_edited(change_sql: bool) -> Vec<Box<dyn SchemaChange>> {
    Migrator::changes()
        .into_iter()
        .map(|c| {
            if c.name().ends_with("_create_tenants") {
                Box::new(Edited(c, change_sql)) as Box<dyn SchemaChange>
            } else {
                c
            }
        })
        .collect()
}

#[tokio::test]
async fn concurrent_deploys_take_turns_and_apply_each_migration_once() {
    let Some(db) = test_support::postgres_empty().await else {
        return;
    };
    let url = db.scratch().expect("a scratch database").url().to_owned();
    // Hold the lock so that both runs must wait, then let them race for it.
    let held = runner::HeldLock::acquire(&db).await.expect("lock");
    let run = |url: String| async move {
        let conn = xtask::db::connect(&url).await.expect("connect");
        let outcome = runner::up_waiting(&conn, &Migrator::changes(), None)
            .await
            .expect("up");
        (outcome.names, outcome.waited)
    };
    let first = tokio::spawn(run(url.clone()));
    let second = tokio::spawn(run(url.clone()));
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    held.release().await;
    let (a, b) = (first.await.expect("task"), second.await.expect("task"));
    assert!(a.1.is_some() && b.1.is_some(), "both runs said they waited");
    let mut all: Vec<String> = a.0.iter().chain(&b.0).cloned().collect();
    all.sort();
    let mut expected: Vec<String> = Migrator::changes()
        .iter()
        .map(|c| c.name().to_owned())
        .collect();
    expected.sort();
    assert_eq!(
        all, expected,
        "each migration applied exactly once across the two runs"
    );
    // Without contention nobody waits.
    let outcome = runner::up_waiting(&db, &Migrator::changes(), None)
        .await
        .expect("up");
    assert!(outcome.names.is_empty() && outcome.waited.is_none());
}

#[tokio::test]
async fn checksums_catch_a_changed_pin_and_repair_accepts_it() {
    for db in test_support::all_backends_empty().await {
        let label = db.label();
        runner::up(&db, &Migrator::changes(), None)
            .await
            .expect("up");
        let statuses = runner::status(&db, &Migrator::changes())
            .await
            .expect("status");
        assert!(
            statuses
                .iter()
                .all(|s| s.checksum == ChecksumState::Matches),
            "{label}"
        );

        // The recorded checksum is that of the pinned bytes, not of what the Rust renders today:
        // an edit of a merged migration's Rust (or a vocabulary refactor, or a sea-query upgrade)
        // cannot block a deployed database; `cargo xtask codegen --check` catches it before merge
        // (`editing_a_merged_migrations_sql_fails_the_check_naming_it`).
        for edit_sql in [false, true] {
            let same = runner::status(&db, &with_tenants_edited(edit_sql))
                .await
                .expect("status");
            assert!(
                same.iter().all(|s| s.checksum == ChecksumState::Matches),
                "{label}"
            );
        }
        let recorded = runner::recorded_checksums(&db).await.expect("sums");
        let tenants = migration::pin::pinned("m20261122_000100_create_tenants")
            .expect("readable")
            .expect("pinned");
        assert_eq!(
            recorded["m20261122_000100_create_tenants"],
            tenants.checksum(db.backend()),
            "{label}: the database records the pinned bytes' checksum"
        );

        // A pin that changed after it ran (an unpinned migration stands in for one) is caught by
        // name, and up refuses until it is repaired.
        let v1 = TestChange {
            name: "m99990101_000000_changed_later",
            up: vec!["CREATE TABLE changed_later (id integer PRIMARY KEY)"],
            down: vec!["DROP TABLE changed_later"],
            transactional: true,
        };
        let v2 = TestChange {
            up: vec![
                "CREATE TABLE changed_later (id integer PRIMARY KEY)",
                "CREATE INDEX idx_changed_later_id ON changed_later (id)",
            ],
            ..v1.clone()
        };
        let mut before = Migrator::changes();
        before.push(Box::new(v1));
        runner::up(&db, &before, None).await.expect("up v1");
        let mut edited = Migrator::changes();
        edited.push(Box::new(v2));
        let statuses = runner::status(&db, &edited).await.expect("status");
        let changed: Vec<&str> = statuses
            .iter()
            .filter(|s| s.checksum == ChecksumState::Changed)
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(changed, vec!["m99990101_000000_changed_later"], "{label}");
        let err = runner::up(&db, &edited, None)
            .await
            .expect_err("refused")
            .to_string();
        assert!(
            err.contains("m99990101_000000_changed_later") && err.contains("migrate repair"),
            "{err}"
        );
        assert!(
            runner::plan_up(&db, &edited, None).await.is_err(),
            "{label}: a dry run refuses too"
        );

        runner::repair(&db, &edited, "m99990101_000000_changed_later")
            .await
            .expect("repair");
        let statuses = runner::status(&db, &edited).await.expect("status");
        assert!(
            statuses
                .iter()
                .all(|s| s.checksum == ChecksumState::Matches),
            "{label}: repaired"
        );
        assert!(runner::up(&db, &edited, None).await.is_ok(), "{label}");
    }
}

#[tokio::test]
async fn a_dry_run_prints_exactly_what_runs_and_changes_nothing() {
    for (db, by_hand) in test_support::all_backends_empty()
        .await
        .into_iter()
        .zip(test_support::all_backends_empty().await)
    {
        let label = db.label();
        let changes = Migrator::changes();
        runner::up(&db, &changes, Some(5))
            .await
            .expect("part of the way");
        let before = dump(&db).await;
        let plan = runner::plan_up(&db, &changes, None).await.expect("dry run");
        assert_eq!(
            plan.len(),
            changes.len() - 5,
            "{label}: the pending ones, in order"
        );
        assert_eq!(
            dump(&db).await,
            before,
            "{label}: a dry run changes nothing"
        );
        assert_eq!(
            runner::applied_names(&db).await.expect("applied").len(),
            5,
            "{label}: nor the record"
        );

        // Running the printed SQL by hand gives exactly the schema `up` gives.
        runner::up(&by_hand, &changes, Some(5))
            .await
            .expect("part of the way");
        for (_, statements) in &plan {
            for statement in statements {
                by_hand
                    .execute_unprepared(statement)
                    .await
                    .expect("the printed SQL runs");
            }
        }
        runner::up(&db, &changes, None).await.expect("up");
        assert_eq!(
            dump(&by_hand).await,
            dump(&db).await,
            "{label}: up ran exactly what the dry run printed"
        );

        // The same for down.
        let plan = runner::plan_down(&db, &changes, Some(3))
            .await
            .expect("dry run down");
        let names: Vec<&str> = plan.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names.len(), 3, "{label}");
        let latest: Vec<&str> = changes.iter().rev().take(3).map(|c| c.name()).collect();
        assert_eq!(names, latest, "{label}: latest first");
        let before = dump(&db).await;
        for (_, statements) in &plan {
            for statement in statements {
                by_hand
                    .execute_unprepared(statement)
                    .await
                    .expect("the printed SQL runs");
            }
        }
        assert_eq!(
            dump(&db).await,
            before,
            "{label}: a dry run down changes nothing"
        );
        runner::down(&db, &changes, Some(3)).await.expect("down");
        assert_eq!(
            dump(&by_hand).await,
            dump(&db).await,
            "{label}: down ran exactly what the dry run printed"
        );
    }
}

#[test]
fn destructive_commands_refuse_an_unmarked_database_and_touch_nothing() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("prod-like.sqlite3").display()
    );
    let xtask = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(args)
            .env("DATABASE_URL", &url)
            .output()
            .expect("the xtask runs")
    };
    // `migrate up` alone does not mark a database: deploys use it on production.
    assert!(xtask(&["migrate", "up"]).status.success());
    let applied = |out: std::process::Output| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .last()
            .unwrap_or_default()
            .to_owned()
    };
    let before = applied(xtask(&["migrate", "status"]));
    for args in [
        &["migrate", "down"][..],
        &["migrate", "fresh"],
        &["migrate", "refresh"],
        &["migrate", "reset"],
    ] {
        let out = xtask(args);
        assert!(!out.status.success(), "{args:?} refused");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("refusing") && err.contains("--force") && err.contains("cargo xtask seed"),
            "{err}"
        );
        assert_eq!(
            applied(xtask(&["migrate", "status"])),
            before,
            "{args:?} touched nothing"
        );
    }
    // A dry run changes nothing, so it is allowed.
    assert!(xtask(&["migrate", "down", "--dry-run"]).status.success());
    // --force overrides; a seeded database is a dev database.
    assert!(xtask(&["migrate", "down", "--force"]).status.success());
    assert!(xtask(&["seed"]).status.success());
    assert!(
        xtask(&["migrate", "down"]).status.success(),
        "a seeded database is marked"
    );
    assert!(
        xtask(&["migrate", "fresh"]).status.success(),
        "fresh keeps the mark"
    );
    assert!(xtask(&["migrate", "reset"]).status.success());
}

/// A normalized description of everything the schema holds, for comparing before and after.
async fn dump(db: &DatabaseConnection) -> Vec<String> {
    let queries: &[&str] = match db.get_database_backend() {
        DbBackend::Postgres => &[
            "SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) \
                 || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END \
                 || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') AS x \
             FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
             LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
             WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v') AND a.attnum > 0 AND NOT a.attisdropped \
               AND c.relname NOT IN ('seaql_migrations', 'xtask_migration_checksums', 'xtask_dev_marks')",
            "SELECT 'table ' || c.relname || ' ' || c.relkind::text || coalesce(' ' || pg_get_expr(c.relpartbound, c.oid), '') \
                 || coalesce(' comment ' || obj_description(c.oid, 'pg_class'), '') AS x \
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'S') \
               AND c.relname NOT IN ('seaql_migrations', 'xtask_migration_checksums', 'xtask_dev_marks')",
            "SELECT 'constraint ' || c.relname || '.' || con.conname || ' ' || pg_get_constraintdef(con.oid) AS x \
             FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = current_schema() AND c.relname NOT LIKE 'xtask_%' AND c.relname <> 'seaql_migrations'",
            "SELECT 'index ' || indexdef AS x FROM pg_indexes WHERE schemaname = current_schema() \
               AND tablename NOT LIKE 'xtask_%' AND tablename <> 'seaql_migrations'",
            "SELECT 'trigger ' || pg_get_triggerdef(t.oid) AS x FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND NOT t.tgisinternal",
            "SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') ' || md5(p.prosrc) \
                 || coalesce(' comment ' || obj_description(p.oid, 'pg_proc'), '') AS x \
             FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()",
            "SELECT 'type ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS x \
             FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace \
             WHERE n.nspname = current_schema() GROUP BY t.typname",
            "SELECT 'policy ' || tablename || '.' || policyname || ' ' || cmd || ' ' || coalesce(qual, '') || ' ' \
                 || coalesce(with_check, '') AS x FROM pg_policies WHERE schemaname = current_schema()",
            "SELECT 'rls ' || c.relname || ' ' || c.relrowsecurity || ' ' || c.relforcerowsecurity AS x \
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = current_schema() AND (c.relrowsecurity OR c.relforcerowsecurity)",
            "SELECT 'view ' || viewname || ' ' || definition AS x FROM pg_views WHERE schemaname = current_schema()",
        ],
        _ => &[
            "SELECT type || ' ' || name || ' ' || coalesce(sql, '') AS x FROM sqlite_master \
             WHERE name NOT LIKE 'sqlite_%' AND tbl_name NOT LIKE 'xtask_%' AND tbl_name <> 'seaql_migrations'",
        ],
    };
    let mut out = Vec::new();
    for q in queries {
        for row in db
            .query_all_raw(Statement::from_string(db.get_database_backend(), *q))
            .await
            .expect("catalog query")
        {
            out.push(row.try_get::<String>("", "x").expect("text"));
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn every_migration_reverts_exactly_and_all_up_down_up_ends_where_it_began() {
    for db in test_support::all_backends_empty().await {
        let label = db.label();
        let changes = Migrator::changes();
        for change in &changes {
            let before = dump(&db).await;
            runner::up(&db, &changes, Some(1)).await.expect("up one");
            let after_up = dump(&db).await;
            runner::down(&db, &changes, Some(1))
                .await
                .expect("down one");
            assert_eq!(
                dump(&db).await,
                before,
                "{label}: reverting {} restores the catalog exactly",
                change.name()
            );
            runner::up(&db, &changes, Some(1))
                .await
                .expect("up one again");
            assert_eq!(
                dump(&db).await,
                after_up,
                "{label}: {} applies the same way twice",
                change.name()
            );
        }
        let all_up = dump(&db).await;
        let floor = if label == "postgres" { 1000 } else { 150 };
        assert!(
            all_up.len() > floor,
            "{label}: the dump sees the schema ({} lines)",
            all_up.len()
        );
        runner::down(&db, &changes, None).await.expect("all down");
        assert!(
            dump(&db).await.is_empty(),
            "{label}: all down leaves nothing"
        );
        runner::up(&db, &changes, None).await.expect("all up again");
        assert_eq!(
            dump(&db).await,
            all_up,
            "{label}: all up, all down, all up ends where the first all up did"
        );
    }
}

#[tokio::test]
async fn a_migration_that_fails_part_way_leaves_nothing_behind() {
    for db in test_support::all_backends_empty().await {
        let label = db.label();
        let mut changes = Migrator::changes();
        changes.push(Box::new(TestChange {
            name: "m99990101_000000_half_broken",
            up: vec![
                "CREATE TABLE half_done (id integer PRIMARY KEY)",
                "CREATE INDEX idx_half_done_id ON half_done (id)",
                // Fails on both backends: the table was made two statements ago.
                "CREATE TABLE half_done (id integer PRIMARY KEY)",
            ],
            down: vec!["DROP TABLE half_done"],
            transactional: true,
        }));
        let err = runner::up(&db, &changes, None)
            .await
            .expect_err("the broken migration fails");
        assert!(
            format!("{err:#}").contains("m99990101_000000_half_broken"),
            "{label}: {err:#}"
        );
        let tables = catalog::tables(&db).await;
        assert!(
            !tables.contains(&"half_done".to_owned()),
            "{label}: no partial schema"
        );
        let applied = runner::applied_names(&db).await.expect("applied");
        assert!(
            !applied.iter().any(|a| a.contains("half_broken")),
            "{label}: no record"
        );
        assert!(
            !runner::recorded_checksums(&db)
                .await
                .expect("sums")
                .contains_key("m99990101_000000_half_broken")
        );
        assert_eq!(
            applied.len(),
            changes.len() - 1,
            "{label}: everything before it was applied"
        );
    }
}

#[tokio::test]
async fn a_non_transactional_migration_runs_outside_a_transaction() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    let mut changes = Migrator::changes();
    // CREATE INDEX CONCURRENTLY fails inside a transaction block; declared non-transactional it runs.
    changes.push(Box::new(TestChange {
        name: "m99990101_000000_index_concurrently",
        up: vec!["CREATE INDEX CONCURRENTLY IF NOT EXISTS \"idx_tenants_created_at\" ON \"tenants\" (\"created_at\")"],
        down: vec!["DROP INDEX CONCURRENTLY IF EXISTS \"idx_tenants_created_at\""],
        transactional: false,
    }));
    let applied = runner::up(&db, &changes, None)
        .await
        .expect("applies outside a transaction");
    assert_eq!(
        applied,
        vec!["m99990101_000000_index_concurrently".to_owned()]
    );
    runner::down(&db, &changes, Some(1))
        .await
        .expect("reverts outside a transaction");

    // Run inside a transaction, the same statement is refused: the declaration is what makes it work.
    let mut inside = Migrator::changes();
    inside.push(Box::new(TestChange {
        name: "m99990101_000000_index_concurrently",
        up: vec!["CREATE INDEX CONCURRENTLY IF NOT EXISTS \"idx_tenants_created_at\" ON \"tenants\" (\"created_at\")"],
        down: vec![],
        transactional: true,
    }));
    let err = runner::up(&db, &inside, None)
        .await
        .expect_err("refused in a transaction");
    assert!(
        format!("{err:#}").contains("cannot run inside a transaction block"),
        "{err:#}"
    );
}

fn sqlite_file_url(dir: &tempfile::TempDir) -> String {
    format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("dev.sqlite3").display()
    )
}

fn xtask_on(url: &str, args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_xtask"));
    command
        .args(args)
        .env("DATABASE_URL", url)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    command
}

#[test]
fn three_concurrent_migrate_up_on_one_sqlite_file_all_succeed_applying_each_once() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = sqlite_file_url(&dir);
    let runs: Vec<_> = (0..3)
        .map(|_| xtask_on(&url, &["migrate", "up"]).spawn().expect("spawn"))
        .collect();
    let mut applied = Vec::new();
    for run in runs {
        let out = run.wait_with_output().expect("wait");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "every run succeeds: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        applied.extend(
            stdout
                .lines()
                .filter_map(|l| l.strip_prefix("applied m"))
                .map(str::to_owned),
        );
    }
    let mut unique = applied.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(applied.len(), Migrator::changes().len(), "{applied:?}");
    assert_eq!(unique.len(), applied.len(), "each migration applied once");
}

#[tokio::test]
async fn a_killed_migrate_fresh_on_sqlite_leaves_the_old_or_the_new_schema_and_status_agrees() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = sqlite_file_url(&dir);
    assert!(
        xtask_on(&url, &["migrate", "up"])
            .output()
            .expect("up")
            .status
            .success()
    );
    let total = Migrator::changes().len();
    let expected_tables = {
        let db = xtask::db::connect(&url).await.expect("connect");
        let tables = catalog::tables(&db).await;
        db.close().await.ok();
        tables
    };
    for delay_ms in [20, 80, 150, 300] {
        let mut run = xtask_on(&url, &["migrate", "fresh", "--force"])
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = run.kill();
        let _ = run.wait();
        let out = xtask_on(&url, &["migrate", "status"])
            .output()
            .expect("status");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            stdout.lines().last().unwrap_or_default(),
            format!("{total} applied, 0 pending, 0 changed"),
            "killed after {delay_ms} ms: {stdout}"
        );
        let db = xtask::db::connect(&url).await.expect("connect");
        assert_eq!(
            catalog::tables(&db).await,
            expected_tables,
            "killed after {delay_ms} ms: every table is there"
        );
        db.close().await.ok();
    }
}
