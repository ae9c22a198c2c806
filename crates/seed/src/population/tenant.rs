//! One generated tenant and everything it owns.
//!
//! A tenant is drawn from its own generator (`Gen::derive(seed, stream(index))`), so tenant *n*
//! is the same in every profile and every batch. Its *phase* (pending, trialing, active,
//! suspended, churned), its age (up to about a year) and its *size* (Zipf-distributed, mean 1:
//! many small tenants, a few large ones) decide everything else: members, plan and tier, and how many
//! rows of history each table gets. High-volume tables scale with the tenant's *volume*: its size
//! times the days it has been active, relative to the mean, so the means per tenant hold across a
//! population (see [`Mean`]).
//!
//! Everything happens between the tenant's sign-up and the end of its activity (now for live
//! tenants, the suspension or churn for the others); only expiries and due dates may lie ahead.
//!
//! - [`people`]: members (users, memberships, roles), their sign-ins and sessions, API keys and
//!   the onboarding;
//! - [`billing`]: subscriptions, invoices and payments;
//! - [`activity`]: report templates, reports and their runs and logs, infrastructure and metered
//!   usage, integrations and their outbox events, notifications and the audit trail.

mod activity;
mod billing;
mod people;

use chrono::{DateTime, Duration, FixedOffset};
use domain::sealing::Sealer;
use entity::sea_orm_active_enums::{
    AuditLogAction, BillingCycle, OnboardingStatus, TenantStatus, TenantTier, TenantUserStatus,
};
use entity::{
    api_integrations, api_keys, audit_logs, execution_logs, integration_events, invoices,
    login_logs, notifications, onboardings, plans, report_executions, report_shares,
    report_templates, reports, resource_usages, resources, sessions, subscriptions,
    template_fields, tenant_roles, tenant_users, tenants, transactions, user_roles, users,
};
use serde_json::Value;
use uuid::Uuid;

use crate::calendar::{days, plus_days, plus_ms};
use crate::dev::Context;
use crate::factory::audit::{self, Actor, Change};
use crate::factory::tenancy;
use crate::life::{Phase, TenantLife};
use crate::{Chunk, Gen};

type Time = DateTime<FixedOffset>;

/// Mean rows per generated tenant of the high-volume tables, before each tenant's volume factor.
/// The realised means over a population are close to these (the calibration test prints them).
struct Mean;

impl Mean {
    const LOGINS: f64 = 80.0;
    const REPORTS: f64 = 20.0;
    const EXECUTIONS: f64 = 200.0;
    const AUDIT: f64 = 300.0;
    const NOTIFICATIONS: f64 = 100.0;
    const USAGES: f64 = 180.0;
    const EVENTS: f64 = 120.0;
}

/// The mean over a population of the days a tenant has been active (see [`Tenant::new`]), so
/// that `size × active days / MEAN_ACTIVE_DAYS` averages 1.
const MEAN_ACTIVE_DAYS: f64 = 165.0;

/// Tenant sizes follow Zipf's law: a tenant's size rank is drawn from `Zipf(SIZE_RANKS,
/// SIZE_EXPONENT)`, so most tenants have the smallest sizes and a few are dozens of times bigger
/// (the busiest tenant has many times the median tenant's rows, which is what makes row-level
/// security and partitioning honest to measure).
const SIZE_RANKS: u32 = 64;
/// See [`SIZE_RANKS`].
const SIZE_EXPONENT: f64 = 1.1;

/// A tenant's relative size: its Zipf rank divided by the mean rank, so sizes average 1.
fn size(g: &mut Gen) -> f64 {
    use rand::Rng;
    let ranks = f64::from(SIZE_RANKS);
    let weight = |k: u32| f64::from(k).powf(-SIZE_EXPONENT);
    let mean = (1..=SIZE_RANKS)
        .map(|k| f64::from(k) * weight(k))
        .sum::<f64>()
        / (1..=SIZE_RANKS).map(weight).sum::<f64>();
    match rand_distr::Zipf::new(ranks, SIZE_EXPONENT) {
        Ok(zipf) => g.rng().sample(zipf) / mean,
        // Unreachable with the constants above; an average tenant then.
        Err(_) => 1.0,
    }
}

/// What every generated tenant refers to, taken from the `dev` profile's rows. Owned, so that it
/// can move to the generator thread.
#[derive(Debug)]
pub struct Shared {
    /// The price list.
    plans: Vec<plans::Model>,
    /// The platform role granted to members who manage reports.
    report_manager: Option<Uuid>,
    /// The platform role granted to members who read reports.
    report_viewer: Option<Uuid>,
    /// `DEV_PASSWORD`, hashed once.
    password_hash: Option<String>,
    /// Seals integration credentials (nonces come from each tenant's generator).
    sealer: Option<Sealer>,
}

impl Shared {
    /// The shared rows of `ctx`.
    pub fn new(ctx: &Context) -> Self {
        let role = |name: &str| {
            ctx.roles
                .iter()
                .find(|r| r.name == name && r.tenant_id.is_none())
                .map(|r| r.id)
        };
        Self {
            plans: ctx.plans.clone(),
            report_manager: role("report_manager"),
            report_viewer: role("report_viewer"),
            password_hash: Some(ctx.password_hash.clone()),
            sealer: crate::dev_sealer().ok(),
        }
    }

    /// The active plan of `tier` billed every `cycle`, or any plan of `tier`.
    fn plan(&self, tier: TenantTier, cycle: BillingCycle) -> Option<&plans::Model> {
        self.plans
            .iter()
            .find(|p| p.is_active && p.tier == tier && p.billing_cycle == cycle)
            .or_else(|| self.plans.iter().find(|p| p.tier == tier))
    }
}

macro_rules! tables {
    ($($field:ident: $entity:ident),* $(,)?) => {
        /// Generated rows, one vector per table.
        #[derive(Debug, Default)]
        pub struct Rows {
            $(
                #[doc = concat!("Rows of `", stringify!($entity), "`.")]
                pub $field: Vec<$entity::Model>,
            )*
            /// The plaintext secrets behind a scenario's hashed and sealed columns (API keys,
            /// session tokens, integration credentials), for tests that prove none is stored;
            /// generated tenants keep none.
            pub secrets: Vec<String>,
        }

        impl Rows {
            /// Appends `other`'s rows.
            pub fn extend(&mut self, other: Self) {
                $(self.$field.extend(other.$field);)*
                self.secrets.extend(other.secrets);
            }

            /// The rows as chunks, parents before children; tables without rows are left out.
            pub fn into_chunks(self) -> Vec<Chunk> {
                let mut chunks = Vec::new();
                $(
                    if !self.$field.is_empty() {
                        chunks.push(Chunk::from_models(self.$field));
                    }
                )*
                chunks
            }

            /// Rows per table, in load order.
            pub fn counts(&self) -> Vec<(&'static str, usize)> {
                vec![$((stringify!($entity), self.$field.len())),*]
            }

            /// Rows across tables.
            pub fn len(&self) -> usize {
                0 $(+ self.$field.len())*
            }

            /// Whether there are no rows at all.
            pub fn is_empty(&self) -> bool {
                self.len() == 0
            }
        }
    };
}

// Load order: every table after the tables it references.
tables! {
    tenants: tenants,
    users: users,
    tenant_roles: tenant_roles,
    tenant_users: tenant_users,
    onboardings: onboardings,
    subscriptions: subscriptions,
    user_roles: user_roles,
    api_keys: api_keys,
    sessions: sessions,
    login_logs: login_logs,
    invoices: invoices,
    transactions: transactions,
    resources: resources,
    resource_usages: resource_usages,
    api_integrations: api_integrations,
    integration_events: integration_events,
    report_templates: report_templates,
    template_fields: template_fields,
    reports: reports,
    report_shares: report_shares,
    report_executions: report_executions,
    execution_logs: execution_logs,
    notifications: notifications,
    audit_logs: audit_logs,
}

/// Generated tenant number `index`.
pub fn generate(shared: &Shared, seed: u64, index: usize) -> Rows {
    let mut g = Gen::derive(seed, super::stream(index));
    let t = Tenant::new(&mut g, seed, index);
    tell(&mut g, shared, t)
}

/// A tenant whose story is told rather than drawn: one of the `dev` profile's scenarios. What
/// it does not say is drawn as for a generated tenant.
#[derive(Debug, Clone, Copy)]
pub struct Scenario {
    /// Its slug; its host is `<slug>.example.com`.
    pub slug: &'static str,
    /// Its name.
    pub name: &'static str,
    /// Its status now.
    pub status: TenantStatus,
    /// Its tier.
    pub tier: TenantTier,
    /// The code of the plan it is on.
    pub plan: &'static str,
    /// How far its onboarding got.
    pub onboarding: OnboardingStatus,
    /// Days since it signed up.
    pub age_days: f64,
    /// Its size relative to the mean generated tenant (see [`Tenant::new`]).
    pub size: f64,
    /// Its people (first and last names), the owner first.
    pub people: &'static [(&'static str, &'static str)],
}

/// The rows of scenario `s`, the `number`th of the `dev` profile.
pub fn scenario(shared: &Shared, seed: u64, number: usize, s: &Scenario) -> Rows {
    let mut g = Gen::derive(seed, SCENARIO_STREAM | number as u64);
    let t = Tenant::scenario(&mut g, s, number);
    tell(&mut g, shared, t)
}

/// The stream of the `dev` scenarios' generators, apart from generated tenants' (see
/// [`super::stream`]).
const SCENARIO_STREAM: u64 = 0x5CE0_0000_0000_0000;

/// Everything tenant `t` owns, over its life.
fn tell(g: &mut Gen, shared: &Shared, mut t: Tenant) -> Rows {
    let mut rows = Rows::default();
    people::generate(g, shared, &mut t, &mut rows);
    let expires = billing::generate(g, shared, &t, &mut rows);
    activity::generate(g, shared, &t, &mut rows);
    rows.tenants.push(t.row(g, expires));
    if t.scenario.is_none() {
        rows.secrets.clear();
    }
    rows
}

/// A member's place in the tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Owner,
    Admin,
    Member,
}

/// A member of the tenant, as the other tables refer to it.
#[derive(Debug, Clone)]
struct Member {
    id: Uuid,
    email: String,
    /// When the user was created (invited or joined).
    joined: Time,
    /// The last moment the member acts: the tenant's end, or when they were removed.
    left: Time,
    /// Whether the member ever acts (an invitation not yet accepted does not).
    acts: bool,
    role: Role,
    status: TenantUserStatus,
    /// The address and browser the member usually works from.
    ip: String,
    user_agent: String,
}

/// The tenant being generated: who it is, when it lived, and its members.
#[derive(Debug)]
struct Tenant {
    index: usize,
    id: Uuid,
    slug: String,
    name: String,
    /// `<slug>.example.com`.
    domain: String,
    /// Its phase, and when it was born, active and stopped.
    life: TenantLife,
    tier: TenantTier,
    locale: &'static str,
    timezone: &'static str,
    /// Sign-up.
    born: Time,
    /// The last moment of activity: now for live tenants, else the suspension or churn.
    until: Time,
    /// The fixed "now".
    now: Time,
    /// Relative size, mean 1 over a population.
    size: f64,
    /// Size times active days, relative to the mean: scales the high-volume tables.
    vol: f64,
    members: Vec<Member>,
    /// The scenario it follows, for a `dev` tenant.
    scenario: Option<Scenario>,
}

/// Locales and time zones of generated tenants and their users.
const PLACES: &[(&str, &str)] = &[
    ("en-US", "America/New_York"),
    ("en-US", "America/Chicago"),
    ("en-US", "America/Los_Angeles"),
    ("en-GB", "Europe/London"),
    ("de-DE", "Europe/Berlin"),
    ("fr-FR", "Europe/Paris"),
    ("es-ES", "Europe/Madrid"),
    ("nl-NL", "Europe/Amsterdam"),
    ("pt-BR", "America/Sao_Paulo"),
    ("en-AU", "Australia/Sydney"),
    ("ja-JP", "Asia/Tokyo"),
    ("en-IN", "Asia/Kolkata"),
];

impl Tenant {
    fn new(g: &mut Gen, seed: u64, index: usize) -> Self {
        use fake::Fake;
        use fake::faker::company::en::CompanyName;

        let now = g.now();
        // The phase mix is stratified over indices (golden-ratio sequence, offset by the seed),
        // so that any run of consecutive tenants, such as `demo`'s 30, has every phase in about
        // the population's proportions.
        let offset = (seed % 997) as f64 / 997.0;
        let r = ((index as f64 + 1.0) * 0.618_033_988_749_895 + offset).fract();
        let phase = match r {
            r if r < 0.03 => Phase::Pending,
            r if r < 0.13 => Phase::Trial,
            r if r < 0.20 => Phase::Suspended,
            r if r < 0.30 => Phase::Churned,
            _ => Phase::Active,
        };
        let life = TenantLife::draw(g, phase);
        let born = life.born_at(g);
        let until = life.stopped_at(g);

        let size = size(g);
        let tier = match phase {
            Phase::Trial => TenantTier::Pro,
            _ if size > 3.0 => TenantTier::Enterprise,
            _ if size > 0.45 => TenantTier::Pro,
            _ => TenantTier::Free,
        };
        let vol = size * days(born, until) / MEAN_ACTIVE_DAYS;

        let company: String = CompanyName().fake_with_rng(g.rng());
        let mut base = slugify(&company, 40);
        if base.is_empty() {
            base.push_str("tenant");
        }
        let slug = format!("{base}-{index}");
        let domain = format!("{slug}.example.com");
        let (locale, timezone) = *g.pick(PLACES);
        Self {
            index,
            id: g.id_at(born),
            name: format!("{company} #{index}"),
            slug,
            domain,
            life,
            tier,
            locale,
            timezone,
            born,
            until,
            now,
            size,
            vol,
            members: Vec::new(),
            scenario: None,
        }
    }

    /// The tenant of scenario `s`, the `number`th.
    fn scenario(g: &mut Gen, s: &Scenario, number: usize) -> Self {
        let life = TenantLife::of(s.status, s.age_days);
        let born = life.born_at(g);
        let until = life.stopped_at(g).max(born);
        Self {
            index: number,
            id: g.id_at(born),
            slug: s.slug.into(),
            name: s.name.into(),
            domain: format!("{}.example.com", s.slug),
            life,
            tier: s.tier,
            locale: "en-GB",
            timezone: "Europe/London",
            born,
            until,
            now: g.now(),
            size: s.size,
            vol: s.size * days(born, until) / MEAN_ACTIVE_DAYS,
            members: Vec::new(),
            scenario: Some(*s),
        }
    }

    /// The prefix of its invoice numbers: a scenario's slug, else `G<number>`.
    fn invoice_prefix(&self) -> String {
        match &self.scenario {
            Some(s) => s.slug.to_uppercase(),
            None => format!("G{}", self.index),
        }
    }

    /// The tenant row; `expires` is the end of its current subscription period.
    fn row(&self, g: &mut Gen, expires: Option<Time>) -> tenants::Model {
        let base = tenancy::tenant_in(g, &self.life, self.tier, &self.slug, &self.name);
        tenants::Model {
            id: self.id,
            settings: entity::json::TenantSettings {
                default_locale: Some(self.locale.into()),
                default_timezone: Some(self.timezone.into()),
                ..base.settings
            },
            subscription_expires_at: expires,
            ..base
        }
    }

    /// Days the tenant has been active.
    fn active_days(&self) -> f64 {
        days(self.born, self.until)
    }

    /// A moment of the tenant's active life.
    fn when(&self, g: &mut Gen) -> Time {
        between(g, self.born, self.until)
    }

    /// A moment of the tenant's active life no earlier than `from`.
    fn after(&self, g: &mut Gen, from: Time) -> Time {
        between(g, from.max(self.born), self.until)
    }

    /// A member who acts at `at` (the owner when no one else does).
    fn actor_at(&self, g: &mut Gen, at: Time) -> usize {
        let n = self.members.len();
        if n <= 1 {
            return 0;
        }
        let start = g.range(0..=(n as i64 - 1)) as usize;
        (0..n)
            .map(|k| (start + k) % n)
            .find(|&i| {
                let m = &self.members[i];
                m.acts && m.joined <= at && at <= m.left
            })
            .unwrap_or(0)
    }

    /// A member acting at `at` with an owner or admin role (the owner when none other is).
    fn admin_at(&self, g: &mut Gen, at: Time) -> usize {
        let admins = self
            .members
            .iter()
            .filter(|m| m.role == Role::Admin && m.acts && m.joined <= at && at <= m.left)
            .count();
        if admins == 0 || g.chance(0.4) {
            return 0;
        }
        let pick = g.range(0..=(admins as i64 - 1)) as usize;
        self.members
            .iter()
            .enumerate()
            .filter(|(_, m)| m.role == Role::Admin && m.acts && m.joined <= at && at <= m.left)
            .nth(pick)
            .map_or(0, |(i, _)| i)
    }

    /// An audit-trail entry: `actor` (a member index, or the platform when `None`) did `action`
    /// to a resource at `at`.
    #[allow(clippy::too_many_arguments)]
    fn audit(
        &self,
        g: &mut Gen,
        out: &mut Vec<audit_logs::Model>,
        actor: Option<usize>,
        action: AuditLogAction,
        resource_type: &'static str,
        resource_id: Option<Uuid>,
        old_values: Option<Value>,
        new_values: Option<Value>,
        at: Time,
    ) {
        let actor = actor.and_then(|i| self.members.get(i)).map(|m| Actor {
            user: m.id,
            ip: &m.ip,
            user_agent: &m.user_agent,
            session: None,
        });
        let change = Change {
            action,
            resource_type,
            resource_id,
            old_values,
            new_values,
        };
        out.push(audit::entry(g, self.id, actor, change, at));
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers.

/// A moment uniformly between `from` and `to` (`from` when the span is empty).
fn between(g: &mut Gen, from: Time, to: Time) -> Time {
    let span = (to - from).num_milliseconds();
    if span <= 0 {
        from
    } else {
        from + Duration::milliseconds(g.range(0..=span))
    }
}

/// About `mean` (±25 %), rounded at random so that the expectation is `mean`.
fn count(g: &mut Gen, mean: f64) -> usize {
    if mean <= 0.0 {
        return 0;
    }
    let x = mean * g.float(0.75..1.25);
    let whole = x.floor();
    whole as usize + usize::from(g.chance(x - whole))
}

/// `n` whole shares of `total` in proportion to `weights`, each at least `min` where its weight
/// is positive (largest remainders get the rounding).
fn apportion(total: usize, weights: &[f64], min: usize) -> Vec<usize> {
    let sum: f64 = weights.iter().filter(|w| **w > 0.0).sum();
    if sum <= 0.0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<f64> = weights
        .iter()
        .map(|w| {
            if *w > 0.0 {
                total as f64 * w / sum
            } else {
                0.0
            }
        })
        .collect();
    let mut out: Vec<usize> = exact.iter().map(|x| x.floor() as usize).collect();
    let given: usize = out.iter().sum();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|a, b| {
        let fa = exact[*a] - exact[*a].floor();
        let fb = exact[*b] - exact[*b].floor();
        fb.total_cmp(&fa).then(a.cmp(b))
    });
    for i in order.into_iter().take(total.saturating_sub(given)) {
        out[i] += 1;
    }
    for (o, w) in out.iter_mut().zip(weights) {
        if *w > 0.0 && *o < min {
            *o = min;
        }
    }
    out
}

/// Lower-case ASCII letters and digits of `s`, words joined by `-`, at most `max` characters,
/// never starting or ending with `-`.
fn slugify(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if out.len() >= max {
                break;
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            if out.len() + 1 >= max {
                break;
            }
            out.push('-');
        } else {
            // Leading or repeated separator: dropped.
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Lower-case ASCII letters of `s` (for addresses and usernames), at most `max` of them.
fn letters(s: &str, max: usize) -> String {
    s.chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .take(max)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_valid() {
        assert_eq!(
            slugify("Schmidt, Kuhn and O'Reilly", 40),
            "schmidt-kuhn-and-o-reilly"
        );
        assert_eq!(slugify("  --Ærø Ltd--", 40), "r-ltd");
        assert_eq!(slugify("abcdef ghijk", 7), "abcdef");
        assert_eq!(letters("O'Conner-Smith", 6), "oconne");
    }

    #[test]
    fn apportion_keeps_the_total_and_the_minimum() {
        assert_eq!(apportion(10, &[1.0, 1.0, 2.0], 0), vec![3, 2, 5]);
        assert_eq!(apportion(0, &[1.0, 0.0], 1), vec![1, 0]);
        assert_eq!(apportion(7, &[0.0, 0.0], 1), vec![0, 0]);
    }

    /// The shared rows without a database: two plans and the report roles.
    fn shared() -> Shared {
        let mut g = Gen::new(1);
        let at = g.days_ago(500.0);
        let plan = |g: &mut Gen, code: &str, tier, price, cycle| plans::Model {
            id: g.id_at(at),
            code: code.into(),
            name: code.into(),
            tier,
            price_cents: price,
            currency: "USD".into(),
            billing_cycle: cycle,
            features: serde_json::json!([]),
            limits: entity::json::PlanLimits::default(),
            is_active: true,
            created_at: at,
            updated_at: at,
        };
        Shared {
            plans: vec![
                plan(&mut g, "free", TenantTier::Free, 0, BillingCycle::Monthly),
                plan(
                    &mut g,
                    "pro-monthly",
                    TenantTier::Pro,
                    4_900,
                    BillingCycle::Monthly,
                ),
                plan(
                    &mut g,
                    "pro-yearly",
                    TenantTier::Pro,
                    49_000,
                    BillingCycle::Yearly,
                ),
                plan(
                    &mut g,
                    "enterprise-yearly",
                    TenantTier::Enterprise,
                    240_000,
                    BillingCycle::Yearly,
                ),
            ],
            report_manager: Some(g.id_at(at)),
            report_viewer: Some(g.id_at(at)),
            password_hash: Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into()),
            sealer: crate::dev_sealer().ok(),
        }
    }

    fn content(rows: Rows) -> Vec<(&'static str, Vec<Vec<sea_orm::Value>>)> {
        rows.into_chunks()
            .into_iter()
            .map(|c| (c.table, c.rows))
            .collect()
    }

    #[test]
    fn a_tenant_depends_only_on_the_seed_and_its_index() {
        let shared = shared();
        for index in [0, 7, 29] {
            let once = content(generate(&shared, 42, index));
            assert!(!once.is_empty());
            assert_eq!(
                once,
                content(generate(&shared, 42, index)),
                "tenant {index}"
            );
            assert_ne!(
                once,
                content(generate(&shared, 7, index)),
                "the seed matters"
            );
        }
        // A batch is its tenants, each generated alone.
        let mut alone = Rows::default();
        for index in 10..14 {
            alone.extend(generate(&shared, 42, index));
        }
        assert_eq!(
            content(crate::population::batch(&shared, 42, 10..14)),
            content(alone)
        );
    }
}
