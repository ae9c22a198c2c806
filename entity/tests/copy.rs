//! Every table round-trips through its entity: every row of the fully seeded dev database is
//! read through the entity, written through the entity into a fresh database, and read back
//! equal, on both backends. This covers every column type the schema uses (uuid, JSON, typed
//! JSON, timestamptz, dates, enums, money, doubles) for every one of the 64 tables.

use sea_orm::{DatabaseConnection, EntityTrait, IntoActiveModel, QueryOrder};

/// Copies every row of each entity from `from` to `to`, in this (foreign-key) order, and checks
/// each table reads back equal; returns the tables copied and their row counts.
macro_rules! copy_all {
    ($from:expr, $to:expr, [$($table:ident),* $(,)?]) => {{
        let mut copied: Vec<(&'static str, usize)> = Vec::new();
        $(
            {
                use entity::$table as t;
                let order = <t::PrimaryKey as sea_orm::Iterable>::iter()
                    .map(sea_orm::PrimaryKeyToColumn::into_column)
                    .collect::<Vec<_>>();
                let mut select = t::Entity::find();
                for c in &order {
                    select = select.order_by_asc(*c);
                }
                let rows = select.clone().all($from).await.expect(concat!("read ", stringify!($table)));
                for chunk in rows.chunks(200) {
                    let models: Vec<t::ActiveModel> =
                        chunk.iter().cloned().map(IntoActiveModel::into_active_model).collect();
                    t::Entity::insert_many(models).exec_without_returning($to).await
                        .expect(concat!("write ", stringify!($table)));
                }
                let back = select.all($to).await.expect(concat!("read back ", stringify!($table)));
                assert_eq!(back, rows, concat!(stringify!($table), " reads back as written"));
                copied.push((stringify!($table), rows.len()));
            }
        )*
        copied
    }};
}

async fn copy(from: &DatabaseConnection, to: &DatabaseConnection) -> Vec<(&'static str, usize)> {
    copy_all!(
        from,
        to,
        [
            tenants,
            users,
            tenant_roles,
            tenant_users,
            onboardings,
            plans,
            subscriptions,
            permissions,
            roles,
            role_permissions,
            user_roles,
            api_keys,
            sessions,
            login_logs,
            invoices,
            transactions,
            resources,
            resource_usages,
            domains,
            dns_records,
            certificates,
            certificate_renewals,
            tenant_stats,
            usage_stats,
            health_checks,
            incidents,
            system_metrics,
            api_integrations,
            webhooks,
            rate_limits,
            integration_events,
            tickets,
            ticket_comments,
            feedbacks,
            audit_logs,
            compliances,
            policies,
            workflows,
            workflow_runs,
            workflow_steps,
            configurations,
            feature_flags,
            tenant_features,
            service_quotas,
            notification_templates,
            notifications,
            campaigns,
            backup_schedules,
            backup_schedule_tenants,
            backup_runs,
            recovery_plans,
            report_templates,
            template_fields,
            reports,
            report_executions,
            report_shares,
            execution_logs,
            marketplace_modules,
            module_installations,
            module_licenses,
            app_overrides,
            handover_packages,
            handover_package_modules,
            handover_package_configurations,
        ]
    )
}

#[tokio::test]
async fn every_table_round_trips_through_its_entity() {
    for source in test_support::all_backends().await {
        let label = source.label();
        seed::seed(
            seed::Target::new(&source, source.url()),
            seed::Profile::Dev,
            seed::DEFAULT_SEED,
        )
        .await
        .expect("seed");
        let target = if label == "postgres" {
            test_support::postgres()
                .await
                .expect("postgres was available a moment ago")
        } else {
            test_support::sqlite().await
        };
        let copied = copy(&source, &target).await;
        assert_eq!(
            copied.len(),
            test_support::catalog::domain_tables(&source).await.len(),
            "{label}: every table is listed"
        );
        let empty: Vec<&str> = copied
            .iter()
            .filter(|(_, n)| *n == 0)
            .map(|(t, _)| *t)
            .collect();
        assert!(
            empty.is_empty(),
            "{label}: the dev profile leaves no table empty: {empty:?}"
        );
    }
}
