//! Workflow runs and steps over HTTP, for two tenants: a run's steps in order, retries until
//! `max_retries` then the run fails, completion, illegal moves, cross-tenant 404s, events.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::reports::events_of;
use crate::support::{Server, Tenant};

/// Starts a run of one of `t`'s active workflows with at least two steps.
async fn start(s: &Server, t: &Tenant) -> Value {
    let workflow = s
        .any_id(
            t,
            "workflows",
            "status = 'active' AND jsonb_array_length(definition->'steps') >= 2",
        )
        .await;
    let (status, run) = s
        .post(
            t,
            &format!("/v1/workflows/{workflow}/runs"),
            json!({"input": {"env": "test"}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{run}");
    run
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn runs_retry_fail_and_complete_for_two_tenants() {
    let Some(s) = Server::start().await else {
        return;
    };
    for t in [&s.a, &s.b] {
        // A run that completes: every step in order.
        let run = start(&s, t).await;
        assert_eq!(run["status"], "in_progress");
        let id = run["id"].as_str().unwrap().to_owned();
        let steps = run["steps"].as_array().expect("steps").clone();
        assert!(steps.len() >= 2);
        assert_eq!(steps[0]["status"], "running");
        assert_eq!(steps[0]["retry_count"], 0);
        assert!(steps[1..].iter().all(|st| st["status"] == "pending"));
        for (i, st) in steps.iter().enumerate() {
            assert_eq!(st["execution_order"], i as i64);
        }
        // Step 1 cannot complete before step 0.
        let (status, body) = s
            .post(
                t,
                &format!("/v1/workflow-runs/{id}/steps/1/complete"),
                json!({}),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        for order in 0..steps.len() {
            let (status, body) = s
                .post(
                    t,
                    &format!("/v1/workflow-runs/{id}/steps/{order}/complete"),
                    json!({"output": {"ok": true}}),
                )
                .await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }
        let (_, body) = s
            .post(
                t,
                &format!("/v1/workflow-runs/{id}/steps/0/complete"),
                json!({}),
            )
            .await;
        assert_eq!(body["error"]["code"], "conflict.illegal_transition");
        let last = s
            .post(
                t,
                &format!("/v1/workflow-runs/{id}/steps/0/fail"),
                json!({"error": "x"}),
            )
            .await;
        assert_eq!(last.0, StatusCode::CONFLICT);
        let events = events_of(&s, t, &id).await;
        assert_eq!(
            events,
            ["workflow_run.started", "workflow_run.status_changed"]
        );

        // A run whose first step fails past its retries.
        let run = start(&s, t).await;
        let id = run["id"].as_str().unwrap().to_owned();
        let max = run["steps"][0]["max_retries"].as_i64().unwrap();
        let (status, body) = s
            .post(
                t,
                &format!("/v1/workflow-runs/{id}/steps/0/fail"),
                json!({}),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("`error`")
        );
        for attempt in 1..=max {
            let (status, body) = s
                .post(
                    t,
                    &format!("/v1/workflow-runs/{id}/steps/0/fail"),
                    json!({"error": "timeout"}),
                )
                .await;
            assert_eq!(status, StatusCode::OK, "{body}");
            assert_eq!(body["steps"][0]["retry_count"], attempt);
            assert_eq!(body["steps"][0]["status"], "running");
            assert_eq!(body["status"], "in_progress");
        }
        let (status, body) = s
            .post(
                t,
                &format!("/v1/workflow-runs/{id}/steps/0/fail"),
                json!({"error": "timeout"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["steps"][0]["status"], "failed");
        assert_eq!(body["status"], "failed");
        assert_eq!(body["error"], "timeout");
        assert!(body["completed_at"].is_string());
        let events = events_of(&s, t, &id).await;
        assert_eq!(
            events,
            ["workflow_run.started", "workflow_run.status_changed"]
        );
    }

    // Cross-tenant: 404, nothing written.
    let theirs = start(&s, &s.b).await;
    let id = theirs["id"].as_str().unwrap();
    let workflow = theirs["workflow_id"].as_str().unwrap();
    let before = (
        s.count(&s.b, "workflow_runs").await,
        s.count(&s.b, "workflow_steps").await,
        s.count(&s.a, "workflow_runs").await,
    );
    for (path, body) in [
        (format!("/v1/workflows/{workflow}/runs"), json!({})),
        (
            format!("/v1/workflow-runs/{id}/steps/0/complete"),
            json!({}),
        ),
        (
            format!("/v1/workflow-runs/{id}/steps/0/fail"),
            json!({"error": "x"}),
        ),
        (
            format!("/v1/workflow-runs/{id}/steps/zero/fail"),
            json!({"error": "x"}),
        ),
    ] {
        let (status, answer) = s.post(&s.a, &path, body).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {answer}");
    }
    let after = (
        s.count(&s.b, "workflow_runs").await,
        s.count(&s.b, "workflow_steps").await,
        s.count(&s.a, "workflow_runs").await,
    );
    assert_eq!(before, after, "nothing written");
    s.stop().await;
}
