//! Every check and unique of the schema rejects its bad row with a typed error that names the
//! constraint, on both backends, and the rejected write leaves nothing behind.

use domain::{ConstraintKind, Error};
use entity::sea_orm_active_enums::{OnboardingStatus, SubscriptionStatus, TenantUserStatus};
use entity::*;
use sea_orm::{EntityTrait, PaginatorTrait};
use test_support::TestDb;
use test_support::fixtures::{self as fx, insert};

/// Inserts `model`, expecting the database to reject it for `constraint`.
macro_rules! rejects {
    ($db:expr, $model:expr, $kind:expr, $constraint:expr) => {{
        let model = $model;
        let err: Error = insert(&**$db, model)
            .await
            .expect_err(concat!("rejected: ", $constraint))
            .into();
        match &err {
            Error::Constraint(v) => {
                assert_eq!(v.kind, $kind, "{}: {err}", $db.label());
                assert_eq!(
                    v.constraint.as_deref(),
                    Some($constraint),
                    "{}: {err}",
                    $db.label()
                );
            }
            other => panic!(
                "{}: expected a violation of {}, got {other:?}",
                $db.label(),
                $constraint
            ),
        }
    }};
}

async fn base(g: &mut fx::Gen, db: &TestDb) -> (tenants::Model, users::Model, plans::Model) {
    let t = insert(&**db, fx::tenant(g)).await.expect("tenant");
    let u = insert(&**db, fx::user(g)).await.expect("user");
    let p = insert(&**db, fx::plan(g)).await.expect("plan");
    (t, u, p)
}

#[tokio::test]
async fn tenant_rules() {
    let g = &mut fx::generator();
    for db in test_support::all_backends().await {
        let (t, _, _) = base(g, &db).await;
        for bad in [
            "ab",
            "Has-Caps",
            "under_score",
            "x".repeat(51).as_str(),
            "sp ace",
        ] {
            rejects!(
                &db,
                tenants::Model {
                    slug: bad.into(),
                    ..fx::tenant(g)
                },
                ConstraintKind::Check,
                "ck_tenants_slug"
            );
        }
        rejects!(
            &db,
            tenants::Model {
                domain: Some("not a domain".into()),
                ..fx::tenant(g)
            },
            ConstraintKind::Check,
            "ck_tenants_domain"
        );
        rejects!(
            &db,
            tenants::Model {
                max_users: -1,
                ..fx::tenant(g)
            },
            ConstraintKind::Check,
            "ck_tenants_limits_non_negative"
        );
        rejects!(
            &db,
            tenants::Model {
                slug: t.slug.clone(),
                ..fx::tenant(g)
            },
            ConstraintKind::Unique,
            "uq_tenants_slug"
        );
        rejects!(
            &db,
            tenants::Model {
                name: t.name.clone(),
                ..fx::tenant(g)
            },
            ConstraintKind::Unique,
            "uq_tenants_name"
        );
        rejects!(
            &db,
            tenants::Model {
                id: t.id,
                ..fx::tenant(g)
            },
            ConstraintKind::Unique,
            "pk_tenants"
        );
        assert_eq!(
            tenants::Entity::find().count(&*db).await.expect("count"),
            1,
            "{}: nothing half-written",
            db.label()
        );
    }
}

#[tokio::test]
async fn user_rules() {
    let g = &mut fx::generator();
    for db in test_support::all_backends().await {
        let (_, u, _) = base(g, &db).await;
        for bad in [
            "no-at-sign",
            "two@@example.com",
            "a@b",
            "spaces in@example.com",
            "@example.com",
        ] {
            rejects!(
                &db,
                users::Model {
                    email: bad.into(),
                    ..fx::user(g)
                },
                ConstraintKind::Check,
                "ck_users_email"
            );
        }
        for bad in [
            "ab",
            "has space",
            "dots.not.allowed",
            "x".repeat(31).as_str(),
        ] {
            rejects!(
                &db,
                users::Model {
                    username: bad.into(),
                    ..fx::user(g)
                },
                ConstraintKind::Check,
                "ck_users_username"
            );
        }
        rejects!(
            &db,
            users::Model {
                failed_login_count: -1,
                ..fx::user(g)
            },
            ConstraintKind::Check,
            "ck_users_failed_login_count_non_negative"
        );
        // The same address in another case is the same address.
        let shouted = u.email.to_uppercase();
        rejects!(
            &db,
            users::Model {
                email: shouted,
                ..fx::user(g)
            },
            ConstraintKind::Unique,
            "uq_users_email"
        );
        rejects!(
            &db,
            users::Model {
                username: u.username.clone(),
                ..fx::user(g)
            },
            ConstraintKind::Unique,
            "uq_users_username"
        );
    }
}

#[tokio::test]
async fn tenancy_rules() {
    let g = &mut fx::generator();
    for db in test_support::all_backends().await {
        let (t, u, p) = base(g, &db).await;
        let role = insert(&*db, fx::tenant_role(g, t.id)).await.expect("role");
        rejects!(
            &db,
            tenant_roles::Model {
                name: role.name.clone(),
                ..fx::tenant_role(g, t.id)
            },
            ConstraintKind::Unique,
            "uq_tenant_roles_tenant_id_name"
        );
        rejects!(
            &db,
            tenant_roles::Model {
                name: "   ".into(),
                ..fx::tenant_role(g, t.id)
            },
            ConstraintKind::Check,
            "ck_tenant_roles_name_not_blank"
        );

        insert(&*db, fx::tenant_user(g, t.id, u.id, Some(role.id)))
            .await
            .expect("member");
        rejects!(
            &db,
            fx::tenant_user(g, t.id, u.id, None),
            ConstraintKind::Unique,
            "uq_tenant_users_tenant_id_user_id"
        );
        let other = insert(&*db, fx::user(g)).await.expect("user");
        rejects!(
            &db,
            tenant_users::Model {
                joined_at: None,
                ..fx::tenant_user(g, t.id, other.id, None)
            },
            ConstraintKind::Check,
            "ck_tenant_users_joined_when_active"
        );
        let invited = tenant_users::Model {
            joined_at: None,
            status: TenantUserStatus::Invited,
            ..fx::tenant_user(g, t.id, other.id, None)
        };
        insert(&*db, invited)
            .await
            .expect("an invitation has not joined yet");

        rejects!(
            &db,
            onboardings::Model {
                status: OnboardingStatus::Completed,
                ..fx::onboarding(g, t.id, None)
            },
            ConstraintKind::Check,
            "ck_onboardings_completed_at_iff_completed"
        );
        rejects!(
            &db,
            onboardings::Model {
                started_at: None,
                ..fx::onboarding(g, t.id, None)
            },
            ConstraintKind::Check,
            "ck_onboardings_started_unless_not_started"
        );
        rejects!(
            &db,
            onboardings::Model {
                status: OnboardingStatus::Completed,
                completed_at: Some(fx::at(-5)),
                ..fx::onboarding(g, t.id, None)
            },
            ConstraintKind::Check,
            "ck_onboardings_completed_after_started"
        );

        rejects!(
            &db,
            subscriptions::Model {
                seats: 0,
                ..fx::subscription(g, t.id, p.id)
            },
            ConstraintKind::Check,
            "ck_subscriptions_seats_positive"
        );
        rejects!(
            &db,
            subscriptions::Model {
                current_period_end: fx::at(0),
                ..fx::subscription(g, t.id, p.id)
            },
            ConstraintKind::Check,
            "ck_subscriptions_period_end_after_start"
        );
        rejects!(
            &db,
            subscriptions::Model {
                status: SubscriptionStatus::Canceled,
                ..fx::subscription(g, t.id, p.id)
            },
            ConstraintKind::Check,
            "ck_subscriptions_canceled_at_when_canceled"
        );
        rejects!(
            &db,
            subscriptions::Model {
                status: SubscriptionStatus::Trialing,
                ..fx::subscription(g, t.id, p.id)
            },
            ConstraintKind::Check,
            "ck_subscriptions_trial_ends_at_when_trialing"
        );
        // At most one subscription per tenant has not ended; ended ones may pile up.
        insert(&*db, fx::subscription(g, t.id, p.id))
            .await
            .expect("the current subscription");
        rejects!(
            &db,
            fx::subscription(g, t.id, p.id),
            ConstraintKind::Unique,
            "uq_subscriptions_tenant_id"
        );
        let ended = subscriptions::Model {
            status: SubscriptionStatus::Expired,
            ..fx::subscription(g, t.id, p.id)
        };
        insert(&*db, ended)
            .await
            .expect("an expired subscription beside the current one");
    }
}

#[tokio::test]
async fn billing_and_identity_rules() {
    let g = &mut fx::generator();
    for db in test_support::all_backends().await {
        let (t, u, p) = base(g, &db).await;
        rejects!(
            &db,
            plans::Model {
                price_cents: -1,
                ..fx::plan(g)
            },
            ConstraintKind::Check,
            "ck_plans_price_non_negative"
        );
        rejects!(
            &db,
            plans::Model {
                currency: "eur".into(),
                ..fx::plan(g)
            },
            ConstraintKind::Check,
            "ck_plans_currency"
        );
        rejects!(
            &db,
            plans::Model {
                code: "Pro Plan".into(),
                ..fx::plan(g)
            },
            ConstraintKind::Check,
            "ck_plans_code"
        );
        rejects!(
            &db,
            plans::Model {
                code: p.code.clone(),
                ..fx::plan(g)
            },
            ConstraintKind::Unique,
            "uq_plans_code"
        );

        let perm = insert(&*db, fx::permission(g)).await.expect("permission");
        rejects!(
            &db,
            permissions::Model {
                code: "reports.other".into(),
                ..fx::permission(g)
            },
            ConstraintKind::Check,
            "ck_permissions_code_is_resource_dot_action"
        );
        rejects!(
            &db,
            permissions::Model {
                id: fx::permission(g).id,
                ..perm.clone()
            },
            ConstraintKind::Unique,
            "uq_permissions_code"
        );

        // Role names are unique per tenant, and among platform roles (NULL tenant counts as one).
        let platform = insert(&*db, fx::role(g, None))
            .await
            .expect("platform role");
        rejects!(
            &db,
            roles::Model {
                name: platform.name.clone(),
                ..fx::role(g, None)
            },
            ConstraintKind::Unique,
            "uq_roles_tenant_id_name"
        );
        insert(
            &*db,
            roles::Model {
                name: platform.name.clone(),
                ..fx::role(g, Some(t.id))
            },
        )
        .await
        .expect("a tenant may reuse a platform name");

        rejects!(
            &db,
            user_roles::Model {
                expires_at: Some(fx::at(-1)),
                ..fx::user_role(g, u.id, platform.id, None)
            },
            ConstraintKind::Check,
            "ck_user_roles_expires_after_granted"
        );
        insert(&*db, fx::user_role(g, u.id, platform.id, None))
            .await
            .expect("grant");
        rejects!(
            &db,
            fx::user_role(g, u.id, platform.id, None),
            ConstraintKind::Unique,
            "uq_user_roles_user_id_role_id_tenant_id"
        );

        rejects!(
            &db,
            api_keys::Model {
                key_hash: "sk_live_plaintext".into(),
                ..fx::api_key(g, t.id)
            },
            ConstraintKind::Check,
            "ck_api_keys_key_hash"
        );
        rejects!(
            &db,
            api_keys::Model {
                key_prefix: "sk".into(),
                ..fx::api_key(g, t.id)
            },
            ConstraintKind::Check,
            "ck_api_keys_key_prefix_length"
        );
        let key = insert(&*db, fx::api_key(g, t.id)).await.expect("key");
        rejects!(
            &db,
            api_keys::Model {
                key_prefix: key.key_prefix.clone(),
                ..fx::api_key(g, t.id)
            },
            ConstraintKind::Unique,
            "uq_api_keys_key_prefix"
        );

        rejects!(
            &db,
            sessions::Model {
                token_hash: "plaintext-token".into(),
                ..fx::session(g, u.id, None)
            },
            ConstraintKind::Check,
            "ck_sessions_token_hash"
        );
        rejects!(
            &db,
            sessions::Model {
                expires_at: fx::at(-1),
                ..fx::session(g, u.id, None)
            },
            ConstraintKind::Check,
            "ck_sessions_expires_after_created"
        );
        let s = insert(&*db, fx::session(g, u.id, None))
            .await
            .expect("session");
        rejects!(
            &db,
            sessions::Model {
                token_hash: s.token_hash.clone(),
                ..fx::session(g, u.id, None)
            },
            ConstraintKind::Unique,
            "uq_sessions_token_hash"
        );

        rejects!(
            &db,
            login_logs::Model {
                failure_reason: None,
                ..fx::login_log(g, None)
            },
            ConstraintKind::Check,
            "ck_login_logs_failure_reason_iff_failed"
        );
    }
}

#[tokio::test]
async fn foreign_keys_are_typed_too() {
    let g = &mut fx::generator();
    for db in test_support::all_backends().await {
        let err: Error = insert(&*db, fx::tenant_role(g, uuid::Uuid::now_v7()))
            .await
            .expect_err("no such tenant")
            .into();
        match &err {
            Error::Constraint(v) => {
                assert_eq!(v.kind, ConstraintKind::ForeignKey, "{err}");
                if db.label() == "postgres" {
                    assert_eq!(v.constraint.as_deref(), Some("fk_tenant_roles_tenant_id"));
                }
            }
            other => panic!("expected a foreign key violation, got {other:?}"),
        }
    }
}
