//! Another tenant's rows, and references to them, are 404 and nothing is written.

use reqwest::StatusCode;
use serde_json::json;

use crate::reports::create_report;
use crate::support::Server;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_tenant_reads_writes_and_references_are_404_and_write_nothing() {
    let Some(s) = Server::start().await else {
        return;
    };
    let theirs = create_report(&s, &s.b, "globex only").await;
    let id = theirs["id"].as_str().unwrap().to_owned();
    let (status, _) = s
        .post(
            &s.b,
            &format!("/v1/reports/{id}/transitions"),
            json!({"to": "scheduled"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, execution) = s
        .post(&s.b, &format!("/v1/reports/{id}/executions"), json!({}))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let execution_id = execution["id"].as_str().unwrap().to_owned();
    let their_template = s.any_id(&s.b, "report_templates", "true").await;

    let tables = ["reports", "report_executions", "integration_events"];
    let mut before = Vec::new();
    for t in [&s.a, &s.b] {
        for table in tables {
            before.push(s.count(t, table).await);
        }
    }

    let attempts = [
        ("GET", format!("/v1/reports/{id}"), json!(null)),
        (
            "POST",
            format!("/v1/reports/{id}/transitions"),
            json!({"to": "cancelled"}),
        ),
        ("POST", format!("/v1/reports/{id}/executions"), json!({})),
        (
            "POST",
            format!("/v1/executions/{execution_id}/finish"),
            json!({"status": "completed"}),
        ),
        (
            "POST",
            "/v1/reports".to_owned(),
            json!({"template_id": their_template, "name": "borrowed template"}),
        ),
        ("GET", "/v1/reports/not-a-uuid".to_owned(), json!(null)),
    ];
    for (method, path, body) in &attempts {
        let (status, answer) = if *method == "GET" {
            s.get(&s.a, path).await
        } else {
            s.post(&s.a, path, body.clone()).await
        };
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}: {answer}");
        assert_eq!(answer["error"]["code"], "not_found");
        let text = answer.to_string();
        assert!(
            !text.contains(&s.b.id.to_string()) && !text.contains(&s.a.id.to_string()),
            "no tenant id in {text}"
        );
    }

    let mut after = Vec::new();
    for t in [&s.a, &s.b] {
        for table in tables {
            after.push(s.count(t, table).await);
        }
    }
    assert_eq!(
        before, after,
        "nothing written ({tables:?} of acme, then globex)"
    );
    let (_, read) = s.get(&s.b, &format!("/v1/reports/{id}")).await;
    assert_eq!(read["status"], "processing", "their report did not move");

    // A's list never shows B's report.
    let (_, list) = s.get(&s.a, "/v1/reports?limit=100").await;
    assert!(
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["id"] != id.as_str())
    );
    s.stop().await;
}
