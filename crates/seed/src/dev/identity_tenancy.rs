//! The tenancy, identity and plans slice of the `dev` profile: tenants in different states, with
//! members, roles, plans and subscriptions, API keys, sessions and login history.

use chrono::{DateTime, FixedOffset};
use entity::json::{NotificationPreferences, Theme, UserPreferences};
use entity::sea_orm_active_enums::{
    BillingCycle, OnboardingStatus, SubscriptionStatus, TenantStatus, TenantTier, TenantUserStatus,
};
use entity::{
    api_keys, login_logs, onboardings, permissions, plans, role_permissions, roles, sessions,
    subscriptions, tenant_users, tenants, user_roles, users,
};
use uuid::Uuid;

use super::{Context, TenantContext};
use crate::factory::{billing, identity, tenancy};
use crate::{Error, Gen, Loader, Result, TenantLife};

/// The password every dev user signs in with.
pub const DEV_PASSWORD: &str = "dev-password";

struct TenantSpec {
    slug: &'static str,
    name: &'static str,
    status: TenantStatus,
    tier: TenantTier,
    plan: &'static str,
    subscription: SubscriptionStatus,
    onboarding: OnboardingStatus,
    age_days: f64,
    people: &'static [(&'static str, &'static str)],
}

const TENANTS: &[TenantSpec] = &[
    TenantSpec {
        slug: "acme",
        name: "Acme Analytics",
        status: TenantStatus::Active,
        tier: TenantTier::Pro,
        plan: "pro-monthly",
        subscription: SubscriptionStatus::Active,
        onboarding: OnboardingStatus::Completed,
        age_days: 210.0,
        people: &[
            ("Ada", "Lovelace"),
            ("Grace", "Hopper"),
            ("Alan", "Turing"),
            ("Edsger", "Dijkstra"),
        ],
    },
    TenantSpec {
        slug: "globex",
        name: "Globex Corporation",
        status: TenantStatus::Active,
        tier: TenantTier::Enterprise,
        plan: "enterprise-yearly",
        subscription: SubscriptionStatus::Active,
        onboarding: OnboardingStatus::Completed,
        age_days: 150.0,
        people: &[
            ("Hank", "Scorpio"),
            ("Frank", "Grimes"),
            ("Lisa", "Simpson"),
        ],
    },
    TenantSpec {
        slug: "initech",
        name: "Initech",
        status: TenantStatus::Active,
        tier: TenantTier::Pro,
        plan: "pro-monthly",
        subscription: SubscriptionStatus::Trialing,
        onboarding: OnboardingStatus::InProgress,
        age_days: 9.0,
        people: &[("Peter", "Gibbons"), ("Joanna", "Harris")],
    },
    TenantSpec {
        slug: "umbrella",
        name: "Umbrella Labs",
        status: TenantStatus::Suspended,
        tier: TenantTier::Pro,
        plan: "pro-yearly",
        subscription: SubscriptionStatus::PastDue,
        onboarding: OnboardingStatus::Completed,
        age_days: 320.0,
        people: &[("Alice", "Abernathy"), ("Albert", "Wesker")],
    },
    TenantSpec {
        slug: "hooli",
        name: "Hooli",
        status: TenantStatus::Churned,
        tier: TenantTier::Free,
        plan: "free",
        subscription: SubscriptionStatus::Canceled,
        onboarding: OnboardingStatus::Abandoned,
        age_days: 400.0,
        people: &[("Gavin", "Belson")],
    },
];

const PLANS: &[(&str, &str, TenantTier, i64, BillingCycle)] = &[
    ("free", "Free", TenantTier::Free, 0, BillingCycle::Monthly),
    (
        "pro-monthly",
        "Pro (monthly)",
        TenantTier::Pro,
        4_900,
        BillingCycle::Monthly,
    ),
    (
        "pro-yearly",
        "Pro (yearly)",
        TenantTier::Pro,
        49_000,
        BillingCycle::Yearly,
    ),
    (
        "enterprise-yearly",
        "Enterprise (yearly)",
        TenantTier::Enterprise,
        240_000,
        BillingCycle::Yearly,
    ),
];

const PERMISSIONS: &[(&str, &str)] = &[
    ("reports", "read"),
    ("reports", "write"),
    ("reports", "execute"),
    ("templates", "read"),
    ("templates", "write"),
    ("users", "read"),
    ("users", "invite"),
    ("billing", "read"),
    ("billing", "manage"),
    ("settings", "manage"),
    ("api_keys", "manage"),
    ("audit", "read"),
];

/// Loads the slice and records what later domains build on in `ctx`.
/// The platform admin is written only when `platform_admin` (a dev database); it is built either
/// way, so the rest of the data is the same with or without it.
pub async fn load(
    loader: &mut Loader<'_>,
    g: &mut Gen,
    ctx: &mut Context,
    platform_admin: bool,
) -> Result<()> {
    let created = |g: &Gen, days: f64| g.days_ago(days);

    // Plans (platform data).
    let mut plan_rows = Vec::new();
    for (code, name, tier, price, cycle) in PLANS {
        let at = created(g, 500.0);
        plan_rows.push(billing::plan_of(g, code, name, *tier, *price, *cycle, at));
    }

    // Permissions and platform roles.
    let mut permission_rows = Vec::new();
    for (resource, action) in PERMISSIONS {
        let at = created(g, 500.0);
        permission_rows.push(permissions::Model {
            description: Some(format!("May {action} {}", resource.replace('_', " "))),
            ..identity::permission_on(g, resource, action, at)
        });
    }
    let mut role_rows = Vec::new();
    let mut role_permission_rows = Vec::new();
    for (name, description, prefixes) in [
        ("platform_admin", "Operates the platform", &["*"][..]),
        (
            "support_agent",
            "Reads tenant data to help customers",
            &["reports.read", "users.read", "audit.read"][..],
        ),
        (
            "report_viewer",
            "Reads reports",
            &["reports.read", "templates.read"][..],
        ),
        (
            "report_manager",
            "Writes and runs reports",
            &["reports.", "templates."][..],
        ),
    ] {
        let at = created(g, 500.0);
        let role = roles::Model {
            description: Some(description.into()),
            ..identity::named_role(g, None, name, at)
        };
        for p in &permission_rows {
            if prefixes
                .iter()
                .any(|pre| *pre == "*" || p.code.starts_with(pre) || p.code == *pre)
            {
                role_permission_rows.push(role_permissions::Model {
                    role_id: role.id,
                    permission_id: p.id,
                    created_at: at,
                });
            }
        }
        role_rows.push(role);
    }

    // One password hash for every dev user: Argon2id is slow by design, and dev data needs no
    // per-user salt to be realistic.
    let password_hash =
        domain::secrets::hash_password(DEV_PASSWORD, &g.bytes::<16>()).map_err(Error::Secret)?;

    let mut tenant_rows = Vec::new();
    let mut user_rows = Vec::new();
    let mut tenant_role_rows = Vec::new();
    let mut tenant_user_rows = Vec::new();
    let mut onboarding_rows = Vec::new();
    let mut subscription_rows = Vec::new();
    let mut user_role_rows = Vec::new();
    let mut api_key_rows = Vec::new();
    let mut session_rows = Vec::new();
    let mut login_rows = Vec::new();

    // The platform's own operator, a member of no tenant.
    let admin_at = created(g, 500.0);
    let admin = user(
        g,
        &password_hash,
        "Platform",
        "Operator",
        "platform.test",
        admin_at,
        true,
    );
    let admin_grant = identity::grant(g, admin.id, role_rows[0].id, None, admin_at);
    let admin_id = platform_admin.then_some(admin.id);
    if platform_admin {
        user_role_rows.push(admin_grant);
        ctx.admin = Some(admin.clone());
        user_rows.push(admin);
    }

    for spec in TENANTS {
        let life = TenantLife::of(spec.status, spec.age_days);
        let born = life.born_at(g);
        let domain_name = format!("{}.example.com", spec.slug);
        let tenant = tenancy::tenant_in(g, &life, spec.tier, spec.slug, spec.name);

        let tenant_roles_here = tenancy::standard_tenant_roles(g, tenant.id, spec.name, born);

        let mut members = Vec::new();
        for (i, (first, last)) in spec.people.iter().enumerate() {
            let joined = g.between_days_ago(spec.age_days, (spec.age_days - 7.0).max(0.5));
            let u = user(g, &password_hash, first, last, &domain_name, joined, false);
            let role = &tenant_roles_here[i.min(2)];
            tenant_user_rows.push(tenant_users::Model {
                status: if spec.status == TenantStatus::Churned {
                    TenantUserStatus::Removed
                } else {
                    TenantUserStatus::Active
                },
                invited_by_user_id: members.first().map(|m: &users::Model| m.id),
                ..tenancy::member_since(g, tenant.id, u.id, Some(role.id), joined)
            });
            members.push(u);
        }
        // The platform operator helps the suspended tenant: a temporary support grant.
        if spec.status == TenantStatus::Suspended
            && let Some(admin_id) = admin_id
        {
            let granted = g.days_ago(3.0);
            user_role_rows.push(user_roles::Model {
                granted_by_user_id: Some(admin_id),
                expires_at: Some(g.days_ago(-4.0)),
                ..identity::grant(g, admin_id, role_rows[1].id, Some(tenant.id), granted)
            });
        }
        // Report managers and viewers inside the tenant.
        for (i, m) in members.iter().enumerate() {
            let role = if i < 2 { &role_rows[3] } else { &role_rows[2] };
            user_role_rows.push(user_roles::Model {
                granted_by_user_id: Some(members[0].id),
                ..identity::grant(g, m.id, role.id, Some(tenant.id), m.created_at)
            });
        }

        onboarding_rows.push(onboarding(
            g,
            &tenant,
            spec.onboarding,
            members.first().map(|m| m.id),
        ));
        subscription_rows.extend(subscriptions_for(g, &tenant, spec, &life, &plan_rows));

        if matches!(spec.status, TenantStatus::Active | TenantStatus::Suspended) {
            for (name, days) in [("CI pipeline", 60.0_f64), ("BI export", 20.0)] {
                let at = created(g, days.min(spec.age_days));
                let (key, plaintext) = identity::issued_api_key(g, tenant.id, name, at);
                ctx.generated_secret(&plaintext);
                api_key_rows.push(api_keys::Model {
                    created_by_user_id: Some(members[0].id),
                    scopes: entity::json::ApiKeyScopes(vec![
                        "reports.read".into(),
                        "reports.execute".into(),
                    ]),
                    last_used_at: Some(g.between_days_ago(2.0, 0.01)),
                    ..key
                });
            }
        }

        for m in &members {
            let active = spec.status == TenantStatus::Active;
            if active {
                let at = g.between_days_ago(1.0, 0.01);
                let (session, token) = identity::signed_in(g, m.id, Some(tenant.id), at);
                ctx.generated_secret(&token);
                session_rows.push(sessions::Model {
                    ip_address: Some(format!("203.0.113.{}", g.range(1..=254))),
                    user_agent: Some("Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0".into()),
                    ..session
                });
            }
            let attempts = if active { 8 } else { 3 };
            for _ in 0..attempts {
                let at = g.between_days_ago(spec.age_days.min(120.0), 0.02);
                let failed = g.chance(0.2);
                login_rows.push(login_logs::Model {
                    ip_address: Some(format!("198.51.100.{}", g.range(1..=254))),
                    user_agent: Some("Mozilla/5.0 (Macintosh) Safari/18.1".into()),
                    ..identity::attempt(g, Some(m.id), &m.email, !failed, at)
                });
            }
        }
        ctx.tenants.push(TenantContext {
            tenant: tenant.clone(),
            members: members.clone(),
            life,
        });
        tenant_rows.push(tenant);
        tenant_role_rows.extend(tenant_roles_here);
        user_rows.extend(members);
    }
    // An attempt for an address nobody has: no user to link.
    let at = g.days_ago(5.0);
    login_rows.push(login_logs::Model {
        failure_reason: Some("unknown_email".into()),
        ip_address: Some("192.0.2.66".into()),
        user_agent: Some("curl/8.5.0".into()),
        ..identity::attempt(g, None, "mallory@unknown.example", false, at)
    });

    ctx.plans = plan_rows.clone();
    ctx.roles = role_rows.clone();
    ctx.subscriptions = subscription_rows.clone();
    loader.load(plan_rows).await?;
    loader.load(tenant_rows).await?;
    loader.load(user_rows).await?;
    loader.load(tenant_role_rows).await?;
    loader.load(tenant_user_rows).await?;
    loader.load(onboarding_rows).await?;
    loader.load(subscription_rows).await?;
    loader.load(permission_rows).await?;
    loader.load(role_rows).await?;
    loader.load(role_permission_rows).await?;
    loader.load(user_role_rows).await?;
    loader.load(api_key_rows).await?;
    loader.load(session_rows).await?;
    loader.load(login_rows).await?;
    Ok(())
}

fn user(
    g: &mut Gen,
    password_hash: &str,
    first: &str,
    last: &str,
    domain_name: &str,
    at: DateTime<FixedOffset>,
    is_platform_admin: bool,
) -> users::Model {
    users::Model {
        password_hash: Some(password_hash.to_owned()),
        phone: Some(format!("+44 20 7946 {:04}", g.range(0..=9999))),
        timezone: "Europe/London".into(),
        locale: "en-GB".into(),
        last_login_at: Some(g.between_days_ago(3.0, 0.01)),
        preferences: UserPreferences {
            theme: *g.pick(&[Theme::System, Theme::Light, Theme::Dark]),
            notifications: NotificationPreferences::default(),
            landing_dashboard: None,
            extra: Default::default(),
        },
        is_platform_admin,
        ..identity::person(g, first, last, domain_name, at)
    }
}

fn onboarding(
    g: &mut Gen,
    tenant: &tenants::Model,
    status: OnboardingStatus,
    owner: Option<Uuid>,
) -> onboardings::Model {
    let done = match status {
        OnboardingStatus::NotStarted => 0,
        OnboardingStatus::InProgress => 2,
        OnboardingStatus::Abandoned => 1,
        OnboardingStatus::Completed => tenancy::ONBOARDING_STEPS.len(),
    };
    let gap = chrono::Duration::hours(6);
    tenancy::onboarding_of(g, tenant.id, owner, status, done, tenant.created_at, gap)
}

fn subscriptions_for(
    g: &mut Gen,
    tenant: &tenants::Model,
    spec: &TenantSpec,
    life: &TenantLife,
    plans: &[plans::Model],
) -> Vec<subscriptions::Model> {
    let Some(plan) = plans.iter().find(|p| p.code == spec.plan) else {
        return Vec::new();
    };
    let period = match plan.billing_cycle {
        BillingCycle::Monthly => 30.0,
        BillingCycle::Yearly => 365.0,
    };
    let start = g.days_ago((spec.age_days % period).max(1.0));
    let end = start + chrono::Duration::days(period as i64);
    let canceled = spec.subscription == SubscriptionStatus::Canceled;
    let created = tenant.created_at;
    vec![subscriptions::Model {
        status: spec.subscription,
        seats: spec.people.len() as i64,
        current_period_start: start,
        current_period_end: end,
        trial_ends_at: (spec.subscription == SubscriptionStatus::Trialing)
            .then(|| created + chrono::Duration::days(14)),
        canceled_at: if canceled { life.ended_at(g) } else { None },
        ..tenancy::subscribed_at(g, tenant.id, plan.id, plan.billing_cycle, created)
    }]
}
