//! Every entity round-trips through insert and select on both backends: uuid, JSON, typed JSON,
//! timestamptz and enum columns come back exactly as written.

use entity::*;
use sea_orm::{EntityTrait, IntoActiveModel};
use test_support::fixtures::{self as fx, insert};

macro_rules! round_trip {
    ($db:expr, $label:expr, $model:expr, $w:ident => $find:expr) => {{
        let $w = $model;
        let returned = insert(&*$db, $w.clone())
            .await
            .expect(concat!("insert ", stringify!($model)));
        assert_eq!(
            returned, $w,
            "{}: insert returns the row as written",
            $label
        );
        let read = $find
            .one(&*$db)
            .await
            .expect("select")
            .expect("the row is there");
        assert_eq!(read, $w, "{}: select returns the row as written", $label);
        $w
    }};
}

#[tokio::test]
async fn every_entity_round_trips_on_both_backends() {
    let g = &mut fx::generator();
    for db in test_support::all_backends().await {
        let label = db.label();
        let t = round_trip!(db, label, fx::tenant(g), w => tenants::Entity::find_by_id(w.id));
        let u = round_trip!(db, label, fx::user(g), w => users::Entity::find_by_id(w.id));
        let p = round_trip!(db, label, fx::plan(g), w => plans::Entity::find_by_id(w.id));
        let tr = round_trip!(db, label, fx::tenant_role(g, t.id), w => tenant_roles::Entity::find_by_id(w.id));
        round_trip!(db, label, fx::tenant_user(g, t.id, u.id, Some(tr.id)), w => tenant_users::Entity::find_by_id(w.id));
        round_trip!(db, label, fx::onboarding(g, t.id, Some(u.id)), w => onboardings::Entity::find_by_id(w.id));
        round_trip!(db, label, fx::subscription(g, t.id, p.id), w => subscriptions::Entity::find_by_id(w.id));
        let perm =
            round_trip!(db, label, fx::permission(g), w => permissions::Entity::find_by_id(w.id));
        let r =
            round_trip!(db, label, fx::role(g, Some(t.id)), w => roles::Entity::find_by_id(w.id));
        round_trip!(db, label, fx::role(g, None), w => roles::Entity::find_by_id(w.id));
        round_trip!(
            db,
            label,
            fx::role_permission(r.id, perm.id), w => role_permissions::Entity::find_by_id((w.role_id, w.permission_id))
        );
        round_trip!(db, label, fx::user_role(g, u.id, r.id, Some(t.id)), w => user_roles::Entity::find_by_id(w.id));
        round_trip!(db, label, fx::api_key(g, t.id), w => api_keys::Entity::find_by_id(w.id));
        round_trip!(db, label, fx::session(g, u.id, Some(t.id)), w => sessions::Entity::find_by_id(w.id));
        round_trip!(
            db,
            label,
            fx::login_log(g, Some(u.id)), w => login_logs::Entity::find_by_id((w.id, w.occurred_at))
        );
    }
}

#[tokio::test]
async fn typed_json_is_stored_as_json_and_read_back_typed() {
    let g = &mut fx::generator();
    use sea_orm::{ConnectionTrait, Statement};
    for db in test_support::all_backends().await {
        let t = insert(&*db, fx::tenant(g)).await.expect("insert");
        let sql = match db.backend() {
            sea_orm::DbBackend::Postgres => "SELECT settings->>'require_mfa' AS v FROM tenants",
            _ => "SELECT json_extract(settings, '$.require_mfa') AS v FROM tenants",
        };
        let row = db
            .query_one_raw(Statement::from_string(db.backend(), sql))
            .await
            .expect("query")
            .expect("a row");
        let value = match db.backend() {
            sea_orm::DbBackend::Postgres => row.try_get::<String>("", "v").expect("text"),
            _ => row.try_get::<i32>("", "v").expect("an integer").to_string(),
        };
        assert!(value == "true" || value == "1", "{}: {value}", db.label());
        let back = tenants::Entity::find_by_id(t.id)
            .one(&*db)
            .await
            .expect("select")
            .expect("row");
        assert!(back.settings.require_mfa);
        let _ = back.into_active_model();
    }
}
