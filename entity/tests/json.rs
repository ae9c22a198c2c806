//! Typed JSON columns on real databases: the dev data keeps the writers' rules, a write of an
//! invalid value is refused by the entity's hook, and a field this version does not know
//! survives a read-modify-write.

use entity::json::{Invalid, ValidateColumns};
use entity::*;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait,
    IntoActiveModel, QueryFilter, QuerySelect,
};
use test_support::fixtures as fx;

/// Validates every row of each entity as a writer would write it (every column `Set`).
macro_rules! validate_all {
    ($db:expr, $($entity:ident),+ $(,)?) => {{
        let mut rows = 0usize;
        $(
            for model in $entity::Entity::find().all(&**$db).await.expect("read") {
                let active = model.into_active_model().reset_all();
                if let Err(e) = active.validate_columns() {
                    panic!("{}: a seeded {} row breaks a rule: {e}", $db.label(), stringify!($entity));
                }
                rows += 1;
            }
        )+
        rows
    }};
}

#[tokio::test]
async fn the_dev_data_keeps_the_writers_rules() {
    for db in test_support::all_backends().await {
        seed::seed(
            seed::Target::new(&db, db.url()),
            seed::Profile::Dev,
            seed::DEFAULT_SEED,
        )
        .await
        .expect("seed");
        let rows = validate_all!(
            &db,
            tenants,
            users,
            plans,
            onboardings,
            invoices,
            webhooks,
            workflows,
            workflow_runs,
            notification_templates,
            campaigns,
            recovery_plans,
            handover_packages,
            api_keys,
            module_installations,
            report_templates,
            reports,
        );
        assert!(rows > 100, "{}: rows checked: {rows}", db.label());
    }
}

#[tokio::test]
async fn a_write_of_an_invalid_value_is_refused_naming_the_field() {
    let g = &mut fx::generator();
    for db in test_support::all_backends().await {
        let mut settings = entity::json::TenantSettings::default();
        settings.branding.primary_color = Some("blue".into());
        let tenant = tenants::ActiveModel {
            slug: Set(fx::unique(g, "bad")),
            name: Set("Bad colour".into()),
            settings: Set(settings),
            ..ActiveModelBehavior::new()
        };
        let err = tenant.insert(&*db).await.expect_err("refused");
        let invalid = Invalid::from_db_err(&err).expect("a typed JSON refusal");
        assert_eq!(
            invalid.path,
            "tenants.settings.branding.primary_color",
            "{}",
            db.label()
        );
        assert!(
            tenants::Entity::find()
                .filter(tenants::Column::Name.eq("Bad colour"))
                .one(&*db)
                .await
                .expect("q")
                .is_none(),
            "{}: nothing written",
            db.label()
        );
    }
}

#[tokio::test]
async fn an_unknown_field_survives_a_read_modify_write() {
    let g = &mut fx::generator();
    for db in test_support::all_backends().await {
        let t = fx::insert(&*db, fx::tenant(g)).await.expect("insert");
        // A newer version wrote a field this one does not know.
        let newer = serde_json::json!({"require_mfa": true, "sso": {"provider": "okta"}});
        tenants::Entity::update_many()
            .col_expr(
                tenants::Column::Settings,
                Expr::val(sea_orm::Value::Json(Some(Box::new(newer)))),
            )
            .filter(tenants::Column::Id.eq(t.id))
            .exec(&*db)
            .await
            .expect("raw update");
        let read = tenants::Entity::find_by_id(t.id)
            .one(&*db)
            .await
            .expect("the row reads despite the unknown field")
            .expect("row");
        assert!(read.settings.require_mfa);
        let mut active = read.into_active_model();
        let mut settings = active.settings.clone().unwrap();
        settings.require_mfa = false;
        active.settings = Set(settings);
        active.update(&*db).await.expect("write back");
        let stored: Option<serde_json::Value> = tenants::Entity::find_by_id(t.id)
            .select_only()
            .column(tenants::Column::Settings)
            .into_tuple()
            .one(&*db)
            .await
            .expect("raw read");
        let stored = stored.expect("row");
        assert_eq!(
            stored["sso"],
            serde_json::json!({"provider": "okta"}),
            "{}",
            db.label()
        );
        assert_eq!(stored["require_mfa"], false, "{}", db.label());
    }
}
