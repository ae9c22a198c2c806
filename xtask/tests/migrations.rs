//! Every migration applies, reverts completely, and applies again, on both backends; the
//! migrator's list matches the files on disk.

use migration::Migrator;
use migration::migrator as runner;

use crate::catalog;

#[tokio::test]
async fn all_up_all_down_all_up_on_both_backends() {
    let changes = Migrator::changes();
    for db in test_support::all_backends_empty().await {
        let label = db.label();
        let applied = runner::up(&db, &changes, None).await.expect("all up");
        assert_eq!(
            applied.len(),
            changes.len(),
            "{label}: every migration applied"
        );
        let after_first_up = (catalog::tables(&db).await, catalog::enum_types(&db).await);
        assert!(after_first_up.0.contains(&"tenants".to_owned()), "{label}");

        let reverted = runner::down(&db, &changes, None).await.expect("all down");
        assert_eq!(
            reverted.len(),
            changes.len(),
            "{label}: every migration reverted"
        );
        let left: Vec<String> = catalog::tables(&db)
            .await
            .into_iter()
            .filter(|t| !migration::migrator::is_tooling_table(t))
            .collect();
        assert!(
            left.is_empty(),
            "{label}: no table left behind but the tooling's: {left:?}"
        );
        assert!(
            catalog::enum_types(&db).await.is_empty(),
            "{label}: no enum type left behind"
        );
        assert!(
            catalog::functions(&db).await.is_empty(),
            "{label}: no function left behind"
        );

        runner::up(&db, &changes, None).await.expect("all up again");
        let after_second_up = (catalog::tables(&db).await, catalog::enum_types(&db).await);
        assert_eq!(
            after_first_up, after_second_up,
            "{label}: up again ends where up did"
        );
    }
}

#[tokio::test]
async fn up_and_down_honour_step_counts() {
    let changes = Migrator::changes();
    for db in test_support::all_backends_empty().await {
        let label = db.label();
        assert_eq!(
            runner::up(&db, &changes, Some(3))
                .await
                .expect("up 3")
                .len(),
            3,
            "{label}"
        );
        let status = runner::status(&db, &changes).await.expect("status");
        assert_eq!(status.iter().filter(|s| s.applied).count(), 3, "{label}");
        let reverted = runner::down(&db, &changes, Some(2)).await.expect("down 2");
        assert_eq!(
            reverted,
            vec![changes[2].name().to_owned(), changes[1].name().to_owned()],
            "{label}"
        );
        assert!(runner::up(&db, &changes, None).await.is_ok(), "{label}");
        assert!(
            runner::up(&db, &changes, None)
                .await
                .expect("idempotent")
                .is_empty(),
            "{label}"
        );
    }
}

#[tokio::test]
async fn fresh_drops_everything_even_without_working_downs() {
    let changes = Migrator::changes();
    for db in test_support::all_backends().await {
        let label = db.label();
        let dropped = runner::drop_everything(&db).await.expect("drop everything");
        assert!(!dropped.is_empty(), "{label}");
        assert!(
            catalog::tables(&db).await.is_empty(),
            "{label}: {:?}",
            catalog::tables(&db).await
        );
        assert!(catalog::enum_types(&db).await.is_empty(), "{label}");
        runner::up(&db, &changes, None)
            .await
            .expect("up after fresh");
    }
}

#[tokio::test]
async fn a_database_ahead_of_the_code_is_refused_by_name() {
    let db = test_support::sqlite().await;
    let mut changes = Migrator::changes();
    let last = changes.pop().expect("there are migrations");
    let err = runner::status(&db, &changes)
        .await
        .expect_err("an unknown applied migration");
    assert!(err.to_string().contains(last.name()), "{err}");
}

/// Every `m*.rs` under `migration/src/<domain>/`, by file stem, sorted by name (the timestamp).
fn files_on_disk() -> Vec<String> {
    let src = xtask::workspace::root().join("migration/src");
    let mut names = Vec::new();
    for domain in std::fs::read_dir(&src).expect("migration/src exists") {
        let domain = domain.expect("a directory entry").path();
        if !domain.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&domain).expect("a domain folder") {
            let path = file.expect("a directory entry").path();
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_owned();
            if stem.starts_with('m') && stem != "mod" && path.extension().is_some_and(|e| e == "rs")
            {
                names.push(stem);
            }
        }
    }
    names.sort();
    names
}

#[test]
fn the_migrator_lists_every_file_on_disk_in_order() {
    let listed: Vec<String> = Migrator::changes()
        .iter()
        .map(|c| c.name().to_owned())
        .collect();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(listed, sorted, "Migrator::changes() is in timestamp order");
    assert_eq!(
        listed,
        files_on_disk(),
        "Migrator::changes() lists exactly the files on disk"
    );
}

#[tokio::test]
async fn sslmode_require_migrates_over_tls_and_a_bad_root_certificate_says_what_to_fix() {
    use sea_orm::ConnectionTrait;
    let Some(db) = test_support::postgres_empty().await else {
        return;
    };
    let url = db.url().expect("a scratch database").to_owned();
    let tls = format!("{url}?sslmode=require");
    let conn = xtask::db::connect(&tls).await.expect("connects with TLS");
    let row = conn
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
        ))
        .await
        .expect("query")
        .expect("a row");
    assert!(
        row.try_get::<bool>("", "ssl").expect("ssl"),
        "the session is encrypted"
    );
    let applied = runner::up(&conn, &Migrator::changes(), None)
        .await
        .expect("migrates over TLS (the lock's connection too)");
    assert_eq!(applied.len(), Migrator::changes().len());
    conn.close().await.ok();

    let err = xtask::db::connect(&format!(
        "{url}?sslmode=verify-full&sslrootcert=/nonexistent/root.crt"
    ))
    .await
    .expect_err("no such root certificate")
    .to_string();
    assert!(
        err.contains("sslrootcert") && !err.contains("start the database server"),
        "{err}"
    );
}

/// The seed's COPY connection (tokio-postgres) reads `sslmode` and `sslrootcert` from the same URL
/// as the migrator's pool (sqlx) and comes to the same verdict on each: encrypted when asked, the
/// server's certificate checked for `verify-ca` (chain) and `verify-full` (chain and host name).
#[tokio::test]
async fn the_seeds_copy_connection_honours_sslmode_like_the_migrator() {
    use sea_orm::ConnectionTrait;
    let Some(db) = test_support::postgres_empty().await else {
        return;
    };
    let url = db.url().expect("a scratch database").to_owned();
    for (mode, encrypted) in [("require", true), ("prefer", true), ("disable", false)] {
        let client = seed::connect(&format!("{url}?sslmode={mode}"))
            .await
            .unwrap_or_else(|e| panic!("sslmode={mode}: {e}"));
        let row = client
            .query_one(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                &[],
            )
            .await
            .expect("query");
        assert_eq!(row.get::<_, bool>(0), encrypted, "sslmode={mode}");
    }
    let err = seed::connect(&format!(
        "{url}?sslmode=verify-full&sslrootcert=/nonexistent/root.crt"
    ))
    .await
    .expect_err("no such root certificate")
    .to_string();
    assert!(err.contains("sslrootcert=/nonexistent/root.crt"), "{err}");

    // The server's own certificate as the root: the same verdict from both drivers, per host name
    // and mode. (This server's certificate is self-signed, for `localhost`.)
    let cert = db
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT current_setting('ssl_cert_file') AS x",
        ))
        .await
        .expect("query")
        .and_then(|r| r.try_get::<String>("", "x").ok())
        .unwrap_or_default();
    let Ok(pem) = std::fs::read_to_string(&cert) else {
        eprintln!(
            "notice: the server's certificate {cert} is not readable here: verify-* cases skipped"
        );
        return;
    };
    let root = tempfile::NamedTempFile::new().expect("a file");
    std::fs::write(root.path(), pem).expect("write");
    let root = root.path().display().to_string();
    let localhost = url.replace("127.0.0.1", "localhost");
    let no_root = url.clone();
    for (base, mode, rootcert, accepted) in [
        // The chain holds; the name (127.0.0.1) is not checked.
        (&url, "verify-ca", Some(&root), true),
        // The certificate names localhost, not 127.0.0.1.
        (&url, "verify-full", Some(&root), false),
        (&localhost, "verify-full", Some(&root), true),
        // No root vouches for a self-signed certificate.
        (&no_root, "verify-full", None, false),
    ] {
        let target = match rootcert {
            Some(r) => format!("{base}?sslmode={mode}&sslrootcert={r}"),
            None => format!("{base}?sslmode={mode}"),
        };
        let copy = seed::connect(&target).await.map(|_| ());
        let pool = xtask::db::connect(&target).await.map(|_| ());
        assert_eq!(
            (copy.is_ok(), pool.is_ok()),
            (accepted, accepted),
            "{target}: seed says {copy:?}, the migrator says {pool:?}"
        );
    }
}
