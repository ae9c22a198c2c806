//! Seeding on both backends: idempotent, and deterministic down to the bytes.

use migration::Migrator;
use migration::migrator as runner;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

/// Every row of every seeded table as text, ordered, for comparing two databases.
async fn dump(db: &DatabaseConnection, summary: &seed::Summary) -> Vec<String> {
    let backend = db.get_database_backend();
    let mut rows = Vec::new();
    for t in &summary.tables {
        let cols = db
            .query_all_raw(Statement::from_string(
                backend,
                match backend {
                    sea_orm::DbBackend::Postgres => format!(
                        "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) AS c \
                         FROM information_schema.columns WHERE table_name = '{}' AND table_schema = current_schema()",
                        t.table
                    ),
                    _ => format!("SELECT group_concat(name, ',') AS c FROM pragma_table_info('{}')", t.table),
                },
            ))
            .await
            .expect("columns");
        let cols: String = cols[0].try_get("", "c").expect("column list");
        let concat = match backend {
            sea_orm::DbBackend::Postgres => cols
                .split(',')
                .map(|c| format!("coalesce(\"{c}\"::text, 'NULL')"))
                .collect::<Vec<_>>()
                .join(" || '|' || "),
            _ => cols
                .split(',')
                .map(|c| format!("coalesce(quote(\"{c}\"), 'NULL')"))
                .collect::<Vec<_>>()
                .join(" || '|' || "),
        };
        let result = db
            .query_all_raw(Statement::from_string(
                backend,
                format!("SELECT {concat} AS r FROM \"{}\" ORDER BY 1", t.table),
            ))
            .await
            .expect("dump");
        for row in result {
            rows.push(format!(
                "{}: {}",
                t.table,
                row.try_get::<String>("", "r").expect("text")
            ));
        }
    }
    rows
}

#[tokio::test]
async fn seeding_twice_changes_nothing_and_fresh_runs_are_identical() {
    for db in test_support::all_backends().await {
        let label = db.label();
        let first = seed::seed(
            seed::Target::new(&db, db.url()),
            seed::Profile::Dev,
            seed::DEFAULT_SEED,
        )
        .await
        .expect("seed");
        assert_eq!(
            first.tables.len(),
            crate::catalog::tables(&db)
                .await
                .iter()
                .filter(|t| !migration::migrator::is_tooling_table(t))
                .count(),
            "{label}: every table but the tooling's (migration record, checksums) is seeded"
        );
        for t in &first.tables {
            assert!(t.total > 0, "{label}: {} has rows", t.table);
            assert_eq!(t.inserted, t.total, "{label}: {} was empty before", t.table);
        }
        let before = dump(&db, &first).await;
        let second = seed::seed(
            seed::Target::new(&db, db.url()),
            seed::Profile::Dev,
            seed::DEFAULT_SEED,
        )
        .await
        .expect("reseed");
        assert_eq!(
            second.inserted(),
            0,
            "{label}: a second run inserts nothing"
        );
        assert_eq!(second.total(), first.total(), "{label}");
        assert_eq!(
            dump(&db, &second).await,
            before,
            "{label}: a second run changes nothing"
        );

        // A second, fresh database gets exactly the same content.
        let other = if label == "postgres" {
            test_support::postgres()
                .await
                .expect("postgres was available a moment ago")
        } else {
            test_support::sqlite().await
        };
        let again = seed::seed(
            seed::Target::new(&other, other.url()),
            seed::Profile::Dev,
            seed::DEFAULT_SEED,
        )
        .await
        .expect("seed");
        assert_eq!(
            dump(&other, &again).await,
            before,
            "{label}: fresh runs are identical"
        );

        // Another seed gives other content.
        let third = test_support::sqlite().await;
        let different = seed::seed(
            seed::Target::new(&third, third.url()),
            seed::Profile::Dev,
            7,
        )
        .await
        .expect("seed 7");
        assert_ne!(dump(&third, &different).await.len(), 0);
        assert_ne!(
            dump(&third, &different).await,
            before,
            "{label}: the seed matters"
        );
    }
}

#[tokio::test]
async fn the_summary_reads_well() {
    let db = test_support::sqlite().await;
    let summary = seed::seed(seed::Target::new(&db, db.url()), seed::Profile::Dev, 1)
        .await
        .expect("seed");
    let report = |summary| xtask::seed::Report {
        summary,
        url: "sqlite::memory:".into(),
        migrations_applied: 0,
        reset: None,
        peak_memory_bytes: Some(64 << 20),
    };
    let text = report(&summary).render();
    assert!(text.contains("  tenancy\n"), "{text}");
    assert!(text.contains(" tenants "), "{text}");
    assert!(text.contains("rows/s"), "{text}");
    assert!(text.contains("peak memory 64 MB"), "{text}");
    assert!(text.contains("total"), "{text}");
    assert!(text.lines().count() >= 17, "{text}");
    let again = seed::seed(seed::Target::new(&db, db.url()), seed::Profile::Dev, 1)
        .await
        .expect("reseed");
    assert!(
        report(&again)
            .render()
            .contains("already seeded, nothing changed")
    );
    let json = report(&summary).json();
    assert_eq!(json["profile"], "dev");
    assert_eq!(json["inserted_rows"], summary.inserted());
    let tables: u64 = json["domains"]
        .as_array()
        .expect("domains")
        .iter()
        .map(|d| d["tables"].as_array().expect("tables").len() as u64)
        .sum();
    assert_eq!(tables, 64, "every table appears once in the JSON summary");
}

#[tokio::test]
async fn seeding_migrates_an_empty_database_first() {
    let db = test_support::sqlite_empty().await;
    runner::up(&db, &Migrator::changes(), None)
        .await
        .expect("migrate");
    seed::seed(
        seed::Target::new(&db, db.url()),
        seed::Profile::Dev,
        seed::DEFAULT_SEED,
    )
    .await
    .expect("seed");
}

/// Runs the xtask binary (with no `APP_ENCRYPTION_KEY`, so dev data is sealed with the public
/// dev key); exit code, stdout, stderr.
fn xtask(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("APP_ENCRYPTION_KEY")
        .output()
        .expect("the xtask binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `seed --json` on `url` with extra arguments; the parsed summary.
fn seed_json(url: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["seed", "--database-url", url, "--json"];
    args.extend_from_slice(extra);
    let (code, out, err) = xtask(&args);
    assert_eq!(code, 0, "seed {extra:?} on {url}: {err}");
    assert_eq!(
        err.trim(),
        seed::PUBLIC_DEV_KEY_NOTICE,
        "stderr says the dev key is public, and nothing else (no progress output when stderr \
         is not a terminal)"
    );
    let summary: serde_json::Value = serde_json::from_str(&out).expect("--json prints JSON");
    assert_eq!(summary["sealed_with_public_dev_key"], true, "{summary}");
    summary
}

/// A row seeding did not write: a plan with a random (signature-free) id.
const HAND_PLAN: &str = "INSERT INTO plans (id, code, name, tier, price_cents, currency, billing_cycle, \
     limits, is_active, created_at, updated_at) VALUES ({id}, 'hand-made', 'Hand made', 'pro', 100, \
     'EUR', 'monthly', '{}', {true}, {now}, {now})";

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            sql.to_owned(),
        ))
        .await
        .expect("count")
        .expect("a row");
    row.try_get_by_index::<i64>(0).expect("a number")
}

#[tokio::test]
async fn reset_removes_what_seeding_wrote_and_keeps_the_rest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite_url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("dev.sqlite3").display()
    );
    let pg = test_support::ScratchDatabase::create(&test_support::admin_url(), "reset").await;
    let mut urls = vec![sqlite_url];
    match &pg {
        Ok(scratch) => urls.push(scratch.url().to_owned()),
        Err(e) if test_support::postgres_required() => panic!("Postgres required: {e}"),
        Err(_) => {}
    }
    for url in &urls {
        let first = seed_json(url, &[]);
        let seeded = first["inserted_rows"].as_u64().expect("rows");
        assert!(seeded > 5_000, "{url}: {first}");

        let db = xtask::db::connect(url).await.expect("connect");
        let (id, t, now) = match db.get_database_backend() {
            sea_orm::DbBackend::Postgres => (
                format!("'{}'", uuid::Uuid::now_v7()),
                "true",
                "now()".to_owned(),
            ),
            _ => (
                format!("X'{}'", uuid::Uuid::now_v7().simple()),
                "1",
                "'2026-11-20T10:00:00+00:00'".to_owned(),
            ),
        };
        let hand = HAND_PLAN
            .replace("{id}", &id)
            .replace("{true}", t)
            .replace("{now}", &now);
        db.execute_unprepared(&hand).await.expect("a hand-made row");

        // The hand-made row makes it a database holding data seeding did not write.
        let (code, _out, err) = xtask(&["seed", "--database-url", url, "--reset", "--quiet"]);
        assert_ne!(code, 0, "{url}: refused without --force");
        assert!(
            err.contains("table `plans`"),
            "{url}: names the table: {err}"
        );
        let again = seed_json(url, &["--reset", "--force"]);
        assert_eq!(
            again["platform_admin"], true,
            "{url}: still a dev-marked database"
        );
        assert_eq!(
            again["reset"]["deleted"].as_u64(),
            Some(seeded),
            "{url}: reset removes exactly what seeding wrote"
        );
        assert_eq!(again["inserted_rows"].as_u64(), Some(seeded), "{url}");
        assert_eq!(
            count(&db, "SELECT count(*) FROM plans WHERE code = 'hand-made'").await,
            1,
            "{url}: the hand-made row is kept"
        );
        db.close().await.expect("close");
    }
    if let Ok(scratch) = pg {
        scratch.drop_now().await.expect("drop");
    }
}

#[tokio::test]
async fn reset_refuses_a_database_seeding_did_not_mark() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    let url = db.url().expect("a Postgres URL").to_owned();
    let (code, _out, err) = xtask(&["seed", "--database-url", &url, "--reset"]);
    assert_ne!(code, 0, "refused: {err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        count(&db, "SELECT count(*) FROM tenants").await,
        0,
        "nothing was seeded after the refusal"
    );
    let forced = seed_json(&url, &["--reset", "--force", "--quiet"]);
    assert_eq!(forced["reset"]["deleted"].as_u64(), Some(0));
    assert!(forced["inserted_rows"].as_u64().unwrap_or_default() > 5_000);
}

#[tokio::test]
async fn seed_refuses_data_it_did_not_write_and_keeps_the_admin_to_dev_databases() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    let url = db.url().expect("a Postgres URL").to_owned();
    let hand = HAND_PLAN
        .replace("{id}", &format!("'{}'", uuid::Uuid::now_v7()))
        .replace("{true}", "true")
        .replace("{now}", "now()");
    db.execute_unprepared(&hand).await.expect("a hand-made row");

    let (code, _out, err) = xtask(&["seed", "--database-url", &url, "--quiet"]);
    assert_ne!(code, 0, "refused: {err}");
    assert!(err.contains("table `plans`"), "names the table: {err}");
    assert!(err.contains("--force"), "says how to proceed: {err}");
    assert_eq!(
        count(&db, "SELECT count(*) FROM tenants").await,
        0,
        "nothing was seeded"
    );

    let forced = seed_json(&url, &["--force", "--quiet"]);
    assert!(forced["inserted_rows"].as_u64().unwrap_or_default() > 5_000);
    assert_eq!(forced["platform_admin"], false, "{forced}");
    assert_eq!(
        count(&db, "SELECT count(*) FROM users WHERE is_platform_admin").await,
        0,
        "no platform admin with the published password outside dev databases"
    );
    assert!(
        xtask::safety::dev_marks(&db)
            .await
            .expect("marks")
            .is_empty(),
        "forcing does not make it a dev database"
    );

    // A dev database gets the admin.
    let dir = tempfile::tempdir().expect("temp dir");
    let dev = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("dev.sqlite3").display()
    );
    assert_eq!(seed_json(&dev, &["--quiet"])["platform_admin"], true);
}

#[tokio::test]
async fn postgres_seeding_needs_the_url_for_its_bulk_connection() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    let err = seed::seed(&db.conn, seed::Profile::Dev, 1)
        .await
        .expect_err("no URL, no COPY");
    assert!(err.to_string().contains("needs the database URL"), "{err}");
}

#[tokio::test]
async fn bench_measures_loading_and_hot_queries() {
    let Some(probe) = test_support::postgres().await else {
        return;
    };
    drop(probe);
    let dir = tempfile::tempdir().expect("temp dir");
    let output = dir.path().join("benchmarks.md");
    let (code, out, err) = xtask(&[
        "bench",
        "--profile",
        "dev",
        "--runs",
        "5",
        "--debug-build",
        "--seed-binary",
        env!("CARGO_BIN_EXE_xtask"),
        "--output",
        output.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(code, 0, "{err}");
    let report = std::fs::read_to_string(&output).expect("the report");
    assert_eq!(report, out, "the report is also printed");
    for expected in [
        "`COPY` of the same rows (baseline), run 1",
        "`COPY` of the same rows (baseline), run 2",
        "`cargo xtask seed --profile dev`, run 1",
        "`cargo xtask seed --profile dev`, run 2",
        "tenant's dashboard row",
        "reports page by status, newest first (cursor)",
        "report executions by status, last 30 days",
        "audit trail, one week",
        "outbox: oldest 100 pending, SKIP LOCKED",
        "login: user by email, any case",
        "API key by prefix",
        "PostgreSQL",
    ] {
        assert!(report.contains(expected), "{expected:?} in\n{report}");
    }
}

/// The secrets of `secrets` that appear anywhere in the seeded rows.
fn stored<'a>(rows: &[String], secrets: &'a [String]) -> Vec<&'a str> {
    secrets
        .iter()
        .filter(|s| rows.iter().any(|r| r.contains(s.as_str())))
        .map(String::as_str)
        .collect()
}

#[tokio::test]
async fn no_secret_the_seed_generated_is_stored_in_plaintext() {
    for db in test_support::all_backends().await {
        let label = db.label();
        let summary = seed::seed(
            seed::Target::new(&db, db.url()),
            seed::Profile::Dev,
            seed::DEFAULT_SEED,
        )
        .await
        .expect("seed");
        let secrets = &summary.plaintext_secrets;
        // The dev password, API keys, session tokens, and integration, webhook, licence and
        // handover secrets: every kind the profile makes.
        assert!(secrets.len() >= 30, "{label}: {} secrets", secrets.len());
        for prefix in ["dev-password", "sk_", "whsec_"] {
            assert!(
                secrets.iter().any(|s| s.starts_with(prefix)),
                "{label}: a {prefix} secret is generated"
            );
        }
        let rows = dump(&db, &summary).await;
        assert!(rows.len() > 5_000, "{label}: every row is scanned");
        assert_eq!(
            stored(&rows, secrets),
            Vec::<&str>::new(),
            "{label}: plaintext secrets at rest"
        );
        // The scan finds a secret that is stored: write one API key in the clear.
        let leaked = secrets
            .iter()
            .find(|s| s.starts_with("sk_"))
            .expect("an API key");
        db.execute_unprepared(&format!(
            "UPDATE api_keys SET name = '{leaked}' WHERE id = (SELECT id FROM api_keys ORDER BY id LIMIT 1)"
        ))
        .await
        .expect("a leak, for the scan to find");
        let rows = dump(&db, &summary).await;
        assert_eq!(stored(&rows, secrets), vec![leaked.as_str()], "{label}");
    }
}
