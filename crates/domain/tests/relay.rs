//! The outbox relay (`domain::relay`): exactly one hand-off per event with four workers in
//! parallel, each as the relay role with handlers as the application role (Postgres); retries
//! with backoff and the dead letter (both backends); the NOTIFY wake-up (Postgres); the refusal
//! to run on a role that cannot see the events; and orchestration through the outbox (both
//! backends).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use domain::Error;
use domain::events::{Event, StatusChanged};
use domain::lifecycle::{self, outbox};
use domain::orchestration::Orchestrator;
use domain::relay::{Delivery, Handler, HandlerError, Relay, RelayConfig};
use domain::sealing::Sealer;
use domain::tenancy::{TenantId, TenantTxn};
use entity::json::{WorkflowDefinition, WorkflowStepDefinition};
use entity::sea_orm_active_enums::*;
use entity::*;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectOptions, ConnectionTrait, Database,
    DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use uuid::Uuid;

/// A tenant of its own.
async fn tenant(db: &DatabaseConnection) -> TenantId {
    let suffix = &Uuid::now_v7().simple().to_string()[20..];
    let mut t = tenants::ActiveModel::new();
    t.slug = Set(format!("relay-{suffix}"));
    t.name = Set(format!("Relay {suffix}"));
    TenantId::new(t.insert(db).await.expect("tenant").id)
}

/// `n` committed events of `tenant`, each in its own transaction.
async fn events(db: &DatabaseConnection, tenant: TenantId, n: usize) -> Vec<Uuid> {
    let mut ids = Vec::with_capacity(n);
    for _ in 0..n {
        let txn = TenantTxn::begin(db, tenant).await.expect("begin");
        let row = outbox::record(
            &txn,
            &Event::TicketStatusChanged(StatusChanged {
                id: Uuid::now_v7(),
                from: TicketStatus::Open,
                to: TicketStatus::Solved,
            }),
        )
        .await
        .expect("event");
        txn.commit().await.expect("commit");
        ids.push(row.id);
    }
    ids
}

/// Counts hand-offs per event, and fails every event while `fail` is set.
#[derive(Debug, Default, Clone)]
struct Counting {
    seen: Arc<Mutex<HashMap<Uuid, usize>>>,
    fail: bool,
    tenants_ok: Arc<Mutex<bool>>,
}

impl Handler for Counting {
    async fn handle(&self, delivery: &Delivery, txn: &TenantTxn) -> Result<(), HandlerError> {
        *self
            .seen
            .lock()
            .expect("lock")
            .entry(delivery.idempotency_key())
            .or_default() += 1;
        if txn.tenant() != delivery.tenant || txn.causation() != Some(delivery.row.id) {
            *self.tenants_ok.lock().expect("lock") = false;
        }
        // The handler reads through its transaction, as the application role.
        txn.find::<tickets::Entity>().count().await?;
        if self.fail {
            return Err(format!("downstream refused attempt {}", delivery.attempt).into());
        }
        Ok(())
    }
}

fn counting() -> Counting {
    Counting {
        tenants_ok: Arc::new(Mutex::new(true)),
        ..Counting::default()
    }
}

/// A login role of this test, dropped by [`Role::drop`].
struct Role {
    name: String,
}

impl Role {
    async fn create(db: &DatabaseConnection, kind: &str, attributes: &str) -> Self {
        let name = format!(
            "relay_test_{kind}_{}_{}",
            std::process::id(),
            &Uuid::now_v7().simple().to_string()[20..]
        );
        for sql in [
            format!("CREATE ROLE \"{name}\" LOGIN NOSUPERUSER {attributes}"),
            format!("GRANT USAGE ON SCHEMA public TO \"{name}\""),
        ] {
            db.execute_unprepared(&sql).await.expect("create the role");
        }
        Self { name }
    }

    /// A pool connected as the role.
    async fn connect(&self, db: &test_support::TestDb, connections: u32) -> DatabaseConnection {
        let mut url = url::Url::parse(db.url().expect("url")).expect("url");
        url.set_username(&self.name).expect("user");
        url.set_password(None).expect("password");
        let mut options = ConnectOptions::new(url.to_string());
        options.max_connections(connections).sqlx_logging(false);
        Database::connect(options)
            .await
            .expect("connect as the role")
    }

    async fn drop(self, db: &DatabaseConnection) {
        for sql in [
            format!("DROP OWNED BY \"{}\"", self.name),
            format!("DROP ROLE \"{}\"", self.name),
        ] {
            db.execute_unprepared(&sql).await.expect("drop the role");
        }
    }
}

/// The relay role, granted what the access matrix gives `app_relay`, and an application role
/// (`NOBYPASSRLS`, every table).
async fn roles(db: &DatabaseConnection) -> (Role, Role) {
    let relay = Role::create(db, "relay", "BYPASSRLS").await;
    let rule = migration::access::rule("integration_events").expect("rule");
    let migration::access::Columns::Only(columns) = rule.relay.update else {
        panic!("the relay updates named columns only");
    };
    assert!(matches!(rule.relay.select, migration::access::Columns::All));
    let quoted: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    for sql in [
        format!("GRANT SELECT ON integration_events TO \"{}\"", relay.name),
        format!(
            "GRANT UPDATE ({}) ON integration_events TO \"{}\"",
            quoted.join(", "),
            relay.name
        ),
    ] {
        db.execute_unprepared(&sql).await.expect("grant");
    }
    let app = Role::create(db, "app", "NOBYPASSRLS").await;
    db.execute_unprepared(&format!(
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \"{}\"",
        app.name
    ))
    .await
    .expect("grant");
    (relay, app)
}

#[tokio::test]
async fn four_workers_hand_each_event_to_one_handler_exactly_once() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    let (relay_role, app_role) = roles(&db).await;
    let a = tenant(&db).await;
    let b = tenant(&db).await;
    let mut ids = events(&db, a, 150).await;
    ids.extend(events(&db, b, 150).await);

    let events_db = relay_role.connect(&db, 8).await;
    let app_db = app_role.connect(&db, 8).await;
    let handler = counting();
    let config = RelayConfig {
        batch_size: 10,
        ..RelayConfig::default()
    };
    let mut workers = Vec::new();
    for _ in 0..4 {
        let relay = Relay::new(
            events_db.clone(),
            app_db.clone(),
            handler.clone(),
            config.clone(),
        )
        .await
        .expect("the relay role sees the events");
        workers.push(tokio::spawn(async move {
            let mut processed = 0;
            loop {
                let batch = relay.run_once().await.expect("batch");
                processed += batch.processed;
                if batch.claimed == 0 {
                    return processed;
                }
            }
        }));
    }
    let mut per_worker = Vec::new();
    for w in workers {
        per_worker.push(w.await.expect("worker"));
    }
    events_db.close().await.expect("close");
    app_db.close().await.expect("close");
    relay_role.drop(&db).await;
    app_role.drop(&db).await;

    let seen = handler.seen.lock().expect("lock").clone();
    assert_eq!(seen.len(), ids.len(), "every event was handed off");
    assert!(
        ids.iter().all(|id| seen.get(id) == Some(&1)),
        "each exactly once"
    );
    assert_eq!(
        per_worker.iter().sum::<usize>(),
        ids.len(),
        "{per_worker:?}"
    );
    assert!(
        per_worker.iter().filter(|n| **n > 0).count() > 1,
        "the workers shared the outbox: {per_worker:?}"
    );
    assert!(
        *handler.tenants_ok.lock().expect("lock"),
        "each handler ran in its event's tenant, caused by the event"
    );
    let pending = integration_events::Entity::find()
        .filter(integration_events::Column::Status.ne(IntegrationEventStatus::Processed))
        .count(&*db)
        .await
        .expect("count");
    assert_eq!(pending, 0, "every event is processed");
}

#[tokio::test]
async fn a_failing_event_backs_off_then_is_dead_lettered() {
    for db in test_support::all_backends().await {
        let label = db.label();
        let a = tenant(&db).await;
        let ids = events(&db, a, 1).await;
        let handler = Counting {
            fail: true,
            ..counting()
        };
        let config = RelayConfig {
            max_attempts: 3,
            base_backoff: Duration::from_millis(300),
            ..RelayConfig::default()
        };
        let relay = Relay::new((*db).clone(), (*db).clone(), handler.clone(), config)
            .await
            .expect("relay");
        let id = ids[0];
        let row = move |db: DatabaseConnection| async move {
            integration_events::Entity::find_by_id(id)
                .one(&db)
                .await
                .expect("q")
                .expect("row")
        };

        let first = relay.run_once().await.expect("batch");
        assert_eq!((first.claimed, first.retried), (1, 1), "{label}");
        let after = row((*db).clone()).await;
        assert_eq!(after.status, IntegrationEventStatus::Pending, "{label}");
        assert_eq!(after.attempts, 1, "{label}");
        assert_eq!(
            after.processing_error.as_deref(),
            Some("downstream refused attempt 1"),
            "{label}"
        );
        let wait = after.next_attempt_at.expect("backed off") - after.updated_at;
        assert!(
            (250..=400).contains(&wait.num_milliseconds()),
            "{label}: the first wait is the base backoff: {wait}"
        );
        assert_eq!(
            relay.run_once().await.expect("batch").claimed,
            0,
            "{label}: not due yet"
        );
        tokio::time::sleep(Duration::from_millis(350)).await;
        let second = relay.run_once().await.expect("batch");
        assert_eq!(second.retried, 1, "{label}");
        let after = row((*db).clone()).await;
        let wait = after.next_attempt_at.expect("backed off") - after.updated_at;
        assert!(
            (550..=700).contains(&wait.num_milliseconds()),
            "{label}: the second wait doubles: {wait}"
        );
        tokio::time::sleep(Duration::from_millis(650)).await;
        let third = relay.run_once().await.expect("batch");
        assert_eq!(third.dead, 1, "{label}: the last attempt dead-letters it");
        let after = row((*db).clone()).await;
        assert_eq!(after.status, IntegrationEventStatus::Failed, "{label}");
        assert_eq!(after.attempts, 3, "{label}");
        assert_eq!(
            after.processing_error.as_deref(),
            Some("downstream refused attempt 3"),
            "{label}: with its last error"
        );
        assert!(after.processed_at.is_none(), "{label}");
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(
            relay.run_once().await.expect("batch").claimed,
            0,
            "{label}: never tried again"
        );
        assert_eq!(handler.seen.lock().expect("lock")[&ids[0]], 3, "{label}");
    }
}

/// Signals every hand-off.
#[derive(Clone)]
struct Signal(tokio::sync::mpsc::UnboundedSender<Instant>);

impl Handler for Signal {
    async fn handle(&self, _: &Delivery, _: &TenantTxn) -> Result<(), HandlerError> {
        let _ = self.0.send(Instant::now());
        Ok(())
    }
}

#[tokio::test]
async fn a_notification_wakes_an_idle_worker() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    let a = tenant(&db).await;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let config = RelayConfig {
        // Far longer than the test: only a notification can wake the worker in time.
        poll_interval: Duration::from_secs(600),
        ..RelayConfig::default()
    };
    let relay = Relay::new((*db).clone(), (*db).clone(), Signal(tx), config)
        .await
        .expect("relay");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = tokio::spawn(async move {
        relay
            .run(async {
                let _ = stopped.await;
            })
            .await
    });
    // Let the worker find the outbox empty and go idle.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut latencies = Vec::new();
    for _ in 0..5 {
        let committed = Instant::now();
        events(&db, a, 1).await;
        let handled = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .expect("woken by the notification, long before the poll")
            .expect("handled");
        latencies.push(handled.duration_since(committed));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = stop.send(());
    worker.await.expect("worker").expect("ran");
    eprintln!("notify wake-up, commit to handler: {latencies:?}");
    assert!(latencies.iter().all(|l| *l < Duration::from_secs(10)));
}

#[tokio::test]
async fn a_relay_on_a_role_that_cannot_see_the_events_refuses_to_start() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    let (relay_role, app_role) = roles(&db).await;
    let bare = Role::create(&db, "bare", "BYPASSRLS").await;
    let app_db = app_role.connect(&db, 2).await;
    let bare_db = bare.connect(&db, 2).await;

    // Row-level security would hide every event from the application role.
    let err = Relay::new(
        app_db.clone(),
        app_db.clone(),
        counting(),
        RelayConfig::default(),
    )
    .await
    .expect_err("the application role is confined");
    assert!(matches!(err, Error::Forbidden { .. }), "{err:?}");
    // A role that bypasses RLS but was granted nothing cannot read or mark them.
    let err = Relay::new(
        bare_db.clone(),
        app_db.clone(),
        counting(),
        RelayConfig::default(),
    )
    .await
    .expect_err("no grants");
    assert!(matches!(err, Error::Forbidden { .. }), "{err:?}");
    assert!(err.to_string().contains("relay role"), "{err}");

    app_db.close().await.expect("close");
    bare_db.close().await.expect("close");
    bare.drop(&db).await;
    relay_role.drop(&db).await;
    app_role.drop(&db).await;
}

#[tokio::test]
async fn a_completed_handover_run_readies_its_package_through_the_outbox() {
    for db in test_support::all_backends().await {
        let label = db.label();
        let a = tenant(&db).await;
        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        let workflow = txn
            .insert(workflows::ActiveModel {
                name: Set("handover".into()),
                kind: Set(WorkflowKind::Handover),
                definition: Set(WorkflowDefinition {
                    steps: vec![WorkflowStepDefinition {
                        name: "bundle".into(),
                        step_type: "task".into(),
                        max_retries: 0,
                        extra: Default::default(),
                    }],
                    extra: Default::default(),
                }),
                version: Set(1),
                status: Set(WorkflowStatus::Active),
                ..ActiveModelBehavior::new()
            })
            .await
            .expect("workflow");
        let run = lifecycle::workflows::start_run(&txn, workflow.id, serde_json::json!({}))
            .await
            .expect("run");
        let sealer = Sealer::new("test", [3; 32]).expect("sealer");
        let package = lifecycle::handover::create(
            &txn,
            &sealer,
            lifecycle::handover::NewPackage {
                name: "Go-live".into(),
                package_type: None,
                workflow_run_id: Some(run.run.id),
                module_installation_ids: vec![],
                configuration_ids: vec![],
                admin_credentials: None,
            },
        )
        .await
        .expect("package")
        .package;
        lifecycle::workflows::complete_step(&txn, run.run.id, 0, None)
            .await
            .expect("the run completes");
        txn.commit().await.expect("commit");
        // No direct call: the package is still pending until the relay delivers the event.
        let before = handover_packages::Entity::find_by_id(package.id)
            .one(&*db)
            .await
            .expect("q")
            .expect("row");
        assert_eq!(
            before.delivery_status,
            HandoverPackageDeliveryStatus::Pending,
            "{label}"
        );

        let relay = Relay::new(
            (*db).clone(),
            (*db).clone(),
            Orchestrator,
            RelayConfig::default(),
        )
        .await
        .expect("relay");
        let mut processed = 0;
        loop {
            let batch = relay.run_once().await.expect("batch");
            assert_eq!(batch.retried + batch.dead, 0, "{label}: {batch:?}");
            processed += batch.processed;
            if batch.claimed == 0 {
                break;
            }
        }
        assert!(
            processed >= 4,
            "{label}: the run's, steps' and package's events"
        );
        let after = handover_packages::Entity::find_by_id(package.id)
            .one(&*db)
            .await
            .expect("q")
            .expect("row");
        assert_eq!(
            after.delivery_status,
            HandoverPackageDeliveryStatus::Ready,
            "{label}: readied by the orchestrator"
        );
        let completed = integration_events::Entity::find()
            .filter(integration_events::Column::CorrelationId.eq(run.run.id))
            .filter(integration_events::Column::EventType.eq("workflow_run.status_changed"))
            .one(&*db)
            .await
            .expect("q")
            .expect("the run's event");
        let caused = integration_events::Entity::find()
            .filter(integration_events::Column::CorrelationId.eq(package.id))
            .filter(integration_events::Column::EventType.eq("handover_package.status_changed"))
            .all(&*db)
            .await
            .expect("q");
        assert_eq!(caused.len(), 2, "{label}: pending → preparing → ready");
        assert!(
            caused.iter().all(|e| e.causation_id == Some(completed.id)
                && e.status == IntegrationEventStatus::Processed),
            "{label}: caused by the run's event, and delivered in turn"
        );
    }
}
