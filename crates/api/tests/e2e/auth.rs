//! Health, readiness, and bearer API-key authentication.

use reqwest::{Method, StatusCode};

use crate::support::{Server, Tenant};

fn assert_error(body: &serde_json::Value, code: &str) {
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(body["error"]["message"].is_string(), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_readiness_and_every_bad_key_is_401() {
    let Some(s) = Server::start().await else {
        return;
    };
    let (status, _) = s.call(None, Method::GET, "/healthz", None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = s.call(None, Method::GET, "/readyz", None).await;
    assert_eq!(status, StatusCode::OK);

    // Missing, malformed and unknown keys.
    let (status, body) = s.call(None, Method::GET, "/v1/reports", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_error(&body, "unauthorized");
    let unknown = Tenant {
        key: "sk_0000000000000000000000000000000000000000".into(),
        ..s.a.clone()
    };
    let (status, body) = s.get(&unknown, "/v1/reports").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_error(&body, "unauthorized");
    let wrong = Tenant {
        key: format!("{}0000", &s.a.key[..s.a.key.len() - 4]),
        ..s.a.clone()
    };
    if wrong.key != s.a.key {
        let (status, _) = s.get(&wrong, "/v1/reports").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, _) = s.get(&s.a, "/v1/reports").await;
    assert_eq!(status, StatusCode::OK, "the valid key is accepted");

    // Revoked, then expired.
    let prefix = &s.a.key[..domain::secrets::API_KEY_PREFIX_LEN];
    for change in [
        "revoked_at = now()",
        "revoked_at = NULL, expires_at = now() - interval '1 minute'",
    ] {
        s.owner_exec(
            &s.a,
            &format!("UPDATE api_keys SET {change} WHERE key_prefix = '{prefix}'"),
        )
        .await;
        let (status, body) = s.get(&s.a, "/v1/reports").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{change}");
        assert_error(&body, "unauthorized");
        assert!(
            !body.to_string().contains(&s.a.key),
            "the answer never echoes the key"
        );
    }

    // An unknown route answers in the same error format.
    let (status, body) = s.get(&s.b, "/v1/nothing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_error(&body, "not_found");
    s.stop().await;
}
