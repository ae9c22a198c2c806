//! Tenant isolation on Postgres, attacked from the application role, for every table with a
//! `tenant_id` (read from the catalog, so a new tenant table is covered the day it is added).

use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, Statement, TransactionTrait};
use uuid::Uuid;

use crate::support::{self, TestRoles, as_tenant, attempt, refused};

async fn scalar(txn: &DatabaseTransaction, sql: &str, values: Vec<sea_orm::Value>) -> i64 {
    support::scalar(txn, sql, values)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[tokio::test]
async fn no_tenant_reaches_another_tenants_rows() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    test_support::fixtures::seed_dev(&db).await;
    let role = TestRoles::create(&db).await;
    let r = role.app().to_owned();

    let (a, b) = (
        support::tenant_id(&db, "acme").await,
        support::tenant_id(&db, "globex").await,
    );

    // Every table with tenant_id, and whether it may hold platform rows (tenant_id NULL).
    let tables: Vec<(String, bool)> = test_support::catalog::tenant_tables(&db)
        .await
        .into_iter()
        .map(|t| (t.name, t.tenant_id_nullable))
        .collect();
    assert!(
        tables.len() > 40,
        "the tenant tables are found ({})",
        tables.len()
    );

    let mut leaks = Vec::new();
    for (t, mixed) in &tables {
        let txn = as_tenant(&db, &r, Some(a)).await;
        let seen_b = scalar(
            &txn,
            &format!("SELECT count(*) FROM \"{t}\" WHERE tenant_id = $1"),
            vec![b.into()],
        )
        .await;
        let seen_other = scalar(
            &txn,
            &format!("SELECT count(*) FROM \"{t}\" WHERE tenant_id <> $1"),
            vec![a.into()],
        )
        .await;
        let own = scalar(
            &txn,
            &format!("SELECT count(*) FROM \"{t}\" WHERE tenant_id = $1"),
            vec![a.into()],
        )
        .await;
        txn.rollback().await.expect("rollback");
        if seen_b + seen_other > 0 {
            leaks.push(format!(
                "{t}: tenant A sees {seen_other} rows of other tenants"
            ));
        }

        for (what, sql) in [
            (
                "update",
                format!("UPDATE \"{t}\" SET tenant_id = tenant_id WHERE tenant_id = $1"),
            ),
            (
                "delete",
                format!("DELETE FROM \"{t}\" WHERE tenant_id = $1"),
            ),
        ] {
            match attempt(&db, &r, Some(a), &sql, vec![b.into()]).await {
                Ok(0) | Err(_) => {}
                Ok(n) => leaks.push(format!("{t}: tenant A could {what} {n} rows of tenant B")),
            }
        }
        if own > 0 {
            let moved = attempt(
                &db,
                &r,
                Some(a),
                &format!("UPDATE \"{t}\" SET tenant_id = $1 WHERE tenant_id = $2"),
                vec![b.into(), a.into()],
            )
            .await;
            if !matches!(&moved, Err(e) if refused(e)) {
                leaks.push(format!(
                    "{t}: tenant A could move its rows to tenant B ({moved:?})"
                ));
            }
            // A copy of one of A's rows, stamped for B.
            let columns: Vec<String> = db
                .query_all_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    "SELECT a.attname AS name FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
                    [t.clone().into()],
                ))
                .await
                .expect("columns")
                .iter()
                .map(|row| row.try_get::<String>("", "name").expect("name"))
                .collect();
            let list = columns
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ");
            let select = columns
                .iter()
                .map(|c| {
                    if c == "tenant_id" {
                        "$1".to_owned()
                    } else {
                        format!("\"{c}\"")
                    }
                })
                .collect::<Vec<_>>()
                .join(", ");
            let inserted = attempt(
                &db,
                &r,
                Some(a),
                &format!("INSERT INTO \"{t}\" ({list}) SELECT {select} FROM \"{t}\" WHERE tenant_id = $2 LIMIT 1"),
                vec![b.into(), a.into()],
            )
            .await;
            if !matches!(&inserted, Err(e) if refused(e)) {
                leaks.push(format!(
                    "{t}: tenant A could insert a row for tenant B ({inserted:?})"
                ));
            }
        }

        // With no tenant set, no tenant row is visible.
        let txn = as_tenant(&db, &r, None).await;
        let visible = scalar(
            &txn,
            &format!("SELECT count(*) FROM \"{t}\" WHERE tenant_id IS NOT NULL"),
            vec![],
        )
        .await;
        txn.rollback().await.expect("rollback");
        if visible > 0 {
            leaks.push(format!(
                "{t}: with no tenant set, {visible} tenant rows are visible"
            ));
        }

        if *mixed {
            for (what, sql) in [
                (
                    "update",
                    format!("UPDATE \"{t}\" SET tenant_id = NULL WHERE tenant_id IS NULL"),
                ),
                (
                    "delete",
                    format!("DELETE FROM \"{t}\" WHERE tenant_id IS NULL"),
                ),
            ] {
                match attempt(&db, &r, Some(a), &sql, vec![]).await {
                    Ok(0) | Err(_) => {}
                    Ok(n) => leaks.push(format!("{t}: tenant A could {what} {n} platform rows")),
                }
            }
        }
    }
    role.drop(&db).await;
    assert!(
        leaks.is_empty(),
        "{} leak(s) across {} tenant tables:\n{}",
        leaks.len(),
        tables.len(),
        leaks.join("\n")
    );
    eprintln!(
        "tenant isolation: {} tenant tables attacked, 0 leaks",
        tables.len()
    );
}

#[tokio::test]
async fn partitions_cannot_be_read_around_their_parents_policies() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    let role = TestRoles::create(&db).await;
    let err = attempt(
        &db,
        role.app(),
        None,
        "SELECT 1 FROM audit_logs_default",
        vec![],
    )
    .await
    .expect_err("no access");
    assert!(err.contains("permission denied"), "{err}");
    role.drop(&db).await;
}

#[tokio::test]
async fn a_pooled_connection_carries_no_tenant_into_the_next_transaction() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    let url = db.scratch().expect("scratch").url().to_owned();
    let mut options = sea_orm::ConnectOptions::new(url);
    options
        .max_connections(1)
        .min_connections(1)
        .sqlx_logging(false);
    let single = sea_orm::Database::connect(options).await.expect("connect");
    let tenant = Uuid::now_v7();
    let txn = single.begin().await.expect("begin");
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT set_config('app.current_tenant_id', $1, true)",
        [tenant.to_string().into()],
    ))
    .await
    .expect("set");
    txn.commit().await.expect("commit");
    let next = single
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT coalesce(current_setting('app.current_tenant_id', true), '') AS t",
        ))
        .await
        .expect("q")
        .expect("row");
    assert_eq!(
        next.try_get::<String>("", "t").expect("text"),
        "",
        "the setting ended with its transaction"
    );
}
