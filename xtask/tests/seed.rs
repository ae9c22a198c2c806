//! Seeding on both backends: idempotent, and deterministic down to the bytes.

use migration::Migrator;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use xtask::runner;

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
        let first = seed::seed(&db, seed::Profile::Dev, seed::DEFAULT_SEED)
            .await
            .expect("seed");
        assert_eq!(
            first.tables.len(),
            crate::catalog::tables(&db).await.len() - 1,
            "{label}: every table but the migrations record is seeded"
        );
        for t in &first.tables {
            assert!(t.total > 0, "{label}: {} has rows", t.table);
            assert_eq!(t.inserted, t.total, "{label}: {} was empty before", t.table);
        }
        let before = dump(&db, &first).await;
        let second = seed::seed(&db, seed::Profile::Dev, seed::DEFAULT_SEED)
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
        let again = seed::seed(&other, seed::Profile::Dev, seed::DEFAULT_SEED)
            .await
            .expect("seed");
        assert_eq!(
            dump(&other, &again).await,
            before,
            "{label}: fresh runs are identical"
        );

        // Another seed gives other content.
        let third = test_support::sqlite().await;
        let different = seed::seed(&third, seed::Profile::Dev, 7)
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
    let summary = seed::seed(&db, seed::Profile::Dev, 1).await.expect("seed");
    let text = xtask::seed::render(&summary, "sqlite::memory:", 0);
    assert!(text.contains("tenancy        tenants"), "{text}");
    assert!(text.contains("total"), "{text}");
    assert!(text.lines().count() >= 17, "{text}");
    let again = seed::seed(&db, seed::Profile::Dev, 1)
        .await
        .expect("reseed");
    assert!(
        xtask::seed::render(&again, "sqlite::memory:", 0)
            .contains("already seeded: nothing changed")
    );
}

#[tokio::test]
async fn seeding_migrates_an_empty_database_first() {
    let db = test_support::sqlite_empty().await;
    runner::up(&db, &Migrator::changes(), None)
        .await
        .expect("migrate");
    seed::seed(&db, seed::Profile::Dev, seed::DEFAULT_SEED)
        .await
        .expect("seed");
}
