//! The platform's own rows (plans, permissions, roles, the operator) and the `dev` tenants: five
//! [`Scenario`]s, each told by the generator of the sampled tenants with what the scenario says
//! of it, which gives each its members, subscriptions, invoices, reports, integrations,
//! notifications and audit trail.

use entity::sea_orm_active_enums::{BillingCycle, OnboardingStatus, TenantStatus, TenantTier};
use entity::{login_logs, permissions, role_permissions, roles, user_roles, users};

use super::{Context, TenantContext};
use crate::factory::{billing, identity};
use crate::population::{self, Rows, Scenario, Shared};
use crate::{Error, Gen, Loader, Result, TenantLife};

/// The password every dev user signs in with.
pub const DEV_PASSWORD: &str = "dev-password";

/// The `dev` tenants, one in each state, and their stories: everything not said here is drawn
/// by the generator of the sampled tenants.
pub const SCENARIOS: &[Scenario] = &[
    Scenario {
        slug: "acme",
        name: "Acme Analytics",
        status: TenantStatus::Active,
        tier: TenantTier::Pro,
        plan: "pro-monthly",
        onboarding: OnboardingStatus::Completed,
        age_days: 210.0,
        size: 1.0,
        people: &[
            ("Ada", "Lovelace"),
            ("Grace", "Hopper"),
            ("Alan", "Turing"),
            ("Edsger", "Dijkstra"),
        ],
    },
    Scenario {
        slug: "globex",
        name: "Globex Corporation",
        status: TenantStatus::Active,
        tier: TenantTier::Enterprise,
        plan: "enterprise-yearly",
        onboarding: OnboardingStatus::Completed,
        age_days: 150.0,
        size: 1.5,
        people: &[
            ("Hank", "Scorpio"),
            ("Frank", "Grimes"),
            ("Lisa", "Simpson"),
        ],
    },
    Scenario {
        slug: "initech",
        name: "Initech",
        status: TenantStatus::Active,
        tier: TenantTier::Pro,
        plan: "pro-monthly",
        onboarding: OnboardingStatus::InProgress,
        age_days: 9.0,
        size: 1.0,
        people: &[("Peter", "Gibbons"), ("Joanna", "Harris")],
    },
    Scenario {
        slug: "umbrella",
        name: "Umbrella Labs",
        status: TenantStatus::Suspended,
        tier: TenantTier::Pro,
        plan: "pro-yearly",
        onboarding: OnboardingStatus::Completed,
        age_days: 320.0,
        size: 0.6,
        people: &[("Alice", "Abernathy"), ("Albert", "Wesker")],
    },
    Scenario {
        slug: "hooli",
        name: "Hooli",
        status: TenantStatus::Churned,
        tier: TenantTier::Free,
        plan: "free",
        onboarding: OnboardingStatus::Abandoned,
        age_days: 400.0,
        size: 0.4,
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
    (seed, platform_admin): (u64, bool),
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

    let mut user_rows = Vec::new();
    let mut user_role_rows = Vec::new();

    // The platform's own operator, a member of no tenant.
    let admin_at = created(g, 500.0);
    let admin = users::Model {
        password_hash: Some(password_hash.clone()),
        timezone: "Europe/London".into(),
        locale: "en-GB".into(),
        last_login_at: Some(g.between_days_ago(3.0, 0.01)),
        is_platform_admin: true,
        ..identity::person(g, "Platform", "Operator", "platform.test", admin_at)
    };
    let admin_grant = identity::grant(g, admin.id, role_rows[0].id, None, admin_at);
    let admin_id = platform_admin.then_some(admin.id);
    if platform_admin {
        user_role_rows.push(admin_grant);
        ctx.admin = Some(admin.clone());
        user_rows.push(admin);
    }
    ctx.password_hash = password_hash;
    ctx.plans = plan_rows.clone();
    ctx.roles = role_rows.clone();
    loader.load(plan_rows).await?;
    loader.load(permission_rows).await?;
    loader.load(role_rows).await?;
    loader.load(role_permission_rows).await?;
    loader.load(user_rows).await?;

    // The tenants: each scenario told by the generator of the sampled tenants.
    let shared = Shared::new(ctx);
    let mut rows = Rows::default();
    for (number, spec) in SCENARIOS.iter().enumerate() {
        let told = population::scenario(&shared, seed, number, spec);
        if let Some(tenant) = told.tenants.first() {
            ctx.tenants.push(TenantContext {
                tenant: tenant.clone(),
                members: told.users.clone(),
                life: TenantLife::of(spec.status, spec.age_days),
            });
        }
        rows.extend(told);
    }
    ctx.subscriptions = rows.subscriptions.clone();
    for secret in std::mem::take(&mut rows.secrets) {
        ctx.generated_secret(&secret);
    }
    for chunk in rows.into_chunks() {
        loader.load_chunk(chunk).await?;
    }

    // The platform operator helps the suspended tenant: a temporary support grant.
    if let Some(admin_id) = admin_id {
        for tc in &ctx.tenants {
            if tc.tenant.status == TenantStatus::Suspended {
                let granted = g.days_ago(3.0);
                let support = ctx.roles[1].id;
                user_role_rows.push(user_roles::Model {
                    granted_by_user_id: Some(admin_id),
                    expires_at: Some(g.days_ago(-4.0)),
                    ..identity::grant(g, admin_id, support, Some(tc.tenant.id), granted)
                });
            }
        }
    }
    // An attempt for an address nobody has: no user to link.
    let at = g.days_ago(5.0);
    let unknown = login_logs::Model {
        failure_reason: Some("unknown_email".into()),
        ip_address: Some("192.0.2.66".into()),
        user_agent: Some("curl/8.5.0".into()),
        ..identity::attempt(g, None, "mallory@unknown.example", false, at)
    };
    loader.load(user_role_rows).await?;
    loader.load(vec![unknown]).await?;
    Ok(())
}
