//! Valid rows for every table, for tests to insert as they are or to break one rule at a time.
//!
//! Times are whole microseconds, the precision of Postgres `timestamptz`, so that a row read back
//! equals the row written on both backends.

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};
use entity::json::{CompletedStep, OnboardingSteps, PlanLimits, TenantSettings, UserPreferences};
use entity::sea_orm_active_enums::{
    BillingCycle, OnboardingStatus, SubscriptionStatus, TenantStatus, TenantTier, TenantUserStatus,
    UserStatus,
};
use entity::{
    api_keys, login_logs, onboardings, permissions, plans, role_permissions, roles, sessions,
    subscriptions, tenant_roles, tenant_users, tenants, user_roles, users,
};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, ModelTrait};
use uuid::Uuid;

/// A fixed instant with microsecond precision.
pub fn at(days: i64) -> DateTime<FixedOffset> {
    let base = Utc
        .with_ymd_and_hms(2026, 10, 1, 12, 0, 0)
        .single()
        .unwrap_or_default();
    (base + Duration::days(days) + Duration::microseconds(123_456)).fixed_offset()
}

/// A short unique suffix for unique columns.
pub fn unique(prefix: &str) -> String {
    let id = Uuid::now_v7().simple().to_string();
    format!("{prefix}-{}", &id[id.len() - 10..])
}

/// A valid tenant.
pub fn tenant() -> tenants::Model {
    let slug = unique("t");
    tenants::Model {
        id: Uuid::now_v7(),
        name: format!("Tenant {slug}"),
        domain: Some(format!("{slug}.example.com")),
        slug,
        description: Some("A test tenant".into()),
        status: TenantStatus::Active,
        tier: TenantTier::Pro,
        settings: TenantSettings {
            require_mfa: true,
            allowed_email_domains: vec!["example.com".into()],
            ..TenantSettings::default()
        },
        max_users: 10,
        max_reports: 100,
        storage_limit_gb: 5,
        subscription_expires_at: Some(at(30)),
        created_at: at(0),
        updated_at: at(0),
    }
}

/// A valid user.
pub fn user() -> users::Model {
    let name = unique("u").replace('-', "_");
    users::Model {
        id: Uuid::now_v7(),
        email: format!("{name}@Example.com"),
        username: name,
        password_hash: Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA".into()),
        first_name: "Test".into(),
        last_name: "User".into(),
        phone: None,
        timezone: "UTC".into(),
        locale: "en".into(),
        status: UserStatus::Active,
        email_verified_at: Some(at(1)),
        last_login_at: None,
        failed_login_count: 0,
        preferences: UserPreferences::default(),
        is_platform_admin: false,
        created_at: at(0),
        updated_at: at(0),
    }
}

/// A valid plan.
pub fn plan() -> plans::Model {
    plans::Model {
        id: Uuid::now_v7(),
        code: unique("plan"),
        name: "Pro".into(),
        tier: TenantTier::Pro,
        price_cents: 4_900,
        currency: "EUR".into(),
        billing_cycle: BillingCycle::Monthly,
        features: serde_json::json!(["reports", "api"]),
        limits: PlanLimits {
            max_users: Some(50),
            ..PlanLimits::default()
        },
        is_active: true,
        created_at: at(0),
        updated_at: at(0),
    }
}

/// A valid tenant role.
pub fn tenant_role(tenant: Uuid) -> tenant_roles::Model {
    tenant_roles::Model {
        id: Uuid::now_v7(),
        tenant_id: tenant,
        name: unique("role"),
        description: None,
        is_default: true,
        created_at: at(0),
        updated_at: at(0),
    }
}

/// A valid active membership.
pub fn tenant_user(tenant: Uuid, user: Uuid, role: Option<Uuid>) -> tenant_users::Model {
    tenant_users::Model {
        id: Uuid::now_v7(),
        tenant_id: tenant,
        user_id: user,
        tenant_role_id: role,
        status: TenantUserStatus::Active,
        invited_by_user_id: None,
        joined_at: Some(at(1)),
        created_at: at(0),
        updated_at: at(0),
    }
}

/// A valid onboarding in progress.
pub fn onboarding(tenant: Uuid, owner: Option<Uuid>) -> onboardings::Model {
    onboardings::Model {
        id: Uuid::now_v7(),
        tenant_id: tenant,
        status: OnboardingStatus::InProgress,
        current_step: Some("invite_team".into()),
        steps_completed: OnboardingSteps(vec![CompletedStep {
            step: "create_workspace".into(),
            completed_at: at(1),
            completed_by: owner,
            extra: Default::default(),
        }]),
        owner_user_id: owner,
        started_at: Some(at(0)),
        completed_at: None,
        created_at: at(0),
        updated_at: at(0),
    }
}

/// A valid active subscription.
pub fn subscription(tenant: Uuid, plan: Uuid) -> subscriptions::Model {
    subscriptions::Model {
        id: Uuid::now_v7(),
        tenant_id: tenant,
        plan_id: plan,
        status: SubscriptionStatus::Active,
        billing_cycle: BillingCycle::Monthly,
        seats: 5,
        current_period_start: at(0),
        current_period_end: at(30),
        trial_ends_at: None,
        canceled_at: None,
        created_at: at(0),
        updated_at: at(0),
    }
}

/// A valid permission.
pub fn permission() -> permissions::Model {
    let action = unique("act").replace('-', "_");
    permissions::Model {
        id: Uuid::now_v7(),
        code: format!("reports.{action}"),
        resource: "reports".into(),
        action,
        description: None,
        created_at: at(0),
        updated_at: at(0),
    }
}

/// A valid role, of a tenant or of the platform.
pub fn role(tenant: Option<Uuid>) -> roles::Model {
    roles::Model {
        id: Uuid::now_v7(),
        tenant_id: tenant,
        name: unique("role"),
        description: Some("A role".into()),
        is_system: tenant.is_none(),
        created_at: at(0),
        updated_at: at(0),
    }
}

/// A valid grant of a permission to a role.
pub fn role_permission(role: Uuid, permission: Uuid) -> role_permissions::Model {
    role_permissions::Model {
        role_id: role,
        permission_id: permission,
        created_at: at(0),
    }
}

/// A valid grant of a role to a user.
pub fn user_role(user: Uuid, role: Uuid, tenant: Option<Uuid>) -> user_roles::Model {
    user_roles::Model {
        id: Uuid::now_v7(),
        user_id: user,
        role_id: role,
        tenant_id: tenant,
        granted_by_user_id: None,
        granted_at: at(0),
        expires_at: Some(at(10)),
        created_at: at(0),
        updated_at: at(0),
    }
}

/// A valid API key (hash of a throwaway key).
pub fn api_key(tenant: Uuid) -> api_keys::Model {
    let prefix = unique("sk").replace('-', "_");
    api_keys::Model {
        id: Uuid::now_v7(),
        tenant_id: tenant,
        created_by_user_id: None,
        name: "CI".into(),
        key_prefix: prefix[..12.min(prefix.len())].to_owned(),
        key_hash: "0".repeat(64),
        scopes: entity::json::ApiKeyScopes(vec!["reports.read".into()]),
        last_used_at: None,
        expires_at: Some(at(365)),
        revoked_at: None,
        created_at: at(0),
        updated_at: at(0),
    }
}

/// A valid session.
pub fn session(user: Uuid, tenant: Option<Uuid>) -> sessions::Model {
    let hash = format!("{:064x}", Uuid::now_v7().as_u128());
    sessions::Model {
        id: Uuid::now_v7(),
        user_id: user,
        tenant_id: tenant,
        token_hash: hash,
        ip_address: Some("2001:db8::1".into()),
        user_agent: Some("test".into()),
        last_seen_at: Some(at(0)),
        expires_at: at(14),
        revoked_at: None,
        created_at: at(0),
        updated_at: at(0),
    }
}

/// A valid failed login attempt.
pub fn login_log(user: Option<Uuid>) -> login_logs::Model {
    login_logs::Model {
        id: Uuid::now_v7(),
        user_id: user,
        email_attempted: "Someone@Example.com".into(),
        succeeded: false,
        failure_reason: Some("invalid_password".into()),
        ip_address: Some("192.0.2.1".into()),
        user_agent: None,
        occurred_at: at(2),
    }
}

/// Inserts `model` through its entity's active model (so the entity's `before_save` and
/// `after_save` run) and returns the row the database returned.
///
/// # Errors
///
/// The database's error, for tests that expect one.
pub async fn insert<M>(db: &impl ConnectionTrait, model: M) -> Result<M, DbErr>
where
    M: ModelTrait + IntoActiveModel<<M::Entity as EntityTrait>::ActiveModel>,
    M::Entity: EntityTrait<Model = M>,
    <M::Entity as EntityTrait>::ActiveModel: Send,
{
    model.into_active_model().insert(db).await
}
