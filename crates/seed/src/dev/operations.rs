//! The operations slice of the `dev` profile: invoices and payment transactions over each
//! tenant's subscription history; the infrastructure provisioned for tenants with its metered
//! usage; tenants' domains with their DNS records, certificates and renewals; daily and bucketed
//! usage statistics; and the platform's health checks, incidents and metrics.
//!
//! Tenants behave by their state: active tenants have current activity, the trialing one only a
//! draft invoice and a few days of history, the suspended one history that stops weeks ago with
//! unpaid invoices and failed charges, the churned one old history only.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveTime, Timelike};
use entity::json::InvoiceLineItem;
use entity::sea_orm_active_enums::{
    BillingCycle, CertificateRenewalStatus, CertificateStatus, DnsRecordType,
    DomainVerificationStatus, HealthCheckStatus, IncidentSeverity, IncidentStatus, ResourceKind,
    ResourceStatus, SubscriptionStatus, TenantStatus, TenantTier, TransactionKind,
    TransactionStatus, UsageStatGranularity,
};
use entity::{
    certificate_renewals, certificates, dns_records, domains, health_checks, incidents, invoices,
    plans, resource_usages, resources, subscriptions, system_metrics, tenant_stats, transactions,
    usage_stats,
};
use serde_json::json;
use uuid::Uuid;

use super::{Context, TenantContext};
use crate::factory::billing::{self, Bill, Outcome};
use crate::factory::infrastructure;
use crate::{Gen, Loader, Result};

type Time = DateTime<FixedOffset>;

/// Loads the slice. No later slice reads its rows, so it fills no [`Context`] slot.
pub async fn load(loader: &mut Loader<'_>, g: &mut Gen, ctx: &mut Context) -> Result<()> {
    let mut billing = Billing::default();
    let mut infra = Infra::default();
    let mut analytics = Analytics::default();
    for (index, tc) in ctx.tenants.iter().enumerate() {
        let life = Life::of(g, tc);
        billing.tenant(g, tc, &life, &ctx.plans, &ctx.subscriptions);
        infra.resources(g, tc, &life);
        infra.domains(g, tc, &life, index);
        analytics.tenant(g, tc, &life);
    }
    let monitoring = Monitoring::build(g, &ctx.tenants, &infra.failing_renewals);

    loader.load(billing.invoices).await?;
    loader.load(billing.transactions).await?;
    loader.load(infra.resources).await?;
    loader.load(infra.usages).await?;
    loader.load(infra.domains).await?;
    loader.load(infra.dns_records).await?;
    loader.load(infra.certificates).await?;
    loader.load(infra.renewals).await?;
    loader.load(analytics.tenant_stats).await?;
    loader.load(analytics.usage_stats).await?;
    loader.load(monitoring.health_checks).await?;
    loader.load(monitoring.incidents).await?;
    loader.load(monitoring.system_metrics).await?;
    Ok(())
}

/// When a tenant's activity begins and stops.
#[derive(Debug, Clone, Copy)]
struct Life {
    born: Time,
    /// The last moment of activity: now for active tenants, weeks ago for a suspended one,
    /// months ago for a churned one.
    active_until: Time,
    /// When the tenant was suspended or churned, if it was.
    ended: Option<Time>,
    /// Days since the tenant signed up.
    age_days: f64,
    /// The sales tax of the tenant's country.
    tax_percent: i64,
}

impl Life {
    fn of(g: &Gen, tc: &TenantContext) -> Self {
        let born = tc.tenant.created_at;
        Self {
            born,
            active_until: tc.life.stopped_at(g).max(born),
            ended: tc.life.ended_at(g).map(|t| t.max(born)),
            age_days: tc.life.born,
            tax_percent: billing::tax_percent(
                tc.tenant
                    .settings
                    .default_locale
                    .as_deref()
                    .unwrap_or_default(),
            ),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Time helpers (UTC calendar).

fn day_start(t: Time) -> Time {
    t.to_utc()
        .date_naive()
        .and_time(NaiveTime::MIN)
        .and_utc()
        .fixed_offset()
}

fn month_start(t: Time) -> Time {
    day_start(t) - Duration::days(i64::from(t.to_utc().day0()))
}

fn next_month(t: Time) -> Time {
    month_start(month_start(t) + Duration::days(32))
}

fn hour_start(t: Time) -> Time {
    day_start(t) + Duration::hours(i64::from(t.to_utc().hour()))
}

/// The calendar months starting strictly after `from` and no later than `to`.
fn month_starts_between(from: Time, to: Time) -> Vec<Time> {
    let mut out = Vec::new();
    let mut m = next_month(from);
    while m <= to {
        out.push(m);
        m = next_month(m);
    }
    out
}

/// A number between `lo` and `hi`, in thousandths.
fn between(g: &mut Gen, lo: f64, hi: f64) -> f64 {
    lo + (hi - lo) * (g.range(0..=1_000) as f64 / 1_000.0)
}

fn minutes(g: &mut Gen, lo: i64, hi: i64) -> Duration {
    Duration::minutes(g.range(lo..=hi))
}

// ---------------------------------------------------------------------------------------------
// Billing.

#[derive(Debug, Default)]
struct Billing {
    invoices: Vec<invoices::Model>,
    transactions: Vec<transactions::Model>,
}

impl Billing {
    fn tenant(
        &mut self,
        g: &mut Gen,
        tc: &TenantContext,
        life: &Life,
        plans: &[plans::Model],
        subscriptions: &[subscriptions::Model],
    ) {
        let tenant = &tc.tenant;
        let mut mine = Vec::new();
        let subs: Vec<&subscriptions::Model> = subscriptions
            .iter()
            .filter(|s| s.tenant_id == tenant.id)
            .collect();
        for sub in &subs {
            if let Some(plan) = plans.iter().find(|p| p.id == sub.plan_id) {
                self.plan_invoices(g, life, sub, plan, &mut mine);
            }
        }
        let latest = subs.iter().max_by_key(|s| s.created_at).map(|s| s.id);
        self.add_on_invoices(g, tc, life, latest, &mut mine);
        if tenant.tier == TenantTier::Enterprise && tenant.status == TenantStatus::Active {
            // A goodwill credit after the platform's API latency incident.
            let at = g.days_ago(15.2).max(life.born);
            self.transactions.push(billing::transaction(
                g,
                tenant.id,
                None,
                TransactionKind::Credit,
                TransactionStatus::Succeeded,
                5_000,
                at,
            ));
        }
        billing::number_invoices(&mut mine, &tenant.slug.to_uppercase());
        self.invoices.extend(mine);
    }

    /// One invoice per billing period of a paid plan, from the subscription's start to its
    /// current period; a draft for the first period after a trial.
    fn plan_invoices(
        &mut self,
        g: &mut Gen,
        life: &Life,
        sub: &subscriptions::Model,
        plan: &plans::Model,
        out: &mut Vec<invoices::Model>,
    ) {
        if plan.price_cents == 0 {
            return;
        }
        let now = g.now();
        let cycle_days = billing::cycle_days(sub.billing_cycle);
        let cycle = Duration::days(cycle_days);
        let net = if plan.tier == TenantTier::Enterprise {
            30
        } else {
            14
        };
        let bill = |lines, issued| Bill {
            tenant: sub.tenant_id,
            subscription: Some(sub.id),
            lines,
            tax_percent: life.tax_percent,
            net_days: net,
            issued,
            until: life.active_until,
        };
        if sub.status == SubscriptionStatus::Trialing {
            let trial_end = sub.trial_ends_at.unwrap_or(sub.current_period_end);
            let created = g.days_ago(0.4).max(sub.created_at);
            let lines = vec![billing::plan_line(plan, trial_end, trial_end + cycle)];
            self.push(g, bill(lines, created), Outcome::Draft, out);
            return;
        }
        let mut periods = Vec::new();
        let mut start = sub.current_period_start;
        while start >= sub.created_at && periods.len() < 120 {
            periods.push(start);
            start -= cycle;
        }
        periods.reverse();
        let stops = sub.canceled_at.unwrap_or(now).min(life.active_until);
        // The stretch between sign-up and the first billing date, prorated by the day.
        if let Some(first) = periods.first().copied() {
            let gap_days = (first - sub.created_at).num_days();
            if gap_days >= 1 {
                let line = InvoiceLineItem {
                    plan_code: Some(plan.code.clone()),
                    sku: None,
                    ..billing::line(
                        &format!("{}, prorated for {gap_days} days", plan.name),
                        "",
                        gap_days,
                        plan.price_cents / cycle_days,
                        sub.created_at,
                        first,
                    )
                };
                let issued = sub.created_at + minutes(g, 1, 10);
                let outcome = Outcome::Paid { retried: false };
                self.push(g, bill(vec![line], issued), outcome, out);
            }
        }
        for (i, start) in periods.iter().copied().enumerate() {
            if start > stops {
                continue;
            }
            let end = start + cycle;
            let mut lines = vec![billing::plan_line(plan, start, end)];
            if sub.billing_cycle == BillingCycle::Monthly && i > 0 && g.chance(0.6) {
                // Storage above the plan in the previous period, billed in arrears.
                let qty = g.range(2..=9);
                lines.push(billing::line(
                    "Additional storage, per 10 GB-month",
                    "storage-10gb",
                    qty,
                    500,
                    start - cycle,
                    start,
                ));
            }
            let issued = start + minutes(g, 1, 10);
            if plan.tier == TenantTier::Enterprise && i == 0 {
                // Issued with the wrong seat count, voided and issued again the same day.
                let mut wrong = lines.clone();
                wrong.push(billing::line(
                    "Additional seats",
                    "seat",
                    25,
                    8_000,
                    start,
                    end,
                ));
                self.push(g, bill(wrong, issued), Outcome::Void, out);
                let reissued = issued + Duration::hours(6);
                let outcome = Outcome::Paid { retried: false };
                self.push(g, bill(lines, reissued), outcome, out);
                continue;
            }
            let outcome = if issued > now - Duration::days(3) {
                Outcome::Pending
            } else {
                Outcome::Paid { retried: i == 3 }
            };
            self.push(g, bill(lines, issued), outcome, out);
        }
    }

    /// Monthly invoices besides the plan: dedicated workers for the enterprise tenant, usage
    /// above the plan for the suspended one, priority support in the churned one's early months.
    fn add_on_invoices(
        &mut self,
        g: &mut Gen,
        tc: &TenantContext,
        life: &Life,
        subscription_id: Option<Uuid>,
        out: &mut Vec<invoices::Model>,
    ) {
        let now = g.now();
        let bill = |lines, issued, net_days| Bill {
            tenant: tc.tenant.id,
            subscription: subscription_id,
            lines,
            tax_percent: life.tax_percent,
            net_days,
            issued,
            until: life.active_until,
        };
        match tc.tenant.status {
            TenantStatus::Active if tc.tenant.tier == TenantTier::Enterprise => {
                for m in month_starts_between(life.born, life.active_until) {
                    let mut lines = vec![billing::line(
                        "Dedicated report worker",
                        "dedicated-worker",
                        2,
                        15_000,
                        m,
                        next_month(m),
                    )];
                    if g.chance(0.4) {
                        let qty = g.range(1..=6);
                        let from = month_start(m - Duration::days(1));
                        let hours = "Premium support, per hour";
                        lines.push(billing::line(hours, "support-hour", qty, 12_000, from, m));
                    }
                    let issued = m + Duration::hours(6);
                    let outcome = if issued > now - Duration::days(3) {
                        Outcome::Open
                    } else {
                        Outcome::Paid { retried: false }
                    };
                    self.push(g, bill(lines, issued, 30), outcome, out);
                }
            }
            TenantStatus::Suspended => {
                let months = month_starts_between(life.born, life.active_until);
                let n = months.len();
                for (i, m) in months.iter().copied().enumerate() {
                    let from = month_start(m - Duration::days(1)).max(life.born);
                    let storage = g.range(20..=60 + 12 * i as i64);
                    let api = g.range(5..=20 + 4 * i as i64);
                    let lines = vec![
                        billing::line(
                            "Storage above plan, per GB-month",
                            "storage-overage-gb",
                            storage,
                            25,
                            from,
                            m,
                        ),
                        billing::line(
                            "API calls above plan, per 10,000",
                            "api-overage-10k",
                            api,
                            40,
                            from,
                            m,
                        ),
                    ];
                    let outcome = match n - i {
                        1 | 2 => Outcome::Failing,
                        3 => Outcome::Uncollectible,
                        _ => Outcome::Paid { retried: false },
                    };
                    let issued = m + Duration::hours(6);
                    self.push(g, bill(lines, issued, 14), outcome, out);
                }
            }
            TenantStatus::Churned => {
                let until = (life.born + Duration::days(180)).min(life.active_until);
                let months = month_starts_between(life.born, until);
                let n = months.len();
                for (i, m) in months.iter().copied().enumerate() {
                    let support = "Priority support";
                    let end = next_month(m);
                    let lines = vec![billing::line(support, "priority-support", 1, 2_900, m, end)];
                    let outcome = if i + 1 == n {
                        Outcome::Refunded
                    } else {
                        Outcome::Paid { retried: false }
                    };
                    let issued = m + Duration::hours(6);
                    self.push(g, bill(lines, issued, 14), outcome, out);
                }
            }
            _ => {}
        }
    }

    /// Adds the invoice `b` as `outcome` left it, and its transactions.
    fn push(&mut self, g: &mut Gen, b: Bill, outcome: Outcome, out: &mut Vec<invoices::Model>) {
        let (invoice, txns) = billing::bill(g, b, outcome);
        out.push(invoice);
        self.transactions.extend(txns);
    }
}

// ---------------------------------------------------------------------------------------------
// Infrastructure.

/// A resource a tenant may run: its kind, name and the metrics it is metered by, each with a
/// typical rate per hour for a pro tenant.
struct ResourceSpec {
    kind: ResourceKind,
    name: &'static str,
    metrics: &'static [(&'static str, &'static str, f64)],
}

const RESOURCE_SPECS: &[ResourceSpec] = &[
    ResourceSpec {
        kind: ResourceKind::Compute,
        name: "report-workers",
        metrics: &[
            ("cpu_hours", "hours", 2.4),
            ("memory_gb_hours", "GB-hours", 12.0),
        ],
    },
    ResourceSpec {
        kind: ResourceKind::Database,
        name: "reports-db",
        metrics: &[
            ("storage_gb_hours", "GB-hours", 60.0),
            ("io_requests", "requests", 180_000.0),
        ],
    },
    ResourceSpec {
        kind: ResourceKind::Storage,
        name: "exports",
        metrics: &[
            ("stored_gb_hours", "GB-hours", 250.0),
            ("egress_bytes", "bytes", 2.0e9),
        ],
    },
    ResourceSpec {
        kind: ResourceKind::Queue,
        name: "report-jobs",
        metrics: &[("messages", "messages", 1_200.0)],
    },
    ResourceSpec {
        kind: ResourceKind::Cache,
        name: "session-cache",
        metrics: &[("memory_gb_hours", "GB-hours", 3.2)],
    },
    ResourceSpec {
        kind: ResourceKind::Cdn,
        name: "static-assets",
        metrics: &[("egress_bytes", "bytes", 8.0e9)],
    },
];

/// Which hostnames a tenant has added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Host {
    Apex,
    App,
    Reports,
}

#[derive(Debug, Default)]
struct Infra {
    resources: Vec<resources::Model>,
    usages: Vec<resource_usages::Model>,
    domains: Vec<domains::Model>,
    dns_records: Vec<dns_records::Model>,
    certificates: Vec<certificates::Model>,
    renewals: Vec<certificate_renewals::Model>,
    /// Certificates whose renewal keeps failing: tenant, hostname and the first failure.
    failing_renewals: Vec<(Uuid, String, Time)>,
}

fn tier_factor(tier: TenantTier) -> f64 {
    match tier {
        TenantTier::Free => 0.15,
        TenantTier::Pro => 1.0,
        TenantTier::Enterprise => 4.0,
    }
}

impl Infra {
    fn resources(&mut self, g: &mut Gen, tc: &TenantContext, life: &Life) {
        let now = g.now();
        let tenant = &tc.tenant;
        let young = life.age_days < 30.0;
        let specs: &[ResourceSpec] = match tenant.status {
            TenantStatus::Active | TenantStatus::Pending if young => &RESOURCE_SPECS[..3],
            TenantStatus::Active | TenantStatus::Pending => RESOURCE_SPECS,
            TenantStatus::Suspended => &RESOURCE_SPECS[..4],
            TenantStatus::Churned => &RESOURCE_SPECS[..3],
        };
        let region = if tenant.tier == TenantTier::Enterprise {
            "us-east-1"
        } else {
            "eu-west-2"
        };
        let factor = tier_factor(tenant.tier);
        for (i, spec) in specs.iter().enumerate() {
            // The first three come with the workspace; the rest as the tenant grows.
            let created = if i < 3 {
                life.born + minutes(g, 5, 180)
            } else {
                life.born + Duration::days(g.range(5..=20)) + minutes(g, 0, 600)
            }
            .min(now);
            let provisioning = young && i == 2;
            let created = if provisioning {
                g.days_ago(0.2).max(life.born)
            } else {
                created
            };
            let (status, changed) = match tenant.status {
                _ if provisioning => (ResourceStatus::Provisioning, created),
                TenantStatus::Active | TenantStatus::Pending => {
                    if spec.kind == ResourceKind::Cache && tenant.tier == TenantTier::Pro {
                        (ResourceStatus::Degraded, g.days_ago(0.3).max(created))
                    } else {
                        (ResourceStatus::Active, created)
                    }
                }
                TenantStatus::Suspended => {
                    if matches!(spec.kind, ResourceKind::Compute | ResourceKind::Queue) {
                        let at = life.ended.unwrap_or(now) + minutes(g, 30, 240);
                        (ResourceStatus::Deprovisioned, at.max(created))
                    } else {
                        (ResourceStatus::Active, created)
                    }
                }
                TenantStatus::Churned => {
                    let at = life.ended.unwrap_or(now) + minutes(g, 30, 240);
                    (ResourceStatus::Deprovisioned, at.max(created))
                }
            };
            let name = format!("{}-{}", tenant.slug, spec.name);
            let resource = resources::Model {
                status,
                updated_at: changed.min(now),
                ..infrastructure::resource_of(
                    g, tenant.id, spec.kind, name, region, factor, created,
                )
            };
            if status != ResourceStatus::Provisioning {
                let stop = if status == ResourceStatus::Deprovisioned {
                    changed.min(life.active_until.max(created))
                } else {
                    life.active_until
                };
                self.usage(g, &resource, spec, factor, stop);
            }
            self.resources.push(resource);
        }
    }

    /// Metered usage of `resource` per calendar month until `stop`, and per day over the last
    /// month for compute of active tenants.
    fn usage(
        &mut self,
        g: &mut Gen,
        resource: &resources::Model,
        spec: &ResourceSpec,
        factor: f64,
        stop: Time,
    ) {
        let now = g.now();
        let ongoing = stop > now - Duration::hours(1);
        let mut start = resource.created_at;
        let mut months = 0;
        loop {
            let month_end = next_month(start);
            let last = month_end >= stop;
            if last && ongoing {
                // The current month is metered when it closes.
                break;
            }
            let end = if last { stop } else { month_end };
            if end > start {
                // Usage grows as the tenant settles in.
                let growth = 0.6 + 0.08 * f64::from(months.min(10));
                for (metric, unit, rate) in spec.metrics {
                    let q = rate * factor * growth * between(g, 0.75, 1.25);
                    self.usages
                        .push(usage_row(g, resource, (metric, unit), q, start, end));
                }
                months += 1;
            }
            if last {
                break;
            }
            start = end;
        }
        if ongoing && spec.kind == ResourceKind::Compute {
            let first =
                day_start(resource.created_at.max(now - Duration::days(30))) + Duration::days(1);
            let mut day = first;
            while day + Duration::days(1) <= now {
                let (metric, unit, rate) = spec.metrics[0];
                let weekend = day.to_utc().weekday().number_from_monday() >= 6;
                let load = if weekend { 0.4 } else { 1.0 };
                let q = rate * factor * load * between(g, 0.7, 1.3);
                self.usages.push(usage_row(
                    g,
                    resource,
                    (metric, unit),
                    q,
                    day,
                    day + Duration::days(1),
                ));
                day += Duration::days(1);
            }
        }
    }

    fn domains(&mut self, g: &mut Gen, tc: &TenantContext, life: &Life, index: usize) {
        let now = g.now();
        let tenant = &tc.tenant;
        let young = life.age_days < 30.0;
        let mut hosts = vec![Host::Apex, Host::App];
        if tenant.tier == TenantTier::Enterprise {
            hosts.push(Host::Reports);
        }
        let apex = format!("{}.example.com", tenant.slug);
        for host in hosts {
            let hostname = match host {
                Host::Apex => apex.clone(),
                Host::App => format!("app.{apex}"),
                Host::Reports => format!("reports.{apex}"),
            };
            let (created, status) = match (host, tenant.status) {
                (Host::Apex, _) => (
                    life.born + minutes(g, 5, 30),
                    DomainVerificationStatus::Verified,
                ),
                (_, TenantStatus::Active | TenantStatus::Pending) if young => (
                    g.days_ago(1.5).max(life.born),
                    DomainVerificationStatus::Pending,
                ),
                (_, TenantStatus::Churned) => (
                    (life.active_until - Duration::days(10)).max(life.born),
                    DomainVerificationStatus::Failed,
                ),
                (Host::App, _) => (
                    life.born + Duration::days(2) + minutes(g, 0, 300),
                    DomainVerificationStatus::Verified,
                ),
                (Host::Reports, _) => (
                    life.born + Duration::days(12) + minutes(g, 0, 300),
                    DomainVerificationStatus::Verified,
                ),
            };
            let created = created.min(now);
            let verified_at = (status == DomainVerificationStatus::Verified)
                .then(|| (created + minutes(g, 4, 40)).min(now));
            let updated = match status {
                DomainVerificationStatus::Failed => (created + Duration::days(3)).min(now),
                _ => verified_at.unwrap_or(created),
            };
            let domain = domains::Model {
                id: g.id_at(created),
                tenant_id: tenant.id,
                hostname: hostname.clone(),
                verification_status: status,
                verified_at,
                created_at: created,
                updated_at: updated,
            };
            self.records(g, &domain, host, &tenant.slug, index);
            self.certificate(g, tc, life, &domain, host);
            self.domains.push(domain);
        }
    }

    fn records(
        &mut self,
        g: &mut Gen,
        domain: &domains::Model,
        host: Host,
        slug: &str,
        index: usize,
    ) {
        let token = hex::encode(g.bytes::<16>());
        let host_name = &domain.hostname;
        let mut rows: Vec<(DnsRecordType, &str, String, i64, Option<i64>)> = vec![(
            DnsRecordType::Txt,
            "_platform-verification",
            format!("\"platform-verification={token}\""),
            300,
            None,
        )];
        match host {
            Host::Apex => {
                let octet = 10 + 10 * index;
                rows.extend([
                    (
                        DnsRecordType::A,
                        "@",
                        format!("203.0.113.{octet}"),
                        300,
                        None,
                    ),
                    (
                        DnsRecordType::Aaaa,
                        "@",
                        format!("2001:db8:{:x}::{octet:x}", index + 1),
                        300,
                        None,
                    ),
                    (
                        DnsRecordType::Cname,
                        "www",
                        format!("{host_name}."),
                        3600,
                        None,
                    ),
                    (
                        DnsRecordType::Mx,
                        "@",
                        "mx1.mailhost.example.net.".to_owned(),
                        3600,
                        Some(10),
                    ),
                    (
                        DnsRecordType::Mx,
                        "@",
                        "mx2.mailhost.example.net.".to_owned(),
                        3600,
                        Some(20),
                    ),
                    (
                        DnsRecordType::Txt,
                        "@",
                        "\"v=spf1 include:_spf.mailhost.example.net ~all\"".to_owned(),
                        3600,
                        None,
                    ),
                    (
                        DnsRecordType::Txt,
                        "_dmarc",
                        format!("\"v=DMARC1; p=quarantine; rua=mailto:dmarc@{host_name}\""),
                        3600,
                        None,
                    ),
                    (
                        DnsRecordType::Caa,
                        "@",
                        "0 issue \"letsencrypt.org\"".to_owned(),
                        86_400,
                        None,
                    ),
                ]);
            }
            Host::App | Host::Reports => rows.push((
                DnsRecordType::Cname,
                "@",
                format!("{slug}.edge.platform.example.net."),
                300,
                None,
            )),
        }
        for (record_type, name, value, ttl, priority) in rows {
            let at = domain.created_at + Duration::seconds(g.range(1..=120));
            let at = at.min(g.now());
            self.dns_records.push(dns_records::Model {
                id: g.id_at(at),
                tenant_id: domain.tenant_id,
                domain_id: domain.id,
                record_type,
                name: name.to_owned(),
                value,
                ttl,
                priority,
                created_at: at,
                updated_at: at,
            });
        }
    }

    /// The domain's certificate: issued once control is proved, renewed 30 days before expiry
    /// while the tenant is active.
    fn certificate(
        &mut self,
        g: &mut Gen,
        tc: &TenantContext,
        life: &Life,
        domain: &domains::Model,
        host: Host,
    ) {
        let now = g.now();
        let tenant = &tc.tenant;
        let sans = match host {
            Host::Apex => json!([format!("www.{}", domain.hostname)]),
            Host::App | Host::Reports => json!([]),
        };
        // Requested once control is proved (or when the domain is added, for one not yet proved).
        let requested = domain.verified_at.unwrap_or(domain.created_at);
        let mut cert = certificates::Model {
            id: g.id_at(requested),
            tenant_id: tenant.id,
            domain_id: domain.id,
            common_name: domain.hostname.clone(),
            subject_alt_names: sans,
            issuer: None,
            status: CertificateStatus::Pending,
            not_before: None,
            not_after: None,
            auto_renew: tenant.status == TenantStatus::Active,
            fingerprint_sha256: None,
            created_at: requested,
            updated_at: requested,
        };
        let Some(verified) = domain.verified_at else {
            if domain.verification_status == DomainVerificationStatus::Failed {
                cert.status = CertificateStatus::Failed;
                cert.updated_at = domain.updated_at;
            }
            self.certificates.push(cert);
            return;
        };
        let renew_until = match tenant.status {
            TenantStatus::Active | TenantStatus::Pending => now,
            TenantStatus::Suspended | TenantStatus::Churned => life.active_until,
        };
        let failing = tenant.status == TenantStatus::Active
            && tenant.tier == TenantTier::Pro
            && host == Host::App
            && life.age_days >= 30.0;
        let revoked_at = (tenant.status == TenantStatus::Suspended && host == Host::App)
            .then(|| life.ended.unwrap_or(now) + minutes(g, 10, 120))
            .map(|t| t.min(now));
        let mut not_before = (verified + minutes(g, 1, 5)).min(now);
        let mut scheduled_since = not_before;
        loop {
            let due = not_before + Duration::days(60);
            if due > renew_until {
                break;
            }
            if failing && due + Duration::days(60) > renew_until {
                // The DNS-01 challenge keeps failing: retries with backoff, one running now.
                let mut at = due;
                let mut backoff = 1;
                let mut created = scheduled_since;
                let mut first_failure = None;
                while at <= now - Duration::days(1) {
                    let attempted = at + Duration::seconds(g.range(0..=300));
                    let completed = attempted + Duration::seconds(g.range(20..=90));
                    first_failure.get_or_insert(attempted);
                    self.renewals.push(certificate_renewals::Model {
                        id: g.id_at(created),
                        tenant_id: tenant.id,
                        certificate_id: cert.id,
                        status: CertificateRenewalStatus::Failed,
                        scheduled_at: at,
                        attempted_at: Some(attempted),
                        completed_at: Some(completed),
                        error: Some(format!(
                            "DNS-01 challenge failed: no TXT record found at _acme-challenge.{}",
                            domain.hostname
                        )),
                        created_at: created,
                        updated_at: completed,
                    });
                    created = completed;
                    at += Duration::days(backoff);
                    backoff *= 2;
                }
                let attempted = now - Duration::minutes(3);
                self.renewals.push(certificate_renewals::Model {
                    id: g.id_at(created),
                    tenant_id: tenant.id,
                    certificate_id: cert.id,
                    status: CertificateRenewalStatus::Running,
                    scheduled_at: attempted,
                    attempted_at: Some(attempted),
                    completed_at: None,
                    error: None,
                    created_at: created,
                    updated_at: attempted,
                });
                if let Some(first) = first_failure {
                    self.failing_renewals
                        .push((tenant.id, domain.hostname.clone(), first));
                }
                break;
            }
            let attempted = (due + Duration::seconds(g.range(0..=300))).min(now);
            let completed = (attempted + Duration::seconds(g.range(20..=180))).min(now);
            self.renewals.push(certificate_renewals::Model {
                id: g.id_at(scheduled_since),
                tenant_id: tenant.id,
                certificate_id: cert.id,
                status: CertificateRenewalStatus::Succeeded,
                scheduled_at: due,
                attempted_at: Some(attempted),
                completed_at: Some(completed),
                error: None,
                created_at: scheduled_since,
                updated_at: completed,
            });
            not_before = completed;
            scheduled_since = completed;
        }
        if cert.auto_renew && !failing {
            self.renewals.push(certificate_renewals::Model {
                id: g.id_at(scheduled_since),
                tenant_id: tenant.id,
                certificate_id: cert.id,
                status: CertificateRenewalStatus::Scheduled,
                scheduled_at: not_before + Duration::days(60),
                attempted_at: None,
                completed_at: None,
                error: None,
                created_at: scheduled_since,
                updated_at: scheduled_since,
            });
        }
        let not_after = not_before + Duration::days(90);
        cert.issuer = Some((*g.pick(&["Let's Encrypt R10", "Let's Encrypt R11"])).to_owned());
        cert.not_before = Some(not_before);
        cert.not_after = Some(not_after);
        cert.fingerprint_sha256 = Some(hex::encode(g.bytes::<32>()));
        (cert.status, cert.updated_at) = if let Some(at) = revoked_at {
            (CertificateStatus::Revoked, at)
        } else if not_after <= now {
            (CertificateStatus::Expired, not_after)
        } else if not_after - now < Duration::days(30) {
            (
                CertificateStatus::Expiring,
                (not_after - Duration::days(30)).max(not_before),
            )
        } else {
            (CertificateStatus::Issued, not_before)
        };
        self.certificates.push(cert);
    }
}

fn usage_row(
    g: &mut Gen,
    resource: &resources::Model,
    metric: (&str, &str),
    quantity: f64,
    start: Time,
    end: Time,
) -> resource_usages::Model {
    let hours = (end - start).num_minutes() as f64 / 60.0;
    let raw = quantity * hours;
    let quantity = if matches!(metric.1, "bytes" | "requests" | "messages") {
        raw.round()
    } else {
        (raw * 100.0).round() / 100.0
    };
    infrastructure::usage(g, resource, metric, quantity, start, end)
}

// ---------------------------------------------------------------------------------------------
// Analytics.

#[derive(Debug, Default)]
struct Analytics {
    tenant_stats: Vec<tenant_stats::Model>,
    usage_stats: Vec<usage_stats::Model>,
}

/// A tenant's typical daily activity: reports run, API calls and the storage it starts with.
fn daily_base(tier: TenantTier) -> (f64, f64, f64) {
    match tier {
        TenantTier::Free => (3.0, 400.0, 0.2e9),
        TenantTier::Pro => (14.0, 9_000.0, 4.0e9),
        TenantTier::Enterprise => (45.0, 60_000.0, 40.0e9),
    }
}

impl Analytics {
    fn tenant(&mut self, g: &mut Gen, tc: &TenantContext, life: &Life) {
        let now = g.now();
        let tenant = &tc.tenant;
        let members = tc.members.len().max(1) as i64;
        let (reports, calls, storage0) = daily_base(tenant.tier);
        // Storage grows by about half its starting size a month.
        let storage_at = |t: Time| {
            let days = (t - life.born).num_hours() as f64 / 24.0;
            storage0 * (1.0 + days / 60.0)
        };
        // Activity tapers off in the churned tenant's last weeks.
        let taper = |t: Time| {
            if tenant.status == TenantStatus::Churned {
                let left = (life.active_until - t).num_hours() as f64 / 24.0;
                (left / 30.0).clamp(0.1, 1.0)
            } else {
                1.0
            }
        };

        // One row per day over the last 45 days of activity.
        let last_day = day_start(life.active_until);
        let first_day = day_start(life.born).max(last_day - Duration::days(44));
        let mut day = first_day;
        while day <= last_day {
            let weekend = day.to_utc().weekday().number_from_monday() >= 6;
            let load = if weekend { 0.25 } else { 1.0 } * taper(day);
            // Today's row covers the hours so far.
            let share = if day + Duration::days(1) > now {
                (now - day).num_minutes() as f64 / 1_440.0
            } else {
                1.0
            };
            let active_users = if weekend {
                g.range(0..=1)
            } else {
                g.range((members / 2).max(1)..=members)
            };
            let created = (day + Duration::minutes(5)).max(life.born).min(now);
            let updated = (day + Duration::days(1) + Duration::minutes(5))
                .min(now)
                .max(created);
            self.tenant_stats.push(tenant_stats::Model {
                id: g.id_at(created),
                tenant_id: tenant.id,
                day: day.to_utc().date_naive(),
                active_users,
                reports_run: (reports * load * share * between(g, 0.6, 1.4)).round() as i64,
                storage_bytes: storage_at(day + Duration::days(1).min(now - day)) as i64,
                api_calls: (calls * load * share * between(g, 0.7, 1.3)).round() as i64,
                created_at: created,
                updated_at: updated,
            });
            day += Duration::days(1);
        }

        // Month buckets over the tenant's whole life.
        let mut m = month_start(life.born);
        while m <= life.active_until {
            let end = next_month(m);
            let from = m.max(life.born);
            let to = end.min(life.active_until);
            let days = (to - from).num_minutes() as f64 / 1_440.0;
            let load = 0.75 * taper(from);
            let values = [
                (
                    "api_calls",
                    (calls * days * load * between(g, 0.85, 1.15)).round(),
                ),
                (
                    "reports_run",
                    (reports * days * load * between(g, 0.85, 1.15)).round(),
                ),
                ("storage_bytes", storage_at(to).round()),
            ];
            for (metric, value) in values {
                self.bucket(
                    g,
                    tenant.id,
                    metric,
                    UsageStatGranularity::Month,
                    m,
                    from,
                    to,
                    value,
                );
            }
            m = end;
        }
        // Day buckets over the last two weeks of activity.
        for k in (0..14).rev() {
            let d = last_day - Duration::days(k);
            if d < day_start(life.born) {
                continue;
            }
            let from = d.max(life.born);
            let to = (d + Duration::days(1)).min(life.active_until);
            let weekend = d.to_utc().weekday().number_from_monday() >= 6;
            let load = if weekend { 0.25 } else { 1.0 } * taper(d);
            let share = (to - from).num_minutes() as f64 / 1_440.0;
            let values = [
                (
                    "api_calls",
                    (calls * load * share * between(g, 0.7, 1.3)).round(),
                ),
                (
                    "reports_run",
                    (reports * load * share * between(g, 0.6, 1.4)).round(),
                ),
            ];
            for (metric, value) in values {
                self.bucket(
                    g,
                    tenant.id,
                    metric,
                    UsageStatGranularity::Day,
                    d,
                    from,
                    to,
                    value,
                );
            }
        }
        // Hour buckets over the last day, for tenants active now.
        if life.active_until >= now {
            let this_hour = hour_start(now);
            for k in (0..24).rev() {
                let h = this_hour - Duration::hours(k);
                if h < life.born {
                    continue;
                }
                let to = (h + Duration::hours(1)).min(now);
                let hour = h.to_utc().hour();
                // Office hours in London.
                let load = if (8..18).contains(&hour) { 2.0 } else { 0.2 };
                let share = (to - h).num_minutes() as f64 / 60.0;
                let value = (calls / 24.0 * load * share * between(g, 0.7, 1.3)).round();
                self.bucket(
                    g,
                    tenant.id,
                    "api_calls",
                    UsageStatGranularity::Hour,
                    h,
                    h,
                    to,
                    value,
                );
            }
        }
    }

    /// A bucket starting at `start`, counted from `from` until `to`.
    #[allow(clippy::too_many_arguments)]
    fn bucket(
        &mut self,
        g: &mut Gen,
        tenant_id: Uuid,
        metric: &str,
        granularity: UsageStatGranularity,
        start: Time,
        from: Time,
        to: Time,
        value: f64,
    ) {
        let created = from.min(g.now());
        self.usage_stats.push(usage_stats::Model {
            id: g.id_at(created),
            tenant_id,
            metric: metric.to_owned(),
            granularity,
            bucket_start: start,
            value: value.max(0.0),
            created_at: created,
            updated_at: to.max(created),
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Monitoring.

/// The platform's health checks: service, check, typical latency in milliseconds.
const CHECKS: &[(&str, &str, i64, i64)] = &[
    ("api", "http_ping", 15, 60),
    ("database", "connectivity", 2, 8),
    ("database", "replication_lag", 3, 12),
    ("queue", "consumer_lag", 5, 25),
    ("object-storage", "read_write", 30, 120),
    ("email", "smtp_handshake", 80, 300),
];

/// A platform-wide incident and the service it hit.
struct PlatformIncident {
    title: &'static str,
    description: &'static str,
    service: &'static str,
    severity: IncidentSeverity,
    status: IncidentStatus,
    started_days_ago: f64,
    /// How long until resolved, for a resolved one.
    hours: f64,
    postmortem: Option<&'static str>,
}

const PLATFORM_INCIDENTS: &[PlatformIncident] = &[
    PlatformIncident {
        title: "Database failover in us-east-1",
        description: "The primary database in us-east-1 failed over to its standby; writes failed \
                      for about 40 minutes.",
        service: "database",
        severity: IncidentSeverity::Critical,
        status: IncidentStatus::Resolved,
        started_days_ago: 74.6,
        hours: 0.7,
        postmortem: Some(
            "A storage volume of the primary degraded and the health probe took 25 minutes to \
             declare it failed. The probe now fails over after 3 missed checks, and the runbook \
             covers manual promotion.",
        ),
    },
    PlatformIncident {
        title: "Elevated API latency in eu-west-2",
        description: "p95 latency of the public API rose above 2 s for tenants in eu-west-2.",
        service: "api",
        severity: IncidentSeverity::High,
        status: IncidentStatus::Resolved,
        started_days_ago: 17.3,
        hours: 2.5,
        postmortem: Some(
            "A deploy removed an index used by the report listing query; sequential scans \
             saturated the database. The index is restored and migrations are now checked for \
             dropped indexes in CI.",
        ),
    },
    PlatformIncident {
        title: "Report queue backlog delaying scheduled reports",
        description: "Scheduled reports started up to 45 minutes late while the report queue \
                      drained.",
        service: "queue",
        severity: IncidentSeverity::Medium,
        status: IncidentStatus::Resolved,
        started_days_ago: 9.6,
        hours: 5.0,
        postmortem: Some(
            "Workers were scaled down by an autoscaling rule reacting to a stale metric. The rule \
             now reads queue depth directly and keeps a floor of four workers.",
        ),
    },
    PlatformIncident {
        title: "Intermittent email delivery delays",
        description: "Some notification emails are delayed by up to 20 minutes at our relay \
                      provider; a fix is deployed and being watched.",
        service: "email",
        severity: IncidentSeverity::Low,
        status: IncidentStatus::Monitoring,
        started_days_ago: 0.4,
        hours: 0.0,
        postmortem: None,
    },
];

#[derive(Debug, Default)]
struct Monitoring {
    health_checks: Vec<health_checks::Model>,
    incidents: Vec<incidents::Model>,
    system_metrics: Vec<system_metrics::Model>,
}

impl Monitoring {
    fn build(
        g: &mut Gen,
        tenants: &[TenantContext],
        failing_renewals: &[(Uuid, String, Time)],
    ) -> Self {
        let mut out = Self::default();
        let mut windows = Vec::new();
        for spec in PLATFORM_INCIDENTS {
            let started = g.days_ago(spec.started_days_ago);
            let resolved = (spec.status == IncidentStatus::Resolved)
                .then(|| started + Duration::minutes((spec.hours * 60.0) as i64));
            windows.push((spec.service, started, resolved.unwrap_or(g.now())));
            out.incident(
                g,
                None,
                spec.title,
                spec.description,
                spec.severity,
                spec.status,
                started,
                resolved,
                spec.postmortem,
            );
        }
        for tc in tenants {
            out.tenant_incidents(g, tc, failing_renewals);
        }
        out.health_checks(g, &windows);
        out.system_metrics(g);
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn incident(
        &mut self,
        g: &mut Gen,
        tenant_id: Option<Uuid>,
        title: &str,
        description: &str,
        severity: IncidentSeverity,
        status: IncidentStatus,
        started: Time,
        resolved: Option<Time>,
        postmortem: Option<&str>,
    ) {
        let now = g.now();
        let created = (started + minutes(g, 2, 20)).min(now);
        let resolved = resolved.map(|t| t.min(now).max(started));
        let updated = match resolved {
            // The postmortem is written a couple of days after.
            Some(at) if postmortem.is_some() => (at + Duration::days(2)).min(now),
            Some(at) => at,
            None => (created + minutes(g, 10, 90)).min(now),
        }
        .max(created);
        self.incidents.push(incidents::Model {
            id: g.id_at(created),
            tenant_id,
            title: title.to_owned(),
            description: Some(description.to_owned()),
            severity,
            status,
            started_at: started,
            resolved_at: resolved,
            postmortem: resolved.and(postmortem.map(str::to_owned)),
            created_at: created,
            updated_at: updated,
        });
    }

    fn tenant_incidents(
        &mut self,
        g: &mut Gen,
        tc: &TenantContext,
        failing_renewals: &[(Uuid, String, Time)],
    ) {
        let tenant = &tc.tenant;
        let life = Life::of(g, tc);
        let now = g.now();
        let at = |days: f64| (life.born + Duration::hours((days * 24.0) as i64)).min(now);
        for (tenant_id, hostname, first) in failing_renewals {
            if *tenant_id == tenant.id {
                self.incident(
                    g,
                    Some(tenant.id),
                    &format!("Certificate renewal failing for {hostname}"),
                    &format!(
                        "Renewal of the TLS certificate for {hostname} fails its DNS-01 challenge: \
                         the _acme-challenge CNAME was removed from the tenant's zone. The \
                         certificate expires soon."
                    ),
                    IncidentSeverity::Medium,
                    IncidentStatus::Identified,
                    *first,
                    None,
                    None,
                );
            }
        }
        let young = life.age_days < 30.0;
        match tenant.status {
            TenantStatus::Active | TenantStatus::Pending if young => {
                let started = g.days_ago(2.1).max(life.born);
                self.incident(
                    g,
                    Some(tenant.id),
                    "Initial data import slower than expected",
                    "The first import from the tenant's warehouse runs at a third of the usual \
                     throughput; a larger worker was assigned.",
                    IncidentSeverity::Low,
                    IncidentStatus::Monitoring,
                    started,
                    None,
                    None,
                );
            }
            TenantStatus::Active | TenantStatus::Pending => {
                let (title, description, postmortem, days) =
                    if tenant.tier == TenantTier::Enterprise {
                        (
                            "SSO sign-ins failing after identity provider certificate rotation",
                            "Members could not sign in with SSO after the tenant's identity \
                             provider rotated its signing certificate.",
                            "The new signing certificate was not in the tenant's SAML metadata. \
                             Metadata is now refreshed hourly from the provider's URL.",
                            life.age_days - 55.0,
                        )
                    } else {
                        (
                            "Scheduled reports timing out on the warehouse connector",
                            "Scheduled reports reading the tenant's warehouse timed out after \
                             300 s.",
                            "A warehouse maintenance window overlapped the report schedule; \
                             the connector now retries with backoff and the schedule moved an \
                             hour later.",
                            life.age_days - 40.0,
                        )
                    };
                let started = at(days.max(0.0));
                let resolved = started + Duration::hours(3) + minutes(g, 0, 120);
                self.incident(
                    g,
                    Some(tenant.id),
                    title,
                    description,
                    IncidentSeverity::High,
                    IncidentStatus::Resolved,
                    started,
                    Some(resolved),
                    Some(postmortem),
                );
            }
            TenantStatus::Suspended => {
                let started = (life.active_until - Duration::days(4)).max(life.born);
                self.incident(
                    g,
                    Some(tenant.id),
                    "Nightly warehouse sync failing",
                    "The nightly sync from the tenant's warehouse fails with \
                     'password authentication failed'; the tenant has not answered since its \
                     account was suspended.",
                    IncidentSeverity::Medium,
                    IncidentStatus::Investigating,
                    started,
                    None,
                    None,
                );
            }
            TenantStatus::Churned => {
                let started = at(150.0);
                let resolved = started + Duration::hours(6);
                self.incident(
                    g,
                    Some(tenant.id),
                    "Dashboard exports returning empty files",
                    "CSV exports of dashboards contained only the header row.",
                    IncidentSeverity::Medium,
                    IncidentStatus::Resolved,
                    started,
                    Some(resolved),
                    Some(
                        "A change to the export writer flushed before the rows were written. \
                         Exports now have an end-to-end test with real rows.",
                    ),
                );
            }
        }
    }

    /// Every check twice a day over three weeks, plus the checks that caught each incident.
    fn health_checks(&mut self, g: &mut Gen, windows: &[(&str, Time, Time)]) {
        let now = g.now();
        for k in (0..42).rev() {
            let round = now - Duration::hours(12 * k) - minutes(g, 0, 20);
            for (i, (service, check, lo, hi)) in CHECKS.iter().enumerate() {
                let at = (round + Duration::seconds(5 * i as i64)).min(now);
                let degraded = g.chance(0.03);
                let latency = g.range(*lo..=*hi) * if degraded { 6 } else { 1 };
                let status = if degraded {
                    HealthCheckStatus::Degraded
                } else {
                    HealthCheckStatus::Healthy
                };
                self.check(g, service, check, status, Some(latency), at);
            }
        }
        for (service, started, ended) in windows {
            if *started < now - Duration::days(21) {
                continue;
            }
            for (j, (s, check, lo, hi)) in CHECKS.iter().enumerate() {
                if s != service {
                    continue;
                }
                let mut at = *started + Duration::minutes(3) + Duration::seconds(j as i64);
                let mut first = true;
                while at <= *ended && at <= now {
                    let (status, latency) = if first {
                        (HealthCheckStatus::Unhealthy, None)
                    } else {
                        (HealthCheckStatus::Degraded, Some(g.range(*lo..=*hi) * 8))
                    };
                    self.check(g, s, check, status, latency, at);
                    first = false;
                    at += Duration::minutes(30);
                }
            }
        }
    }

    fn check(
        &mut self,
        g: &mut Gen,
        service: &str,
        check: &str,
        status: HealthCheckStatus,
        latency_ms: Option<i64>,
        at: Time,
    ) {
        let details = match latency_ms {
            None => json!({ "error": "timed out after 5000 ms", "timeout_ms": 5000 }),
            Some(_) => match check {
                "http_ping" => json!({
                    "endpoint": "https://api.platform.example.net/healthz",
                    "http_status": if status == HealthCheckStatus::Healthy { 200 } else { 503 },
                }),
                "connectivity" => json!({
                    "host": "db-primary.eu-west-2.internal",
                    "pool_in_use": g.range(12..=80),
                    "pool_size": 100,
                }),
                "replication_lag" => json!({
                    "replica": "db-replica-1.eu-west-2.internal",
                    "lag_seconds": g.range(0..=40) as f64 / 10.0,
                }),
                "consumer_lag" => json!({ "queue": "report-jobs", "backlog": g.range(0..=60) }),
                "read_write" => json!({ "bucket": "platform-health", "object_bytes": 1024 }),
                _ => json!({ "relay": "smtp.mailhost.example.net:587", "tls": true }),
            },
        };
        self.health_checks.push(health_checks::Model {
            id: g.id_at(at),
            service: service.to_owned(),
            check_name: check.to_owned(),
            status,
            latency_ms,
            details,
            checked_at: at,
        });
    }

    /// Four platform metrics sampled every three days over eight months.
    fn system_metrics(&mut self, g: &mut Gen) {
        for k in (0..80).rev() {
            let base = 3.0 * k as f64;
            let age = 1.0 - base / 240.0;
            let samples = [
                (
                    "http_requests_per_second",
                    between(g, 120.0, 180.0) + 90.0 * age,
                    json!({ "service": "api", "region": "eu-west-2" }),
                ),
                (
                    "http_p95_latency_ms",
                    between(g, 85.0, 160.0),
                    json!({ "service": "api", "region": "eu-west-2" }),
                ),
                (
                    "report_queue_depth",
                    g.range(0..=35) as f64,
                    json!({ "queue": "report-jobs" }),
                ),
                (
                    "db_connections_active",
                    (between(g, 35.0, 70.0) + 40.0 * age).round(),
                    json!({ "cluster": "main", "role": "primary" }),
                ),
            ];
            let jitter = between(g, 0.0, 0.9);
            let at = g.days_ago(base + jitter);
            for (i, (metric, value, labels)) in samples.into_iter().enumerate() {
                let recorded = (at + Duration::seconds(i as i64)).min(g.now());
                self.system_metrics.push(system_metrics::Model {
                    id: g.id_at(recorded),
                    metric: metric.to_owned(),
                    value: (value * 10.0).round() / 10.0,
                    labels,
                    recorded_at: recorded,
                });
            }
        }
    }
}
