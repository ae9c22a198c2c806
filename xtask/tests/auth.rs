//! Authentication with no tenant set (`domain::auth`): on SQLite directly, and on Postgres as the
//! application role, which reaches `api_keys`, `sessions` and password hashes only through the
//! `SECURITY DEFINER` functions of the authentication role.

use domain::auth::{self, AuthError};
use domain::secrets;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement};
use uuid::Uuid;

use crate::support::{TestRoles, count_as};

/// What the test inserted, and the plaintext secrets that go with it.
struct Credentials {
    tenant: Uuid,
    user: Uuid,
    key: String,
    revoked_key: String,
    expired_key: String,
    token: String,
    expired_token: String,
    password: &'static str,
}

async fn run(db: &impl ConnectionTrait, sql: &str, values: Vec<sea_orm::Value>) {
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// Inserts a tenant, an active user with a password, three API keys (valid, revoked, expired)
/// and two sessions (valid, expired), as the owner.
async fn insert(db: &impl ConnectionTrait) -> Credentials {
    let (tenant, user) = (Uuid::now_v7(), Uuid::now_v7());
    let password = "correct horse battery staple";
    run(
        db,
        "INSERT INTO tenants (id, slug, name) VALUES ($1, 'auth-test', 'Auth Test')",
        vec![tenant.into()],
    )
    .await;
    let hash = secrets::hash_password(password, &secrets::random_salt()).expect("hash");
    run(
        db,
        "INSERT INTO users (id, email, username, password_hash, first_name, last_name, status) \
         VALUES ($1, 'Ada@Example.com', 'ada_auth', $2, 'Ada', 'Lovelace', 'active')",
        vec![user.into(), hash.into()],
    )
    .await;
    let mut keys = Vec::new();
    for (name, expires, revoked) in [
        ("valid", "2999-01-01T00:00:00+00:00", None),
        (
            "revoked",
            "2999-01-01T00:00:00+00:00",
            Some("2026-01-01T00:00:00+00:00"),
        ),
        ("expired", "2020-01-01T00:00:00+00:00", None),
    ] {
        let key = secrets::new_api_key();
        let expires = chrono::DateTime::parse_from_rfc3339(expires).expect("time");
        let revoked = revoked.map(|r| chrono::DateTime::parse_from_rfc3339(r).expect("time"));
        run(
            db,
            "INSERT INTO api_keys (id, tenant_id, name, key_prefix, key_hash, scopes, expires_at, revoked_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            vec![
                Uuid::now_v7().into(),
                tenant.into(),
                name.into(),
                key.prefix.clone().into(),
                key.hash.clone().into(),
                serde_json::json!(["reports.read"]).into(),
                expires.into(),
                revoked.into(),
            ],
        )
        .await;
        keys.push(key.key);
    }
    let mut tokens = Vec::new();
    for (created, expires) in [
        ("2026-01-01T00:00:00+00:00", "2999-01-01T00:00:00+00:00"),
        ("2020-01-01T00:00:00+00:00", "2020-01-02T00:00:00+00:00"),
    ] {
        let token = hex::encode(Uuid::now_v7().as_bytes());
        run(
            db,
            "INSERT INTO sessions (id, user_id, tenant_id, token_hash, expires_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            vec![
                Uuid::now_v7().into(),
                user.into(),
                tenant.into(),
                secrets::sha256_hex(&token).into(),
                chrono::DateTime::parse_from_rfc3339(expires)
                    .expect("time")
                    .into(),
                chrono::DateTime::parse_from_rfc3339(created)
                    .expect("time")
                    .into(),
            ],
        )
        .await;
        tokens.push(token);
    }
    let [key, revoked_key, expired_key] = keys.try_into().expect("three keys");
    let [token, expired_token] = tokens.try_into().expect("two tokens");
    Credentials {
        tenant,
        user,
        key,
        revoked_key,
        expired_key,
        token,
        expired_token,
        password,
    }
}

/// Every outcome of the three lookups on `db`, which has no tenant set.
async fn verify(db: &impl ConnectionTrait, c: &Credentials, label: &str) {
    let key = auth::api_key(db, &c.key).await.expect("a valid key");
    assert_eq!(key.tenant.as_uuid(), c.tenant, "{label}");
    assert_eq!(key.scopes, vec!["reports.read".to_owned()], "{label}");
    let mut wrong = c.key.clone();
    wrong.replace_range(wrong.len() - 4.., "0000");
    for (presented, why) in [
        (wrong.as_str(), "right prefix, wrong key"),
        ("sk_000000000000000000", "unknown prefix"),
        ("short", "shorter than a prefix"),
    ] {
        assert!(
            matches!(
                auth::api_key(db, presented).await,
                Err(AuthError::InvalidCredentials)
            ),
            "{label}: {why}"
        );
    }
    assert!(
        matches!(
            auth::api_key(db, &c.revoked_key).await,
            Err(AuthError::Revoked)
        ),
        "{label}"
    );
    assert!(
        matches!(
            auth::api_key(db, &c.expired_key).await,
            Err(AuthError::Expired)
        ),
        "{label}"
    );

    let session = auth::session(db, &c.token).await.expect("a valid session");
    assert_eq!(session.user_id, c.user, "{label}");
    assert_eq!(
        session.tenant.map(|t| t.as_uuid()),
        Some(c.tenant),
        "{label}"
    );
    assert!(
        matches!(
            auth::session(db, &c.expired_token).await,
            Err(AuthError::Expired)
        ),
        "{label}"
    );
    assert!(
        matches!(
            auth::session(db, "not a token").await,
            Err(AuthError::InvalidCredentials)
        ),
        "{label}"
    );

    let login = auth::login(db, "ada@EXAMPLE.com", c.password)
        .await
        .expect("email in any case and the right password");
    assert_eq!(login.user_id, c.user, "{label}");
    for (email, password) in [
        ("ada@example.com", "wrong password"),
        ("nobody@example.com", c.password),
    ] {
        let err = auth::login(db, email, password).await.expect_err("refused");
        assert!(
            matches!(err, AuthError::InvalidCredentials),
            "{label}: {err}"
        );
        assert!(
            !err.to_string().contains(password),
            "no secret in the message"
        );
    }
}

#[tokio::test]
async fn sqlite_authenticates_without_a_tenant() {
    let db = test_support::sqlite().await;
    let c = insert(&*db).await;
    verify(&*db, &c, "sqlite").await;
}

#[tokio::test]
async fn the_application_role_authenticates_without_a_tenant_or_the_bypass_role() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    let c = insert(&*db).await;
    let roles = TestRoles::create(&db).await;
    let app = roles.app().to_owned();

    // Directly, the application role with no tenant sees none of it: row-level security and
    // the column grants refuse it, which is why the functions exist.
    for sql in [
        "SELECT count(*) FROM api_keys",
        "SELECT count(*) FROM sessions",
        "SELECT count(id) FROM users",
    ] {
        assert_eq!(count_as(&db, &app, None, sql, vec![]).await, Ok(0), "{sql}");
    }
    let hashes = count_as(
        &db,
        &app,
        None,
        "SELECT count(password_hash) FROM users",
        vec![],
    )
    .await;
    assert!(
        matches!(&hashes, Err(e) if e.contains("permission denied")),
        "{hashes:?}"
    );

    // A connection that is the application role for its whole session, with no tenant set.
    let url = db.url().expect("postgres").to_owned();
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(1)
        .min_connections(1)
        .sqlx_logging(false);
    let as_app: DatabaseConnection = Database::connect(options).await.expect("connect");
    as_app
        .execute_unprepared(&format!("SET ROLE \"{app}\""))
        .await
        .expect("set role");
    verify(&as_app, &c, "postgres as the application role").await;

    // The functions list nothing and are the application role's alone.
    let listed = count_as(
        &db,
        &app,
        None,
        "SELECT count(*) FROM auth_api_key_by_prefix('%')",
        vec![],
    )
    .await;
    assert_eq!(listed, Ok(0), "a pattern is not a prefix");
    let platform = count_as(
        &db,
        &roles.roles.platform,
        None,
        "SELECT count(*) FROM auth_login_by_email('ada@example.com')",
        vec![],
    )
    .await;
    assert!(
        matches!(&platform, Err(e) if e.contains("permission denied")),
        "{platform:?}"
    );
    let owner: String = db
        .query_one_raw(Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT pg_get_userbyid(proowner)::text AS owner FROM pg_proc WHERE proname = 'auth_login_by_email'",
        ))
        .await
        .expect("q")
        .expect("row")
        .try_get("", "owner")
        .expect("owner");
    assert_eq!(owner, roles.roles.auth, "owned by the authentication role");

    as_app.close().await.expect("close");
    roles.drop(&db).await;
}
