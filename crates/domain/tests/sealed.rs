//! Sealed typed values: the seeded admin credentials open as `AdminCredentials` with all four
//! fields, and a value sealed with `seal_value` opens as it was.

use entity::handover_packages;
use entity::json::{AdminCredentials, Validate};
use sea_orm::EntityTrait;

#[tokio::test]
async fn seeded_admin_credentials_open_with_all_four_fields() {
    let db = test_support::sqlite().await;
    test_support::fixtures::seed_dev(&db).await;
    let sealer = seed::dev_sealer().expect("the dev key");
    let sealed: Vec<String> = handover_packages::Entity::find()
        .all(&*db)
        .await
        .expect("read")
        .into_iter()
        .filter_map(|p| p.admin_credentials)
        .collect();
    assert!(!sealed.is_empty(), "the dev data hands over credentials");
    for value in &sealed {
        let credentials: AdminCredentials = sealer.open_value(value).expect("opens as the type");
        credentials
            .validate()
            .expect("all four fields, each usable");
        assert!(
            credentials.extra.is_empty(),
            "no field the type does not know"
        );
    }
    let again: AdminCredentials = sealer
        .open_value(
            &sealer
                .seal_value(
                    &sealer
                        .open_value::<AdminCredentials>(&sealed[0])
                        .expect("open"),
                )
                .expect("seal"),
        )
        .expect("reopen");
    assert_eq!(again, sealer.open_value(&sealed[0]).expect("open"));
    let err = sealer
        .open_value::<AdminCredentials>(&sealer.seal("{\"username\": \"u\"}"))
        .expect_err("three fields missing");
    assert_eq!(err.field().as_deref(), Some("sealed"));
}
