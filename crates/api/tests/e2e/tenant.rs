//! The dashboard and the outbox, per tenant.

use reqwest::StatusCode;

use crate::reports::{at, create_report};
use crate::support::Server;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_and_events_are_the_tenants_own() {
    let Some(s) = Server::start().await else {
        return;
    };
    for t in [&s.a, &s.b] {
        let (status, body) = s.get(t, "/v1/dashboard").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["tenant_id"], t.id.to_string());
        assert_eq!(body["slug"], t.slug);

        create_report(&s, t, "event source").await;
        let (status, body) = s.get(t, "/v1/events?limit=100").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let items = body["items"].as_array().expect("items");
        assert!(!items.is_empty());
        assert!(items.iter().all(|e| e["tenant_id"] == t.id.to_string()));
        let created: Vec<_> = items.iter().map(|e| at(&e["created_at"])).collect();
        assert!(created.windows(2).all(|w| w[0] <= w[1]), "oldest first");
    }
    s.stop().await;
}
