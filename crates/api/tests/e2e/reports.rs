//! Reports and executions, for two tenants: create, read, list with a cursor walk, the
//! lifecycle (legal and illegal moves, 8 racing moves), executions, validation, and an outbox
//! event per state change.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Server, Tenant};

/// Creates a report of `t` on one of its templates.
pub async fn create_report(s: &Server, t: &Tenant, name: &str) -> Value {
    let template = s.any_id(t, "report_templates", "true").await;
    let (status, body) = s
        .post(
            t,
            "/v1/reports",
            json!({"template_id": template, "name": name, "parameters": {"range": "7d"}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body
}

async fn move_to(s: &Server, t: &Tenant, id: &str, to: &str) -> (StatusCode, Value) {
    s.post(
        t,
        &format!("/v1/reports/{id}/transitions"),
        json!({"to": to}),
    )
    .await
}

/// The tenant's outbox events about row `id`, oldest first, as `event_type`s.
pub async fn events_of(s: &Server, t: &Tenant, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/v1/events?limit=100&cursor={c}"),
            None => "/v1/events?limit=100".to_owned(),
        };
        let (status, body) = s.get(t, &path).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        for e in body["items"].as_array().expect("items") {
            if e["correlation_id"] == id {
                out.push(e["event_type"].as_str().expect("type").to_owned());
            }
        }
        match body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return out,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_lifecycle_over_http_for_two_tenants() {
    let Some(s) = Server::start().await else {
        return;
    };
    for t in [&s.a, &s.b] {
        let report = create_report(&s, t, &format!("Weekly {}", t.slug)).await;
        assert_eq!(report["status"], "draft");
        assert_eq!(report["tenant_id"], t.id.to_string());
        let id = report["id"].as_str().expect("id").to_owned();

        let (status, read) = s.get(t, &format!("/v1/reports/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(read["name"], report["name"]);

        // Illegal: draft cannot complete, nor start an execution.
        let (status, body) = move_to(&s, t, &id, "completed").await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert_eq!(body["error"]["code"], "conflict.illegal_transition");
        let message = body["error"]["message"].as_str().expect("message");
        assert!(
            message.contains("scheduled") && message.contains("cancelled"),
            "{message}"
        );
        let (status, _) = s
            .post(t, &format!("/v1/reports/{id}/executions"), json!({}))
            .await;
        assert_eq!(status, StatusCode::CONFLICT);

        let (status, body) = move_to(&s, t, &id, "scheduled").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["status"], "scheduled");
        assert!(body["scheduled_at"].is_string());

        // An execution moves it to processing; finishing it completes the report.
        let (status, execution) = s
            .post(t, &format!("/v1/reports/{id}/executions"), json!({}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{execution}");
        assert_eq!(execution["status"], "running");
        let execution_id = execution["id"].as_str().expect("id").to_owned();
        let (_, read) = s.get(t, &format!("/v1/reports/{id}")).await;
        assert_eq!(read["status"], "processing");
        assert_eq!(read["execution_count"], 1);

        // A failed finish needs its error message: 422 naming the field, nothing written.
        let (status, body) = s
            .post(
                t,
                &format!("/v1/executions/{execution_id}/finish"),
                json!({"status": "failed"}),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("error_message")
        );
        let (status, body) = s
            .post(
                t,
                &format!("/v1/executions/{execution_id}/finish"),
                json!({"status": "completed", "result_size_bytes": 1024}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["status"], "completed");
        assert!(body["completed_at"].is_string());
        let (status, body) = s
            .post(
                t,
                &format!("/v1/executions/{execution_id}/finish"),
                json!({"status": "failed", "error_message": "late"}),
            )
            .await;
        assert_eq!(
            status,
            StatusCode::CONFLICT,
            "a finished execution stays finished: {body}"
        );
        let (_, read) = s.get(t, &format!("/v1/reports/{id}")).await;
        assert_eq!(read["status"], "completed");
        let (status, _) = move_to(&s, t, &id, "cancelled").await;
        assert_eq!(status, StatusCode::CONFLICT, "completed is final");

        // One outbox event per state change, in order.
        assert_eq!(
            events_of(&s, t, &id).await,
            [
                "report.created",
                "report.status_changed",
                "report.status_changed",
                "report.status_changed",
            ]
        );
        assert_eq!(
            events_of(&s, t, &execution_id).await,
            ["report_execution.started", "report_execution.finished"]
        );
    }
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn validation_names_the_field_and_writes_nothing() {
    let Some(s) = Server::start().await else {
        return;
    };
    let before = s.count(&s.a, "reports").await;
    let template = s.any_id(&s.a, "report_templates", "true").await;
    for (body, field) in [
        (json!({"name": "x"}), "template_id"),
        (json!({"template_id": "nope", "name": "x"}), "template_id"),
        (json!({"template_id": template}), "name"),
        (json!({"template_id": template, "name": " "}), "name"),
        (
            json!({"template_id": template, "name": "x", "priority": 11}),
            "priority",
        ),
        (
            json!({"template_id": template, "name": "x", "parameters": [1]}),
            "parameters",
        ),
    ] {
        let (status, answer) = s.post(&s.a, "/v1/reports", body.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {answer}");
        let message = answer["error"]["message"].as_str().expect("message");
        assert!(message.contains(&format!("`{field}`")), "{body}: {message}");
    }
    let (status, answer) = s.get(&s.a, "/v1/reports?status=bogus").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("`status`")
    );
    let (status, _) = s.get(&s.a, "/v1/reports?cursor=garbage").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = s.get(&s.a, "/v1/reports?limit=0").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let report = create_report(&s, &s.a, "v").await;
    let (status, answer) = move_to(&s, &s.a, report["id"].as_str().unwrap(), "bogus").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(
        s.count(&s.a, "reports").await,
        before + 1,
        "only the valid request wrote"
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_concurrent_transitions_from_one_state_exactly_one_wins() {
    let Some(s) = Server::start().await else {
        return;
    };
    let report = create_report(&s, &s.a, "raced").await;
    let id = report["id"].as_str().expect("id").to_owned();
    let events_before = events_of(&s, &s.a, &id).await.len();
    let mut racers = Vec::new();
    // All ask for the same move, so a racer that reads the row after the winner committed asks
    // for a move from `scheduled` to itself, which is illegal: every loser is 409.
    for _ in 0..8 {
        let (http, base, key, id) = (s.http.clone(), s.base.clone(), s.a.key.clone(), id.clone());
        let to = "scheduled";
        racers.push(tokio::spawn(async move {
            http.post(format!("{base}/v1/reports/{id}/transitions"))
                .bearer_auth(key)
                .json(&json!({"to": to}))
                .send()
                .await
                .expect("send")
                .status()
        }));
    }
    let mut statuses = Vec::new();
    for r in racers {
        statuses.push(r.await.expect("racer"));
    }
    let won = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let lost = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((won, lost), (1, 7), "{statuses:?}");
    assert_eq!(
        events_of(&s, &s.a, &id).await.len(),
        events_before + 1,
        "one event, of the one move"
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cursor_walk_returns_exactly_the_tenants_reports() {
    let Some(s) = Server::start().await else {
        return;
    };
    for i in 0..7 {
        create_report(&s, &s.a, &format!("walk {i}")).await;
    }
    create_report(&s, &s.b, "other tenant").await;
    for t in [&s.a, &s.b] {
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        let mut last_created: Option<chrono::DateTime<chrono::FixedOffset>> = None;
        loop {
            let path = match &cursor {
                Some(c) => format!("/v1/reports?limit=3&cursor={c}"),
                None => "/v1/reports?limit=3".to_owned(),
            };
            let (status, body) = s.get(t, &path).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            for r in body["items"].as_array().expect("items") {
                assert_eq!(r["tenant_id"], t.id.to_string());
                let created = at(&r["created_at"]);
                if let Some(prev) = last_created {
                    assert!(created <= prev, "newest first");
                }
                last_created = Some(created);
                seen.push(r["id"].as_str().unwrap().to_owned());
            }
            match body["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => break,
            }
        }
        let unique: BTreeSet<_> = seen.iter().cloned().collect();
        assert_eq!(unique.len(), seen.len(), "no row twice");
        assert_eq!(
            seen.len() as i64,
            s.count(t, "reports").await,
            "every row of {}",
            t.slug
        );
    }
    // A status filter narrows the walk.
    let (status, body) = s.get(&s.a, "/v1/reports?status=draft&limit=100").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["status"] == "draft")
    );
    s.stop().await;
}

/// A timestamp of an answer.
pub fn at(value: &Value) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(value.as_str().expect("a timestamp")).expect("RFC 3339")
}
