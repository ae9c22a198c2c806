//! Tenancy: tenants, their roles, members, onboarding and subscriptions.

use entity::json::{Branding, CompletedStep, OnboardingSteps, TenantSettings};
use entity::sea_orm_active_enums::{
    BillingCycle, OnboardingStatus, SubscriptionStatus, TenantTier, TenantUserStatus,
};
use entity::{onboardings, subscriptions, tenant_roles, tenant_users, tenants};
use uuid::Uuid;

use super::{at, unique};
use crate::{Gen, TenantLife};

/// A tenant called `name` at `<slug>.example.com`, in the phase and with the dates of `life`;
/// its limits, branding and security settings follow its `tier`.
pub fn tenant_in(
    g: &mut Gen,
    life: &TenantLife,
    tier: TenantTier,
    slug: &str,
    name: &str,
) -> tenants::Model {
    let born = life.born_at(g);
    let domain = format!("{slug}.example.com");
    let (max_users, max_reports, storage_limit_gb) = match tier {
        TenantTier::Free => (3, 20, 1),
        TenantTier::Pro => (50, 1_000, 100),
        TenantTier::Enterprise => (500, 10_000, 1_000),
    };
    tenants::Model {
        id: g.id_at(born),
        slug: slug.into(),
        name: name.into(),
        description: Some(format!("{name}, a {} tenant", tier_name(tier))),
        status: life.status(),
        tier,
        settings: TenantSettings {
            branding: Branding {
                primary_color: Some(format!("#{:06x}", g.range(0..=0xff_ffff))),
                logo_url: Some(format!("https://{domain}/logo.svg")),
                extra: Default::default(),
            },
            allowed_email_domains: vec![domain.clone()],
            default_locale: Some("en-GB".into()),
            default_timezone: Some("Europe/London".into()),
            require_mfa: tier == TenantTier::Enterprise,
            audit_retention_days: Some(if tier == TenantTier::Free { 90 } else { 365 }),
            extra: Default::default(),
        },
        domain: Some(domain),
        max_users,
        max_reports,
        storage_limit_gb,
        subscription_expires_at: None,
        created_at: born,
        updated_at: life.stopped_at(g).max(born),
    }
}

/// Any valid tenant: an enterprise tenant (so it requires MFA) active for the last 90 days,
/// with a unique slug.
pub fn tenant(g: &mut Gen) -> tenants::Model {
    let slug = unique(g, "t");
    let name = format!("Tenant {slug}");
    tenants::Model {
        subscription_expires_at: Some(at(30)),
        ..tenant_in(
            g,
            &TenantLife::default(),
            TenantTier::Enterprise,
            &slug,
            &name,
        )
    }
}

/// The tier's name, as people write it.
pub fn tier_name(tier: TenantTier) -> &'static str {
    match tier {
        TenantTier::Free => "free",
        TenantTier::Pro => "pro",
        TenantTier::Enterprise => "enterprise",
    }
}

/// A role of `tenant` with a unique name, the default one for new members.
pub fn tenant_role(g: &mut Gen, tenant: Uuid) -> tenant_roles::Model {
    let name = unique(g, "role");
    named_tenant_role(g, tenant, &name, true, at(0))
}

/// The owner, admin and member roles of `tenant` (called `tenant_name`), made at `created`;
/// new members get the member role.
pub fn standard_tenant_roles(
    g: &mut Gen,
    tenant: Uuid,
    tenant_name: &str,
    created: chrono::DateTime<chrono::FixedOffset>,
) -> [tenant_roles::Model; 3] {
    [("owner", false), ("admin", false), ("member", true)].map(|(name, is_default)| {
        tenant_roles::Model {
            description: Some(format!("{name} of {tenant_name}")),
            ..named_tenant_role(g, tenant, name, is_default, created)
        }
    })
}

/// The role `name` of `tenant`, made at `created`.
pub fn named_tenant_role(
    g: &mut Gen,
    tenant: Uuid,
    name: &str,
    is_default: bool,
    created: chrono::DateTime<chrono::FixedOffset>,
) -> tenant_roles::Model {
    tenant_roles::Model {
        id: g.id_at(created),
        tenant_id: tenant,
        name: name.into(),
        description: None,
        is_default,
        created_at: created,
        updated_at: created,
    }
}

/// An active membership of `user` in `tenant` with `role`, joined a day after the anchor.
pub fn tenant_user(
    g: &mut Gen,
    tenant: Uuid,
    user: Uuid,
    role: Option<Uuid>,
) -> tenant_users::Model {
    member_since(g, tenant, user, role, at(1))
}

/// An active membership of `user` in `tenant` with `role`, since `joined`.
pub fn member_since(
    g: &mut Gen,
    tenant: Uuid,
    user: Uuid,
    role: Option<Uuid>,
    joined: chrono::DateTime<chrono::FixedOffset>,
) -> tenant_users::Model {
    tenant_users::Model {
        id: g.id_at(joined),
        tenant_id: tenant,
        user_id: user,
        tenant_role_id: role,
        status: TenantUserStatus::Active,
        invited_by_user_id: None,
        joined_at: Some(joined),
        created_at: joined,
        updated_at: joined,
    }
}

/// The steps of onboarding, in order.
pub const ONBOARDING_STEPS: &[&str] = &[
    "create_workspace",
    "invite_team",
    "connect_data",
    "first_report",
];

/// The onboarding of `tenant` with `status`, started at `started`, its first `done` steps
/// ([`ONBOARDING_STEPS`]) completed by `owner` one `gap` after another.
pub fn onboarding_of(
    g: &mut Gen,
    tenant: Uuid,
    owner: Option<Uuid>,
    status: OnboardingStatus,
    done: usize,
    started: chrono::DateTime<chrono::FixedOffset>,
    gap: chrono::Duration,
) -> onboardings::Model {
    let done = done.min(ONBOARDING_STEPS.len());
    let steps: Vec<CompletedStep> = ONBOARDING_STEPS[..done]
        .iter()
        .zip(1..)
        .map(|(step, i)| CompletedStep {
            step: (*step).into(),
            completed_at: started + gap * i,
            completed_by: owner,
            extra: Default::default(),
        })
        .collect();
    let finished = steps.last().map(|s| s.completed_at);
    onboardings::Model {
        id: g.id_at(started),
        tenant_id: tenant,
        status,
        current_step: ONBOARDING_STEPS.get(done).map(|s| (*s).to_owned()),
        steps_completed: OnboardingSteps(steps),
        owner_user_id: owner,
        started_at: (status != OnboardingStatus::NotStarted).then_some(started),
        completed_at: finished.filter(|_| status == OnboardingStatus::Completed),
        created_at: started,
        updated_at: finished.unwrap_or(started).max(started),
    }
}

/// An onboarding of `tenant` in progress, its first step done by `owner`.
pub fn onboarding(g: &mut Gen, tenant: Uuid, owner: Option<Uuid>) -> onboardings::Model {
    let day = chrono::Duration::days(1);
    onboarding_of(
        g,
        tenant,
        owner,
        OnboardingStatus::InProgress,
        1,
        at(0),
        day,
    )
}

/// An active subscription of `tenant` to `plan` billed every `cycle`, for one seat, made at
/// `created` and in its first period.
pub fn subscribed_at(
    g: &mut Gen,
    tenant: Uuid,
    plan: Uuid,
    cycle: BillingCycle,
    created: chrono::DateTime<chrono::FixedOffset>,
) -> subscriptions::Model {
    subscriptions::Model {
        id: g.id_at(created),
        tenant_id: tenant,
        plan_id: plan,
        status: SubscriptionStatus::Active,
        billing_cycle: cycle,
        seats: 1,
        current_period_start: created,
        current_period_end: created + chrono::Duration::days(super::billing::cycle_days(cycle)),
        trial_ends_at: None,
        canceled_at: None,
        created_at: created,
        updated_at: created,
    }
}

/// An active monthly subscription of `tenant` to `plan`, five seats, in its first period.
pub fn subscription(g: &mut Gen, tenant: Uuid, plan: Uuid) -> subscriptions::Model {
    subscriptions::Model {
        seats: 5,
        ..subscribed_at(g, tenant, plan, BillingCycle::Monthly, at(0))
    }
}

/// A [`subscription`] on its 14-day trial.
pub fn trialing_subscription(g: &mut Gen, tenant: Uuid, plan: Uuid) -> subscriptions::Model {
    subscriptions::Model {
        status: SubscriptionStatus::Trialing,
        trial_ends_at: Some(at(14)),
        ..subscription(g, tenant, plan)
    }
}
