//! The test server: a scratch database, seeded, roles of the test's own, the service on
//! `127.0.0.1:0` connected as the application role, and an API key for `acme` and `globex`.

use std::sync::Arc;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::Value;
use test_support::TestDb;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use xtask::roles::Roles;

/// The fixed, public key of the tests (32 zero bytes).
pub const TEST_KEY: &str = "test:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/// A tenant the tests act for.
#[derive(Debug, Clone)]
pub struct Tenant {
    pub slug: &'static str,
    pub id: uuid::Uuid,
    pub key: String,
}

/// The running service and what it runs on.
pub struct Server {
    pub base: String,
    pub http: reqwest::Client,
    pub owner: TestDb,
    pub a: Tenant,
    pub b: Tenant,
    roles: Roles,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl Server {
    /// Starts one, or `None` when Postgres is not reachable (and not required).
    pub async fn start() -> Option<Self> {
        let owner = test_support::postgres().await?;
        seed::seed(
            seed::Target::new(&owner, owner.url()),
            seed::Profile::Dev,
            seed::DEFAULT_SEED,
        )
        .await
        .expect("seed");
        let mut roles = Roles::prefixed(&format!(
            "api_test_{}_{}",
            std::process::id(),
            &uuid::Uuid::now_v7().simple().to_string()[20..]
        ));
        let password = uuid::Uuid::now_v7().simple().to_string();
        roles.app_password = Some(password.clone());
        xtask::roles::apply(&owner, &roles).await.expect("roles");

        let mut app_url = url::Url::parse(owner.url().expect("postgres url")).expect("url");
        app_url.set_username(&roles.app).expect("user");
        app_url.set_password(Some(&password)).expect("password");

        let a = tenant(&owner, "acme").await;
        let b = tenant(&owner, "globex").await;

        let config = api::Config {
            database_url: app_url.to_string(),
            addr: "127.0.0.1:0".parse().expect("addr"),
            sealer: Arc::new(domain::sealing::Sealer::parse(TEST_KEY).expect("key")),
            max_connections: 16,
            request_timeout: Duration::from_secs(30),
            max_in_flight: 64,
        };
        let db = api::connect(&config)
            .await
            .expect("connect as the app role");
        let state = api::AppState {
            db,
            sealer: config.sealer.clone(),
        };
        let app = api::app(state, &config);
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(api::serve(listener, app, async {
            let _ = stopped.await;
        }));
        Some(Self {
            base,
            http: reqwest::Client::new(),
            owner,
            a,
            b,
            roles,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// `method path` as `tenant` (or with no key), with `body`; the status and the JSON answer.
    pub async fn call(
        &self,
        tenant: Option<&Tenant>,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(t) = tenant {
            request = request.bearer_auth(&t.key);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request");
        let status = response.status();
        let text = response.text().await.expect("body");
        let json = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, json)
    }

    pub async fn get(&self, t: &Tenant, path: &str) -> (StatusCode, Value) {
        self.call(Some(t), Method::GET, path, None).await
    }

    pub async fn post(&self, t: &Tenant, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Some(t), Method::POST, path, Some(body)).await
    }

    /// The first row of `sql`, read as the owner with `tenant` set (row-level security is
    /// forced, so the owner too sees a tenant's rows only with its id set).
    pub async fn query_as(&self, tenant: &Tenant, sql: &str) -> Option<sea_orm::QueryResult> {
        let txn = sea_orm::TransactionTrait::begin(&*self.owner)
            .await
            .expect("begin");
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT set_config('app.current_tenant_id', $1, true)",
            [tenant.id.to_string().into()],
        ))
        .await
        .expect("set tenant");
        let row = txn
            .query_one_raw(Statement::from_string(DbBackend::Postgres, sql.to_owned()))
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        txn.rollback().await.expect("rollback");
        row
    }

    /// Runs `sql` as the owner with `tenant` set, committed.
    pub async fn owner_exec(&self, tenant: &Tenant, sql: &str) {
        let txn = sea_orm::TransactionTrait::begin(&*self.owner)
            .await
            .expect("begin");
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT set_config('app.current_tenant_id', $1, true)",
            [tenant.id.to_string().into()],
        ))
        .await
        .expect("set tenant");
        txn.execute_unprepared(sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        txn.commit().await.expect("commit");
    }

    /// How many rows of `table` `tenant` has.
    pub async fn count(&self, tenant: &Tenant, table: &str) -> i64 {
        self.query_as(
            tenant,
            &format!(
                "SELECT count(*) AS n FROM \"{table}\" WHERE tenant_id = '{}'",
                tenant.id
            ),
        )
        .await
        .expect("row")
        .try_get::<i64>("", "n")
        .expect("n")
    }

    /// The id of a row of `table` of `tenant` matching `filter` (the first by id).
    pub async fn any_id(&self, tenant: &Tenant, table: &str, filter: &str) -> uuid::Uuid {
        self.query_as(
            tenant,
            &format!(
                "SELECT id FROM \"{table}\" WHERE tenant_id = '{}' AND {filter} ORDER BY id LIMIT 1",
                tenant.id
            ),
        )
        .await
        .unwrap_or_else(|| panic!("{} has a {table} row where {filter}", tenant.slug))
        .try_get::<uuid::Uuid>("", "id")
        .expect("id")
    }

    /// Stops the service (letting requests finish), then drops the roles; the database drops
    /// with `owner`.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.expect("server task").expect("served");
        }
        for role in [
            &self.roles.app,
            &self.roles.platform,
            &self.roles.auth,
            &self.roles.relay,
        ] {
            let _ = self
                .owner
                .execute_unprepared(&format!("DROP OWNED BY \"{role}\""))
                .await;
        }
        let admin = self.owner.scratch().expect("scratch").url().to_owned();
        drop(self.owner);
        let admin = sea_orm::Database::connect(admin_url(&admin))
            .await
            .expect("admin");
        for role in [
            &self.roles.app,
            &self.roles.platform,
            &self.roles.auth,
            &self.roles.relay,
        ] {
            admin
                .execute_unprepared(&format!("DROP ROLE IF EXISTS \"{role}\""))
                .await
                .expect("drop role");
        }
    }
}

fn admin_url(_scratch: &str) -> String {
    test_support::admin_url()
}

async fn tenant(owner: &TestDb, slug: &'static str) -> Tenant {
    let issued = xtask::api_key::create(owner, slug, "e2e", &["reports.read".to_owned()])
        .await
        .expect("api key");
    Tenant {
        slug,
        id: issued.tenant_id,
        key: issued.key,
    }
}
