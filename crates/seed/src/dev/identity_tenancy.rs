//! The tenancy, identity and plans slice of the `dev` profile: tenants in different states, with
//! members, roles, plans and subscriptions, API keys, sessions and login history.

use chrono::{DateTime, FixedOffset};
use entity::json::{
    Branding, CompletedStep, NotificationPreferences, OnboardingSteps, PlanLimits, TenantSettings,
    Theme, UserPreferences,
};
use entity::sea_orm_active_enums::{
    BillingCycle, OnboardingStatus, SubscriptionStatus, TenantStatus, TenantTier, TenantUserStatus,
    UserStatus,
};
use entity::{
    api_keys, login_logs, onboardings, permissions, plans, role_permissions, roles, sessions,
    subscriptions, tenant_roles, tenant_users, tenants, user_roles, users,
};
use uuid::Uuid;

use super::{Context, TenantContext};
use crate::{Error, Gen, Loader, Result};

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

const ONBOARDING_STEPS: &[&str] = &[
    "create_workspace",
    "invite_team",
    "connect_data",
    "first_report",
];

/// Loads the slice and records what later domains build on in `ctx`.
pub async fn load(loader: &mut Loader<'_>, g: &mut Gen, ctx: &mut Context) -> Result<()> {
    let created = |g: &Gen, days: f64| g.days_ago(days);

    // Plans (platform data).
    let mut plan_rows = Vec::new();
    for (code, name, tier, price, cycle) in PLANS {
        let at = created(g, 500.0);
        plan_rows.push(plans::Model {
            id: g.id_at(at),
            code: (*code).into(),
            name: (*name).into(),
            tier: *tier,
            price_cents: *price,
            currency: "USD".into(),
            billing_cycle: *cycle,
            features: serde_json::json!(match tier {
                TenantTier::Free => vec!["reports"],
                TenantTier::Pro => vec!["reports", "schedules", "api"],
                TenantTier::Enterprise =>
                    vec!["reports", "schedules", "api", "sso", "audit_export"],
            }),
            limits: match tier {
                TenantTier::Free => PlanLimits {
                    max_users: Some(3),
                    max_reports: Some(20),
                    storage_gb: Some(1),
                    api_calls_per_month: Some(1_000),
                    extra: Default::default(),
                },
                TenantTier::Pro => PlanLimits {
                    max_users: Some(50),
                    max_reports: Some(1_000),
                    storage_gb: Some(100),
                    api_calls_per_month: Some(1_000_000),
                    extra: Default::default(),
                },
                TenantTier::Enterprise => PlanLimits::default(),
            },
            is_active: true,
            created_at: at,
            updated_at: at,
        });
    }

    // Permissions and platform roles.
    let mut permission_rows = Vec::new();
    for (resource, action) in PERMISSIONS {
        let at = created(g, 500.0);
        permission_rows.push(permissions::Model {
            id: g.id_at(at),
            code: format!("{resource}.{action}"),
            resource: (*resource).into(),
            action: (*action).into(),
            description: Some(format!("May {action} {}", resource.replace('_', " "))),
            created_at: at,
            updated_at: at,
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
            id: g.id_at(at),
            tenant_id: None,
            name: name.into(),
            description: Some(description.into()),
            is_system: true,
            created_at: at,
            updated_at: at,
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
    user_role_rows.push(user_roles::Model {
        id: g.id_at(admin_at),
        user_id: admin.id,
        role_id: role_rows[0].id,
        tenant_id: None,
        granted_by_user_id: None,
        granted_at: admin_at,
        expires_at: None,
        created_at: admin_at,
        updated_at: admin_at,
    });
    let admin_id = admin.id;
    ctx.admin = Some(admin.clone());
    user_rows.push(admin);

    for spec in TENANTS {
        let born = created(g, spec.age_days);
        let domain_name = format!("{}.example.com", spec.slug);
        let tenant = tenants::Model {
            id: g.id_at(born),
            slug: spec.slug.into(),
            name: spec.name.into(),
            domain: Some(domain_name.clone()),
            description: Some(format!("{}, a dev tenant", spec.name)),
            status: spec.status,
            tier: spec.tier,
            settings: TenantSettings {
                branding: Branding {
                    primary_color: Some(format!("#{:06x}", g.range(0..=0xff_ffff))),
                    logo_url: Some(format!("https://{domain_name}/logo.svg")),
                    extra: Default::default(),
                },
                allowed_email_domains: vec![domain_name.clone()],
                default_locale: Some("en-GB".into()),
                default_timezone: Some("Europe/London".into()),
                require_mfa: spec.tier == TenantTier::Enterprise,
                audit_retention_days: Some(365),
                extra: Default::default(),
            },
            max_users: if spec.tier == TenantTier::Free { 3 } else { 50 },
            max_reports: if spec.tier == TenantTier::Free {
                20
            } else {
                1_000
            },
            storage_limit_gb: if spec.tier == TenantTier::Free {
                1
            } else {
                100
            },
            subscription_expires_at: None,
            created_at: born,
            updated_at: born,
        };

        let mut tenant_roles_here = Vec::new();
        for (name, is_default) in [("owner", false), ("admin", false), ("member", true)] {
            tenant_roles_here.push(tenant_roles::Model {
                id: g.id_at(born),
                tenant_id: tenant.id,
                name: name.into(),
                description: Some(format!("{name} of {}", spec.name)),
                is_default,
                created_at: born,
                updated_at: born,
            });
        }

        let mut members = Vec::new();
        for (i, (first, last)) in spec.people.iter().enumerate() {
            let joined = g.between_days_ago(spec.age_days, (spec.age_days - 7.0).max(0.5));
            let u = user(g, &password_hash, first, last, &domain_name, joined, false);
            let role = &tenant_roles_here[i.min(2)];
            tenant_user_rows.push(tenant_users::Model {
                id: g.id_at(joined),
                tenant_id: tenant.id,
                user_id: u.id,
                tenant_role_id: Some(role.id),
                status: if spec.status == TenantStatus::Churned {
                    TenantUserStatus::Removed
                } else {
                    TenantUserStatus::Active
                },
                invited_by_user_id: members.first().map(|m: &users::Model| m.id),
                joined_at: Some(joined),
                created_at: joined,
                updated_at: joined,
            });
            members.push(u);
        }
        // The platform operator helps the suspended tenant: a temporary support grant.
        if spec.status == TenantStatus::Suspended {
            let granted = g.days_ago(3.0);
            user_role_rows.push(user_roles::Model {
                id: g.id_at(granted),
                user_id: admin_id,
                role_id: role_rows[1].id,
                tenant_id: Some(tenant.id),
                granted_by_user_id: Some(admin_id),
                granted_at: granted,
                expires_at: Some(g.days_ago(-4.0)),
                created_at: granted,
                updated_at: granted,
            });
        }
        // Report managers and viewers inside the tenant.
        for (i, m) in members.iter().enumerate() {
            let role = if i < 2 { &role_rows[3] } else { &role_rows[2] };
            user_role_rows.push(user_roles::Model {
                id: g.id_at(m.created_at),
                user_id: m.id,
                role_id: role.id,
                tenant_id: Some(tenant.id),
                granted_by_user_id: Some(members[0].id),
                granted_at: m.created_at,
                expires_at: None,
                created_at: m.created_at,
                updated_at: m.created_at,
            });
        }

        onboarding_rows.push(onboarding(
            g,
            &tenant,
            spec.onboarding,
            members.first().map(|m| m.id),
        ));
        subscription_rows.extend(subscriptions_for(g, &tenant, spec, &plan_rows));

        if matches!(spec.status, TenantStatus::Active | TenantStatus::Suspended) {
            for (name, days) in [("CI pipeline", 60.0_f64), ("BI export", 20.0)] {
                let at = created(g, days.min(spec.age_days));
                let key = domain::secrets::api_key_from_bytes(g.bytes::<20>());
                ctx.generated_secret(&key.key);
                api_key_rows.push(api_keys::Model {
                    id: g.id_at(at),
                    tenant_id: tenant.id,
                    created_by_user_id: Some(members[0].id),
                    name: name.into(),
                    key_prefix: key.prefix,
                    key_hash: key.hash,
                    scopes: entity::json::ApiKeyScopes(vec![
                        "reports.read".into(),
                        "reports.execute".into(),
                    ]),
                    last_used_at: Some(g.between_days_ago(2.0, 0.01)),
                    expires_at: Some(g.days_ago(-365.0)),
                    revoked_at: None,
                    created_at: at,
                    updated_at: at,
                });
            }
        }

        for m in &members {
            let active = spec.status == TenantStatus::Active;
            if active {
                let at = g.between_days_ago(1.0, 0.01);
                let token = hex_token(&g.bytes::<32>());
                ctx.generated_secret(&token);
                session_rows.push(sessions::Model {
                    id: g.id_at(at),
                    user_id: m.id,
                    tenant_id: Some(tenant.id),
                    token_hash: domain::secrets::sha256_hex(&token),
                    ip_address: Some(format!("203.0.113.{}", g.range(1..=254))),
                    user_agent: Some("Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0".into()),
                    last_seen_at: Some(at),
                    expires_at: g.days_ago(-13.0),
                    revoked_at: None,
                    created_at: at,
                    updated_at: at,
                });
            }
            let attempts = if active { 8 } else { 3 };
            for _ in 0..attempts {
                let at = g.between_days_ago(spec.age_days.min(120.0), 0.02);
                let failed = g.chance(0.2);
                login_rows.push(login_logs::Model {
                    id: g.id_at(at),
                    user_id: Some(m.id),
                    email_attempted: m.email.clone(),
                    succeeded: !failed,
                    failure_reason: failed.then(|| "invalid_password".to_owned()),
                    ip_address: Some(format!("198.51.100.{}", g.range(1..=254))),
                    user_agent: Some("Mozilla/5.0 (Macintosh) Safari/18.1".into()),
                    occurred_at: at,
                });
            }
        }
        ctx.tenants.push(TenantContext {
            tenant: tenant.clone(),
            members: members.clone(),
            age_days: spec.age_days,
        });
        tenant_rows.push(tenant);
        tenant_role_rows.extend(tenant_roles_here);
        user_rows.extend(members);
    }
    // An attempt for an address nobody has: no user to link.
    let at = g.days_ago(5.0);
    login_rows.push(login_logs::Model {
        id: g.id_at(at),
        user_id: None,
        email_attempted: "mallory@unknown.example".into(),
        succeeded: false,
        failure_reason: Some("unknown_email".into()),
        ip_address: Some("192.0.2.66".into()),
        user_agent: Some("curl/8.5.0".into()),
        occurred_at: at,
    });

    ctx.plans = plan_rows.clone();
    ctx.roles = role_rows.clone();
    ctx.subscriptions = subscription_rows.clone();
    loader.load("billing", plan_rows).await?;
    loader.load("tenancy", tenant_rows).await?;
    loader.load("identity", user_rows).await?;
    loader.load("tenancy", tenant_role_rows).await?;
    loader.load("tenancy", tenant_user_rows).await?;
    loader.load("tenancy", onboarding_rows).await?;
    loader.load("tenancy", subscription_rows).await?;
    loader.load("identity", permission_rows).await?;
    loader.load("identity", role_rows).await?;
    loader.load("identity", role_permission_rows).await?;
    loader.load("identity", user_role_rows).await?;
    loader.load("identity", api_key_rows).await?;
    loader.load("identity", session_rows).await?;
    loader.load("identity", login_rows).await?;
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
    let local = format!("{}.{}", first.to_lowercase(), last.to_lowercase());
    users::Model {
        id: g.id_at(at),
        // Mixed case on purpose: lookups and uniqueness ignore case.
        email: format!("{first}.{last}@{domain_name}"),
        username: local.replace('.', "_"),
        password_hash: Some(password_hash.to_owned()),
        first_name: first.into(),
        last_name: last.into(),
        phone: Some(format!("+44 20 7946 {:04}", g.range(0..=9999))),
        timezone: "Europe/London".into(),
        locale: "en-GB".into(),
        status: UserStatus::Active,
        email_verified_at: Some(at),
        last_login_at: Some(g.between_days_ago(3.0, 0.01)),
        failed_login_count: 0,
        preferences: UserPreferences {
            theme: *g.pick(&[Theme::System, Theme::Light, Theme::Dark]),
            notifications: NotificationPreferences::default(),
            landing_dashboard: None,
            extra: Default::default(),
        },
        is_platform_admin,
        created_at: at,
        updated_at: at,
    }
}

fn onboarding(
    g: &mut Gen,
    tenant: &tenants::Model,
    status: OnboardingStatus,
    owner: Option<Uuid>,
) -> onboardings::Model {
    let started = tenant.created_at;
    let done = match status {
        OnboardingStatus::NotStarted => 0,
        OnboardingStatus::InProgress => 2,
        OnboardingStatus::Abandoned => 1,
        OnboardingStatus::Completed => ONBOARDING_STEPS.len(),
    };
    let steps: Vec<CompletedStep> = ONBOARDING_STEPS[..done]
        .iter()
        .enumerate()
        .map(|(i, step)| CompletedStep {
            step: (*step).into(),
            completed_at: started + chrono::Duration::hours(6 * (i as i64 + 1)),
            completed_by: owner,
            extra: Default::default(),
        })
        .collect();
    let finished = steps.last().map(|s| s.completed_at.fixed_offset());
    onboardings::Model {
        id: g.id_at(started),
        tenant_id: tenant.id,
        status,
        current_step: ONBOARDING_STEPS.get(done).map(|s| (*s).to_owned()),
        steps_completed: OnboardingSteps(steps),
        owner_user_id: owner,
        started_at: (status != OnboardingStatus::NotStarted).then_some(started),
        completed_at: if status == OnboardingStatus::Completed {
            finished
        } else {
            None
        },
        created_at: started,
        updated_at: finished.unwrap_or(started),
    }
}

fn subscriptions_for(
    g: &mut Gen,
    tenant: &tenants::Model,
    spec: &TenantSpec,
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
    vec![subscriptions::Model {
        id: g.id_at(tenant.created_at),
        tenant_id: tenant.id,
        plan_id: plan.id,
        status: spec.subscription,
        billing_cycle: plan.billing_cycle,
        seats: spec.people.len() as i64,
        current_period_start: start,
        current_period_end: end,
        trial_ends_at: (spec.subscription == SubscriptionStatus::Trialing)
            .then(|| tenant.created_at + chrono::Duration::days(14)),
        canceled_at: canceled.then(|| g.days_ago(30.0)),
        created_at: tenant.created_at,
        updated_at: tenant.created_at,
    }]
}

fn hex_token(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
