//! Backfills: resumable after a kill without redoing or skipping a row, idempotent, a dry run
//! that changes nothing, and the first real one (`report-execution-counts`) computing the truth.

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

fn xtask(url: &str, args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_xtask"));
    command
        .args(args)
        .env("DATABASE_URL", url)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    command
}

fn ok(url: &str, args: &[&str]) -> String {
    let out = xtask(url, args).output().expect("the xtask runs");
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

async fn scalar(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("query")
        .expect("a row")
        .try_get::<i64>("", "n")
        .expect("a number")
}

/// Reports whose counters disagree with their executions.
const WRONG: &str = "SELECT count(*) AS n FROM reports r WHERE r.execution_count <> \
    (SELECT count(*) FROM report_executions e WHERE e.report_id = r.id) \
    OR r.last_executed_at IS NOT (SELECT max(e.started_at) FROM report_executions e WHERE e.report_id = r.id)";

#[tokio::test]
async fn a_killed_backfill_resumes_where_it_stopped_and_ends_with_the_truth() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("dev.sqlite3").display()
    );
    ok(&url, &["seed"]);
    let db = xtask::db::connect(&url).await.expect("connect");
    let reports = scalar(&db, "SELECT count(*) AS n FROM reports").await;
    assert!(reports > 10, "enough reports to batch: {reports}");
    // Break the counters of every report that has executions.
    db.execute_unprepared(
        "UPDATE reports SET execution_count = 0, last_executed_at = NULL \
         WHERE id IN (SELECT report_id FROM report_executions)",
    )
    .await
    .expect("break the counters");
    let broken = scalar(&db, WRONG).await;
    assert!(broken > 0, "some counters are wrong");

    // A dry run counts and changes nothing.
    let out = ok(
        &url,
        &["backfill", "run", "report-execution-counts", "--dry-run"],
    );
    assert!(
        out.contains(&format!("would visit {reports} rows and change {broken}")),
        "{out}"
    );
    assert_eq!(
        scalar(&db, WRONG).await,
        broken,
        "the dry run changed nothing"
    );

    // One row per batch, slowly, killed part way.
    let mut run = xtask(
        &url,
        &[
            "backfill",
            "run",
            "report-execution-counts",
            "--batch-size",
            "1",
            "--throttle-ms",
            "150",
        ],
    )
    .spawn()
    .expect("spawn");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    run.kill().expect("kill");
    let _ = run.wait();
    let done = scalar(&db, "SELECT rows_done AS n FROM xtask_backfills").await;
    let batches = scalar(&db, "SELECT batches AS n FROM xtask_backfills").await;
    assert!(
        done > 0 && done < reports,
        "killed part way: {done} of {reports}"
    );
    assert_eq!(done, batches, "one row per committed batch");
    let status = ok(&url, &["backfill", "status"]);
    assert!(
        status.contains("interrupted") && status.contains("`run` resumes"),
        "{status}"
    );

    // The next run resumes: it visits exactly the rows the first did not.
    let out = ok(
        &url,
        &[
            "backfill",
            "run",
            "report-execution-counts",
            "--batch-size",
            "4",
        ],
    );
    assert!(
        out.starts_with(&format!("report-execution-counts: {} rows", reports - done)),
        "{out}"
    );
    assert_eq!(scalar(&db, WRONG).await, 0, "every counter is right");
    assert_eq!(
        scalar(&db, "SELECT rows_done AS n FROM xtask_backfills").await,
        reports
    );
    let status = ok(&url, &["backfill", "status"]);
    assert!(
        status.contains(&format!("finished: {reports} rows")),
        "{status}"
    );

    // Running it again is a new pass that changes nothing.
    let out = ok(&url, &["backfill", "run", "report-execution-counts"]);
    assert!(out.contains(", 0 changed"), "{out}");
    db.close().await.ok();
}

#[tokio::test]
async fn the_backfill_runs_the_same_on_postgres() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    let url = db.url().expect("scratch").to_owned();
    ok(&url, &["seed"]);
    db.execute_unprepared(
        "UPDATE reports SET execution_count = 0, last_executed_at = NULL \
         WHERE id IN (SELECT report_id FROM report_executions)",
    )
    .await
    .expect("break the counters");
    let wrong = WRONG.replace("IS NOT (", "IS DISTINCT FROM (");
    assert!(scalar(&db, &wrong).await > 0);
    let out = ok(
        &url,
        &[
            "backfill",
            "run",
            "report-execution-counts",
            "--batch-size",
            "7",
        ],
    );
    assert!(out.contains("rows in"), "{out}");
    assert_eq!(scalar(&db, &wrong).await, 0, "every counter is right");
}

#[test]
fn an_unknown_backfill_is_refused_naming_the_known_ones() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["backfill", "run", "nope"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("report-execution-counts"), "{err}");
}
