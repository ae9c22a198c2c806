//! Deleting a tenant removes everything it owns and nothing else; RESTRICT and SET NULL behave as
//! declared. Run on the fully seeded dev database of each backend.

use domain::{ConstraintKind, Error};
use entity::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    IntoActiveModel, ModelTrait, PaginatorTrait, QueryFilter, Set, Statement, Value,
};
use test_support::catalog;
use uuid::Uuid;

async fn count(db: &DatabaseConnection, sql: String, tenant: Option<Uuid>) -> i64 {
    let values: Vec<Value> = tenant.map(|t| vec![t.into()]).unwrap_or_default();
    db.query_one_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        sql,
        values,
    ))
    .await
    .expect("count")
    .expect("a row")
    .try_get::<i64>("", "n")
    .expect("a number")
}

fn param(db: &DatabaseConnection) -> &'static str {
    match db.get_database_backend() {
        DbBackend::Postgres => "$1",
        _ => "?",
    }
}

#[tokio::test]
async fn deleting_a_tenant_removes_what_it_owns_and_nothing_else() {
    for db in test_support::all_backends().await {
        let label = db.label();
        test_support::fixtures::seed_dev(&db).await;
        let victim = tenants::Entity::find()
            .filter(tenants::Column::Slug.eq("acme"))
            .one(&*db)
            .await
            .expect("query")
            .expect("the acme tenant");
        let p = param(&db);
        let owned_tables = catalog::tenant_table_names(&db).await;
        assert!(
            owned_tables.len() > 40,
            "{label}: most tables are tenant-owned"
        );

        let mut before = Vec::new();
        for t in &owned_tables {
            let own = count(
                &db,
                format!("SELECT count(*) AS n FROM \"{t}\" WHERE tenant_id = {p}"),
                Some(victim.id),
            )
            .await;
            let rest = count(
                &db,
                format!(
                    "SELECT count(*) AS n FROM \"{t}\" WHERE tenant_id IS NULL OR tenant_id <> {p}"
                ),
                Some(victim.id),
            )
            .await;
            before.push((t.clone(), own, rest));
        }
        let owned_rows: i64 = before.iter().map(|(_, own, _)| own).sum();
        assert!(
            owned_rows > 100,
            "{label}: the tenant owns plenty of rows ({owned_rows})"
        );
        let others: Vec<String> = catalog::domain_tables(&db)
            .await
            .into_iter()
            .filter(|t| !owned_tables.contains(t))
            .collect();
        let mut others_before = Vec::new();
        for t in &others {
            others_before
                .push(count(&db, format!("SELECT count(*) AS n FROM \"{t}\""), None).await);
        }
        // The tenant's own roles take their permission grants with them; nothing else of the
        // tables without tenant_id belongs to a tenant.
        let grants_of_its_roles = count(
            &db,
            format!("SELECT count(*) AS n FROM role_permissions rp JOIN roles r ON r.id = rp.role_id WHERE r.tenant_id = {p}"),
            Some(victim.id),
        )
        .await;

        victim
            .clone()
            .delete(&*db)
            .await
            .expect("deleting a tenant cascades");

        for (t, _own, rest) in &before {
            let own_after = count(
                &db,
                format!("SELECT count(*) AS n FROM \"{t}\" WHERE tenant_id = {p}"),
                Some(victim.id),
            )
            .await;
            let rest_after = count(
                &db,
                format!(
                    "SELECT count(*) AS n FROM \"{t}\" WHERE tenant_id IS NULL OR tenant_id <> {p}"
                ),
                Some(victim.id),
            )
            .await;
            assert_eq!(own_after, 0, "{label}: {t} keeps none of the tenant's rows");
            assert_eq!(rest_after, *rest, "{label}: {t} keeps every other row");
        }
        for (t, n) in others.iter().zip(others_before) {
            let after = count(&db, format!("SELECT count(*) AS n FROM \"{t}\""), None).await;
            let expected = if t == "role_permissions" {
                n - grants_of_its_roles
            } else if t == "tenants" {
                n - 1
            } else {
                n
            };
            assert_eq!(after, expected, "{label}: {t}");
        }
    }
}

fn fk_violation(err: sea_orm::DbErr) -> Error {
    let err: Error = err.into();
    match &err {
        Error::Constraint(v) if v.kind == ConstraintKind::ForeignKey => err,
        other => panic!("expected a foreign key violation, got {other:?}"),
    }
}

#[tokio::test]
async fn restrict_refuses_and_set_null_clears() {
    for db in test_support::all_backends().await {
        let label = db.label();
        test_support::fixtures::seed_dev(&db).await;

        // reports → report_templates RESTRICT: a template in use cannot go.
        let report = reports::Entity::find()
            .one(&*db)
            .await
            .expect("query")
            .expect("a report");
        let template = report_templates::Entity::find_by_id(report.report_template_id)
            .one(&*db)
            .await
            .expect("query")
            .expect("its template");
        let err = fk_violation(template.clone().delete(&*db).await.expect_err("RESTRICT"));
        if label == "postgres" {
            assert_eq!(
                err.constraint(),
                Some("fk_reports_report_template_id"),
                "{err}"
            );
        }
        assert!(
            report_templates::Entity::find_by_id(template.id)
                .one(&*db)
                .await
                .expect("q")
                .is_some()
        );

        // reports.created_by RESTRICT: the author of a report cannot be deleted.
        let author = users::Entity::find_by_id(report.created_by_user_id)
            .one(&*db)
            .await
            .expect("q")
            .expect("author");
        fk_violation(
            author
                .delete(&*db)
                .await
                .expect_err("RESTRICT on created_by"),
        );

        // handover_packages → workflow_runs SET NULL: the package stays, unlinked.
        let package = handover_packages::Entity::find()
            .filter(handover_packages::Column::WorkflowRunId.is_not_null())
            .one(&*db)
            .await
            .expect("query")
            .expect("a package made by a workflow run");
        let run_id = package.workflow_run_id.expect("linked");
        workflow_runs::Entity::delete_by_id(run_id)
            .exec(&*db)
            .await
            .expect("a run can be deleted");
        let after = handover_packages::Entity::find_by_id(package.id)
            .one(&*db)
            .await
            .expect("q")
            .expect("kept");
        assert_eq!(after.workflow_run_id, None, "{label}: SET NULL");

        // app_overrides → marketplace_modules SET NULL: a module nobody installed can be removed
        // from the catalogue; overrides that named it stay, unlinked.
        let module = marketplace_modules::Entity::find()
            .one(&*db)
            .await
            .expect("q")
            .expect("a module");
        let mut spare = module.clone().into_active_model();
        spare.id = Set(Uuid::now_v7());
        spare.slug = Set(format!("{}-spare", module.slug));
        let spare = spare
            .insert(&*db)
            .await
            .expect("a module without installations");
        let tenant = tenants::Entity::find()
            .one(&*db)
            .await
            .expect("q")
            .expect("a tenant");
        let mut o = app_overrides::Entity::find()
            .one(&*db)
            .await
            .expect("q")
            .expect("an override")
            .into_active_model();
        o.id = Set(Uuid::now_v7());
        o.tenant_id = Set(tenant.id);
        o.app_key = Set("spare-module".into());
        o.marketplace_module_id = Set(Some(spare.id));
        o.module_installation_id = Set(None);
        let o = o
            .insert(&*db)
            .await
            .expect("an override naming the spare module");
        spare.delete(&*db).await.expect("the module can go");
        let o = app_overrides::Entity::find_by_id(o.id)
            .one(&*db)
            .await
            .expect("q")
            .expect("kept");
        assert_eq!(o.marketplace_module_id, None, "{label}: SET NULL");

        // module_installations → marketplace_modules RESTRICT: an installed module cannot go.
        let installed = module_installations::Entity::find()
            .one(&*db)
            .await
            .expect("q")
            .expect("an installation");
        let module = marketplace_modules::Entity::find_by_id(installed.marketplace_module_id)
            .one(&*db)
            .await
            .expect("q")
            .expect("m");
        fk_violation(module.delete(&*db).await.expect_err("RESTRICT"));
        assert!(
            module_installations::Entity::find()
                .count(&*db)
                .await
                .expect("count")
                > 0
        );
    }
}
