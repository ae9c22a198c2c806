//! The operations slice of the `dev` profile: tenants' domains with their DNS records,
//! certificates and renewals; daily and bucketed usage statistics; and the platform's health
//! checks, incidents and metrics. (Invoices, payments and resources come with each scenario's
//! tenant, from the generator.)
//!
//! Tenants behave by their state: active tenants have current activity, the trialing one a few
//! days of history, the suspended one history that stops weeks ago, the churned one old history
//! only.

use chrono::{DateTime, Datelike, Duration, FixedOffset, Timelike};
use entity::sea_orm_active_enums::{
    CertificateRenewalStatus, CertificateStatus, DnsRecordType, DomainVerificationStatus,
    HealthCheckStatus, IncidentSeverity, IncidentStatus, TenantStatus, TenantTier,
    UsageStatGranularity,
};
use entity::{
    certificate_renewals, certificates, dns_records, domains, health_checks, incidents,
    system_metrics, tenant_stats, usage_stats,
};
use serde_json::json;
use uuid::Uuid;

use super::{Context, TenantContext};
use crate::calendar::{day_start, hour_start, month_start, next_month};
use crate::{Gen, Loader, Result};

type Time = DateTime<FixedOffset>;

/// Loads the slice. No later slice reads its rows, so it fills no [`Context`] slot.
pub async fn load(loader: &mut Loader<'_>, g: &mut Gen, ctx: &mut Context) -> Result<()> {
    let mut infra = Infra::default();
    let mut analytics = Analytics::default();
    for (index, tc) in ctx.tenants.iter().enumerate() {
        let life = Life::of(g, tc);
        infra.domains(g, tc, &life, index);
        analytics.tenant(g, tc, &life);
    }
    let monitoring = Monitoring::build(g, &ctx.tenants, &infra.failing_renewals);

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
}

impl Life {
    fn of(g: &Gen, tc: &TenantContext) -> Self {
        let born = tc.tenant.created_at;
        Self {
            born,
            active_until: tc.life.stopped_at(g).max(born),
            ended: tc.life.ended_at(g).map(|t| t.max(born)),
            age_days: tc.life.born,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Time helpers (UTC calendar).

fn minutes(g: &mut Gen, lo: i64, hi: i64) -> Duration {
    Duration::minutes(g.range(lo..=hi))
}

// ---------------------------------------------------------------------------------------------
// Infrastructure.

/// Which hostnames a tenant has added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Host {
    Apex,
    App,
    Reports,
}

#[derive(Debug, Default)]
struct Infra {
    domains: Vec<domains::Model>,
    dns_records: Vec<dns_records::Model>,
    certificates: Vec<certificates::Model>,
    renewals: Vec<certificate_renewals::Model>,
    /// Certificates whose renewal keeps failing: tenant, hostname and the first failure.
    failing_renewals: Vec<(Uuid, String, Time)>,
}

impl Infra {
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
                reports_run: (reports * load * share * g.float(0.6..1.4)).round() as i64,
                storage_bytes: storage_at(day + Duration::days(1).min(now - day)) as i64,
                api_calls: (calls * load * share * g.float(0.7..1.3)).round() as i64,
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
                    (calls * days * load * g.float(0.85..1.15)).round(),
                ),
                (
                    "reports_run",
                    (reports * days * load * g.float(0.85..1.15)).round(),
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
                    (calls * load * share * g.float(0.7..1.3)).round(),
                ),
                (
                    "reports_run",
                    (reports * load * share * g.float(0.6..1.4)).round(),
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
                let value = (calls / 24.0 * load * share * g.float(0.7..1.3)).round();
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
                    g.float(120.0..180.0) + 90.0 * age,
                    json!({ "service": "api", "region": "eu-west-2" }),
                ),
                (
                    "http_p95_latency_ms",
                    g.float(85.0..160.0),
                    json!({ "service": "api", "region": "eu-west-2" }),
                ),
                (
                    "report_queue_depth",
                    g.range(0..=35) as f64,
                    json!({ "queue": "report-jobs" }),
                ),
                (
                    "db_connections_active",
                    (g.float(35.0..70.0) + 40.0 * age).round(),
                    json!({ "cluster": "main", "role": "primary" }),
                ),
            ];
            let jitter = g.float(0.0..0.9);
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
