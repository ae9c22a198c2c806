//! The `tenant_dashboard` view returns one correct row per tenant, on both backends, and its
//! entity is read-only.

use entity::sea_orm_active_enums::{
    HandoverPackageDeliveryStatus, ModuleInstallationStatus, SubscriptionStatus, TicketStatus,
    WorkflowRunStatus,
};
use entity::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

#[tokio::test]
async fn one_correct_row_per_tenant() {
    for db in test_support::all_backends().await {
        let label = db.label();
        test_support::fixtures::seed_dev(&db).await;
        let tenants = tenants::Entity::find().all(&*db).await.expect("tenants");
        let rows = tenant_dashboard::Entity::find()
            .all(&*db)
            .await
            .expect("the view reads");
        assert_eq!(rows.len(), tenants.len(), "{label}: one row per tenant");
        let mut saw_run = false;
        let mut saw_package = false;
        for t in &tenants {
            let row = rows
                .iter()
                .find(|r| r.tenant_id == t.id)
                .expect("the tenant's row");
            assert_eq!(
                (row.slug.as_str(), row.tenant_status, row.tier),
                (t.slug.as_str(), t.status, t.tier),
                "{label}"
            );

            let current = subscriptions::Entity::find()
                .filter(subscriptions::Column::TenantId.eq(t.id))
                .filter(
                    subscriptions::Column::Status
                        .is_not_in([SubscriptionStatus::Canceled, SubscriptionStatus::Expired]),
                )
                .one(&*db)
                .await
                .expect("q");
            assert_eq!(
                row.subscription_status,
                current.map(|s| s.status),
                "{label}: {}",
                t.slug
            );

            let active = module_installations::Entity::find()
                .filter(module_installations::Column::TenantId.eq(t.id))
                .filter(module_installations::Column::Status.eq(ModuleInstallationStatus::Active))
                .count(&*db)
                .await
                .expect("q");
            assert_eq!(row.active_modules as u64, active, "{label}: {}", t.slug);
            let apps = app_overrides::Entity::find()
                .filter(app_overrides::Column::TenantId.eq(t.id))
                .count(&*db)
                .await
                .expect("q");
            assert_eq!(row.configured_apps as u64, apps, "{label}: {}", t.slug);
            let reports = reports::Entity::find()
                .filter(reports::Column::TenantId.eq(t.id))
                .count(&*db)
                .await
                .expect("q");
            assert_eq!(row.report_count as u64, reports, "{label}: {}", t.slug);
            let open_tickets = tickets::Entity::find()
                .filter(tickets::Column::TenantId.eq(t.id))
                .filter(tickets::Column::Status.is_in([
                    TicketStatus::Open,
                    TicketStatus::Pending,
                    TicketStatus::OnHold,
                ]))
                .count(&*db)
                .await
                .expect("q");
            assert_eq!(
                row.open_ticket_count as u64, open_tickets,
                "{label}: {}",
                t.slug
            );

            let run = workflow_runs::Entity::find()
                .filter(workflow_runs::Column::TenantId.eq(t.id))
                .filter(
                    workflow_runs::Column::Status
                        .is_in([WorkflowRunStatus::Pending, WorkflowRunStatus::InProgress]),
                )
                .order_by_desc(workflow_runs::Column::CreatedAt)
                .order_by_desc(workflow_runs::Column::Id)
                .one(&*db)
                .await
                .expect("q");
            assert_eq!(
                row.current_workflow_run_id,
                run.as_ref().map(|r| r.id),
                "{label}: {}",
                t.slug
            );
            assert_eq!(
                row.current_step,
                run.as_ref().and_then(|r| r.current_step.clone())
            );
            assert_eq!(row.current_workflow_status, run.as_ref().map(|r| r.status));
            saw_run |= run.is_some();

            let package = handover_packages::Entity::find()
                .filter(handover_packages::Column::TenantId.eq(t.id))
                .filter(
                    handover_packages::Column::DeliveryStatus
                        .ne(HandoverPackageDeliveryStatus::Delivered),
                )
                .order_by_desc(handover_packages::Column::CreatedAt)
                .order_by_desc(handover_packages::Column::Id)
                .one(&*db)
                .await
                .expect("q");
            assert_eq!(
                row.open_handover_package_id,
                package.as_ref().map(|p| p.id),
                "{label}: {}",
                t.slug
            );
            assert_eq!(
                row.handover_delivery_status,
                package.as_ref().map(|p| p.delivery_status)
            );
            saw_package |= package.is_some();
        }
        assert!(
            saw_run && saw_package,
            "{label}: the dev data exercises the joined columns"
        );
    }
}

#[tokio::test]
async fn the_view_entity_is_read_only() {
    for db in test_support::all_backends().await {
        test_support::fixtures::seed_dev(&db).await;
        let row = tenant_dashboard::Entity::find()
            .one(&*db)
            .await
            .expect("q")
            .expect("a row");
        let mut active = row.clone().into_active_model();
        active.tenant_name = Set("renamed".into());
        let err = active.update(&*db).await.expect_err("read-only");
        assert!(err.to_string().contains("read-only view"), "{err}");
        let err = row
            .into_active_model()
            .delete(&*db)
            .await
            .expect_err("read-only");
        assert!(err.to_string().contains("read-only view"), "{err}");
        let installation = module_integrations::Entity::find()
            .one(&*db)
            .await
            .expect("q")
            .expect("a row");
        let err = installation
            .into_active_model()
            .delete(&*db)
            .await
            .expect_err("read-only");
        assert!(
            err.to_string()
                .contains("module_integrations is a read-only view"),
            "{err}"
        );
    }
}

#[tokio::test]
async fn module_integrations_has_one_row_per_installation_of_the_tenant_only() {
    use domain::tenancy::TenantTxn;
    use sea_orm::ConnectionTrait;

    for db in crate::scope::seeded().await {
        let label = db.label();
        let (a, b) = crate::scope::tenants(&db).await;
        let all = module_integrations::Entity::find()
            .all(&*db)
            .await
            .expect("the view reads");
        let installations = module_installations::Entity::find()
            .all(&*db)
            .await
            .expect("q");
        assert_eq!(
            all.len(),
            installations.len(),
            "{label}: one row per installation"
        );
        for i in &installations {
            let row = all
                .iter()
                .find(|r| r.module_installation_id == i.id)
                .expect("the installation's row");
            assert_eq!(
                (row.tenant_id, row.installation_status, row.installed_at),
                (i.tenant_id, i.status, i.installed_at),
                "{label}"
            );
        }
        assert!(
            all.iter().any(|r| r.license_status.is_some()),
            "{label}: licences are joined"
        );
        assert!(
            all.iter().any(|r| r.tenant_id == b.as_uuid()),
            "{label}: tenant B has installations to hide"
        );

        // Through a tenant-scoped transaction: the tenant's installations only.
        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        let own = txn
            .find::<module_integrations::Entity>()
            .all()
            .await
            .expect("scoped");
        txn.rollback().await.expect("rollback");
        let expected = installations
            .iter()
            .filter(|i| i.tenant_id == a.as_uuid())
            .count();
        assert!(expected > 0, "{label}");
        assert_eq!(own.len(), expected, "{label}");
        assert!(own.iter().all(|r| r.tenant_id == a.as_uuid()), "{label}");

        // As the application role, the view's own filter (security_invoker) hides tenant B.
        if db.backend() == sea_orm::DbBackend::Postgres {
            let role = crate::scope::AppRole::create(&db).await;
            let txn = TenantTxn::begin(&db, a).await.expect("begin");
            txn.unscoped_connection()
                .execute_unprepared(&format!("SET LOCAL ROLE \"{}\"", role.0))
                .await
                .expect("set role");
            let raw = module_integrations::Entity::find()
                .all(txn.unscoped_connection())
                .await
                .expect("the application role reads the view");
            txn.rollback().await.expect("rollback");
            role.drop(&db).await;
            assert_eq!(raw.len(), expected, "{label}: row-level security applies");
            assert!(raw.iter().all(|r| r.tenant_id == a.as_uuid()), "{label}");
        }
    }
}
