//! The tenant-scoped API (`domain::tenancy`) on both backends: reads see only the tenant's rows
//! (and platform rows where a table mixes them), inserts are stamped with the tenant, and a row of
//! another tenant is refused, in the application layer, so on SQLite too. On Postgres, the same
//! transactions run as an application role under row-level security, and a pooled connection
//! carries no tenant into the next transaction.

use std::future::Future;
use std::pin::Pin;

use domain::Error;
use domain::tenancy::{PlatformTxn, TenantId, TenantTxn};
use entity::scope::{TenantScoped, TenantScopedVisitor, tenant_scoped_tables};
use entity::*;
use sea_orm::sea_query::ValueType;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, Condition, ConnectOptions, ConnectionTrait,
    Database, DatabaseConnection, DbBackend, EntityTrait, IntoActiveModel, ModelTrait,
    PaginatorTrait, QueryFilter, Set, Statement, Value,
};
use uuid::Uuid;

/// The ids of two seeded tenants.
pub(crate) async fn tenants(db: &DatabaseConnection) -> (TenantId, TenantId) {
    let id = |slug: &'static str| async move {
        tenants::Entity::find()
            .filter(tenants::Column::Slug.eq(slug))
            .one(db)
            .await
            .expect("query")
            .unwrap_or_else(|| panic!("the dev seed has tenant {slug}"))
            .id
    };
    (
        TenantId::new(id("acme").await),
        TenantId::new(id("globex").await),
    )
}

/// A database with the dev data on every available backend.
pub(crate) async fn seeded() -> Vec<test_support::TestDb> {
    let dbs = test_support::all_backends().await;
    for db in &dbs {
        test_support::fixtures::seed_dev(db).await;
    }
    dbs
}

fn uuid_of(value: Value) -> Option<Uuid> {
    <Option<Uuid> as ValueType>::try_from(value).expect("tenant_id is a UUID")
}

/// `SELECT count(*) AS n FROM <table> WHERE <condition on tenant_id>`, bypassing the API.
async fn raw_count(db: &DatabaseConnection, table: &str, condition: &str, tenant: TenantId) -> i64 {
    let backend = db.get_database_backend();
    let param = if backend == DbBackend::Postgres {
        "$1"
    } else {
        "?"
    };
    let sql = format!(
        "SELECT count(*) AS n FROM \"{table}\" WHERE {}",
        condition.replace("$1", param)
    );
    db.query_one_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [tenant.as_uuid().into()],
    ))
    .await
    .expect("count")
    .expect("a row")
    .try_get::<i64>("", "n")
    .expect("a number")
}

/// The tenant ids of the rows a scoped read returned.
type Scan<'a> = Pin<Box<dyn Future<Output = domain::Result<Vec<Option<Uuid>>>> + 'a>>;

/// Reads every row of one entity through a scoped transaction.
type Probe = for<'a> fn(&'a TenantTxn) -> Scan<'a>;

fn probe<E: TenantScoped>(txn: &TenantTxn) -> Scan<'_> {
    Box::pin(async move {
        let rows = txn.find::<E>().all().await?;
        Ok(rows
            .iter()
            .map(|row| uuid_of(row.get(E::tenant_column())))
            .collect())
    })
}

/// Every generated tenant-scoped entity, with a probe of its own type.
struct Probes(Vec<(&'static str, bool, Probe)>);

impl TenantScopedVisitor for Probes {
    fn visit<E: TenantScoped>(&mut self) {
        self.0
            .push((E::default().table_name(), E::PLATFORM_ROWS, probe::<E>));
    }
}

/// Tables with a `tenant_id` column and whether it is nullable, from the database's catalog.
async fn catalog_tenant_tables(db: &DatabaseConnection) -> Vec<(String, bool)> {
    test_support::catalog::tenant_tables(db)
        .await
        .into_iter()
        .map(|t| (t.name, t.tenant_id_nullable))
        .collect()
}

#[tokio::test]
async fn every_tenant_table_has_a_tenant_scoped_entity() {
    let scoped: Vec<(String, bool)> = tenant_scoped_tables()
        .into_iter()
        .map(|(t, mixed)| (t.to_owned(), mixed))
        .collect();
    for db in test_support::all_backends().await {
        let catalog = catalog_tenant_tables(&db).await;
        assert!(catalog.len() > 40, "{}: tenant tables found", db.label());
        assert_eq!(
            scoped,
            catalog,
            "{}: every table with tenant_id (and only those) implements TenantScoped, with \
             PLATFORM_ROWS matching a nullable tenant_id: run `cargo xtask codegen`",
            db.label()
        );
    }
}

#[tokio::test]
async fn reads_see_only_the_tenants_rows_and_platform_rows() {
    let mut probes = Probes(Vec::new());
    entity::generated::visit_tenant_scoped(&mut probes);
    for db in seeded().await {
        let label = db.label();
        let (a, b) = tenants(&db).await;
        let (mut tables_with_b, mut platform_rows_seen) = (0, 0);
        for (table, mixed, probe) in &probes.0 {
            let txn = TenantTxn::begin(&db, a).await.expect("begin");
            let seen = probe(&txn).await.expect("scoped read");
            txn.rollback().await.expect("rollback");
            for t in &seen {
                assert!(
                    *t == Some(a.as_uuid()) || (*mixed && t.is_none()),
                    "{label}: {table}: tenant A reads a row of {t:?}"
                );
            }
            let expected = if *mixed {
                "tenant_id = $1 OR tenant_id IS NULL"
            } else {
                "tenant_id = $1"
            };
            assert_eq!(
                seen.len() as i64,
                raw_count(&db, table, expected, a).await,
                "{label}: {table}: tenant A reads all of its rows"
            );
            if raw_count(&db, table, "tenant_id = $1", b).await > 0 {
                tables_with_b += 1;
            }
            platform_rows_seen += seen.iter().filter(|t| t.is_none()).count();
        }
        assert!(
            tables_with_b > 20,
            "{label}: tenant B has rows to hide ({tables_with_b} tables)"
        );
        assert!(
            platform_rows_seen > 0,
            "{label}: platform rows are readable"
        );

        // The hand-written view entity is scoped too: one dashboard row, the tenant's.
        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        let dashboard = txn
            .find::<tenant_dashboard::Entity>()
            .all()
            .await
            .expect("dashboard");
        assert_eq!(
            dashboard.iter().map(|r| r.tenant_id).collect::<Vec<_>>(),
            vec![a.as_uuid()],
            "{label}"
        );
    }
}

#[tokio::test]
async fn filters_narrow_the_scope_and_never_widen_it() {
    for db in seeded().await {
        let label = db.label();
        let (a, b) = tenants(&db).await;
        let b_ticket = tickets::Entity::find()
            .filter(tickets::Column::TenantId.eq(b.as_uuid()))
            .one(&*db)
            .await
            .expect("q")
            .expect("tenant B has a ticket");
        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        // An OR in the caller's filter is nested under the tenant condition.
        let widened = txn
            .find::<tickets::Entity>()
            .filter(
                Condition::any()
                    .add(tickets::Column::TenantId.eq(b.as_uuid()))
                    .add(tickets::Column::Id.is_not_null()),
            )
            .order_by_asc(tickets::Column::Number)
            .all()
            .await
            .expect("read");
        assert!(!widened.is_empty(), "{label}");
        assert!(
            widened.iter().all(|t| t.tenant_id == a.as_uuid()),
            "{label}: a filter cannot reach tenant B"
        );
        assert_eq!(
            txn.find::<tickets::Entity>()
                .filter(tickets::Column::TenantId.eq(b.as_uuid()))
                .count()
                .await
                .expect("count"),
            0,
            "{label}"
        );
        assert!(
            txn.find_by_id::<tickets::Entity>(b_ticket.id)
                .one()
                .await
                .expect("read")
                .is_none(),
            "{label}: another tenant's row is not found by id"
        );
        let own = txn
            .find::<tickets::Entity>()
            .limit(1)
            .one()
            .await
            .expect("read")
            .expect("tenant A has a ticket");
        assert_eq!(
            txn.find_by_id::<tickets::Entity>(own.id)
                .one()
                .await
                .expect("read")
                .map(|t| t.id),
            Some(own.id),
            "{label}"
        );
    }
}

pub(crate) fn new_tenant_role(name: &str) -> tenant_roles::ActiveModel {
    tenant_roles::ActiveModel {
        name: Set(name.to_owned()),
        description: Set(None),
        is_default: Set(false),
        ..ActiveModelBehavior::new()
    }
}

fn new_role(name: &str) -> roles::ActiveModel {
    roles::ActiveModel {
        name: Set(name.to_owned()),
        description: Set(Some("scoped".into())),
        is_system: Set(false),
        ..ActiveModelBehavior::new()
    }
}

fn assert_cross_tenant(
    err: Error,
    label: &str,
    table: &str,
    expected: TenantId,
    found: Option<TenantId>,
) {
    let message = err.to_string();
    match err {
        Error::CrossTenant {
            table: t,
            expected: e,
            found: f,
        } => {
            assert_eq!(
                (t.as_str(), e, f),
                (table, expected.as_uuid(), found.map(TenantId::as_uuid)),
                "{label}"
            );
            assert!(
                message.contains("cross-tenant write refused") && message.contains(table),
                "{label}: the message names the problem: {message}"
            );
            assert!(
                !message.contains(&expected.to_string())
                    && found.is_none_or(|f| !message.contains(&f.to_string())),
                "{label}: the client message names no tenant: {message}"
            );
        }
        other => panic!("{label}: expected CrossTenant on {table}, got {other:?}"),
    }
}

#[tokio::test]
async fn inserts_are_stamped_and_another_tenants_row_is_refused() {
    for db in seeded().await {
        let label = db.label();
        let (a, b) = tenants(&db).await;
        let before_b = raw_count(&db, "tenant_roles", "tenant_id = $1", b).await;
        let platform_before = roles::Entity::find()
            .filter(roles::Column::TenantId.is_null())
            .count(&*db)
            .await
            .expect("count");

        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        let stamped = txn
            .insert(new_tenant_role("scoped-stamped"))
            .await
            .expect("insert");
        assert_eq!(stamped.tenant_id, a.as_uuid(), "{label}: stamped");
        // On a table mixing platform rows, an unset tenant_id becomes the tenant, never NULL.
        let role = txn.insert(new_role("scoped-role")).await.expect("insert");
        assert_eq!(role.tenant_id, Some(a.as_uuid()), "{label}");
        // Setting the tenant's own id is fine.
        let mut explicit = new_tenant_role("scoped-explicit");
        explicit.tenant_id = Set(a.as_uuid());
        txn.insert(explicit).await.expect("own tenant");

        let mut for_b = new_tenant_role("scoped-for-b");
        for_b.tenant_id = Set(b.as_uuid());
        let err = txn.insert(for_b).await.expect_err("another tenant");
        assert_cross_tenant(err, label, "tenant_roles", a, Some(b));

        let mut platform = new_role("scoped-platform");
        platform.tenant_id = Set(None);
        let err = txn.insert(platform).await.expect_err("a platform row");
        assert_cross_tenant(err, label, "roles", a, None);
        let message = Error::CrossTenant {
            table: "roles".into(),
            expected: a.as_uuid(),
            found: None,
        }
        .to_string();
        assert!(message.contains("platform row"), "{message}");

        // Composite keys that contain tenant_id are stamped too. (A global table, such as
        // feature_flags, is written through the explicit escape hatch.)
        let flag = feature_flags::ActiveModel {
            key: Set("scoped_test_flag".into()),
            description: Set(None),
            default_enabled: Set(false),
            rollout_percentage: Set(0),
            rules: Set(serde_json::json!({})),
            ..ActiveModelBehavior::new()
        }
        .insert(txn.unscoped_connection())
        .await
        .expect("a feature flag");
        let feature = txn
            .insert(tenant_features::ActiveModel {
                feature_flag_id: Set(flag.id),
                enabled: Set(true),
                set_by_user_id: Set(None),
                ..Default::default()
            })
            .await
            .expect("insert a tenant feature");
        assert_eq!(feature.tenant_id, a.as_uuid(), "{label}");
        txn.commit().await.expect("commit");

        assert_eq!(
            raw_count(&db, "tenant_roles", "tenant_id = $1", b).await,
            before_b,
            "{label}: nothing was written for tenant B"
        );
        assert_eq!(
            roles::Entity::find()
                .filter(roles::Column::TenantId.is_null())
                .count(&*db)
                .await
                .expect("count"),
            platform_before,
            "{label}: no platform row was written"
        );
        assert_eq!(
            tenant_roles::Entity::find()
                .filter(tenant_roles::Column::Name.starts_with("scoped-"))
                .filter(tenant_roles::Column::TenantId.eq(a.as_uuid()))
                .count(&*db)
                .await
                .expect("count"),
            2,
            "{label}: the tenant's own rows were committed"
        );
    }
}

#[tokio::test]
async fn updates_and_deletes_reach_only_the_tenants_rows() {
    for db in seeded().await {
        let label = db.label();
        let (a, b) = tenants(&db).await;
        let theirs = tickets::Entity::find()
            .filter(tickets::Column::TenantId.eq(b.as_uuid()))
            .one(&*db)
            .await
            .expect("q")
            .expect("tenant B has a ticket");
        let platform_role = roles::Entity::find()
            .filter(roles::Column::TenantId.is_null())
            .one(&*db)
            .await
            .expect("q")
            .expect("a platform role");

        let b_feature = tenant_features::Entity::find()
            .filter(tenant_features::Column::TenantId.eq(b.as_uuid()))
            .one(&*db)
            .await
            .expect("q")
            .expect("tenant B has a feature setting");

        // (On SQLite the test database has one connection: the transaction holds it until it ends.)
        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        // A model read elsewhere, of tenant B: refused before reaching the database.
        let mut changed = theirs.clone().into_active_model();
        changed.subject = Set("taken over".into());
        let err = txn.update(changed).await.expect_err("another tenant's row");
        assert_cross_tenant(err, label, "tickets", a, Some(b));
        // Only the key of B's row, no tenant: not found, as if it did not exist.
        let by_key = tickets::ActiveModel {
            id: Set(theirs.id),
            subject: Set("taken over".into()),
            ..Default::default()
        };
        let err = txn.update(by_key).await.expect_err("not the tenant's");
        assert!(matches!(err, Error::NotFound { .. }), "{label}: {err:?}");
        let err = txn
            .delete_by_id::<tickets::Entity>(theirs.id)
            .await
            .expect_err("not the tenant's");
        assert!(matches!(err, Error::NotFound { .. }), "{label}: {err:?}");
        // A platform row is readable, not writable.
        assert!(
            txn.find_by_id::<roles::Entity>(platform_role.id)
                .one()
                .await
                .expect("read")
                .is_some(),
            "{label}"
        );
        let rename = roles::ActiveModel {
            id: Set(platform_role.id),
            name: Set("renamed".into()),
            ..Default::default()
        };
        let err = txn.update(rename).await.expect_err("a platform row");
        assert_cross_tenant(err, label, "roles", a, None);
        let err = txn
            .update(platform_role.clone().into_active_model())
            .await
            .expect_err("a platform row");
        assert_cross_tenant(err, label, "roles", a, None);
        let err = txn
            .delete_by_id::<roles::Entity>(platform_role.id)
            .await
            .expect_err("a platform row");
        assert_cross_tenant(err, label, "roles", a, None);
        // Composite keys: B's feature setting is out of reach.
        let err = txn
            .delete_by_id::<tenant_features::Entity>((b.as_uuid(), b_feature.feature_flag_id))
            .await
            .expect_err("not the tenant's");
        assert!(matches!(err, Error::NotFound { .. }), "{label}: {err:?}");

        // A key that contains tenant_id is completed with the tenant.
        let feature = txn
            .find::<tenant_features::Entity>()
            .one()
            .await
            .expect("read")
            .expect("tenant A has a feature setting");
        let toggled = txn
            .update(tenant_features::ActiveModel {
                feature_flag_id: Set(feature.feature_flag_id),
                enabled: Set(!feature.enabled),
                ..Default::default()
            })
            .await
            .expect("update own feature");
        assert_eq!(
            (toggled.tenant_id, toggled.enabled),
            (a.as_uuid(), !feature.enabled),
            "{label}"
        );

        // The tenant's own rows: updated (with the entity's hooks) and deleted.
        let own = txn
            .find::<tickets::Entity>()
            .order_by_asc(tickets::Column::Number)
            .one()
            .await
            .expect("read")
            .expect("tenant A has a ticket");
        let mut edit = own.clone().into_active_model();
        edit.subject = Set("scoped update".into());
        let updated = txn.update(edit).await.expect("update own");
        assert_eq!(updated.subject, "scoped update", "{label}");
        assert!(updated.updated_at >= own.updated_at, "{label}: hooks ran");
        // An update with nothing to change returns the row, in scope.
        let unchanged = txn
            .update(updated.clone().into_active_model())
            .await
            .expect("no-op update");
        assert_eq!(unchanged.id, own.id, "{label}");
        let role = txn
            .insert(new_tenant_role("scoped-gone"))
            .await
            .expect("insert");
        txn.delete_by_id::<tenant_roles::Entity>(role.id)
            .await
            .expect("delete own");
        let err = txn
            .delete_by_id::<tenant_roles::Entity>(role.id)
            .await
            .expect_err("already deleted");
        assert!(matches!(err, Error::NotFound { .. }), "{label}: {err:?}");
        txn.commit().await.expect("commit");

        let after = tickets::Entity::find_by_id(theirs.id)
            .one(&*db)
            .await
            .expect("q")
            .expect("B's ticket is still there");
        assert_eq!(after, theirs, "{label}: B's ticket is untouched");
        assert_eq!(
            roles::Entity::find_by_id(platform_role.id)
                .one(&*db)
                .await
                .expect("q")
                .as_ref(),
            Some(&platform_role),
            "{label}: the platform row is untouched"
        );
    }
}

#[tokio::test]
async fn moving_a_row_to_another_tenant_is_refused() {
    for db in seeded().await {
        let label = db.label();
        let (a, b) = tenants(&db).await;
        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        let own = txn
            .find::<tenant_roles::Entity>()
            .one()
            .await
            .expect("read")
            .expect("tenant A has a role");
        let mut moved = own.clone().into_active_model();
        moved.tenant_id = Set(b.as_uuid());
        let err = txn.update(moved).await.expect_err("moving");
        assert_cross_tenant(err, label, "tenant_roles", a, Some(b));
        // To the platform, on a table that mixes platform rows.
        let role = txn.insert(new_role("scoped-moving")).await.expect("insert");
        let mut to_platform = role.into_active_model();
        to_platform.tenant_id = Set(None);
        let err = txn.update(to_platform).await.expect_err("to the platform");
        assert_cross_tenant(err, label, "roles", a, None);
        txn.commit().await.expect("commit");
        assert_eq!(
            tenant_roles::Entity::find_by_id(own.id)
                .one(&*db)
                .await
                .expect("q"),
            Some(own),
            "{label}: unchanged"
        );
    }
}

/// Services hold a transaction across awaits in spawned tasks: the API's futures are `Send`.
#[allow(dead_code, clippy::let_underscore_future)]
fn the_api_is_send(txn: &TenantTxn, tenant: TenantId, db: &DatabaseConnection) {
    fn send<T: Send>(_: T) {}
    send(TenantTxn::begin(db, tenant));
    send(txn.find::<tickets::Entity>().all());
    send(txn.find::<tickets::Entity>().count());
    send(txn.insert(new_tenant_role("x")));
    send(txn.update(new_tenant_role("x")));
    send(txn.delete_by_id::<tickets::Entity>(Uuid::nil()));
    send(PlatformTxn::begin(db, "x"));
}

#[tokio::test]
async fn a_dropped_transaction_is_rolled_back() {
    for db in seeded().await {
        let label = db.label();
        let (a, _) = tenants(&db).await;
        let id = {
            let txn = TenantTxn::begin(&db, a).await.expect("begin");
            let role = txn
                .insert(new_tenant_role("scoped-dropped"))
                .await
                .expect("insert");
            role.id
        };
        assert!(
            tenant_roles::Entity::find_by_id(id)
                .one(&*db)
                .await
                .expect("q")
                .is_none(),
            "{label}: nothing was committed"
        );
        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        let role = txn
            .insert(new_tenant_role("scoped-rolled-back"))
            .await
            .expect("insert");
        txn.rollback().await.expect("rollback");
        assert!(
            tenant_roles::Entity::find_by_id(role.id)
                .one(&*db)
                .await
                .expect("q")
                .is_none(),
            "{label}"
        );
    }
}

/// A role like `app_user` (`NOBYPASSRLS`, read and write on the tables) of this test alone.
pub(crate) struct AppRole(pub(crate) String);

impl AppRole {
    pub(crate) async fn create(db: &DatabaseConnection) -> Self {
        let name = format!(
            "scope_test_{}_{}",
            std::process::id(),
            &Uuid::now_v7().simple().to_string()[20..]
        );
        for sql in [
            format!("CREATE ROLE \"{name}\" NOLOGIN NOSUPERUSER NOBYPASSRLS"),
            format!("GRANT USAGE ON SCHEMA public TO \"{name}\""),
            format!(
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \"{name}\""
            ),
        ] {
            db.execute_unprepared(&sql).await.expect("create the role");
        }
        Self(name)
    }

    pub(crate) async fn drop(self, db: &DatabaseConnection) {
        for sql in [
            format!("DROP OWNED BY \"{}\"", self.0),
            format!("DROP ROLE \"{}\"", self.0),
        ] {
            db.execute_unprepared(&sql).await.expect("drop the role");
        }
    }
}

async fn scalar_text(conn: &impl ConnectionTrait, sql: &str) -> String {
    conn.query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await
        .expect("query")
        .expect("a row")
        .try_get_by_index::<String>(0)
        .expect("text")
}

#[tokio::test]
async fn on_postgres_the_scope_holds_under_row_level_security() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    test_support::fixtures::seed_dev(&db).await;
    let (a, b) = tenants(&db).await;
    let role = AppRole::create(&db).await;
    let outcome = under_rls(&db, &role.0, a, b).await;
    role.drop(&db).await;
    let (own_tickets, raw_total, raw_b, raw_update_b, raw_insert_b, platform_tenant_rows) = outcome;
    let expected = raw_count(&db, "tickets", "tenant_id = $1", a).await;
    assert!(expected > 0);
    assert_eq!(own_tickets as i64, expected, "the scoped read as app role");
    assert_eq!(
        raw_total, expected,
        "even an unscoped statement sees only the tenant (row-level security)"
    );
    assert_eq!(raw_b, 0, "tenant B's rows are invisible");
    assert_eq!(raw_update_b, 0, "tenant B's rows cannot be updated");
    assert!(
        raw_insert_b.contains("row-level security"),
        "an insert for tenant B is refused by the database: {raw_insert_b}"
    );
    assert_eq!(
        platform_tenant_rows, 0,
        "a platform transaction as the application role sees no tenant rows"
    );
}

/// As `role`: what tenant A's transaction sees and may do.
async fn under_rls(
    db: &DatabaseConnection,
    role: &str,
    a: TenantId,
    b: TenantId,
) -> (usize, i64, i64, u64, String, i64) {
    let set_role = format!("SET LOCAL ROLE \"{role}\"");
    let txn = TenantTxn::begin(db, a).await.expect("begin");
    txn.unscoped_connection()
        .execute_unprepared(&set_role)
        .await
        .expect("set role");
    assert_eq!(
        scalar_text(
            txn.unscoped_connection(),
            "SELECT current_setting('app.current_tenant_id', true)"
        )
        .await,
        a.to_string()
    );
    let own = txn
        .find::<tickets::Entity>()
        .all()
        .await
        .expect("scoped read");
    let raw = txn.unscoped_connection();
    let count = |sql: String| async move {
        raw.query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            [b.as_uuid().into()],
        ))
        .await
        .expect("count")
        .expect("row")
        .try_get_by_index::<i64>(0)
        .expect("n")
    };
    let total = count("SELECT count(*) FROM tickets WHERE $1::uuid IS NOT NULL".into()).await;
    let of_b = count("SELECT count(*) FROM tickets WHERE tenant_id = $1".into()).await;
    let updated = raw
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE tickets SET subject = 'x' WHERE tenant_id = $1",
            [b.as_uuid().into()],
        ))
        .await
        .expect("update")
        .rows_affected();
    // The scoped API itself works under the policies.
    let inserted = txn
        .insert(new_tenant_role("scoped-under-rls"))
        .await
        .expect("insert as the app role");
    assert_eq!(inserted.tenant_id, a.as_uuid());
    txn.unscoped_connection()
        .execute_unprepared("SAVEPOINT before_insert")
        .await
        .expect("savepoint");
    let insert_b = txn
        .unscoped_connection()
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO tenant_roles (id, tenant_id, name, is_default, created_at, updated_at) \
             VALUES ($1, $2, 'smuggled', false, now(), now())",
            [Uuid::now_v7().into(), b.as_uuid().into()],
        ))
        .await
        .map(|_| "inserted".to_owned())
        .unwrap_or_else(|e| e.to_string());
    txn.rollback().await.expect("rollback");

    let platform = PlatformTxn::begin(db, "scope test")
        .await
        .expect("begin platform");
    platform
        .connection()
        .execute_unprepared(&set_role)
        .await
        .expect("set role");
    let tenant_rows = platform
        .connection()
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT count(*) FROM tickets",
        ))
        .await
        .expect("count")
        .expect("row")
        .try_get_by_index::<i64>(0)
        .expect("n");
    platform.rollback().await.expect("rollback");
    (own.len(), total, of_b, updated, insert_b, tenant_rows)
}

#[tokio::test]
async fn on_postgres_a_pooled_connection_carries_no_tenant_after_the_transaction() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    let url = db.scratch().expect("scratch").url().to_owned();
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(1)
        .min_connections(1)
        .sqlx_logging(false);
    let single = Database::connect(options).await.expect("connect");
    let setting = "SELECT coalesce(current_setting('app.current_tenant_id', true), '')";
    let pid = "SELECT pg_backend_pid()::text";
    let first_pid = scalar_text(&single, pid).await;
    let tenant = TenantId::new(Uuid::now_v7());

    let txn = TenantTxn::begin(&single, tenant).await.expect("begin");
    assert_eq!(
        scalar_text(txn.unscoped_connection(), setting).await,
        tenant.to_string(),
        "set inside the transaction"
    );
    txn.commit().await.expect("commit");
    assert_eq!(scalar_text(&single, setting).await, "", "after commit");

    let txn = TenantTxn::begin(&single, tenant).await.expect("begin");
    txn.rollback().await.expect("rollback");
    assert_eq!(scalar_text(&single, setting).await, "", "after rollback");

    drop(TenantTxn::begin(&single, tenant).await.expect("begin"));
    assert_eq!(scalar_text(&single, setting).await, "", "after a drop");

    let platform = PlatformTxn::begin(&single, "scope test")
        .await
        .expect("begin platform");
    assert_eq!(
        scalar_text(platform.connection(), setting).await,
        "",
        "a platform transaction has no tenant"
    );
    platform.commit().await.expect("commit");
    assert_eq!(
        scalar_text(&single, pid).await,
        first_pid,
        "all of it ran on the one pooled connection"
    );
}
