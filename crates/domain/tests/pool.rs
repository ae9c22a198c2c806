//! `domain::pool`: a tenant set at session level on a pooled connection never reaches the next
//! request, tested with a pool of one connection so that the next request surely gets it.

use sea_orm::{ConnectOptions, ConnectionTrait, DatabaseConnection, DbBackend, Statement};

async fn current_tenant(db: &DatabaseConnection) -> String {
    db.query_one_raw(Statement::from_string(
        DbBackend::Postgres,
        "SELECT coalesce(current_setting('app.current_tenant_id', true), '') AS t",
    ))
    .await
    .expect("query")
    .expect("a row")
    .try_get::<String>("", "t")
    .expect("text")
}

/// Sets a tenant at session level, the way a careless `SET` would, then reads the setting as
/// the next request; returns what the next request saw.
async fn leak_through(db: &DatabaseConnection) -> String {
    db.execute_unprepared("SET app.current_tenant_id = '01900000-0000-7000-8000-00000000000a'")
        .await
        .expect("set");
    let first = current_tenant(db).await;
    db.execute_unprepared(
        "SELECT set_config('app.current_tenant_id', '01900000-0000-7000-8000-00000000000b', false)",
    )
    .await
    .expect("set_config");
    format!("{first}|{}", current_tenant(db).await)
}

fn one_connection(url: &str) -> ConnectOptions {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(1)
        .min_connections(1)
        .sqlx_logging(false);
    options
}

#[tokio::test]
async fn a_released_connection_carries_no_tenant() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    let url = db.url().expect("postgres").to_owned();

    // Without the reset, the pool of one hands the tenant to the next request: the check below
    // is able to fail.
    let plain = sea_orm::Database::connect(one_connection(&url))
        .await
        .expect("connect");
    assert_eq!(
        leak_through(&plain).await,
        "01900000-0000-7000-8000-00000000000a|01900000-0000-7000-8000-00000000000b",
        "a plain pool keeps a session-level setting"
    );
    plain.close().await.expect("close");

    let pool = domain::pool::connect(one_connection(&url))
        .await
        .expect("connect");
    assert_eq!(
        leak_through(&pool).await,
        "|",
        "each release clears the tenant"
    );
    pool.close().await.expect("close");
}

#[tokio::test]
async fn sqlite_connects_as_usual() {
    let mut options = ConnectOptions::new("sqlite::memory:");
    options.max_connections(1).sqlx_logging(false);
    let db = domain::pool::connect(options).await.expect("connect");
    db.execute_unprepared("SELECT 1").await.expect("query");
}
