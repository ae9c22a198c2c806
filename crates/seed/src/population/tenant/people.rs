//! A generated tenant's people: roles, members (users, memberships, platform role grants),
//! their sign-in history and sessions, the tenant's API keys and its onboarding.

use entity::json::{DigestFrequency, NotificationPreferences, Theme, UserPreferences};
use entity::sea_orm_active_enums::{
    AuditLogAction, OnboardingStatus, TenantTier, TenantUserStatus, UserStatus,
};
use entity::{api_keys, login_logs, onboardings, sessions, tenant_users, user_roles, users};
use fake::Fake;
use fake::faker::internet::en::{IPv4, UserAgent};
use fake::faker::name::en::{FirstName, LastName};
use serde_json::json;

use super::{
    Mean, Member, Phase, Role, Rows, Shared, Tenant, Time, between, count, letters, plus_days,
};
use crate::Gen;
use crate::factory::{identity, tenancy};

const API_KEY_NAMES: &[&str] = &[
    "CI pipeline",
    "BI export",
    "Data warehouse sync",
    "Zapier",
    "Backup script",
    "Mobile app",
    "Staging",
    "Terraform",
    "Nightly ETL",
    "Slack bot",
];

const API_KEY_SCOPES: &[&[&str]] = &[
    &["reports.read"],
    &["reports.read", "reports.execute"],
    &["reports.read", "reports.write", "reports.execute"],
    &["reports.read", "templates.read", "audit.read"],
    &["users.read"],
];

/// Generates the tenant's people and fills `t.members`.
pub(super) fn generate(g: &mut Gen, shared: &Shared, t: &mut Tenant, rows: &mut Rows) {
    let role_ids = tenant_roles(g, t, rows);
    let mut users = members(g, shared, t);
    logins(g, t, rows, &mut users);
    memberships(g, shared, t, rows, &role_ids);
    rows.users.extend(users);
    sessions(g, t, rows);
    api_keys(g, t, rows);
    rows.onboardings.push(onboarding(g, t));
}

fn tenant_roles(g: &mut Gen, t: &Tenant, rows: &mut Rows) -> [uuid::Uuid; 3] {
    let roles = tenancy::standard_tenant_roles(g, t.id, &t.name, t.born);
    let ids = roles.each_ref().map(|r| r.id);
    rows.tenant_roles.extend(roles);
    ids
}

/// How many people the tenant has: a handful for most, hundreds for the largest.
fn headcount(g: &mut Gen, t: &Tenant) -> usize {
    match (t.life.phase, t.tier) {
        (Phase::Pending, _) => 1 + usize::from(g.chance(0.4)),
        (Phase::Trial, _) => 1 + g.range(1..=4) as usize,
        (_, TenantTier::Free) => g.range(1..=3) as usize,
        (_, TenantTier::Pro) => count(g, 9.0 * t.size).clamp(2, 50),
        (_, TenantTier::Enterprise) => count(g, 9.0 * t.size).clamp(15, 200),
    }
}

/// The members and their user rows (sign-in fields are filled in by [`logins`]).
fn members(g: &mut Gen, shared: &Shared, t: &mut Tenant) -> Vec<users::Model> {
    let named = t.scenario.map(|s| s.people);
    let n = named.map_or_else(|| headcount(g, t), <[_]>::len);
    let admins = if n >= 3 { (n / 6).max(1) } else { 0 };
    let mut rows = Vec::with_capacity(n);
    for k in 0..n {
        let (first, last): (String, String) = match named {
            Some(people) => (people[k].0.into(), people[k].1.into()),
            None => (
                FirstName().fake_with_rng(g.rng()),
                LastName().fake_with_rng(g.rng()),
            ),
        };
        let owner = k == 0;
        let invited = named.is_none() && !owner && t.life.phase.live() && g.chance(0.08);
        let joined = if owner {
            t.born
        } else if invited {
            between(g, t.born.max(plus_days(t.now, -21.0)), t.now)
        } else if g.chance(0.4) {
            between(g, t.born, plus_days(t.born, 7.0).min(t.until))
        } else {
            t.when(g)
        };
        let (status, left) = match t.life.phase {
            Phase::Churned => (TenantUserStatus::Removed, t.until),
            _ if invited => (TenantUserStatus::Invited, joined),
            Phase::Active if named.is_none() && !owner && g.chance(0.05) => {
                (TenantUserStatus::Removed, between(g, joined, t.until))
            }
            _ => (TenantUserStatus::Active, t.until),
        };
        let mut first_l = letters(&first, 20);
        if first_l.is_empty() {
            first_l.push_str("user");
        }
        let mut last_l = letters(&last, 30);
        if last_l.is_empty() {
            last_l.push_str("member");
        }
        let base = identity::person(g, &first, &last, &t.domain, joined);
        // A scenario's people keep the factory's addresses and usernames (`ada_lovelace`);
        // generated ones are numbered, as two may share a name.
        let (email, username) = match named {
            Some(_) => (base.email.clone(), base.username.clone()),
            None => (
                format!("{first_l}.{last_l}.{k}@{}", t.domain),
                format!(
                    "{}{}_{}_{k}",
                    &first_l[..1],
                    &last_l[..last_l.len().min(14)],
                    t.index
                ),
            ),
        };
        let user = users::Model {
            email: email.clone(),
            username,
            password_hash: if invited {
                None
            } else {
                shared.password_hash.clone()
            },
            phone: Some(format!("+1 202 555 {:04}", g.range(100..=199))),
            timezone: t.timezone.into(),
            locale: t.locale.into(),
            status: if invited {
                UserStatus::PendingVerification
            } else {
                UserStatus::Active
            },
            email_verified_at: (!invited).then(|| plus_days(joined, 0.001).min(t.now)),
            preferences: UserPreferences {
                theme: *g.pick(&[Theme::System, Theme::Light, Theme::Dark]),
                notifications: NotificationPreferences {
                    email: g.chance(0.8),
                    in_app: true,
                    digest: *g.pick(&[
                        DigestFrequency::Weekly,
                        DigestFrequency::Daily,
                        DigestFrequency::Never,
                    ]),
                    extra: Default::default(),
                },
                landing_dashboard: None,
                extra: Default::default(),
            },
            ..base
        };
        let id = user.id;
        let member = Member {
            id,
            email: email.clone(),
            joined,
            left,
            acts: !invited,
            role: if owner {
                Role::Owner
            } else if k <= admins {
                Role::Admin
            } else {
                Role::Member
            },
            status,
            ip: IPv4().fake_with_rng(g.rng()),
            user_agent: UserAgent().fake_with_rng(g.rng()),
        };
        rows.push(user);
        t.members.push(member);
    }
    rows
}

/// Sign-in attempts over the tenant's life, by its members (and now and then by someone
/// guessing an address); sets each user's last sign-in and failures since.
fn logins(g: &mut Gen, t: &Tenant, rows: &mut Rows, users: &mut [users::Model]) {
    let n = count(g, Mean::LOGINS * t.vol);
    let mut attempts: Vec<(usize, Time, bool)> = Vec::with_capacity(n);
    let mut last_ok: Vec<Option<Time>> = vec![None; t.members.len()];
    rows.login_logs.reserve(n);
    for _ in 0..n {
        let at = t.when(g);
        if g.chance(0.02) {
            let who: String = FirstName().fake_with_rng(g.rng());
            let email = format!("{}@{}", letters(&who, 20), t.domain);
            rows.login_logs.push(login_logs::Model {
                failure_reason: Some("unknown_email".into()),
                ip_address: Some(IPv4().fake_with_rng(g.rng())),
                user_agent: Some("curl/8.5.0".into()),
                ..identity::attempt(g, None, &email, false, at)
            });
            continue;
        }
        let i = t.actor_at(g, at);
        let m = &t.members[i];
        let r = g.float(0.0..1.0);
        let failure = if r < 0.07 {
            Some("invalid_password")
        } else if r < 0.09 {
            Some("mfa_failed")
        } else {
            None
        };
        if failure.is_none() && last_ok[i].is_none_or(|l| l < at) {
            last_ok[i] = Some(at);
        }
        attempts.push((i, at, failure.is_none()));
        let travelling = g.chance(0.1);
        let ip = if travelling {
            IPv4().fake_with_rng(g.rng())
        } else {
            m.ip.clone()
        };
        rows.login_logs.push(login_logs::Model {
            failure_reason: failure.map(str::to_owned),
            ip_address: Some(ip),
            user_agent: Some(m.user_agent.clone()),
            ..identity::attempt(g, Some(m.id), &m.email, failure.is_none(), at)
        });
    }
    let mut failed_since = vec![0_i64; t.members.len()];
    for (i, at, ok) in attempts {
        if !ok && last_ok[i].is_none_or(|l| l < at) {
            failed_since[i] += 1;
        }
    }
    for (i, u) in users.iter_mut().enumerate() {
        u.last_login_at = last_ok[i];
        u.failed_login_count = failed_since[i];
        if failed_since[i] >= 5 {
            u.status = UserStatus::Locked;
        }
        u.updated_at = last_ok[i].unwrap_or(u.created_at).max(u.created_at);
    }
}

/// Memberships, and the platform report roles granted inside the tenant; joins and removals
/// are audited.
fn memberships(
    g: &mut Gen,
    shared: &Shared,
    t: &Tenant,
    rows: &mut Rows,
    role_ids: &[uuid::Uuid; 3],
) {
    let owner = t.members[0].id;
    for (i, m) in t.members.iter().enumerate() {
        let role = match m.role {
            Role::Owner => role_ids[0],
            Role::Admin => role_ids[1],
            Role::Member => role_ids[2],
        };
        let removed = m.status == TenantUserStatus::Removed;
        let membership = tenant_users::Model {
            status: m.status,
            invited_by_user_id: (i > 0).then_some(owner),
            joined_at: (m.status != TenantUserStatus::Invited).then_some(m.joined),
            updated_at: if removed { m.left } else { m.joined },
            ..tenancy::member_since(g, t.id, m.id, Some(role), m.joined)
        };
        let id = membership.id;
        rows.tenant_users.push(membership);
        if i > 0 {
            let by = t.admin_at(g, m.joined);
            t.audit(
                g,
                &mut rows.audit_logs,
                Some(by),
                AuditLogAction::Create,
                "tenant_users",
                Some(id),
                None,
                Some(json!({"email": m.email, "status": "invited"})),
                m.joined,
            );
            if removed && t.life.phase != Phase::Churned {
                let by = t.admin_at(g, m.left);
                t.audit(
                    g,
                    &mut rows.audit_logs,
                    Some(by),
                    AuditLogAction::Update,
                    "tenant_users",
                    Some(id),
                    Some(json!({"status": "active"})),
                    Some(json!({"status": "removed"})),
                    m.left,
                );
            }
        }
        let grant = match m.role {
            Role::Owner | Role::Admin => shared.report_manager,
            Role::Member => shared.report_viewer,
        };
        if let (Some(role_id), true) = (grant, m.acts) {
            rows.user_roles.push(user_roles::Model {
                granted_by_user_id: Some(owner),
                ..identity::grant(g, m.id, role_id, Some(t.id), m.joined)
            });
        }
    }
}

/// Sessions: a current one for about half the members of a live tenant, and some past ones
/// (expired, or ended by signing out; those of a suspended or churned tenant were revoked when
/// it stopped).
fn sessions(g: &mut Gen, t: &Tenant, rows: &mut Rows) {
    for m in &t.members {
        if !m.acts {
            continue;
        }
        for _ in 0..count(g, 0.2) {
            let created = between(g, m.joined, m.left);
            let expires = plus_days(created, 14.0);
            let end = m.left.min(t.now);
            let revoked =
                (expires > end || g.chance(0.5)).then(|| between(g, created, expires.min(end)));
            let last_seen = between(g, created, revoked.unwrap_or(expires).min(end));
            let (row, token) = session(g, t, m, created, expires, last_seen, revoked);
            rows.sessions.push(row);
            rows.secrets.push(token);
        }
        if t.life.phase.live() && m.left >= t.now && g.chance(0.45) {
            let created = between(g, m.joined.max(plus_days(t.now, -3.0)), t.now);
            let last_seen = between(g, created, t.now);
            let expires = plus_days(created, 14.0);
            let (row, token) = session(g, t, m, created, expires, last_seen, None);
            rows.sessions.push(row);
            rows.secrets.push(token);
        }
    }
}

fn session(
    g: &mut Gen,
    t: &Tenant,
    m: &Member,
    created: Time,
    expires: Time,
    last_seen: Time,
    revoked: Option<Time>,
) -> (sessions::Model, String) {
    let (signed_in, token) = identity::signed_in(g, m.id, Some(t.id), created);
    let row = sessions::Model {
        ip_address: Some(m.ip.clone()),
        user_agent: Some(m.user_agent.clone()),
        last_seen_at: Some(last_seen),
        expires_at: expires,
        revoked_at: revoked,
        updated_at: revoked.unwrap_or(last_seen).max(created),
        ..signed_in
    };
    (row, token)
}

/// API keys (prefix and hash only), created and some revoked by the tenant's admins; a churned
/// tenant's were all revoked when it left.
fn api_keys(g: &mut Gen, t: &Tenant, rows: &mut Rows) {
    if t.life.phase == Phase::Pending {
        return;
    }
    let n = match t.tier {
        TenantTier::Free => count(g, 0.8),
        TenantTier::Pro => count(g, 2.4 * t.size.sqrt()),
        TenantTier::Enterprise => count(g, 3.0 * t.size.sqrt()),
    };
    for _ in 0..n {
        let created = t.when(g);
        let by = t.admin_at(g, created);
        let expires = plus_days(created, *g.pick(&[90.0, 180.0, 365.0]));
        let mut revoked = g.chance(0.15).then(|| between(g, created, t.until));
        if t.life.phase == Phase::Churned && revoked.is_none() {
            revoked = Some(t.until);
        }
        let end = revoked.unwrap_or(t.until).min(expires);
        let last_used = g.chance(0.85).then(|| between(g, created, end));
        let scopes: Vec<&str> = g.pick(API_KEY_SCOPES).to_vec();
        let name = *g.pick(API_KEY_NAMES);
        let (issued, plaintext) = identity::issued_api_key(g, t.id, name, created);
        rows.secrets.push(plaintext);
        let key = api_keys::Model {
            created_by_user_id: Some(t.members[by].id),
            scopes: entity::json::ApiKeyScopes(scopes.iter().map(|s| (*s).to_owned()).collect()),
            last_used_at: last_used,
            expires_at: Some(expires),
            revoked_at: revoked,
            updated_at: revoked.or(last_used).unwrap_or(created).max(created),
            ..issued
        };
        let id = key.id;
        let prefix = key.key_prefix.clone();
        rows.api_keys.push(key);
        t.audit(
            g,
            &mut rows.audit_logs,
            Some(by),
            AuditLogAction::Create,
            "api_keys",
            Some(id),
            None,
            Some(json!({"name": name, "key_prefix": prefix})),
            created,
        );
        if let Some(at) = revoked {
            let actor = (t.life.phase != Phase::Churned).then(|| t.admin_at(g, at));
            t.audit(
                g,
                &mut rows.audit_logs,
                actor,
                AuditLogAction::Update,
                "api_keys",
                Some(id),
                Some(json!({"revoked": false})),
                Some(json!({"revoked": true})),
                at,
            );
        }
    }
}

/// First-run setup: not started for some brand-new tenants, under way during most trials,
/// finished by most others (abandoned by some, more often by those that left).
fn onboarding(g: &mut Gen, t: &Tenant) -> onboardings::Model {
    let status = match t.life.phase {
        _ if t.scenario.is_some() => t
            .scenario
            .map_or(OnboardingStatus::Completed, |s| s.onboarding),
        Phase::Pending if g.chance(0.6) => OnboardingStatus::NotStarted,
        Phase::Pending => OnboardingStatus::InProgress,
        Phase::Trial if t.active_days() < 1.0 || g.chance(0.6) => OnboardingStatus::InProgress,
        Phase::Trial => OnboardingStatus::Completed,
        Phase::Churned if g.chance(0.4) => OnboardingStatus::Abandoned,
        _ if g.chance(0.1) => OnboardingStatus::Abandoned,
        _ => OnboardingStatus::Completed,
    };
    let done = match status {
        OnboardingStatus::NotStarted => 0,
        OnboardingStatus::InProgress => g.range(1..=3) as usize,
        OnboardingStatus::Abandoned => g.range(1..=2) as usize,
        OnboardingStatus::Completed => tenancy::ONBOARDING_STEPS.len(),
    };
    let owner = t.members[0].id;
    let gap = g.float(0.02..1.2).min(t.active_days() / 5.0);
    let gap = chrono::Duration::milliseconds((gap * 86_400_000.0) as i64);
    tenancy::onboarding_of(g, t.id, Some(owner), status, done, t.born, gap)
}
