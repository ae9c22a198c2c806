//! The lifecycles (`domain::lifecycle`) on both backends: from every reachable state, every
//! legal move succeeds, stamps exactly the model's timestamps and writes its typed event, and
//! every illegal one is refused naming the current, requested and allowed states, writing
//! nothing. Then: retried workflow steps, outbox atomicity, and concurrent moves (Postgres).

use domain::Error;
use domain::error::ErrorKind;
use domain::events::{Event, StatusChanged};
use domain::lifecycle::{self, Lifecycle};
use domain::sealing::Sealer;
use domain::tenancy::{TenantId, TenantTxn};
use entity::json::{WorkflowDefinition, WorkflowStepDefinition};
use entity::sea_orm_active_enums::*;
use entity::*;
use sea_orm::{
    ActiveModelBehavior, ColumnTrait, DatabaseConnection, EntityTrait, Iterable, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use crate::scope::{seeded, tenants};

/// What the cases need from the dev data: a report template, a member, a module and a plan.
struct Ctx {
    template: Uuid,
    user: Uuid,
    module: Uuid,
    plan: Uuid,
}

async fn ctx(db: &DatabaseConnection, tenant: TenantId) -> Ctx {
    let txn = TenantTxn::begin(db, tenant).await.expect("begin");
    let template = txn
        .find::<report_templates::Entity>()
        .one()
        .await
        .expect("q")
        .expect("a template")
        .id;
    let user = txn
        .find::<tenant_users::Entity>()
        .one()
        .await
        .expect("q")
        .expect("a member")
        .user_id;
    txn.rollback().await.expect("rollback");
    let module = marketplace_modules::Entity::find()
        .order_by_asc(marketplace_modules::Column::Id)
        .one(db)
        .await
        .expect("q")
        .expect("a module")
        .id;
    let plan = plans::Entity::find()
        .one(db)
        .await
        .expect("q")
        .expect("a plan")
        .id;
    Ctx {
        template,
        user,
        module,
        plan,
    }
}

/// A row with a lifecycle, as the cases drive it.
trait Subject {
    type State: Lifecycle + Iterable;
    const INITIAL: Self::State;

    /// A new row in [`INITIAL`](Self::INITIAL).
    async fn create(txn: &TenantTxn, ctx: &Ctx) -> Uuid;
    /// Moves it through the lifecycle; returns the state it is in after.
    async fn step(txn: &TenantTxn, id: Uuid, to: Self::State) -> domain::Result<Self::State>;
    /// Checks its timestamps are exactly those of `state`.
    async fn stamped(txn: &TenantTxn, id: Uuid, state: Self::State, label: &str);
    /// The event a move writes.
    fn event(id: Uuid, from: Self::State, to: Self::State) -> Event;
}

/// The shortest path from `initial` to every state it reaches, in the order reached.
fn paths<S: Lifecycle>(initial: S) -> Vec<(S, Vec<S>)> {
    let mut seen: Vec<(S, Vec<S>)> = vec![(initial, vec![])];
    let mut i = 0;
    while i < seen.len() {
        let (s, path) = seen[i].clone();
        for &n in s.next() {
            if !seen.iter().any(|(r, _)| *r == n) {
                let mut p = path.clone();
                p.push(n);
                seen.push((n, p));
            }
        }
        i += 1;
    }
    seen
}

/// The events written about `id` in `txn`, oldest first.
async fn events_of(txn: &TenantTxn, id: Uuid) -> Vec<Event> {
    txn.find::<integration_events::Entity>()
        .filter(integration_events::Column::CorrelationId.eq(id))
        .order_by_asc(integration_events::Column::Id)
        .all()
        .await
        .expect("events")
        .iter()
        .map(|row| Event::decode(row).expect("a catalogue event"))
        .collect()
}

/// Every move from every reachable state of `S`, each in a transaction rolled back after.
async fn every_move<S: Subject>(db: &DatabaseConnection, tenant: TenantId, ctx: &Ctx, label: &str) {
    let mut legal = 0;
    let mut illegal = 0;
    for (from, path) in paths(S::INITIAL) {
        for to in S::State::iter() {
            let case = format!(
                "{label}: {} {} -> {}",
                S::State::TABLE,
                from.name(),
                to.name()
            );
            let txn = TenantTxn::begin(db, tenant).await.expect("begin");
            let id = S::create(&txn, ctx).await;
            for &s in &path {
                assert_eq!(S::step(&txn, id, s).await.expect(&case), s, "{case}");
            }
            let before = events_of(&txn, id).await.len();
            match S::step(&txn, id, to).await {
                Ok(now) => {
                    assert!(from.next().contains(&to), "{case}: must be refused");
                    assert_eq!(now, to, "{case}");
                    S::stamped(&txn, id, to, &case).await;
                    let events = events_of(&txn, id).await;
                    assert_eq!(
                        events.last(),
                        Some(&S::event(id, from, to)),
                        "{case}: its event, in the same transaction"
                    );
                    legal += 1;
                }
                Err(err) => {
                    assert!(!from.next().contains(&to), "{case}: legal, got {err:?}");
                    match &err {
                        Error::IllegalTransition {
                            table,
                            from: f,
                            to: t,
                            allowed,
                        } => {
                            assert_eq!(table, S::State::TABLE, "{case}");
                            assert_eq!((f, t), (&from.name(), &to.name()), "{case}");
                            let expected: Vec<String> =
                                from.next().iter().map(|s| s.name()).collect();
                            assert_eq!(allowed, &expected, "{case}");
                        }
                        other => panic!("{case}: an illegal transition, got {other:?}"),
                    }
                    assert_eq!(err.code(), "conflict.illegal_transition");
                    assert_eq!(err.kind(), ErrorKind::Conflict);
                    assert_eq!(events_of(&txn, id).await.len(), before, "{case}: no event");
                    S::stamped(&txn, id, from, &case).await;
                    illegal += 1;
                }
            }
            txn.rollback().await.expect("rollback");
        }
    }
    assert!(legal > 0 && illegal > 0, "{label}: both kinds of move ran");
}

struct Invoice;
impl Subject for Invoice {
    type State = InvoiceStatus;
    const INITIAL: InvoiceStatus = InvoiceStatus::Draft;

    async fn create(txn: &TenantTxn, _: &Ctx) -> Uuid {
        txn.insert(invoices::ActiveModel {
            number: Set(format!("T-{}", Uuid::now_v7())),
            status: Set(InvoiceStatus::Draft),
            currency: Set("USD".into()),
            subtotal_cents: Set(1000),
            tax_cents: Set(200),
            total_cents: Set(1200),
            line_items: Set(Default::default()),
            ..ActiveModelBehavior::new()
        })
        .await
        .expect("invoice")
        .id
    }

    async fn step(txn: &TenantTxn, id: Uuid, to: InvoiceStatus) -> domain::Result<InvoiceStatus> {
        Ok(lifecycle::billing::transition(txn, id, to, None)
            .await?
            .status)
    }

    async fn stamped(txn: &TenantTxn, id: Uuid, state: InvoiceStatus, label: &str) {
        let row = txn
            .find_by_id::<invoices::Entity>(id)
            .one()
            .await
            .expect("q")
            .expect("row");
        assert_eq!(row.status, state, "{label}");
        assert_eq!(
            row.issued_at.is_some(),
            state != InvoiceStatus::Draft,
            "{label}: issued_at"
        );
        assert_eq!(
            row.paid_at.is_some(),
            state == InvoiceStatus::Paid,
            "{label}: paid_at"
        );
    }

    fn event(id: Uuid, from: InvoiceStatus, to: InvoiceStatus) -> Event {
        Event::InvoiceStatusChanged(StatusChanged { id, from, to })
    }
}

struct Installation;
impl Subject for Installation {
    type State = ModuleInstallationStatus;
    const INITIAL: ModuleInstallationStatus = ModuleInstallationStatus::Pending;

    async fn create(txn: &TenantTxn, ctx: &Ctx) -> Uuid {
        // At most one active installation of a module per tenant: give up the tenant's own.
        let active = txn
            .find::<module_installations::Entity>()
            .filter(module_installations::Column::MarketplaceModuleId.eq(ctx.module))
            .filter(module_installations::Column::Status.eq(ModuleInstallationStatus::Active))
            .all()
            .await
            .expect("q");
        for a in active {
            lifecycle::marketplace::transition(txn, a.id, ModuleInstallationStatus::Uninstalled)
                .await
                .expect("uninstall");
        }
        txn.insert(module_installations::ActiveModel {
            marketplace_module_id: Set(ctx.module),
            version: Set("1.0.0".into()),
            status: Set(ModuleInstallationStatus::Pending),
            config: Set(Default::default()),
            installed_by_user_id: Set(Some(ctx.user)),
            ..ActiveModelBehavior::new()
        })
        .await
        .expect("installation")
        .id
    }

    async fn step(
        txn: &TenantTxn,
        id: Uuid,
        to: ModuleInstallationStatus,
    ) -> domain::Result<ModuleInstallationStatus> {
        Ok(lifecycle::marketplace::transition(txn, id, to)
            .await?
            .status)
    }

    async fn stamped(txn: &TenantTxn, id: Uuid, state: ModuleInstallationStatus, label: &str) {
        let row = txn
            .find_by_id::<module_installations::Entity>(id)
            .one()
            .await
            .expect("q")
            .expect("row");
        assert_eq!(row.status, state, "{label}");
        if state == ModuleInstallationStatus::Active {
            assert!(row.installed_at.is_some(), "{label}: installed_at");
        }
        assert_eq!(
            row.uninstalled_at.is_some(),
            state == ModuleInstallationStatus::Uninstalled,
            "{label}: uninstalled_at"
        );
    }

    fn event(id: Uuid, from: Self::State, to: Self::State) -> Event {
        Event::ModuleInstallationStatusChanged(StatusChanged { id, from, to })
    }
}

struct Subscription;
impl Subject for Subscription {
    type State = SubscriptionStatus;
    const INITIAL: SubscriptionStatus = SubscriptionStatus::Trialing;

    async fn create(txn: &TenantTxn, ctx: &Ctx) -> Uuid {
        // At most one subscription of a tenant has not ended: end the tenant's own.
        let current = txn
            .find::<subscriptions::Entity>()
            .filter(
                subscriptions::Column::Status
                    .is_not_in([SubscriptionStatus::Canceled, SubscriptionStatus::Expired]),
            )
            .all()
            .await
            .expect("q");
        for s in current {
            lifecycle::subscriptions::transition(txn, s.id, SubscriptionStatus::Expired)
                .await
                .expect("expire");
        }
        let start = chrono::Utc::now().fixed_offset();
        txn.insert(subscriptions::ActiveModel {
            plan_id: Set(ctx.plan),
            status: Set(SubscriptionStatus::Trialing),
            billing_cycle: Set(BillingCycle::Monthly),
            seats: Set(3),
            current_period_start: Set(start),
            current_period_end: Set(start + chrono::Duration::days(30)),
            trial_ends_at: Set(Some(start + chrono::Duration::days(14))),
            ..ActiveModelBehavior::new()
        })
        .await
        .expect("subscription")
        .id
    }

    async fn step(
        txn: &TenantTxn,
        id: Uuid,
        to: SubscriptionStatus,
    ) -> domain::Result<SubscriptionStatus> {
        Ok(lifecycle::subscriptions::transition(txn, id, to)
            .await?
            .status)
    }

    async fn stamped(txn: &TenantTxn, id: Uuid, state: SubscriptionStatus, label: &str) {
        let row = txn
            .find_by_id::<subscriptions::Entity>(id)
            .one()
            .await
            .expect("q")
            .expect("row");
        assert_eq!(row.status, state, "{label}");
        assert_eq!(
            row.canceled_at.is_some(),
            state == SubscriptionStatus::Canceled,
            "{label}: canceled_at"
        );
    }

    fn event(id: Uuid, from: Self::State, to: Self::State) -> Event {
        Event::SubscriptionStatusChanged(StatusChanged { id, from, to })
    }
}

struct Ticket;
impl Subject for Ticket {
    type State = TicketStatus;
    const INITIAL: TicketStatus = TicketStatus::Open;

    async fn create(txn: &TenantTxn, ctx: &Ctx) -> Uuid {
        let number = (Uuid::now_v7().as_u128() & 0x3FFF_FFFF) as i64 + 1_000_000;
        txn.insert(tickets::ActiveModel {
            number: Set(number),
            subject: Set("Printer on fire".into()),
            description: Set("It is on fire.".into()),
            status: Set(TicketStatus::Open),
            priority: Set(TicketPriority::High),
            requester_user_id: Set(Some(ctx.user)),
            ..ActiveModelBehavior::new()
        })
        .await
        .expect("ticket")
        .id
    }

    async fn step(txn: &TenantTxn, id: Uuid, to: TicketStatus) -> domain::Result<TicketStatus> {
        Ok(lifecycle::support::transition(txn, id, to).await?.status)
    }

    async fn stamped(txn: &TenantTxn, id: Uuid, state: TicketStatus, label: &str) {
        let row = txn
            .find_by_id::<tickets::Entity>(id)
            .one()
            .await
            .expect("q")
            .expect("row");
        assert_eq!(row.status, state, "{label}");
        assert_eq!(
            row.resolved_at.is_some(),
            matches!(state, TicketStatus::Solved | TicketStatus::Closed),
            "{label}: resolved_at"
        );
    }

    fn event(id: Uuid, from: Self::State, to: Self::State) -> Event {
        Event::TicketStatusChanged(StatusChanged { id, from, to })
    }
}

struct Report;
impl Subject for Report {
    type State = ReportStatus;
    const INITIAL: ReportStatus = ReportStatus::Draft;

    async fn create(txn: &TenantTxn, ctx: &Ctx) -> Uuid {
        lifecycle::reports::create(
            txn,
            lifecycle::reports::NewReport {
                template_id: ctx.template,
                created_by_user_id: ctx.user,
                name: "Quarterly".into(),
                description: None,
                parameters: serde_json::json!({}),
                priority: None,
            },
        )
        .await
        .expect("report")
        .id
    }

    async fn step(txn: &TenantTxn, id: Uuid, to: ReportStatus) -> domain::Result<ReportStatus> {
        Ok(lifecycle::reports::transition(txn, id, to).await?.status)
    }

    async fn stamped(txn: &TenantTxn, id: Uuid, state: ReportStatus, label: &str) {
        let row = txn
            .find_by_id::<reports::Entity>(id)
            .one()
            .await
            .expect("q")
            .expect("row");
        assert_eq!(row.status, state, "{label}");
        if state != ReportStatus::Draft && state != ReportStatus::Cancelled {
            assert!(row.scheduled_at.is_some(), "{label}: scheduled_at");
        }
    }

    fn event(id: Uuid, from: Self::State, to: Self::State) -> Event {
        Event::ReportStatusChanged(StatusChanged { id, from, to })
    }
}

struct Package;
impl Subject for Package {
    type State = HandoverPackageDeliveryStatus;
    const INITIAL: HandoverPackageDeliveryStatus = HandoverPackageDeliveryStatus::Pending;

    async fn create(txn: &TenantTxn, _: &Ctx) -> Uuid {
        let sealer = Sealer::new("test", [9; 32]).expect("sealer");
        lifecycle::handover::create(
            txn,
            &sealer,
            lifecycle::handover::NewPackage {
                name: "Go-live".into(),
                package_type: None,
                workflow_run_id: None,
                module_installation_ids: vec![],
                configuration_ids: vec![],
                admin_credentials: Some(serde_json::json!({"username": "admin"})),
            },
        )
        .await
        .expect("package")
        .package
        .id
    }

    async fn step(
        txn: &TenantTxn,
        id: Uuid,
        to: HandoverPackageDeliveryStatus,
    ) -> domain::Result<HandoverPackageDeliveryStatus> {
        let method = (to == HandoverPackageDeliveryStatus::Delivering)
            .then_some(HandoverPackageDeliveryMethod::Portal);
        Ok(lifecycle::handover::transition(txn, id, to, method)
            .await?
            .package
            .delivery_status)
    }

    async fn stamped(txn: &TenantTxn, id: Uuid, state: HandoverPackageDeliveryStatus, label: &str) {
        let row = txn
            .find_by_id::<handover_packages::Entity>(id)
            .one()
            .await
            .expect("q")
            .expect("row");
        assert_eq!(row.delivery_status, state, "{label}");
        assert_eq!(
            row.delivered_at.is_some(),
            state == HandoverPackageDeliveryStatus::Delivered,
            "{label}: delivered_at"
        );
    }

    fn event(id: Uuid, from: Self::State, to: Self::State) -> Event {
        Event::HandoverPackageStatusChanged(StatusChanged { id, from, to })
    }
}

#[tokio::test]
async fn every_move_of_every_lifecycle() {
    for db in seeded().await {
        let label = db.label();
        let (a, _) = tenants(&db).await;
        let ctx = ctx(&db, a).await;
        every_move::<Invoice>(&db, a, &ctx, label).await;
        every_move::<Installation>(&db, a, &ctx, label).await;
        every_move::<Subscription>(&db, a, &ctx, label).await;
        every_move::<Ticket>(&db, a, &ctx, label).await;
        every_move::<Report>(&db, a, &ctx, label).await;
        every_move::<Package>(&db, a, &ctx, label).await;
    }
}

#[tokio::test]
async fn executions_end_exactly_once_with_completed_at() {
    for db in seeded().await {
        let label = db.label();
        let (a, _) = tenants(&db).await;
        let ctx = ctx(&db, a).await;
        for end in [
            ReportExecutionStatus::Completed,
            ReportExecutionStatus::Failed,
            ReportExecutionStatus::Cancelled,
        ] {
            let txn = TenantTxn::begin(&db, a).await.expect("begin");
            let report = Report::create(&txn, &ctx).await;
            // A draft report cannot run.
            let err = lifecycle::reports::start_execution(&txn, report, None)
                .await
                .expect_err("draft");
            assert_eq!(err.code(), "conflict.illegal_transition", "{label}");
            Report::step(&txn, report, ReportStatus::Scheduled)
                .await
                .expect("schedule");
            let execution = lifecycle::reports::start_execution(&txn, report, Some(ctx.user))
                .await
                .expect("start");
            assert_eq!(execution.status, ReportExecutionStatus::Running);
            assert!(execution.completed_at.is_none(), "{label}: running");
            let finish = |status| lifecycle::reports::Finish {
                status,
                error_message: Some("disk full".into()),
                output_url: None,
                result_size_bytes: Some(10),
            };
            let done = lifecycle::reports::finish_execution(&txn, execution.id, finish(end))
                .await
                .expect("finish");
            assert_eq!(done.status, end, "{label}");
            assert!(
                done.completed_at.is_some(),
                "{label}: completed_at when final"
            );
            let report_now = lifecycle::reports::get(&txn, report).await.expect("report");
            assert_eq!(
                report_now.status,
                match end {
                    ReportExecutionStatus::Completed => ReportStatus::Completed,
                    ReportExecutionStatus::Failed => ReportStatus::Failed,
                    _ => ReportStatus::Cancelled,
                },
                "{label}: the report ends with its execution"
            );
            let err = lifecycle::reports::finish_execution(
                &txn,
                execution.id,
                finish(ReportExecutionStatus::Completed),
            )
            .await
            .expect_err("ended");
            assert!(
                matches!(&err, Error::IllegalTransition { from, allowed, .. }
                    if *from == end.name() && allowed.is_empty()),
                "{label}: {err:?}"
            );
            assert_eq!(
                events_of(&txn, execution.id).await,
                vec![
                    Event::ReportExecutionStarted(domain::events::ReportExecutionStarted {
                        id: execution.id,
                        report_id: report
                    }),
                    Event::ReportExecutionFinished(domain::events::ReportExecutionFinished {
                        id: execution.id,
                        report_id: report,
                        status: end
                    }),
                ],
                "{label}"
            );
            txn.rollback().await.expect("rollback");
        }
    }
}

/// An active workflow of the tenant with steps `a` (retried `retries` times) and `b`.
async fn workflow(txn: &TenantTxn, kind: WorkflowKind, retries: i64) -> Uuid {
    let step = |name: &str, max_retries| WorkflowStepDefinition {
        name: name.into(),
        step_type: "task".into(),
        max_retries,
        extra: Default::default(),
    };
    txn.insert(workflows::ActiveModel {
        name: Set(format!("wf-{}", Uuid::now_v7())),
        kind: Set(kind),
        definition: Set(WorkflowDefinition {
            steps: vec![step("a", retries), step("b", 0)],
            extra: Default::default(),
        }),
        version: Set(1),
        status: Set(WorkflowStatus::Active),
        ..ActiveModelBehavior::new()
    })
    .await
    .expect("workflow")
    .id
}

#[tokio::test]
async fn a_step_retries_until_max_retries_then_fails_its_run() {
    for db in seeded().await {
        let label = db.label();
        let (a, _) = tenants(&db).await;
        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        let wf = workflow(&txn, WorkflowKind::Deployment, 2).await;
        let run = lifecycle::workflows::start_run(&txn, wf, serde_json::json!({}))
            .await
            .expect("start");
        let id = run.run.id;
        assert_eq!(run.run.status, WorkflowRunStatus::InProgress);
        // Attempts 1 and 2 fail and are retried: recorded, with their errors.
        for attempt in 1..=2 {
            let now = lifecycle::workflows::fail_step(&txn, id, 0, &format!("timeout {attempt}"))
                .await
                .expect("a retried attempt is recorded");
            let step = &now.steps[0];
            assert_eq!(step.status, WorkflowStepStatus::Running, "{label}");
            assert_eq!(step.retry_count, attempt, "{label}");
            let error = step.error.as_ref().expect("error recorded");
            assert_eq!(error["message"], format!("timeout {attempt}"), "{label}");
            assert_eq!(
                error["attempts"].as_array().map(Vec::len),
                Some(attempt as usize),
                "{label}: every attempt's error is kept"
            );
            assert_eq!(now.run.status, WorkflowRunStatus::InProgress, "{label}");
        }
        // Attempt 3 is the last: the step fails, and its run.
        let now = lifecycle::workflows::fail_step(&txn, id, 0, "timeout 3")
            .await
            .expect("the last attempt");
        assert_eq!(now.steps[0].status, WorkflowStepStatus::Failed, "{label}");
        assert_eq!(now.steps[0].retry_count, 2, "{label}");
        assert!(now.steps[0].completed_at.is_some(), "{label}");
        assert_eq!(now.run.status, WorkflowRunStatus::Failed, "{label}");
        assert!(now.run.completed_at.is_some(), "{label}");
        assert_eq!(now.run.error.as_deref(), Some("timeout 3"), "{label}");
        let err = lifecycle::workflows::fail_step(&txn, id, 0, "again")
            .await
            .expect_err("failed is final");
        assert_eq!(err.code(), "conflict.illegal_transition", "{label}");
        let err = lifecycle::workflows::cancel_run(&txn, id)
            .await
            .expect_err("a failed run cannot be cancelled");
        assert!(
            matches!(&err, Error::IllegalTransition { from, .. } if from == "failed"),
            "{label}: {err:?}"
        );
        let types: Vec<&str> = events_of(&txn, now.steps[0].id)
            .await
            .iter()
            .map(Event::event_type)
            .collect();
        assert_eq!(
            types,
            [
                "workflow_step.attempt_failed",
                "workflow_step.attempt_failed",
                "workflow_step.failed"
            ],
            "{label}"
        );
        txn.rollback().await.expect("rollback");
    }
}

#[tokio::test]
async fn runs_complete_in_order_or_are_cancelled() {
    for db in seeded().await {
        let label = db.label();
        let (a, _) = tenants(&db).await;
        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        let wf = workflow(&txn, WorkflowKind::Handover, 1).await;
        let run = lifecycle::workflows::start_run(&txn, wf, serde_json::json!({}))
            .await
            .expect("start");
        let id = run.run.id;
        let err = lifecycle::workflows::complete_step(&txn, id, 1, None)
            .await
            .expect_err("step b has not started");
        assert!(
            matches!(&err, Error::IllegalTransition { from, to, .. }
                if from == "pending" && to == "completed"),
            "{label}: {err:?}"
        );
        let now = lifecycle::workflows::complete_step(&txn, id, 0, None)
            .await
            .expect("a");
        assert_eq!(now.steps[1].status, WorkflowStepStatus::Running, "{label}");
        let now = lifecycle::workflows::complete_step(&txn, id, 1, None)
            .await
            .expect("b");
        assert_eq!(now.run.status, WorkflowRunStatus::Completed, "{label}");
        assert!(now.run.completed_at.is_some(), "{label}");
        assert_eq!(now.run.steps_completed.0.len(), 2, "{label}");
        assert_eq!(
            events_of(&txn, id).await.last(),
            Some(&Event::WorkflowRunStatusChanged(
                domain::events::WorkflowRunStatusChanged {
                    id,
                    workflow_id: wf,
                    kind: WorkflowKind::Handover,
                    from: WorkflowRunStatus::InProgress,
                    to: WorkflowRunStatus::Completed,
                }
            )),
            "{label}"
        );
        let err = lifecycle::workflows::cancel_run(&txn, id)
            .await
            .expect_err("completed is final");
        assert!(
            matches!(&err, Error::IllegalTransition { allowed, .. } if allowed.is_empty()),
            "{label}: {err:?}"
        );

        let other = lifecycle::workflows::start_run(&txn, wf, serde_json::json!({}))
            .await
            .expect("start");
        let cancelled = lifecycle::workflows::cancel_run(&txn, other.run.id)
            .await
            .expect("cancel");
        assert_eq!(
            cancelled.run.status,
            WorkflowRunStatus::Cancelled,
            "{label}"
        );
        assert!(
            cancelled
                .steps
                .iter()
                .all(|s| s.status == WorkflowStepStatus::Skipped && s.completed_at.is_some()),
            "{label}: its steps are skipped"
        );
        txn.rollback().await.expect("rollback");
    }
}

#[tokio::test]
async fn a_rolled_back_move_leaves_no_event_and_a_committed_one_has_one() {
    for db in seeded().await {
        let label = db.label();
        let (a, _) = tenants(&db).await;
        let ctx = ctx(&db, a).await;
        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        let ticket = Ticket::create(&txn, &ctx).await;
        txn.commit().await.expect("commit");

        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        lifecycle::support::transition(&txn, ticket, TicketStatus::Solved)
            .await
            .expect("solve");
        txn.rollback().await.expect("rollback");
        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        assert!(
            events_of(&txn, ticket).await.is_empty(),
            "{label}: no event"
        );
        let row = lifecycle::support::transition(&txn, ticket, TicketStatus::Pending)
            .await
            .expect("the ticket is still open");
        assert_eq!(row.status, TicketStatus::Pending);
        txn.commit().await.expect("commit");

        let rows = integration_events::Entity::find()
            .filter(integration_events::Column::CorrelationId.eq(ticket))
            .all(&*db)
            .await
            .expect("q");
        assert_eq!(rows.len(), 1, "{label}: exactly the committed move's event");
        assert_eq!(rows[0].tenant_id, Some(a.as_uuid()), "{label}");
        assert_eq!(rows[0].source, IntegrationEventSource::Support, "{label}");
        assert_eq!(rows[0].metadata["version"], 1, "{label}");
        assert_eq!(
            rows[0].status,
            IntegrationEventStatus::Pending,
            "{label}: for the relay"
        );
    }
}

#[tokio::test]
async fn of_concurrent_moves_from_one_state_exactly_one_wins() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    seed::seed(
        seed::Target::new(&db, db.url()),
        seed::Profile::Dev,
        seed::DEFAULT_SEED,
    )
    .await
    .expect("seed");
    let (a, _) = tenants(&db).await;
    let ctx = ctx(&db, a).await;
    let txn = TenantTxn::begin(&db, a).await.expect("begin");
    let ticket = Ticket::create(&txn, &ctx).await;
    let invoice = Invoice::create(&txn, &ctx).await;
    txn.commit().await.expect("commit");
    // Eight racers need eight connections at once: a pool of their own.
    let mut options = sea_orm::ConnectOptions::new(db.url().expect("a Postgres url"));
    options.max_connections(10).sqlx_logging(false);
    let racers_db = sea_orm::Database::connect(options).await.expect("connect");
    let _test_db = db;
    let db = racers_db;

    // Eight racers each ask for a move from the same state; each holds its transaction open a
    // moment after moving, so the others really wait on the row.
    async fn race<F, Fut>(
        db: &DatabaseConnection,
        tenant: TenantId,
        mv: F,
    ) -> Vec<domain::Result<()>>
    where
        F: Fn(TenantTxn) -> Fut + Clone + Send + 'static,
        Fut: std::future::Future<Output = domain::Result<()>> + Send,
    {
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(8));
        let mut racers = Vec::new();
        for _ in 0..8 {
            let db = db.clone();
            let barrier = barrier.clone();
            let mv = mv.clone();
            racers.push(tokio::spawn(async move {
                let txn = TenantTxn::begin(&db, tenant).await?;
                barrier.wait().await;
                mv(txn).await
            }));
        }
        let mut out = Vec::new();
        for r in racers {
            out.push(r.await.expect("racer"));
        }
        out
    }
    let hold = || tokio::time::sleep(std::time::Duration::from_millis(50));

    let results = race(&db, a, move |txn| async move {
        lifecycle::support::transition(&txn, ticket, TicketStatus::Solved).await?;
        hold().await;
        txn.commit().await
    })
    .await;
    let wins = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(wins, 1, "exactly one racer solves the ticket: {results:?}");
    for err in results.into_iter().filter_map(Result::err) {
        assert_eq!(err.kind(), ErrorKind::Conflict, "{err:?}");
        assert!(
            matches!(&err, Error::IllegalTransition { from, to, .. }
                if from == "solved" && to == "solved"),
            "the losers read the winner's state: {err:?}"
        );
    }

    let results = race(&db, a, move |txn| async move {
        lifecycle::billing::transition(&txn, invoice, InvoiceStatus::Open, None).await?;
        hold().await;
        txn.commit().await
    })
    .await;
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );

    let events = integration_events::Entity::find()
        .filter(integration_events::Column::CorrelationId.is_in([ticket, invoice]))
        .all(&db)
        .await
        .expect("q");
    assert_eq!(events.len(), 2, "one event per winning move");
}
