//! A generated tenant's activity over its life: report templates and reports with their runs and
//! run logs; provisioned infrastructure and its metered usage; integrations with the outbox
//! events they produced (the newest still pending); notifications; and the audit trail, topped
//! up with everyday reads, exports and sign-ins.

use chrono::Duration;
use entity::sea_orm_active_enums::{
    ApiIntegrationAuthType, ApiIntegrationStatus, AuditLogAction, IntegrationEventSource,
    NotificationChannel, NotificationPriority, NotificationStatus, NotificationTargetType,
    ReportExecutionStatus, ReportSharePermission, ReportStatus, ReportTemplateType, ResourceKind,
    ResourceStatus, TemplateFieldType,
};
use entity::{
    api_integrations, integration_events, report_shares, report_templates, reports, resources,
};
use serde_json::{Value, json};
use uuid::Uuid;

use rand::seq::SliceRandom;

use super::{
    Mean, Phase, Rows, Shared, Tenant, Time, apportion, between, count, days, plus_days, plus_ms,
};
use crate::Gen;
use crate::factory::infrastructure;
use crate::factory::integrations::{self, Delivery};
use crate::factory::notifications::{self as notice, Message};
use crate::factory::reporting::{self, Run};

/// Generates the tenant's activity (its people must exist).
pub(super) fn generate(g: &mut Gen, shared: &Shared, t: &Tenant, rows: &mut Rows) {
    if t.life.phase == Phase::Pending {
        // Nothing built yet: a database being provisioned, and the welcome.
        resources(g, t, rows);
        notifications(g, t, rows, &[]);
        audit_filler(g, t, rows, &[]);
        return;
    }
    let templates = templates(g, t, rows);
    let made = reports(g, t, rows, &templates);
    resources(g, t, rows);
    integrations(g, shared, t, rows);
    notifications(g, t, rows, &made);
    audit_filler(g, t, rows, &made);
}

// ---------------------------------------------------------------------------------------------
// Reporting.

/// name, type, description
const TEMPLATES: &[(&str, ReportTemplateType, &str)] = &[
    (
        "Monthly revenue",
        ReportTemplateType::Tabular,
        "Revenue by product line and region, month over month.",
    ),
    (
        "Sales pipeline",
        ReportTemplateType::Chart,
        "Open opportunities by stage and owner.",
    ),
    (
        "Executive dashboard",
        ReportTemplateType::Dashboard,
        "Headline KPIs for the leadership team.",
    ),
    (
        "Customer churn cohorts",
        ReportTemplateType::Custom,
        "Retention by sign-up cohort.",
    ),
    (
        "Support SLA",
        ReportTemplateType::Tabular,
        "Tickets breaching their SLA, by team.",
    ),
    (
        "Marketing attribution",
        ReportTemplateType::Chart,
        "Conversions by channel and campaign.",
    ),
    (
        "Inventory levels",
        ReportTemplateType::Tabular,
        "Stock on hand and days of cover.",
    ),
    (
        "Web traffic",
        ReportTemplateType::Chart,
        "Sessions, bounce rate and conversions.",
    ),
    (
        "Cash flow forecast",
        ReportTemplateType::Custom,
        "Projected cash position for the next 13 weeks.",
    ),
    (
        "Operations overview",
        ReportTemplateType::Dashboard,
        "Throughput, backlog and cycle time.",
    ),
];

const SEGMENTS: &[&str] = &[
    "EMEA",
    "North America",
    "APAC",
    "LATAM",
    "Enterprise accounts",
    "SMB",
    "Board pack",
    "Weekly",
    "Daily",
    "Finance team",
    "Sales leadership",
    "Product",
];

const PERIODS: &[&str] = &[
    "last_7_days",
    "last_30_days",
    "month_to_date",
    "quarter_to_date",
];

const FAILURES: &[&str] = &[
    "query exceeded the 60 s statement timeout",
    "renderer ran out of memory while laying out the document",
    "data source refused the connection",
    "parameter period_end is before period_start",
];

/// The fields every generated template declares.
const FIELDS: &[reporting::FieldSpec<'static>] = &[
    (
        "period",
        TemplateFieldType::Text,
        true,
        Some("last_30_days"),
    ),
    ("segment", TemplateFieldType::Text, false, None),
];

/// One template: its versions, oldest first (the newest is active).
struct TemplateChain {
    spec: usize,
    versions: Vec<(Uuid, i64, Time)>,
}

/// A report, as notifications and the audit trail refer to it.
pub(super) struct Made {
    id: Uuid,
    name: String,
    created: Time,
    priority: i64,
}

/// A few templates, the first made in the tenant's first days; some have a second version.
fn templates(g: &mut Gen, t: &Tenant, rows: &mut Rows) -> Vec<TemplateChain> {
    let n = count(g, 2.5 * t.size.sqrt()).clamp(1, TEMPLATES.len());
    // The first n of a seeded shuffle of the catalogue.
    let mut order: Vec<usize> = (0..TEMPLATES.len()).collect();
    let (picked, _) = order.partial_shuffle(g.rng(), n);
    let mut chains = Vec::with_capacity(n);
    for (k, &spec) in picked.iter().enumerate() {
        let (name, ty, description) = TEMPLATES[spec];
        let created = if k == 0 {
            between(g, t.born, plus_days(t.born, 2.0).min(t.until))
        } else {
            t.when(g)
        };
        // The first template of a tenant of some months has always been revised once.
        let age = days(created, t.until);
        let two = age > 10.0 && ((k == 0 && age > 60.0) || g.chance(0.25));
        let second = two.then(|| between(g, plus_days(created, 5.0), t.until));
        let mut chain = TemplateChain {
            spec,
            versions: Vec::new(),
        };
        let mut parent = None;
        for (v, at) in std::iter::once(created).chain(second).enumerate() {
            let version = v as i64 + 1;
            let by = t.admin_at(g, at);
            let newest = version == 1 + i64::from(two);
            let author = t.members[by].id;
            let template = report_templates::Model {
                description: Some(if version == 1 {
                    description.to_owned()
                } else {
                    format!("{description} Version {version}: adds totals per region.")
                }),
                parameters: reporting::template_parameters(FIELDS),
                version,
                is_active: newest,
                is_public: k % 2 == 0,
                parent_template_id: parent,
                updated_at: if newest { at } else { second.unwrap_or(at) },
                ..reporting::report_template_of(g, t.id, author, name, ty, t.locale, at)
            };
            let id = template.id;
            for (position, field) in FIELDS.iter().enumerate() {
                let row = reporting::template_field(g, &template, position, *field);
                rows.template_fields.push(row);
            }
            rows.report_templates.push(template);
            t.audit(
                g,
                &mut rows.audit_logs,
                Some(by),
                AuditLogAction::Create,
                "report_templates",
                Some(id),
                None,
                Some(json!({"name": name, "version": version})),
                at,
            );
            parent = Some(id);
            chain.versions.push((id, version, at));
        }
        chains.push(chain);
    }
    chains
}

/// Reports, their runs over the tenant's life and each run's log lines.
fn reports(g: &mut Gen, t: &Tenant, rows: &mut Rows, templates: &[TemplateChain]) -> Vec<Made> {
    let n = count(g, Mean::REPORTS * t.vol);
    if templates.is_empty() || n == 0 {
        return Vec::new();
    }
    struct Plan {
        chain: usize,
        created: Time,
        status: ReportStatus,
        /// Days between scheduled runs; 0 for a report run by hand.
        every: f64,
        /// The end of its runs: the tenant's, or when it was cancelled.
        stop: Time,
    }
    let mut plans = Vec::with_capacity(n);
    let mut weights = Vec::with_capacity(n);
    for _ in 0..n {
        let chain = g.range(0..=(templates.len() as i64 - 1)) as usize;
        let created = t.after(g, templates[chain].versions[0].2);
        let r = g.float(0.0..1.0);
        let status = match r {
            r if r < 0.08 => ReportStatus::Draft,
            r if r < 0.53 => ReportStatus::Scheduled,
            r if r < 0.78 => ReportStatus::Completed,
            r if r < 0.85 => ReportStatus::Failed,
            r if r < 0.88 && t.life.phase.live() => ReportStatus::Processing,
            r if r < 0.88 => ReportStatus::Completed,
            _ => ReportStatus::Cancelled,
        };
        // Days between scheduled runs (0: run by hand), and how many runs a day that makes,
        // relatively.
        let (every, rate) = *g.pick(&[
            (1.0, 1.0),
            (1.0, 1.0),
            (7.0, 0.2),
            (7.0, 0.2),
            (30.0, 0.06),
            (0.0, 0.1),
        ]);
        let stop = if status == ReportStatus::Cancelled {
            between(g, created, t.until)
        } else {
            t.until
        };
        weights.push(if status == ReportStatus::Draft {
            0.0
        } else {
            (days(created, stop) * rate).max(0.01)
        });
        plans.push(Plan {
            chain,
            created,
            status,
            every,
            stop,
        });
    }
    let runs = apportion(count(g, Mean::EXECUTIONS * t.vol), &weights, 1);
    let mut made = Vec::with_capacity(n);
    for (plan, runs) in plans.into_iter().zip(runs) {
        let chain = &templates[plan.chain];
        let (spec_name, ty, _) = TEMPLATES[chain.spec];
        let (template_id, version, _) = chain
            .versions
            .iter()
            .rev()
            .find(|(_, _, at)| *at <= plan.created)
            .copied()
            .unwrap_or(chain.versions[0]);
        let creator = t.actor_at(g, plan.created);
        let segment = *g.pick(SEGMENTS);
        let name = format!("{spec_name} ({segment})");
        let id = g.id_at(plan.created);
        let priority = *g.pick(&[5, 5, 5, 3, 4, 6, 7, 8, 2, 10, 1, 9]);

        // The runs: spread over the report's life, the last one forced by its status.
        let span = (plan.stop - plan.created).num_milliseconds().max(1);
        let mut last_started = None;
        let mut last_end = plan.created;
        for k in 0..runs {
            let last = k + 1 == runs;
            let running = last && plan.status == ReportStatus::Processing;
            let started = if running {
                let earliest = plan
                    .created
                    .max(t.now - Duration::minutes(10))
                    .max(last_started.unwrap_or(plan.created));
                between(g, earliest, t.now)
            } else {
                let slot = (k as f64 + g.float(0.1..0.9)) / runs as f64;
                plus_ms(plan.created, (span as f64 * slot) as i64)
            };
            let failing = t.life.phase == Phase::Suspended && days(started, t.until) < 20.0;
            let status = match plan.status {
                ReportStatus::Processing if last => ReportExecutionStatus::Running,
                ReportStatus::Failed if last => ReportExecutionStatus::Failed,
                ReportStatus::Cancelled if last => ReportExecutionStatus::Cancelled,
                ReportStatus::Completed if last => ReportExecutionStatus::Completed,
                _ if failing && g.chance(0.7) => ReportExecutionStatus::Failed,
                _ => reporting::ordinary_outcome(g),
            };
            let manual = plan.every == 0.0 || g.chance(0.2);
            let by = manual.then(|| t.members[t.actor_at(g, started)].id);
            let took = reporting::run_time_ms(g, ty, status);
            let out_rows = g.range(20..=48_000);
            let error = (status == ReportExecutionStatus::Failed).then(|| {
                if failing {
                    "data source refused the connection: tenant suspended".to_owned()
                } else {
                    (*g.pick(FAILURES)).to_owned()
                }
            });
            let run = Run {
                tenant: t.id,
                report: id,
                template_type: ty,
                template_version: version,
                host: &t.domain,
                status,
                started,
                took_ms: took,
                by,
                rows: out_rows,
                error: error.clone(),
            };
            let exec = reporting::execution(g, run);
            let end = exec.completed_at.unwrap_or(started);
            rows.execution_logs
                .extend(reporting::run_log(g, &exec, out_rows));
            last_started = Some(started);
            last_end = last_end.max(end);
            rows.report_executions.push(exec);
        }

        let scheduled_at = (plan.status == ReportStatus::Scheduled).then(|| {
            let every = if plan.every > 0.0 { plan.every } else { 7.0 };
            let next = plus_days(last_started.unwrap_or(plan.created), every);
            if t.life.phase.live() {
                // Due next, ahead of now.
                next.max(plus_days(t.now, g.float(0.01..0.5)))
            } else {
                // Overdue: a stopped tenant's schedules no longer run.
                next
            }
        });
        let description = g.chance(0.7).then(|| {
            format!(
                "{} Built on version {version} of the template.",
                TEMPLATES[chain.spec].2
            )
        });
        let creator_id = t.members[creator].id;
        let report = reports::Model {
            id,
            description,
            parameters: entity::json::ReportParameters(
                [
                    ("period".to_owned(), json!(*g.pick(PERIODS))),
                    ("segment".to_owned(), json!(segment)),
                ]
                .into(),
            ),
            configuration: json!({
                "output_format": reporting::extension(reporting::output_format(ty)),
                "email_to_creator": g.chance(0.5)
            }),
            status: plan.status,
            priority,
            scheduled_at,
            last_executed_at: last_started,
            execution_count: runs as i64,
            updated_at: if plan.status == ReportStatus::Cancelled {
                plan.stop.max(last_end)
            } else {
                last_end
            },
            ..reporting::report_of(g, t.id, template_id, ty, creator_id, &name, plan.created)
        };
        // Some reports are shared with a colleague, to read or to edit, some for a while.
        if t.members.len() > 1 && g.chance(0.3) {
            let at = t.after(g, plan.created);
            let with = t.actor_at(g, at);
            if with != creator {
                let share = report_shares::Model {
                    permission: if g.chance(0.3) {
                        ReportSharePermission::Edit
                    } else {
                        ReportSharePermission::View
                    },
                    expires_at: g.chance(0.5).then(|| plus_days(at, 90.0)),
                    ..reporting::report_share(g, &report, t.members[with].id, at)
                };
                rows.report_shares.push(share);
            }
        }
        rows.reports.push(report);
        t.audit(
            g,
            &mut rows.audit_logs,
            Some(creator),
            AuditLogAction::Create,
            "reports",
            Some(id),
            None,
            Some(json!({"name": name, "report_template_id": template_id})),
            plan.created,
        );
        if plan.status == ReportStatus::Cancelled {
            let by = t.actor_at(g, plan.stop);
            t.audit(
                g,
                &mut rows.audit_logs,
                Some(by),
                AuditLogAction::Update,
                "reports",
                Some(id),
                Some(json!({"status": "scheduled"})),
                Some(json!({"status": "cancelled"})),
                plan.stop,
            );
        }
        made.push(Made {
            id,
            name,
            created: plan.created,
            priority,
        });
    }
    made
}

// ---------------------------------------------------------------------------------------------
// Infrastructure.

/// What a resource is metered by: (metric, unit, typical use per hour).
type Metered = [(&'static str, &'static str, f64); 2];

/// kind, short name, metered
const RESOURCE_KINDS: &[(ResourceKind, &str, Metered)] = &[
    (
        ResourceKind::Database,
        "db",
        [("cpu_hours", "hours", 0.6), ("storage_gb", "GB", 0.04)],
    ),
    (
        ResourceKind::Compute,
        "worker",
        [
            ("cpu_hours", "hours", 1.5),
            ("memory_gb_hours", "GB-hours", 4.0),
        ],
    ),
    (
        ResourceKind::Storage,
        "files",
        [("stored_gb", "GB", 0.08), ("egress_gb", "GB", 0.3)],
    ),
    (
        ResourceKind::Cache,
        "cache",
        [
            ("memory_gb_hours", "GB-hours", 1.0),
            ("requests", "count", 9_000.0),
        ],
    ),
    (
        ResourceKind::Cdn,
        "cdn",
        [("egress_gb", "GB", 1.2), ("requests", "count", 25_000.0)],
    ),
    (
        ResourceKind::Queue,
        "queue",
        [("messages", "count", 4_000.0), ("egress_gb", "GB", 0.05)],
    ),
];

const REGIONS: &[&str] = &[
    "us-east-1",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-southeast-2",
    "ap-northeast-1",
    "sa-east-1",
];

/// Resources (a database first), each metered over its life in equal periods.
fn resources(g: &mut Gen, t: &Tenant, rows: &mut Rows) {
    let n = if t.life.phase == Phase::Pending {
        1
    } else {
        count(g, 3.5 * t.size.powf(0.4)).clamp(1, 12)
    };
    let scale = t.size.max(0.25);
    let mut made = Vec::with_capacity(n);
    for k in 0..n {
        let spec = if k == 0 {
            0
        } else {
            g.range(0..=(RESOURCE_KINDS.len() as i64 - 1)) as usize
        };
        let (kind, short, _) = RESOURCE_KINDS[spec];
        let created = if k == 0 {
            plus_ms(t.born, g.range(60_000..=3_600_000)).min(t.until.max(t.born))
        } else {
            t.when(g)
        };
        let status = match t.life.phase {
            Phase::Pending => ResourceStatus::Provisioning,
            Phase::Churned => ResourceStatus::Deprovisioned,
            _ if g.chance(0.05) => ResourceStatus::Degraded,
            _ => ResourceStatus::Active,
        };
        let name = format!("{}-{short}-{}", t.slug, k + 1);
        let region = *g.pick(REGIONS);
        let resource = resources::Model {
            status,
            updated_at: match status {
                ResourceStatus::Deprovisioned => t.until.max(created),
                ResourceStatus::Degraded => between(g, created, t.now),
                _ => created,
            },
            ..infrastructure::resource_of(g, t.id, kind, name, region, scale, created)
        };
        made.push((resource, spec));
    }
    if t.life.phase == Phase::Pending {
        rows.resources.extend(made.into_iter().map(|(r, _)| r));
        return;
    }
    let weights: Vec<f64> = made
        .iter()
        .map(|(r, _)| days(r.created_at, t.until).max(0.0))
        .collect();
    let shares = apportion(count(g, Mean::USAGES * t.vol), &weights, 0);
    for ((resource, spec), share) in made.into_iter().zip(shares) {
        let metrics = &RESOURCE_KINDS[spec].2;
        let created = resource.created_at;
        let span = (t.until - created).num_milliseconds();
        let periods = share.div_ceil(2) as i64;
        if periods == 0 || span < 3_600_000 {
            rows.resources.push(resource);
            continue;
        }
        let len = (span / periods).max(3_600_000);
        let periods = (span / len).min(periods);
        let hours = len as f64 / 3_600_000.0;
        for p in 0..periods {
            let start = plus_ms(created, p * len);
            let end = plus_ms(start, len);
            for (metric, unit, rate) in metrics {
                let quantity =
                    (rate * hours * scale * g.float(0.6..1.4) * 1_000.0).round() / 1_000.0;
                let used =
                    infrastructure::usage(g, &resource, (metric, unit), quantity, start, end);
                rows.resource_usages.push(used);
            }
        }
        rows.resources.push(resource);
    }
}

// ---------------------------------------------------------------------------------------------
// Integrations.

/// name, provider, base URL (`{slug}` is the tenant's), authentication, source of its events,
/// event types
type ProviderSpec = (
    &'static str,
    &'static str,
    &'static str,
    ApiIntegrationAuthType,
    IntegrationEventSource,
    &'static [&'static str],
);

const PROVIDERS: &[ProviderSpec] = &[
    (
        "Stripe payments",
        "stripe",
        "https://api.stripe.com/v1",
        ApiIntegrationAuthType::ApiKey,
        IntegrationEventSource::Billing,
        &["invoice.paid", "charge.succeeded", "customer.updated"],
    ),
    (
        "Salesforce CRM",
        "salesforce",
        "https://{slug}.my.salesforce.com/services/data/v61.0",
        ApiIntegrationAuthType::Oauth2,
        IntegrationEventSource::Orchestration,
        &["contact.synced", "opportunity.updated", "sync.completed"],
    ),
    (
        "HubSpot",
        "hubspot",
        "https://api.hubapi.com",
        ApiIntegrationAuthType::Oauth2,
        IntegrationEventSource::Orchestration,
        &["contact.synced", "deal.updated"],
    ),
    (
        "Slack alerts",
        "slack",
        "https://hooks.slack.com/services",
        ApiIntegrationAuthType::None,
        IntegrationEventSource::Modules,
        &["message.posted"],
    ),
    (
        "Okta directory",
        "okta",
        "https://{slug}.okta.com/api/v1",
        ApiIntegrationAuthType::ApiKey,
        IntegrationEventSource::Identity,
        &["user.provisioned", "user.deprovisioned", "group.synced"],
    ),
    (
        "QuickBooks",
        "quickbooks",
        "https://quickbooks.api.intuit.com/v3",
        ApiIntegrationAuthType::Oauth2,
        IntegrationEventSource::Billing,
        &["invoice.synced", "payment.recorded"],
    ),
    (
        "Jira",
        "jira",
        "https://{slug}.atlassian.net/rest/api/3",
        ApiIntegrationAuthType::Basic,
        IntegrationEventSource::Orchestration,
        &["issue.created", "issue.updated"],
    ),
    (
        "Snowflake warehouse",
        "snowflake",
        "https://{slug}.snowflakecomputing.com",
        ApiIntegrationAuthType::Basic,
        IntegrationEventSource::Orchestration,
        &["sync.started", "sync.completed"],
    ),
];

/// Integrations and the events they produced: processed ones, failures where an integration
/// broke, and the newest of a live tenant's still pending in the outbox.
fn integrations(g: &mut Gen, shared: &Shared, t: &Tenant, rows: &mut Rows) {
    let n = count(g, 2.4 * t.size.powf(0.3)).min(PROVIDERS.len());
    let mut order: Vec<usize> = (0..PROVIDERS.len()).collect();
    let (picked, _) = order.partial_shuffle(g.rng(), n);
    let mut made = Vec::with_capacity(n);
    for &spec in picked.iter() {
        let (name, provider, url, auth, _, _) = PROVIDERS[spec];
        let created = t.when(g);
        let status = match t.life.phase {
            Phase::Churned => ApiIntegrationStatus::Disabled,
            Phase::Suspended if g.chance(0.5) => ApiIntegrationStatus::Failing,
            Phase::Suspended => ApiIntegrationStatus::Paused,
            _ => {
                let r = g.float(0.0..1.0);
                if r < 0.05 {
                    ApiIntegrationStatus::Failing
                } else if r < 0.15 {
                    ApiIntegrationStatus::Paused
                } else {
                    ApiIntegrationStatus::Active
                }
            }
        };
        let base_url = url.replace("{slug}", &t.slug);
        let mut config = json!({
            "timeout_seconds": *g.pick(&[10, 15, 30, 60]),
            "sync_interval_minutes": *g.pick(&[15, 60, 240, 1440]),
        });
        if auth != ApiIntegrationAuthType::None
            && let Some(sealer) = &shared.sealer
        {
            let secret = format!("{provider}_{}", hex::encode(g.bytes::<20>()));
            config["credential"] = json!(sealer.seal_with_nonce(&secret, g.bytes::<12>()));
            rows.secrets.push(secret);
        }
        if status == ApiIntegrationStatus::Failing {
            config["last_error"] = json!(format!("{base_url} returned 401 Unauthorized"));
        }
        // When it stopped working (or was paused, or disabled with the tenant).
        let changed = match status {
            ApiIntegrationStatus::Active => None,
            ApiIntegrationStatus::Disabled => Some(t.until),
            _ => Some(between(g, created, t.until)),
        };
        let integration = api_integrations::Model {
            status,
            config,
            updated_at: changed.unwrap_or(created).max(created),
            ..integrations::integration_of(g, t.id, (name, provider), base_url, auth, created)
        };
        let id = integration.id;
        rows.api_integrations.push(integration);
        let by = t.admin_at(g, created);
        t.audit(
            g,
            &mut rows.audit_logs,
            Some(by),
            AuditLogAction::Create,
            "api_integrations",
            Some(id),
            None,
            Some(json!({"name": name, "provider": provider})),
            created,
        );
        made.push((id, spec, created, status, changed));
    }
    let weights: Vec<f64> = made
        .iter()
        .map(|(_, _, created, _, _)| days(*created, t.until).max(0.01))
        .collect();
    let shares = apportion(count(g, Mean::EVENTS * t.vol), &weights, 0);
    for ((id, spec, created, status, changed), share) in made.into_iter().zip(shares) {
        let (_, provider, _, _, source, types) = PROVIDERS[spec];
        // Events flow until the integration stops working; those after a failure failed.
        let failing_since = (status == ApiIntegrationStatus::Failing)
            .then_some(changed)
            .flatten();
        let flowing_until = match status {
            ApiIntegrationStatus::Paused | ApiIntegrationStatus::Disabled => {
                changed.unwrap_or(t.until)
            }
            _ => t.until,
        };
        let mut made_events = 0;
        while made_events < share {
            let group = (g.range(1..=3) as usize).min(share - made_events);
            let at = between(g, created, flowing_until);
            let correlation = Some(g.id_at(at));
            let mut cause = None;
            for k in 0..group {
                let at = plus_ms(at, k as i64 * g.range(40..=2_000)).min(t.now);
                let failed = failing_since.is_some_and(|f| at >= f);
                let delivery = if failed {
                    Delivery::Failed(format!("{provider} returned 401 Unauthorized"))
                } else {
                    Delivery::Processed
                };
                let event_id = event(
                    g,
                    t,
                    rows,
                    (id, provider, source, types),
                    at,
                    delivery,
                    (correlation, cause),
                );
                cause = Some(event_id);
                made_events += 1;
            }
        }
        // The newest events of a working integration, still waiting for the relay; the oldest
        // of them may have been claimed already.
        if t.life.phase.live() && status == ApiIntegrationStatus::Active {
            let pending = g.range(0..=4);
            for k in 0..pending {
                let at = between(g, t.now - Duration::minutes(15), t.now).max(created);
                let claimed = k == 0 && g.chance(0.2);
                let delivery = if claimed {
                    Delivery::Processing
                } else {
                    Delivery::Pending
                };
                let source = (id, provider, source, types);
                event(g, t, rows, source, at, delivery, (None, None));
            }
        }
    }
}

/// An event of integration `integration` (with `provider`, producing events of `source`, one of
/// `types`) at `at`, in the chain `(correlation, causation)`; its id.
fn event(
    g: &mut Gen,
    t: &Tenant,
    rows: &mut Rows,
    (integration, provider, source, types): (
        Uuid,
        &'static str,
        IntegrationEventSource,
        &'static [&'static str],
    ),
    at: Time,
    delivery: Delivery,
    (correlation, causation): (Option<Uuid>, Option<Uuid>),
) -> Uuid {
    let kind = format!("{provider}.{}", g.pick(types));
    let payload = json!({"integration_id": integration, "records": g.range(1..=500)});
    let row = integration_events::Model {
        target: match source {
            IntegrationEventSource::Billing => Some("billing".to_owned()),
            IntegrationEventSource::Identity => Some("identity".to_owned()),
            _ => None,
        },
        correlation_id: correlation,
        causation_id: causation,
        ..integrations::event_of(g, Some(t.id), (kind, source), payload, at, delivery)
    };
    let id = row.id;
    rows.integration_events.push(row);
    id
}

// ---------------------------------------------------------------------------------------------
// Notifications.

/// Sends notifications over the tenant's life; a live tenant's newest are still queued.
fn notifications(g: &mut Gen, t: &Tenant, rows: &mut Rows, made: &[Made]) {
    let n = count(g, Mean::NOTIFICATIONS * t.vol).max(1);
    // A live tenant's newest few are still in the dispatcher's queue.
    let queued = if t.life.phase.live() {
        g.range(1..=4) as usize
    } else {
        0
    };
    rows.notifications.reserve(n);
    for i in 0..n {
        let pending = i < queued;
        let created = if pending {
            between(g, (t.now - Duration::minutes(30)).max(t.born), t.now)
        } else {
            t.when(g)
        };
        let report = if made.is_empty() {
            None
        } else {
            let r = &made[g.range(0..=(made.len() as i64 - 1)) as usize];
            (r.created <= created).then_some(r)
        };
        let kind = g.range(0..=8);
        let (title, body, priority, target, data, action): (
            &str,
            String,
            NotificationPriority,
            NotificationTargetType,
            Value,
            bool,
        ) = match (kind, report) {
            (0, Some(r)) => (
                "Report ready",
                format!("{} finished and is ready to download.", r.name),
                NotificationPriority::Medium,
                NotificationTargetType::User,
                json!({"kind": "report", "report_id": r.id}),
                false,
            ),
            (1, Some(r)) => (
                "Report failed",
                format!("{} failed: the data source did not answer in time.", r.name),
                NotificationPriority::High,
                NotificationTargetType::User,
                json!({"kind": "report", "report_id": r.id}),
                false,
            ),
            (2, _) => (
                "New member joined",
                format!("Someone new joined {}.", t.name),
                NotificationPriority::Low,
                NotificationTargetType::Admin,
                json!({"kind": "member"}),
                false,
            ),
            (3, _) => (
                "Invoice paid",
                "Thank you: your latest invoice was paid.".to_owned(),
                NotificationPriority::Low,
                NotificationTargetType::Tenant,
                json!({"kind": "invoice"}),
                false,
            ),
            (4, _) => (
                "API key expiring",
                "An API key expires in 14 days. Rotate it to avoid interruptions.".to_owned(),
                NotificationPriority::High,
                NotificationTargetType::Admin,
                json!({"kind": "api_key"}),
                true,
            ),
            (5, _) => (
                "Usage above 80 % of plan",
                format!("{} used 80 % of its monthly API calls.", t.name),
                NotificationPriority::Medium,
                NotificationTargetType::Tenant,
                json!({"kind": "usage", "percent": 80}),
                false,
            ),
            (6, _) => (
                "Scheduled maintenance",
                "The platform will be briefly unavailable on Sunday, 02:00 to 02:30 UTC."
                    .to_owned(),
                NotificationPriority::Low,
                NotificationTargetType::System,
                json!({"kind": "maintenance"}),
                false,
            ),
            (7, _) => (
                "New sign-in",
                "A new sign-in to your account from a new device.".to_owned(),
                NotificationPriority::Medium,
                NotificationTargetType::User,
                json!({"kind": "security"}),
                false,
            ),
            _ => (
                "Weekly digest",
                format!("Your weekly summary for {} is ready.", t.name),
                NotificationPriority::Low,
                NotificationTargetType::User,
                json!({"kind": "digest"}),
                false,
            ),
        };
        let recipient = match target {
            NotificationTargetType::User => Some(t.members[t.actor_at(g, created)].id),
            NotificationTargetType::Admin => Some(t.members[t.admin_at(g, created)].id),
            _ => None,
        };
        let r = g.float(0.0..1.0);
        let channel = if r < 0.5 {
            NotificationChannel::InApp
        } else if r < 0.85 {
            NotificationChannel::Email
        } else if r < 0.93 {
            NotificationChannel::Push
        } else if r < 0.96 {
            NotificationChannel::Sms
        } else {
            NotificationChannel::Webhook
        };
        let expires = (matches!(
            channel,
            NotificationChannel::InApp | NotificationChannel::Push
        ) && g.chance(0.5))
        .then(|| plus_days(created, 30.0));
        let expired = expires.is_some_and(|e| e < t.now);
        let status = if pending {
            NotificationStatus::Pending
        } else {
            notice::delivery(g, channel, expired)
        };
        let m = Message {
            tenant: t.id,
            target,
            recipient,
            channel,
            priority,
            title: title.into(),
            body,
            data,
            action_required: action,
            expires,
        };
        let row = notice::notification_of(g, m, status, created, t.until);
        rows.notifications.push(row);
    }
}

// ---------------------------------------------------------------------------------------------
// Audit trail.

/// Everyday actions, to bring the tenant's audit trail to its size: sign-ins and sign-outs,
/// reports read, exported and edited, settings changed, people looked up.
fn audit_filler(g: &mut Gen, t: &Tenant, rows: &mut Rows, made: &[Made]) {
    let target = count(g, Mean::AUDIT * t.vol);
    let have = rows.audit_logs.len();
    rows.audit_logs.reserve(target.saturating_sub(have));
    for _ in have..target {
        let r = g.float(0.0..1.0);
        let report = (!made.is_empty() && (0.3..0.8).contains(&r))
            .then(|| &made[g.range(0..=(made.len() as i64 - 1)) as usize]);
        let at = match report {
            Some(rep) => t.after(g, rep.created),
            None => t.when(g),
        };
        let actor = t.actor_at(g, at);
        let (actor, action, resource_type, id, old, new) = match (report, r) {
            (Some(rep), r) if r < 0.6 => (
                Some(actor),
                AuditLogAction::Read,
                "reports",
                Some(rep.id),
                None,
                None,
            ),
            (Some(rep), r) if r < 0.7 => (
                Some(actor),
                AuditLogAction::Export,
                "reports",
                Some(rep.id),
                None,
                Some(json!({"format": *g.pick(&["pdf", "csv", "xlsx"])})),
            ),
            (Some(rep), _) => (
                Some(actor),
                AuditLogAction::Update,
                "reports",
                Some(rep.id),
                Some(json!({"priority": rep.priority})),
                Some(json!({"priority": (rep.priority % 10) + 1})),
            ),
            (None, r) if r < 0.2 => (
                Some(actor),
                AuditLogAction::Login,
                "sessions",
                None,
                None,
                None,
            ),
            (None, r) if r < 0.3 => (
                Some(actor),
                AuditLogAction::Logout,
                "sessions",
                None,
                None,
                None,
            ),
            (None, r) if r < 0.9 => {
                let whom = t.members[g.range(0..=(t.members.len() as i64 - 1)) as usize].id;
                (
                    Some(actor),
                    AuditLogAction::Read,
                    "users",
                    Some(whom),
                    None,
                    None,
                )
            }
            (None, r) if r < 0.95 => (
                Some(t.admin_at(g, at)),
                AuditLogAction::Update,
                "tenants",
                Some(t.id),
                Some(json!({"require_mfa": false})),
                Some(json!({"require_mfa": true})),
            ),
            (None, _) => (
                None,
                AuditLogAction::Update,
                "tenants",
                Some(t.id),
                Some(json!({"storage_used_gb": g.range(1..=40)})),
                Some(json!({"storage_used_gb": g.range(41..=80)})),
            ),
        };
        t.audit(
            g,
            &mut rows.audit_logs,
            actor,
            action,
            resource_type,
            id,
            old,
            new,
            at,
        );
    }
}
