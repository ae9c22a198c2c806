//! `cargo xtask roles` cannot hurt: it alters only roles it created, never a superuser or the
//! role it is connected as, and gives LOGIN only with a password (stored as SCRAM).

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use xtask::roles::{MARK, Roles};

use crate::support::{TestRoles, drop_roles};

/// (superuser, bypassrls, can login, password verifier, comment) of `role`.
async fn state(db: &DatabaseConnection, role: &str) -> Option<(bool, bool, bool, String, String)> {
    db.query_one_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT rolsuper, rolbypassrls, rolcanlogin, coalesce(rolpassword, '') AS pw, \
                coalesce(shobj_description(oid, 'pg_authid'), '') AS comment \
         FROM pg_authid WHERE rolname = $1",
        [role.into()],
    ))
    .await
    .expect("pg_authid")
    .map(|r| {
        (
            r.try_get("", "rolsuper").expect("super"),
            r.try_get("", "rolbypassrls").expect("bypass"),
            r.try_get("", "rolcanlogin").expect("login"),
            r.try_get("", "pw").expect("pw"),
            r.try_get("", "comment").expect("comment"),
        )
    })
}

#[tokio::test]
async fn a_role_it_did_not_create_is_never_altered() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    let roles = TestRoles::named();
    // Someone else's role, with the name the tool is asked to manage.
    db.execute_unprepared(&format!("CREATE ROLE \"{}\" LOGIN BYPASSRLS", roles.app))
        .await
        .expect("create");
    let before = state(&db, &roles.app).await;
    let err = xtask::roles::apply(&db, &roles)
        .await
        .expect_err("refused")
        .to_string();
    assert!(
        err.contains(&roles.app) && err.contains("was not created by"),
        "{err}"
    );
    assert_eq!(
        state(&db, &roles.app).await,
        before,
        "the role is untouched"
    );
    assert_eq!(
        state(&db, &roles.platform).await,
        None,
        "nothing else was created"
    );

    // A superuser is refused even when it carries the mark.
    let mut superuser = TestRoles::named();
    let superuser_name = superuser.app.clone();
    db.execute_unprepared(&format!(
        "CREATE ROLE \"{superuser_name}\" SUPERUSER; COMMENT ON ROLE \"{superuser_name}\" IS '{MARK}'"
    ))
    .await
    .expect("create");
    let err = xtask::roles::apply(&db, &superuser)
        .await
        .expect_err("refused")
        .to_string();
    assert!(err.contains("is a superuser"), "{err}");
    assert!(
        state(&db, &superuser.app).await.expect("exists").0,
        "still a superuser"
    );

    // The role the tool is connected as (here the server's superuser) is refused by name.
    let current = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT current_user::text AS me",
        ))
        .await
        .expect("q")
        .expect("row")
        .try_get::<String>("", "me")
        .expect("me");
    superuser.app = current.clone();
    let before = state(&db, &current).await;
    let err = xtask::roles::apply(&db, &superuser)
        .await
        .expect_err("refused")
        .to_string();
    assert!(err.contains("the role this connection uses"), "{err}");
    assert_eq!(
        state(&db, &current).await,
        before,
        "the connected role is untouched"
    );

    drop_roles(&db, &roles).await;
    // Only the role this test created: never the connected one.
    drop_roles(&db, &Roles::prefixed(&superuser_name)).await;
}

#[tokio::test]
async fn passwords_give_login_and_are_stored_as_scram() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    let mut roles = TestRoles::named();
    roles.app_password = Some("correct horse battery staple".into());
    xtask::roles::apply(&db, &roles).await.expect("roles");
    let (superuser, bypass, login, verifier, comment) =
        state(&db, &roles.app).await.expect("app role");
    assert!(!superuser && !bypass && login);
    assert!(verifier.starts_with("SCRAM-SHA-256$4096:"), "{verifier}");
    assert!(!verifier.contains("correct horse"));
    assert_eq!(comment, MARK);
    let (_, bypass, login, verifier, _) = state(&db, &roles.platform).await.expect("platform");
    assert!(
        bypass && !login && verifier.is_empty(),
        "no password, no login"
    );
    let (_, bypass, login, _, _) = state(&db, &roles.auth).await.expect("auth");
    assert!(bypass && !login, "the authentication role never logs in");

    // Run again without the password: the tool manages its own role, which loses LOGIN.
    roles.app_password = None;
    xtask::roles::apply(&db, &roles).await.expect("roles again");
    let (_, _, login, verifier, _) = state(&db, &roles.app).await.expect("app role");
    assert!(!login && verifier.is_empty());
    drop_roles(&db, &roles).await;
}
