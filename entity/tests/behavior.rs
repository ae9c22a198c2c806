//! Hand-written entity behaviour: UUIDv7 ids, timestamps kept by `before_save`, and finders.

use entity::*;
use sea_orm::{ActiveModelBehavior, ActiveModelTrait, ActiveValue::Set, EntityTrait};
use test_support::fixtures as fx;

#[tokio::test]
async fn new_rows_get_uuid_v7_ids_and_timestamps() {
    let g = &mut fx::generator();
    for db in test_support::all_backends().await {
        let mut tenant = tenants::ActiveModel::new();
        tenant.slug = Set(fx::unique(g, "new"));
        tenant.name = Set(fx::unique(g, "New tenant"));
        let saved = tenant.insert(&*db).await.expect("insert with defaults");
        assert_eq!(saved.id.get_version_num(), 7, "{}: a UUIDv7", db.label());
        assert_eq!(saved.created_at, saved.updated_at);
        assert_eq!(saved.settings, entity::json::TenantSettings::default());

        // An insert that never called new() still gets an id.
        let mut bare = <users::ActiveModel as ActiveModelTrait>::default();
        let u = fx::user(g);
        bare.email = Set(u.email.clone());
        bare.username = Set(u.username.clone());
        bare.first_name = Set("Bare".into());
        bare.last_name = Set("Insert".into());
        let user = bare.insert(&*db).await.expect("insert without id");
        assert_eq!(user.id.get_version_num(), 7);
    }
}

#[tokio::test]
async fn updates_move_updated_at_and_keep_created_at() {
    let g = &mut fx::generator();
    for db in test_support::all_backends().await {
        let t = fx::insert(&*db, fx::tenant(g)).await.expect("insert");
        let mut active: tenants::ActiveModel = t.clone().into();
        active.name = Set(fx::unique(g, "Renamed"));
        let updated = active.update(&*db).await.expect("update");
        assert_eq!(updated.created_at, t.created_at, "{}", db.label());
        assert!(
            updated.updated_at > t.updated_at,
            "{}: updated_at moved",
            db.label()
        );
    }
}

#[tokio::test]
async fn find_by_email_ignores_case_on_both_backends() {
    let g = &mut fx::generator();
    for db in test_support::all_backends().await {
        let u = fx::insert(&*db, fx::user(g)).await.expect("insert");
        for probe in [
            u.email.clone(),
            u.email.to_uppercase(),
            u.email.to_lowercase(),
        ] {
            let found = users::Entity::find_by_email(&probe)
                .one(&*db)
                .await
                .expect("query");
            assert_eq!(found.map(|f| f.id), Some(u.id), "{}: {probe}", db.label());
        }
        let none = users::Entity::find_by_email("nobody@example.com")
            .one(&*db)
            .await
            .expect("query");
        assert!(none.is_none());
        let by_name = users::Entity::find_by_username(&u.username)
            .one(&*db)
            .await
            .expect("query");
        assert_eq!(by_name.map(|f| f.id), Some(u.id));
        let _ = users::Entity::find();
    }
}
