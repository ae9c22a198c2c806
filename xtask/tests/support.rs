//! What the Postgres access tests share: roles of one test alone, and statements run as one of
//! them in a transaction that is rolled back.

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, Statement,
    TransactionTrait,
};
use uuid::Uuid;
use xtask::roles::Roles;

/// The three roles of `cargo xtask roles`, under names of this test alone, dropped at the end
/// (roles are cluster-wide: a test creates and drops its own).
pub struct TestRoles {
    pub roles: Roles,
}

impl TestRoles {
    /// Creates the roles through `cargo xtask roles` (no passwords: no LOGIN).
    pub async fn create(db: &DatabaseConnection) -> Self {
        let roles = Self::named();
        xtask::roles::apply(db, &roles).await.expect("roles");
        Self { roles }
    }

    /// Unique names, not created yet.
    pub fn named() -> Roles {
        Roles::prefixed(&format!(
            "app_test_{}_{}",
            std::process::id(),
            &Uuid::now_v7().simple().to_string()[20..]
        ))
    }

    pub fn app(&self) -> &str {
        &self.roles.app
    }

    pub async fn drop(self, db: &DatabaseConnection) {
        drop_roles(db, &self.roles).await;
    }
}

/// Drops the roles of `roles` that exist, with what they own and were granted in `db`.
pub async fn drop_roles(db: &DatabaseConnection, roles: &Roles) {
    for role in [&roles.app, &roles.platform, &roles.auth, &roles.relay] {
        let exists = db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT 1 AS one FROM pg_roles WHERE rolname = $1",
                [role.clone().into()],
            ))
            .await
            .expect("pg_roles")
            .is_some();
        if exists {
            db.execute_unprepared(&format!("DROP OWNED BY \"{role}\""))
                .await
                .expect("drop owned");
            db.execute_unprepared(&format!("DROP ROLE \"{role}\""))
                .await
                .expect("drop role");
        }
    }
}

/// A transaction acting as `role` for `tenant` (or for no tenant).
pub async fn as_tenant(
    db: &DatabaseConnection,
    role: &str,
    tenant: Option<Uuid>,
) -> DatabaseTransaction {
    let txn = db.begin().await.expect("begin");
    txn.execute_unprepared(&format!("SET LOCAL ROLE \"{role}\""))
        .await
        .expect("set role");
    if let Some(t) = tenant {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT set_config('app.current_tenant_id', $1, true)",
            [t.to_string().into()],
        ))
        .await
        .expect("set tenant");
    }
    txn
}

/// Runs `sql` as `role` for `tenant` in a transaction of its own that is rolled back; returns
/// the rows it changed, or the error text.
pub async fn attempt(
    db: &DatabaseConnection,
    role: &str,
    tenant: Option<Uuid>,
    sql: &str,
    values: Vec<sea_orm::Value>,
) -> Result<u64, String> {
    let txn = as_tenant(db, role, tenant).await;
    let result = txn
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            values,
        ))
        .await
        .map(|r| r.rows_affected())
        .map_err(|e| e.to_string());
    txn.rollback().await.expect("rollback");
    result
}

/// The first column of the first row `sql` returns, as a number.
pub async fn scalar(
    conn: &impl ConnectionTrait,
    sql: &str,
    values: Vec<sea_orm::Value>,
) -> Result<i64, String> {
    conn.query_one_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        values,
    ))
    .await
    .map_err(|e| e.to_string())?
    .ok_or_else(|| "no row".to_owned())?
    .try_get_by_index::<i64>(0)
    .map_err(|e| e.to_string())
}

/// Runs `sql` as `role` for `tenant`, rolled back, and returns its first column as a number.
pub async fn count_as(
    db: &DatabaseConnection,
    role: &str,
    tenant: Option<Uuid>,
    sql: &str,
    values: Vec<sea_orm::Value>,
) -> Result<i64, String> {
    let txn = as_tenant(db, role, tenant).await;
    let result = scalar(&txn, sql, values).await;
    txn.rollback().await.expect("rollback");
    result
}

/// The id of the seeded tenant `slug`.
pub async fn tenant_id(db: &DatabaseConnection, slug: &str) -> Uuid {
    db.query_one_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT id FROM tenants WHERE slug = $1",
        [slug.into()],
    ))
    .await
    .expect("q")
    .expect("tenant")
    .try_get::<Uuid>("", "id")
    .expect("id")
}

/// Whether an error is a refusal by privileges or row-level security (not some other failure).
pub fn refused(error: &str) -> bool {
    error.contains("permission denied") || error.contains("row-level security")
}
