//! The connection pool services open: a tenant set on a pooled connection never reaches the next
//! request.
//!
//! [`TenantTxn`](crate::TenantTxn) names its tenant with `set_config(…, true)`, which ends with
//! the transaction. Any other code on the same pool could still run a session-level
//! `SET app.current_tenant_id = …` (or `set_config(…, false)`), and the next request that got
//! that connection would act for that tenant. [`connect`] therefore clears the setting every time
//! a connection goes back to the pool (sqlx's `after_release`); if clearing fails, the connection
//! is closed instead of reused. On SQLite, which has no such setting, it is a plain connect.
//!
//! ```no_run
//! # async fn f() -> Result<(), sea_orm::DbErr> {
//! let db = domain::pool::connect(sea_orm::ConnectOptions::new("postgres://app_user:…@db/platform")).await?;
//! # let _ = db; Ok(())
//! # }
//! ```

use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// The statement run on every connection returned to the pool.
pub const RESET_TENANT: &str = "SELECT set_config('app.current_tenant_id', '', false)";

/// Connects with `options`, on Postgres with a pool that clears `app.current_tenant_id`
/// whenever a connection is released.
///
/// # Errors
///
/// As [`Database::connect`].
pub async fn connect(
    #[cfg_attr(not(feature = "postgres"), allow(unused_mut))] mut options: ConnectOptions,
) -> Result<DatabaseConnection, DbErr> {
    #[cfg(feature = "postgres")]
    options.map_sqlx_postgres_pool_opts(|pool| {
        pool.after_release(|conn, _| {
            Box::pin(async move {
                // A connection whose reset fails is closed rather than handed to another request.
                Ok(sqlx::query(RESET_TENANT).execute(&mut *conn).await.is_ok())
            })
        })
    });
    Database::connect(options).await
}
