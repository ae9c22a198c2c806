//! Handover packages over HTTP, for two tenants: creation with references, credentials never
//! in clear, the delivery lifecycle, cross-tenant references and reads 404 with nothing written.

use reqwest::StatusCode;
use serde_json::json;

use crate::reports::events_of;
use crate::support::Server;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn packages_seal_credentials_and_follow_their_lifecycle() {
    let Some(s) = Server::start().await else {
        return;
    };
    let secret = "correct-horse-battery-staple";
    for t in [&s.a, &s.b] {
        let install = s.any_id(t, "module_installations", "true").await;
        let config = s.any_id(t, "configurations", "true").await;
        let run = s.any_id(t, "workflow_runs", "true").await;
        let (status, package) = s
            .post(
                t,
                "/v1/handover-packages",
                json!({
                    "name": format!("Handover {}", t.slug),
                    "workflow_run_id": run,
                    "module_installation_ids": [install, install],
                    "configuration_ids": [config],
                    "admin_credentials": {"username": "admin", "password": secret},
                }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{package}");
        assert_eq!(package["delivery_status"], "pending");
        assert_eq!(package["admin_credentials"], json!({"sealed": true}));
        assert_eq!(package["module_installation_ids"], json!([install]));
        let id = package["id"].as_str().unwrap().to_owned();

        let (status, read) = s.get(t, &format!("/v1/handover-packages/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            !read.to_string().contains(secret),
            "credentials never in clear: {read}"
        );
        let stored = s
            .query_as(
                t,
                &format!("SELECT admin_credentials FROM handover_packages WHERE id = '{id}'"),
            )
            .await
            .expect("row")
            .try_get::<String>("", "admin_credentials")
            .expect("sealed");
        assert!(domain::sealing::Sealer::is_sealed(&stored) && !stored.contains(secret));

        // Illegal, then each legal move.
        let (status, body) = s
            .post(
                t,
                &format!("/v1/handover-packages/{id}/transitions"),
                json!({"to": "delivered"}),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert_eq!(body["error"]["code"], "conflict.illegal_transition");
        for to in ["preparing", "ready"] {
            let (status, body) = s
                .post(
                    t,
                    &format!("/v1/handover-packages/{id}/transitions"),
                    json!({"to": to}),
                )
                .await;
            assert_eq!(status, StatusCode::OK, "{to}: {body}");
        }
        let (status, body) = s
            .post(
                t,
                &format!("/v1/handover-packages/{id}/transitions"),
                json!({"to": "delivering"}),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("`delivery_method`")
        );
        let (status, body) = s
            .post(
                t,
                &format!("/v1/handover-packages/{id}/transitions"),
                json!({"to": "delivering", "delivery_method": "portal"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = s
            .post(
                t,
                &format!("/v1/handover-packages/{id}/transitions"),
                json!({"to": "delivered"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["delivery_status"], "delivered");
        assert!(body["delivered_at"].is_string());
        assert_eq!(
            events_of(&s, t, &id).await,
            [
                "handover_package.created",
                "handover_package.status_changed",
                "handover_package.status_changed",
                "handover_package.status_changed",
                "handover_package.status_changed",
            ]
        );
    }

    // Another tenant's run, installation or configuration: 404, nothing written.
    let their_install = s.any_id(&s.b, "module_installations", "true").await;
    let their_config = s
        .any_id(&s.b, "configurations", "tenant_id IS NOT NULL")
        .await;
    let their_run = s.any_id(&s.b, "workflow_runs", "true").await;
    let own_install = s.any_id(&s.a, "module_installations", "true").await;
    let before = s.count(&s.a, "handover_packages").await;
    for body in [
        json!({"name": "x", "module_installation_ids": [own_install, their_install]}),
        json!({"name": "x", "configuration_ids": [their_config]}),
        json!({"name": "x", "workflow_run_id": their_run}),
    ] {
        let (status, answer) = s.post(&s.a, "/v1/handover-packages", body.clone()).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}: {answer}");
    }
    assert_eq!(
        s.count(&s.a, "handover_packages").await,
        before,
        "nothing written"
    );
    let theirs = s.any_id(&s.b, "handover_packages", "true").await;
    let (status, _) = s
        .get(&s.a, &format!("/v1/handover-packages/{theirs}"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = s
        .post(
            &s.a,
            &format!("/v1/handover-packages/{theirs}/transitions"),
            json!({"to": "preparing"}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    s.stop().await;
}
