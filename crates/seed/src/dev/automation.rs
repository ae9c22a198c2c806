//! The automation slice of the `dev` profile: configuration (settings, feature flags, quotas),
//! integrations (API connections, webhooks, rate limits and the outbox), workflows with their
//! runs and steps, support tickets and feedback, and audit and compliance.
//!
//! Every tenant behaves by its state: the active ones have current activity (a run in progress,
//! fresh events waiting in the outbox), the trialing one a few days of history, the suspended one
//! history that stops weeks ago with failing integrations, and the churned one old history only.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use entity::json::{
    WebhookEvents, WorkflowDefinition, WorkflowStepDefinition, WorkflowStepRecord,
    WorkflowStepRecords,
};
use entity::sea_orm_active_enums::{
    AuditLogAction, ComplianceFramework, ComplianceStatus, IntegrationEventSource,
    IntegrationEventStatus, PolicyKind, PolicyStatus, ServiceQuotaPeriod, TenantTier,
    TicketPriority, TicketStatus, WebhookStatus, WorkflowKind, WorkflowRunStatus, WorkflowStatus,
    WorkflowStepStatus,
};
use entity::{
    audit_logs, compliances, configurations, feature_flags, feedbacks, integration_events,
    policies, rate_limits, service_quotas, tenant_features, ticket_comments, tickets, users,
    webhooks, workflow_runs, workflow_steps, workflows,
};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{Context, TenantContext};
use crate::calendar::{days, month_start, next_month};
use crate::factory::audit::{self, Actor, Change};
use crate::factory::integrations::{self, Delivery};
use crate::life::Phase;
use crate::{Gen, Loader, Result};

type Time = DateTime<FixedOffset>;

/// Events younger than this (in days) are still waiting in the outbox.
const OUTBOX_LAG_DAYS: f64 = 20.0 / 1_440.0;

/// The span of a tenant's activity, in days before the anchor.
#[derive(Clone, Copy, Debug)]
struct Life {
    phase: Phase,
    /// Sign-up.
    from: f64,
    /// The last activity (near 0 for tenants in use).
    to: f64,
}

impl Life {
    fn of(t: &TenantContext) -> Self {
        Self {
            phase: t.life.phase,
            from: t.life.born.max(0.5),
            to: t.life.stopped.max(0.01),
        }
    }

    fn live(self) -> bool {
        self.phase.live()
    }

    /// A time in the tenant's active life, at least `settle` days after sign-up and at least
    /// `margin` days before the anchor.
    fn time(self, g: &mut Gen, settle: f64, margin: f64) -> Time {
        let to = self.to.max(margin);
        g.between_days_ago((self.from - settle).max(to), to)
    }
}

fn ms(n: i64) -> Duration {
    Duration::milliseconds(n)
}

/// Loads the slice and fills `ctx.configurations` and `ctx.workflow_runs`.
pub async fn load(loader: &mut Loader<'_>, g: &mut Gen, ctx: &mut Context) -> Result<()> {
    let now = g.now();
    let tenants = ctx.tenants.clone();
    let agent = ctx.admin.clone();

    // Platform rows first: they predate every tenant.
    let flag_rows = feature_flags_rows(g);
    let mut config_rows = platform_configurations(g);
    let mut policy_rows = platform_policies(g);
    let mut outbox = Outbox::default();
    platform_events(g, ctx, &mut outbox);

    let mut tenant_feature_rows = Vec::new();
    let mut quota_rows = Vec::new();
    let mut webhook_rows = Vec::new();
    let mut rate_limit_rows = Vec::new();
    let mut workflow_rows = Vec::new();
    let mut run_rows = Vec::new();
    let mut step_rows = Vec::new();
    let mut ticket_rows = Vec::new();
    let mut comment_rows = Vec::new();
    let mut feedback_rows = Vec::new();
    let mut compliance_rows = Vec::new();
    let mut audit = Vec::new();

    let mut active_index = 0;
    for t in &tenants {
        let life = Life::of(t);
        let mut tenant = TenantRows {
            t,
            life,
            now,
            audit: Vec::new(),
        };

        // Configuration.
        config_rows.extend(tenant.configuration_overrides(g, &config_rows));
        tenant_feature_rows.extend(tenant.features(g, &flag_rows));

        // Integrations.
        let hooks = tenant.webhooks(g, ctx);
        rate_limit_rows.extend(tenant.rate_limits(g));

        // Automation, and the outbox events of every run.
        let flows = tenant.workflows(g);
        let (runs, steps) = tenant.runs(g, &flows, active_index);
        for run in &runs {
            if let Some(flow) = flows.iter().find(|f| f.id == run.workflow_id) {
                run_events(g, t, flow, run, &hooks, &mut outbox);
            }
        }
        tenant_events(g, t, life, ctx, &mut outbox);
        let today = midnight(now.date_naive()).unwrap_or(now);
        let runs_today = runs.iter().filter(|r| r.created_at >= today).count();
        quota_rows.extend(tenant.quotas(g, runs_today as i64));

        // Support.
        let (tks, comments) = tenant.tickets(g, agent.as_ref());
        feedback_rows.extend(tenant.feedbacks(g));

        // Audit and compliance.
        compliance_rows.extend(tenant.compliances(g));
        policy_rows.extend(tenant.policies(g));
        tenant.reads_and_deletes(g, &runs, &tks);

        if life.phase == Phase::Active {
            active_index += 1;
        }
        audit.extend(std::mem::take(&mut tenant.audit));
        webhook_rows.extend(hooks);
        workflow_rows.extend(flows);
        run_rows.extend(runs);
        step_rows.extend(steps);
        ticket_rows.extend(tks);
        comment_rows.extend(comments);
    }
    let event_rows = outbox.finish(now);
    let mut audit_rows: Vec<audit_logs::Model> = audit.into_iter().map(|e| e.into_row(g)).collect();
    audit_rows.sort_by_key(|r| (r.occurred_at, r.id));

    ctx.configurations = config_rows.clone();
    ctx.workflow_runs = run_rows.clone();

    loader.load(flag_rows).await?;
    loader.load(config_rows).await?;
    loader.load(tenant_feature_rows).await?;
    loader.load(quota_rows).await?;
    loader.load(webhook_rows).await?;
    loader.load(rate_limit_rows).await?;
    loader.load(workflow_rows).await?;
    loader.load(run_rows).await?;
    loader.load(step_rows).await?;
    loader.load(event_rows).await?;
    loader.load(ticket_rows).await?;
    loader.load(comment_rows).await?;
    loader.load(feedback_rows).await?;
    loader.load(compliance_rows).await?;
    loader.load(policy_rows).await?;
    loader.load(audit_rows).await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Audit entries, collected while the rows they record are made.

/// One audited action, turned into an `audit_logs` row at the end.
#[derive(Debug)]
struct AuditEntry {
    tenant_id: Uuid,
    actor: Option<Uuid>,
    change: Change,
    at: Time,
}

impl AuditEntry {
    fn into_row(self, g: &mut Gen) -> audit_logs::Model {
        let ip = format!("203.0.113.{}", g.range(1..=254));
        let user_agent = *g.pick(&[
            "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0",
            "Mozilla/5.0 (Macintosh) Safari/18.1",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0",
        ]);
        let actor = self.actor.map(|user| Actor {
            user,
            ip: &ip,
            user_agent,
            session: None,
        });
        audit::entry(g, self.tenant_id, actor, self.change, self.at)
    }
}

/// Builds one tenant's rows.
struct TenantRows<'a> {
    t: &'a TenantContext,
    life: Life,
    now: Time,
    audit: Vec<AuditEntry>,
}

impl TenantRows<'_> {
    fn id(&self) -> Uuid {
        self.t.tenant.id
    }

    fn slug(&self) -> &str {
        &self.t.tenant.slug
    }

    fn domain(&self) -> String {
        self.t
            .tenant
            .domain
            .clone()
            .unwrap_or_else(|| format!("{}.example.com", self.t.tenant.slug))
    }

    fn owner(&self) -> Option<&users::Model> {
        self.t.members.first()
    }

    fn member(&self, g: &mut Gen) -> Option<&users::Model> {
        if self.t.members.is_empty() {
            None
        } else {
            Some(g.pick(&self.t.members))
        }
    }

    fn signup(&self) -> Time {
        self.t.tenant.created_at
    }

    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        actor: Option<Uuid>,
        action: AuditLogAction,
        resource_type: &'static str,
        resource_id: Option<Uuid>,
        old_values: Option<Value>,
        new_values: Option<Value>,
        at: Time,
    ) {
        let change = Change {
            action,
            resource_type,
            resource_id,
            old_values,
            new_values,
        };
        let tenant_id = self.id();
        self.audit.push(AuditEntry {
            tenant_id,
            actor,
            change,
            at,
        });
    }

    // -----------------------------------------------------------------------------------------
    // Configuration.

    fn configuration_overrides(
        &mut self,
        g: &mut Gen,
        defaults: &[configurations::Model],
    ) -> Vec<configurations::Model> {
        let wanted = match self.life.phase {
            Phase::Active => 5,
            Phase::Pending | Phase::Trial => 2,
            Phase::Suspended => 3,
            Phase::Churned => 2,
        };
        let candidates = override_candidates();
        let mut rows = Vec::new();
        let mut chosen = 0;
        for (i, (namespace, key, values)) in candidates.iter().enumerate() {
            let left = candidates.len() - i;
            if chosen >= wanted || !(left <= wanted - chosen || g.chance(0.6)) {
                continue;
            }
            chosen += 1;
            let created = self.life.time(g, 1.0, 1.0);
            let edits = if self.life.phase == Phase::Trial {
                0
            } else {
                g.range(0..=3)
            };
            let updated = if edits > 0 {
                g.between_days_ago(days(created, self.now), self.life.to.max(0.02))
            } else {
                created
            };
            let value = g.pick(values).clone();
            let default = defaults
                .iter()
                .find(|d| d.namespace == *namespace && d.key == *key)
                .map(|d| d.value.clone());
            let row = configurations::Model {
                id: g.id_at(created),
                tenant_id: Some(self.id()),
                namespace: (*namespace).into(),
                key: (*key).into(),
                value: value.clone(),
                description: Some(format!(
                    "{} override of {namespace}.{key}",
                    self.t.tenant.name
                )),
                version: 1 + edits,
                created_at: created,
                updated_at: updated,
            };
            let actor = self.owner().map(|o| o.id);
            self.record(
                actor,
                AuditLogAction::Create,
                "configurations",
                Some(row.id),
                None,
                Some(json!({"namespace": namespace, "key": key, "value": default, "version": 1})),
                created,
            );
            if edits > 0 {
                self.record(
                    actor,
                    AuditLogAction::Update,
                    "configurations",
                    Some(row.id),
                    Some(json!({"version": edits})),
                    Some(json!({"value": value, "version": 1 + edits})),
                    updated,
                );
            }
            rows.push(row);
        }
        // A tenant-only setting with no platform default: who receives handover packages.
        if let Some(owner) = self.owner() {
            let created = self.signup() + Duration::hours(2);
            let recipients = json!([owner.email.to_lowercase()]);
            rows.push(configurations::Model {
                id: g.id_at(created),
                tenant_id: Some(self.id()),
                namespace: "handover".into(),
                key: "recipient_emails".into(),
                value: recipients,
                description: Some("Who receives handover packages".into()),
                version: 1,
                created_at: created,
                updated_at: created,
            });
        }
        rows
    }

    fn features(
        &mut self,
        g: &mut Gen,
        flags: &[feature_flags::Model],
    ) -> Vec<tenant_features::Model> {
        let p = match self.life.phase {
            Phase::Active => 0.5,
            Phase::Pending | Phase::Trial => 0.2,
            Phase::Suspended | Phase::Churned => 0.3,
        };
        let mut rows = Vec::new();
        for (i, flag) in flags.iter().enumerate() {
            let flag_age = days(flag.created_at, self.now);
            // A tenant can only set a flag that existed while it was active.
            if flag_age < self.life.to + 0.5 {
                continue;
            }
            let last = i + 1 == flags.len();
            if !(g.chance(p) || (last && rows.is_empty())) {
                continue;
            }
            let at = g.between_days_ago(self.life.from.min(flag_age), self.life.to.max(0.02));
            // Opt out of what is on by default, into what is rolled out partially.
            let enabled = !flag.default_enabled || g.chance(0.2);
            let by_platform = g.chance(0.25);
            let set_by = if by_platform {
                None
            } else {
                self.owner().map(|o| o.id)
            };
            self.record(
                set_by,
                AuditLogAction::Update,
                "tenant_features",
                Some(flag.id),
                Some(json!({"feature": flag.key, "enabled": flag.default_enabled})),
                Some(json!({"feature": flag.key, "enabled": enabled})),
                at,
            );
            rows.push(tenant_features::Model {
                tenant_id: self.id(),
                feature_flag_id: flag.id,
                enabled,
                set_by_user_id: set_by,
                created_at: at,
                updated_at: at,
            });
        }
        rows
    }

    fn quotas(&self, g: &mut Gen, runs_today: i64) -> Vec<service_quotas::Model> {
        let tier = self.t.tenant.tier;
        let now = self.now;
        let month_start = month_start(now);
        let next_month = next_month(now);
        let next_day = next_midnight(now);
        let month_elapsed = (now - month_start).num_milliseconds() as f64
            / (next_month - month_start).num_milliseconds().max(1) as f64;
        let day_elapsed = 1.0 - (next_day - now).num_milliseconds() as f64 / 86_400_000.0;
        let (api, report_runs, workflow_runs) = match tier {
            TenantTier::Free => (1_000, 200, 10),
            TenantTier::Pro => (1_000_000, 10_000, 200),
            TenantTier::Enterprise => (10_000_000, 100_000, 1_000),
        };
        let gib = 1_i64 << 30;
        let storage = self.t.tenant.storage_limit_gb * gib;
        let seats = self.t.tenant.max_users;
        let live = self.life.live();
        let members = self.t.members.len() as i64;
        let specs: [(&str, i64, ServiceQuotaPeriod, f64); 5] = [
            ("api_calls", api, ServiceQuotaPeriod::Month, month_elapsed),
            (
                "report_runs",
                report_runs,
                ServiceQuotaPeriod::Month,
                month_elapsed,
            ),
            (
                "workflow_runs",
                workflow_runs,
                ServiceQuotaPeriod::Day,
                day_elapsed,
            ),
            ("storage_bytes", storage, ServiceQuotaPeriod::None, 1.0),
            ("seats", seats, ServiceQuotaPeriod::None, 1.0),
        ];
        let mut rows = Vec::new();
        for (resource, limit, period, elapsed) in specs {
            let used = match (resource, self.life.phase) {
                ("seats", Phase::Churned) => 0,
                ("seats", _) => members.min(limit),
                ("workflow_runs", _) => runs_today,
                ("storage_bytes", Phase::Trial) => g.range(50..=400) * (1 << 20),
                ("storage_bytes", _) => (limit as f64 * g.range(8..=45) as f64 / 100.0) as i64,
                (_, Phase::Active | Phase::Trial) => {
                    (limit as f64 * elapsed * g.range(20..=90) as f64 / 100.0) as i64
                }
                _ => 0,
            };
            let created = self.signup();
            let updated = if live {
                g.between_days_ago(0.01, 0.0001)
            } else {
                g.days_ago(self.life.to)
            };
            rows.push(service_quotas::Model {
                id: g.id_at(created),
                tenant_id: self.id(),
                resource: resource.into(),
                limit_value: limit,
                used_value: used,
                period,
                resets_at: match period {
                    ServiceQuotaPeriod::Day => Some(next_day),
                    ServiceQuotaPeriod::Month => Some(next_month),
                    ServiceQuotaPeriod::None => None,
                },
                created_at: created,
                updated_at: updated.max(created),
            });
        }
        rows
    }

    // -----------------------------------------------------------------------------------------
    // Integrations.

    fn webhooks(&mut self, g: &mut Gen, ctx: &Context) -> Vec<webhooks::Model> {
        let domain = self.domain();
        let specs: &[(&str, &[&str])] = &[
            (
                "https://hooks.{domain}/platform/events",
                &[
                    "workflow_run.completed",
                    "workflow_run.failed",
                    "handover.requested",
                ],
            ),
            (
                "https://ci.{domain}/webhooks/deployments",
                &["workflow_run.started", "workflow_run.completed"],
            ),
            (
                "https://ops.{domain}/alerts/platform",
                &["workflow_run.failed", "subscription.past_due"],
            ),
        ];
        let count = match self.life.phase {
            Phase::Active => 3,
            Phase::Pending | Phase::Trial | Phase::Churned => 1,
            Phase::Suspended => 2,
        };
        let mut rows = Vec::new();
        for (i, (url, events)) in specs.iter().take(count).enumerate() {
            let created = self.life.time(g, 1.0, 3.0);
            let secret = format!("whsec_{}", hex::encode(g.bytes::<24>()));
            ctx.generated_secret(&secret);
            let (status, failures, last_delivery) = match self.life.phase {
                Phase::Active | Phase::Pending | Phase::Trial => (
                    WebhookStatus::Active,
                    if i == 2 { g.range(1..=2) } else { 0 },
                    Some(g.between_days_ago(0.3, 0.001)),
                ),
                Phase::Suspended if i == 0 => (
                    WebhookStatus::Disabled,
                    25,
                    Some(g.between_days_ago(self.life.to + 6.0, self.life.to + 3.0)),
                ),
                Phase::Suspended => (
                    WebhookStatus::Paused,
                    g.range(4..=9),
                    Some(g.days_ago(self.life.to + 1.0)),
                ),
                Phase::Churned => (
                    WebhookStatus::Disabled,
                    0,
                    Some(g.days_ago(self.life.to + 2.0)),
                ),
            };
            let last_delivery = last_delivery.map(|t| t.max(created));
            let updated = match status {
                WebhookStatus::Active => last_delivery.unwrap_or(created),
                _ => g.days_ago(self.life.to).max(created),
            };
            let id = g.id_at(created);
            // A unique nonce without drawing from the generator, so the rest of the data stays
            // the same: the id's first 12 bytes (its time and random bits, not the signature).
            let nonce: [u8; 12] = id.as_bytes()[..12].try_into().expect("16 bytes");
            let row = webhooks::Model {
                id,
                tenant_id: self.id(),
                url: url.replace("{domain}", &domain),
                events: WebhookEvents(events.iter().map(|e| (*e).to_owned()).collect()),
                secret_hash: domain::secrets::sha256_hex(&secret),
                signing_secret: Some(ctx.sealer.seal_with_nonce(&secret, nonce)),
                status,
                failure_count: failures,
                last_delivery_at: last_delivery,
                created_at: created,
                updated_at: updated,
            };
            let actor = self.owner().map(|o| o.id);
            self.record(
                actor,
                AuditLogAction::Create,
                "webhooks",
                Some(row.id),
                None,
                Some(json!({"url": row.url, "events": row.events})),
                created,
            );
            rows.push(row);
        }
        rows
    }

    fn rate_limits(&self, g: &mut Gen) -> Vec<rate_limits::Model> {
        let tier = self.t.tenant.tier;
        let mut specs: Vec<(&str, i64, i64)> = match tier {
            TenantTier::Free => vec![("api", 60, 60), ("api:reports", 10, 60)],
            TenantTier::Pro => vec![
                ("api", 600, 60),
                ("api:reports", 120, 60),
                ("api:exports", 30, 3_600),
            ],
            TenantTier::Enterprise => vec![
                ("api", 3_000, 60),
                ("api:reports", 600, 60),
                ("api:exports", 200, 3_600),
                ("webhooks:deliveries", 10_000, 3_600),
            ],
        };
        if self.life.phase == Phase::Suspended {
            // Throttled to a trickle while the account is past due.
            specs.push(("api:billing", 10, 86_400));
        }
        specs
            .into_iter()
            .map(|(scope, max_requests, window_seconds)| {
                let created = self.signup();
                let updated = if scope == "api:billing" {
                    g.days_ago(self.life.to)
                } else {
                    created
                };
                rate_limits::Model {
                    id: g.id_at(created),
                    tenant_id: self.id(),
                    scope: scope.into(),
                    max_requests,
                    window_seconds,
                    created_at: updated,
                    updated_at: updated,
                }
            })
            .collect()
    }

    // -----------------------------------------------------------------------------------------
    // Automation.

    fn workflows(&mut self, g: &mut Gen) -> Vec<workflows::Model> {
        let kinds: &[WorkflowKind] = match self.life.phase {
            Phase::Active | Phase::Suspended => &[
                WorkflowKind::ClientOnboarding,
                WorkflowKind::ModuleActivation,
                WorkflowKind::Deployment,
                WorkflowKind::Handover,
                WorkflowKind::Custom,
            ],
            Phase::Pending | Phase::Trial => &[
                WorkflowKind::ClientOnboarding,
                WorkflowKind::ModuleActivation,
                WorkflowKind::Handover,
            ],
            Phase::Churned => &[
                WorkflowKind::ClientOnboarding,
                WorkflowKind::Handover,
                WorkflowKind::Custom,
            ],
        };
        let mut rows = Vec::new();
        let span = self.life.from - self.life.to;
        for kind in kinds {
            let Some(spec) = FLOWS.iter().find(|f| f.kind == *kind) else {
                continue;
            };
            let v1_at = self.signup() + Duration::minutes(g.range(10..=600));
            let author = self.owner().map(|o| o.id);
            // Long-lived tenants revised their handover and deployment workflows once.
            let revised = spec.v2.is_some() && span > 100.0;
            let v2_at = revised.then(|| g.days_ago(self.life.to + span * 0.45));
            let archived_at = (self.life.phase == Phase::Churned)
                .then(|| g.days_ago(self.life.to - 3.0_f64.min(self.life.to * 0.5)));
            let v1 = workflows::Model {
                id: g.id_at(v1_at),
                tenant_id: self.id(),
                name: spec.name.into(),
                description: Some(spec.description.into()),
                kind: *kind,
                definition: definition(spec.v1),
                version: 1,
                status: if revised || archived_at.is_some() {
                    WorkflowStatus::Archived
                } else {
                    WorkflowStatus::Active
                },
                created_by_user_id: author,
                created_at: v1_at,
                updated_at: v2_at.or(archived_at).unwrap_or(v1_at),
            };
            self.record(
                author,
                AuditLogAction::Create,
                "workflows",
                Some(v1.id),
                None,
                Some(json!({"name": spec.name, "kind": kind, "version": 1})),
                v1_at,
            );
            if let (Some(at), Some(steps)) = (v2_at, spec.v2) {
                let v2 = workflows::Model {
                    id: g.id_at(at),
                    version: 2,
                    definition: definition(steps),
                    status: if archived_at.is_some() {
                        WorkflowStatus::Archived
                    } else {
                        WorkflowStatus::Active
                    },
                    created_at: at,
                    updated_at: archived_at.unwrap_or(at),
                    ..v1.clone()
                };
                self.record(
                    author,
                    AuditLogAction::Create,
                    "workflows",
                    Some(v2.id),
                    None,
                    Some(json!({"name": spec.name, "kind": kind, "version": 2})),
                    at,
                );
                self.record(
                    author,
                    AuditLogAction::Update,
                    "workflows",
                    Some(v1.id),
                    Some(json!({"status": "active"})),
                    Some(json!({"status": "archived"})),
                    at,
                );
                rows.push(v1);
                rows.push(v2);
            } else {
                rows.push(v1);
            }
        }
        // An active tenant is drafting a new workflow.
        if self.life.phase == Phase::Active {
            let at = g.between_days_ago(6.0, 1.0);
            rows.push(workflows::Model {
                id: g.id_at(at),
                tenant_id: self.id(),
                name: "Quarterly access review".into(),
                description: Some(
                    "Lists every member's roles and asks their manager to confirm them".into(),
                ),
                kind: WorkflowKind::Custom,
                definition: definition(ACCESS_REVIEW),
                version: 1,
                status: WorkflowStatus::Draft,
                created_by_user_id: self.t.members.get(1).or(self.owner()).map(|m| m.id),
                created_at: at,
                updated_at: at,
            });
        }
        rows
    }

    /// The runs of the tenant's workflows: history over its life, and what is going on now.
    fn runs(
        &mut self,
        g: &mut Gen,
        flows: &[workflows::Model],
        active_index: usize,
    ) -> (Vec<workflow_runs::Model>, Vec<workflow_steps::Model>) {
        let mut plans: Vec<RunPlan> = Vec::new();
        let now = self.now;
        let phase = self.life.phase;
        // History ends two days before the anchor for tenants in use, so that no old run is
        // still going on.
        let end = if self.life.live() {
            2.0_f64.min(self.life.from * 0.5)
        } else {
            self.life.to
        };
        for flow in flows {
            if flow.status == WorkflowStatus::Draft {
                continue;
            }
            // The window in which this version was the active one.
            let start = days(flow.created_at, now);
            let next = flows
                .iter()
                .find(|f| f.name == flow.name && f.version == flow.version + 1)
                .map(|f| days(f.created_at, now));
            let stop = next.unwrap_or(end).max(end);
            if start <= stop {
                continue;
            }
            let count =
                match (flow.kind, phase) {
                    (WorkflowKind::ClientOnboarding, _) => {
                        // Onboarding ran once, right after sign-up.
                        if phase != Phase::Trial {
                            plans.push(RunPlan::at(flow, g.days_ago(start - 0.05)));
                        }
                        0
                    }
                    (WorkflowKind::ModuleActivation, Phase::Trial) => 1,
                    (WorkflowKind::ModuleActivation, _) => 3,
                    (WorkflowKind::Deployment, Phase::Active) => 4,
                    (WorkflowKind::Deployment, _) => 3,
                    (WorkflowKind::Handover, Phase::Active | Phase::Suspended) => {
                        if next.is_some() { 1 } else { 2 }
                    }
                    (WorkflowKind::Handover, _) => 0,
                    (WorkflowKind::Custom, Phase::Active) => {
                        ((start - stop) / 7.0).clamp(1.0, 6.0) as i64
                    }
                    (WorkflowKind::Custom, _) => 2,
                };
            for _ in 0..count {
                let at = g.between_days_ago(start - 0.2, stop + 0.1);
                plans.push(RunPlan::at(flow, at));
            }
        }
        // Outcomes of history: mostly completed; the suspended tenant's last weeks fail.
        plans.sort_by_key(|p| p.created);
        let fail_after = g.days_ago(self.life.to + 12.0);
        for plan in &mut plans {
            let n = plan.flow.definition.steps.len();
            let failing = phase == Phase::Suspended && plan.created > fail_after;
            let roll = g.range(0..=99);
            plan.outcome = if failing || roll < 8 {
                Outcome::Failed(g.range(1..=(n as i64 - 1).max(1)) as usize)
            } else if roll < 13 {
                Outcome::Cancelled(g.range(0..=(n as i64 - 1).max(0)) as usize)
            } else {
                Outcome::Completed
            };
        }

        let latest = |kind: WorkflowKind| {
            flows
                .iter()
                .filter(|f| f.kind == kind && f.status != WorkflowStatus::Draft)
                .max_by_key(|f| f.version)
        };
        match phase {
            Phase::Active => {
                if active_index.is_multiple_of(2) {
                    if let Some(f) = latest(WorkflowKind::Handover) {
                        let at = step_index(f, "generate_sop_documents");
                        plans.push(RunPlan::current(f, Outcome::InProgress(at), now));
                    }
                } else {
                    if let Some(f) = latest(WorkflowKind::Deployment) {
                        let at = step_index(f, "smoke_test");
                        plans.push(RunPlan::current(f, Outcome::InProgress(at), now));
                    }
                    if let Some(f) = latest(WorkflowKind::Handover) {
                        plans.push(RunPlan::at(f, g.between_days_ago(6.0, 3.0)));
                    }
                }
                if let Some(f) = latest(WorkflowKind::Custom) {
                    let at = g.between_days_ago(0.006, 0.001);
                    plans.push(RunPlan::current(f, Outcome::Pending, at));
                }
            }
            Phase::Pending | Phase::Trial => {
                if let Some(f) = latest(WorkflowKind::ClientOnboarding) {
                    let at = step_index(f, "import_users");
                    plans.push(RunPlan::current(f, Outcome::InProgress(at), now));
                }
                if let Some(f) = latest(WorkflowKind::Handover) {
                    let at = g.between_days_ago(0.01, 0.002);
                    plans.push(RunPlan::current(f, Outcome::Pending, at));
                }
            }
            Phase::Suspended => {
                // The account was suspended: its last activation failed on the license, and the
                // handover under way was cancelled.
                if let Some(f) = latest(WorkflowKind::ModuleActivation) {
                    let mut plan = RunPlan::at(f, g.days_ago(self.life.to + 0.4));
                    plan.outcome = Outcome::Failed(0);
                    plans.push(plan);
                }
                if let Some(f) = latest(WorkflowKind::Handover) {
                    let mut plan = RunPlan::at(f, g.days_ago(self.life.to + 0.2));
                    plan.outcome = Outcome::Cancelled(2);
                    plans.push(plan);
                }
            }
            Phase::Churned => {
                // On leaving, the tenant was handed its data and configuration.
                if let Some(f) = latest(WorkflowKind::Handover) {
                    plans.push(RunPlan::at(f, g.days_ago(self.life.to + 1.5)));
                }
            }
        }

        let mut runs = Vec::new();
        let mut steps = Vec::new();
        for plan in plans {
            let (run, run_steps) = build_run(g, self, plan);
            let manual = run.trigger.as_deref() == Some("manual");
            if manual {
                let actor = self.member(g).map(|m| m.id);
                self.record(
                    actor,
                    AuditLogAction::Create,
                    "workflow_runs",
                    Some(run.id),
                    None,
                    Some(json!({"workflow_id": run.workflow_id, "trigger": "manual"})),
                    run.created_at,
                );
            }
            if run.status == WorkflowRunStatus::Cancelled {
                let actor = self.owner().map(|o| o.id);
                self.record(
                    actor,
                    AuditLogAction::Update,
                    "workflow_runs",
                    Some(run.id),
                    Some(json!({"status": "in_progress"})),
                    Some(json!({"status": "cancelled"})),
                    run.completed_at.unwrap_or(run.updated_at),
                );
            }
            runs.push(run);
            steps.extend(run_steps);
        }
        (runs, steps)
    }

    // -----------------------------------------------------------------------------------------
    // Support.

    fn tickets(
        &mut self,
        g: &mut Gen,
        agent: Option<&users::Model>,
    ) -> (Vec<tickets::Model>, Vec<ticket_comments::Model>) {
        let picks: Vec<usize> = match self.life.phase {
            Phase::Active => {
                let mut v: Vec<usize> = (0..GENERAL_TICKETS).collect();
                let skip = g.range(0..=(GENERAL_TICKETS as i64 - 1)) as usize;
                v.retain(|i| *i != skip);
                v.truncate(g.range(5..=7) as usize);
                v
            }
            Phase::Pending | Phase::Trial => vec![1, 9],
            Phase::Suspended => vec![0, 10, 3, 11],
            Phase::Churned => vec![5, 9, 12],
        };
        let mut times: Vec<Time> = picks.iter().map(|_| self.life.time(g, 0.5, 0.03)).collect();
        // An active tenant has a ticket from last week and one from today.
        if self.life.phase == Phase::Active && times.len() >= 2 {
            let n = times.len();
            times[n - 2] = g.between_days_ago(10.0, 2.0);
            times[n - 1] = g.between_days_ago(0.3, 0.02);
        }
        times.sort();
        // The suspended tenant's last ticket is about the suspension itself.
        if self.life.phase == Phase::Suspended
            && let Some(last) = times.last_mut()
        {
            *last = g.days_ago(self.life.to + 0.3);
        }
        let agent_id = agent.map(|a| a.id);
        let mut rows = Vec::new();
        let mut comments = Vec::new();
        for (n, (pick, created)) in picks.iter().zip(times).enumerate() {
            let Some((subject, description, priority)) = TICKETS.get(*pick) else {
                continue;
            };
            let age = days(created, self.now);
            let requester = self.member(g).cloned();
            let status = match self.life.phase {
                Phase::Churned => TicketStatus::Closed,
                Phase::Suspended if n + 1 == picks.len() => TicketStatus::Pending,
                Phase::Suspended if n + 2 == picks.len() => TicketStatus::OnHold,
                _ if age > 14.0 => {
                    if g.chance(0.8) {
                        TicketStatus::Closed
                    } else {
                        TicketStatus::Solved
                    }
                }
                _ if age < 0.5 => TicketStatus::Open,
                _ => *g.pick(&[
                    TicketStatus::Open,
                    TicketStatus::Pending,
                    TicketStatus::OnHold,
                    TicketStatus::Solved,
                ]),
            };
            let resolved = matches!(status, TicketStatus::Solved | TicketStatus::Closed);
            let resolved_at = resolved.then(|| {
                let room = ((self.now - created).num_minutes() - 10) / 60;
                let hours = g.range(1..=room.clamp(1, 120));
                (created + Duration::hours(hours)).min(self.now - Duration::minutes(5))
            });
            let assigned = !(status == TicketStatus::Open && age < 0.5);
            let end = resolved_at.unwrap_or_else(|| {
                (created + Duration::days(5)).min(self.now - Duration::minutes(1))
            });
            let ticket_id = g.id_at(created);
            // The conversation: agent and requester take turns, with an internal note now and
            // then; the last word on a resolved ticket is the agent's.
            let turns = if assigned { g.range(1..=4) } else { 0 };
            let mut at = created;
            let span = (end - created).num_milliseconds().max(turns + 1);
            let mut last = created;
            for turn in 0..turns {
                at += ms(g.range(1..=span / (turns + 1)));
                let internal = turn == 1 && g.chance(0.5);
                let by_agent = turn % 2 == 0 || internal;
                let (author, body) = if by_agent {
                    let body = if internal {
                        g.pick(INTERNAL_NOTES).replace(
                            "{tier}",
                            &format!("{:?}", self.t.tenant.tier).to_lowercase(),
                        )
                    } else if resolved && turn + 1 == turns {
                        "We have shipped a fix for this. I'm marking the ticket as solved; reply \
                         here if you still see the problem."
                            .to_owned()
                    } else {
                        let first = requester
                            .as_ref()
                            .map_or("there", |r| r.first_name.as_str());
                        g.pick(AGENT_REPLIES).replace("{first}", first)
                    };
                    (agent_id, body)
                } else {
                    let body = g
                        .pick(REQUESTER_REPLIES)
                        .replace("{ref}", &hex::encode(g.bytes::<6>()));
                    (requester.as_ref().map(|r| r.id), body)
                };
                comments.push(ticket_comments::Model {
                    id: g.id_at(at),
                    tenant_id: self.id(),
                    ticket_id,
                    author_user_id: author,
                    body,
                    is_internal: internal,
                    created_at: at,
                    updated_at: at,
                });
                last = at;
            }
            let updated = resolved_at.unwrap_or(last).max(last);
            let requester_id = requester.as_ref().map(|r| r.id);
            self.record(
                requester_id,
                AuditLogAction::Create,
                "tickets",
                Some(ticket_id),
                None,
                Some(json!({"subject": subject, "priority": priority})),
                created,
            );
            rows.push(tickets::Model {
                id: ticket_id,
                tenant_id: self.id(),
                number: n as i64 + 1,
                subject: (*subject).into(),
                description: (*description).into(),
                status,
                priority: *priority,
                requester_user_id: requester_id,
                assignee_user_id: if assigned { agent_id } else { None },
                resolved_at,
                created_at: created,
                updated_at: updated,
            });
        }
        (rows, comments)
    }

    fn feedbacks(&self, g: &mut Gen) -> Vec<feedbacks::Model> {
        let count = match self.life.phase {
            Phase::Active => g.range(4..=7),
            Phase::Pending | Phase::Trial => 2,
            Phase::Suspended => 3,
            Phase::Churned => 2,
        };
        let mut rows = Vec::new();
        for _ in 0..count {
            let at = self.life.time(g, 1.0, 0.02);
            let rating = match self.life.phase {
                Phase::Suspended | Phase::Churned => g.range(1..=3),
                _ => *g.pick(&[3, 4, 4, 5, 5, 2]),
            };
            let (category, comment) = g.pick(FEEDBACK);
            let comment = match rating {
                1 | 2 => comment.1,
                3 => comment.2,
                _ => comment.0,
            };
            let user = self.member(g).map(|m| m.id);
            rows.push(feedbacks::Model {
                id: g.id_at(at),
                tenant_id: self.id(),
                user_id: user,
                rating,
                category: Some((*category).into()),
                comment: (!comment.is_empty()).then(|| comment.to_owned()),
                created_at: at,
                updated_at: at,
            });
        }
        rows
    }

    // -----------------------------------------------------------------------------------------
    // Audit and compliance.

    fn compliances(&mut self, g: &mut Gen) -> Vec<compliances::Model> {
        use ComplianceFramework as F;
        use ComplianceStatus as S;
        let plan: Vec<(F, S)> = match (self.life.phase, self.t.tenant.tier) {
            (Phase::Active, TenantTier::Enterprise) => vec![
                (F::Soc2, S::Compliant),
                (F::Iso27001, S::Compliant),
                (F::Gdpr, S::Compliant),
                (F::Hipaa, S::InProgress),
                (F::PciDss, S::NotStarted),
            ],
            (Phase::Active, _) => vec![
                (F::Soc2, S::Compliant),
                (F::Gdpr, S::Compliant),
                (F::Iso27001, S::InProgress),
            ],
            (Phase::Pending | Phase::Trial, _) => {
                vec![(F::Gdpr, S::NotStarted), (F::Soc2, S::NotStarted)]
            }
            (Phase::Suspended, _) => vec![(F::Soc2, S::NonCompliant), (F::Gdpr, S::Compliant)],
            (Phase::Churned, _) => vec![(F::Gdpr, S::Compliant)],
        };
        let mut rows = Vec::new();
        for (framework, status) in plan {
            let created = self
                .life
                .time(g, 3.0, 1.0)
                .min(self.signup() + Duration::days(30));
            let created = created.max(self.signup());
            let assessed = matches!(status, S::Compliant | S::NonCompliant)
                .then(|| g.between_days_ago(days(created, self.now), self.life.to.max(1.0)));
            let next_review = match (status, assessed) {
                (S::Compliant, Some(a)) => Some(a + Duration::days(365)),
                (S::NonCompliant, Some(a)) => Some(a + Duration::days(90)),
                (S::InProgress, _) => Some(self.now + Duration::days(g.range(30..=120))),
                _ => None,
            };
            let name = framework_name(framework);
            let evidence = match assessed {
                Some(a) => json!([
                    {
                        "title": format!("{name} assessment report"),
                        "url": format!("https://trust.{}/compliance/{}-{}.pdf", self.domain(), format!("{framework:?}").to_lowercase(), a.format("%Y")),
                        "collected_at": a.to_rfc3339(),
                    },
                    {
                        "title": "Access control matrix",
                        "url": format!("https://trust.{}/compliance/access-matrix.xlsx", self.domain()),
                        "collected_at": (a - Duration::days(14)).max(created).to_rfc3339(),
                    }
                ]),
                None if status == S::InProgress => json!([
                    {
                        "title": format!("{name} gap analysis"),
                        "url": format!("https://trust.{}/compliance/gap-analysis.pdf", self.domain()),
                        "collected_at": created.to_rfc3339(),
                    }
                ]),
                None => json!([]),
            };
            let updated = assessed.unwrap_or(created);
            let row = compliances::Model {
                id: g.id_at(created),
                tenant_id: self.id(),
                framework,
                status,
                last_assessed_at: assessed,
                next_review_at: next_review,
                evidence,
                created_at: created,
                updated_at: updated,
            };
            if let Some(a) = assessed {
                let actor = self.owner().map(|o| o.id);
                self.record(
                    actor,
                    AuditLogAction::Update,
                    "compliances",
                    Some(row.id),
                    Some(json!({"status": "in_progress"})),
                    Some(json!({"status": status, "last_assessed_at": a.to_rfc3339()})),
                    a,
                );
            }
            rows.push(row);
        }
        rows
    }

    fn policies(&mut self, g: &mut Gen) -> Vec<policies::Model> {
        let specs: Vec<(&str, PolicyKind, Value, Vec<PolicyStatus>)> = match self.life.phase {
            Phase::Active => {
                let mut v = vec![
                    (
                        "Production access",
                        PolicyKind::Access,
                        json!({"require_mfa": true, "approvers": 2, "max_session_hours": 8}),
                        vec![PolicyStatus::Retired, PolicyStatus::Active],
                    ),
                    (
                        "Report data retention",
                        PolicyKind::Retention,
                        json!({"retain_days": 730, "archive_after_days": 180}),
                        vec![PolicyStatus::Active],
                    ),
                ];
                if self.t.tenant.tier == TenantTier::Enterprise {
                    v.push((
                        "Customer data privacy",
                        PolicyKind::Privacy,
                        json!({"pii_masking": true, "data_residency": "eu"}),
                        vec![PolicyStatus::Active, PolicyStatus::Draft],
                    ));
                }
                v
            }
            Phase::Pending | Phase::Trial => vec![(
                "Production access",
                PolicyKind::Access,
                json!({"require_mfa": false, "approvers": 1}),
                vec![PolicyStatus::Draft],
            )],
            Phase::Suspended => vec![(
                "Password rotation",
                PolicyKind::Security,
                json!({"rotate_days": 90, "min_length": 14}),
                vec![PolicyStatus::Active],
            )],
            Phase::Churned => vec![(
                "Data deletion on exit",
                PolicyKind::Privacy,
                json!({"delete_after_days": 30, "export_before_delete": true}),
                vec![PolicyStatus::Active],
            )],
        };
        let mut rows = Vec::new();
        for (name, kind, rules, versions) in specs {
            let mut at = self.life.time(g, 5.0, 3.0);
            let count = versions.len();
            for (i, status) in versions.into_iter().enumerate() {
                let next = if i + 1 < count {
                    g.between_days_ago(days(at, self.now) - 1.0, self.life.to.max(1.0))
                } else {
                    at
                };
                let mut rules = rules.clone();
                if let Some(obj) = rules.as_object_mut() {
                    obj.insert("revision_note".into(), json!(format!("version {}", i + 1)));
                }
                let row = policies::Model {
                    id: g.id_at(at),
                    tenant_id: Some(self.id()),
                    name: name.into(),
                    description: Some(format!("{}'s {name} policy", self.t.tenant.name)),
                    kind,
                    rules,
                    status,
                    version: i as i64 + 1,
                    created_at: at,
                    updated_at: if status == PolicyStatus::Retired {
                        next
                    } else {
                        at
                    },
                };
                let actor = self.owner().map(|o| o.id);
                self.record(
                    actor,
                    AuditLogAction::Create,
                    "policies",
                    Some(row.id),
                    None,
                    Some(json!({"name": name, "version": i + 1, "status": "draft"})),
                    at,
                );
                rows.push(row);
                at = next;
            }
        }
        rows
    }

    /// Reads of runs and tickets, audit exports, and a deleted API key.
    fn reads_and_deletes(
        &mut self,
        g: &mut Gen,
        runs: &[workflow_runs::Model],
        tks: &[tickets::Model],
    ) {
        let reads = if self.life.live() { 8 } else { 4 };
        for i in 0..reads {
            let (resource_type, id, created) = if i % 2 == 0 && !runs.is_empty() {
                let r = g.pick(runs);
                ("workflow_runs", r.id, r.updated_at)
            } else if !tks.is_empty() {
                let t = g.pick(tks);
                ("tickets", t.id, t.created_at)
            } else {
                continue;
            };
            let at = g
                .between_days_ago(days(created, self.now), self.life.to.max(0.001))
                .max(created);
            let actor = self.member(g).map(|m| m.id);
            self.record(
                actor,
                AuditLogAction::Read,
                resource_type,
                Some(id),
                None,
                None,
                at,
            );
        }
        if matches!(self.life.phase, Phase::Active | Phase::Suspended) {
            for _ in 0..2 {
                let at = self.life.time(g, 10.0, 0.5);
                let actor = self.owner().map(|o| o.id);
                self.record(
                    actor,
                    AuditLogAction::Export,
                    "audit_logs",
                    None,
                    None,
                    None,
                    at,
                );
            }
            // A revoked API key, deleted for good.
            let at = self.life.time(g, 20.0, 1.0);
            let key_id = g.id_at(at - Duration::days(30));
            let actor = self.owner().map(|o| o.id);
            self.record(
                actor,
                AuditLogAction::Delete,
                "api_keys",
                Some(key_id),
                Some(json!({"name": "Legacy import script", "revoked": true})),
                None,
                at,
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Workflows and their runs.

type StepSpec = (&'static str, &'static str, u32);

struct FlowSpec {
    name: &'static str,
    kind: WorkflowKind,
    description: &'static str,
    trigger: &'static str,
    v1: &'static [StepSpec],
    v2: Option<&'static [StepSpec]>,
}

const ONBOARDING: &[StepSpec] = &[
    ("create_workspace", "workspace.create", 3),
    ("provision_database", "database.provision", 3),
    ("import_users", "users.import", 2),
    ("configure_sso", "sso.configure", 1),
    ("send_welcome_email", "notify.email", 5),
];
const MODULE_ACTIVATION: &[StepSpec] = &[
    ("validate_license", "license.validate", 0),
    ("install_module", "modules.install", 3),
    ("run_migrations", "database.migrate", 1),
    ("enable_features", "flags.enable", 3),
    ("notify_admins", "notify.email", 5),
];
const DEPLOYMENT_V1: &[StepSpec] = &[
    ("build_artifact", "ci.build", 2),
    ("run_tests", "ci.test", 1),
    ("deploy_staging", "deploy.apply", 3),
    ("smoke_test", "http.probe", 3),
    ("deploy_production", "deploy.apply", 3),
];
const DEPLOYMENT_V2: &[StepSpec] = &[
    ("build_artifact", "ci.build", 2),
    ("run_tests", "ci.test", 1),
    ("deploy_staging", "deploy.apply", 3),
    ("smoke_test", "http.probe", 3),
    ("canary_release", "deploy.canary", 2),
    ("deploy_production", "deploy.apply", 3),
];
const HANDOVER_V1: &[StepSpec] = &[
    ("collect_configurations", "config.collect", 3),
    ("export_module_settings", "modules.export", 3),
    ("generate_sop_documents", "documents.generate", 2),
    ("package_assets", "package.build", 2),
    ("deliver_package", "package.deliver", 5),
];
const HANDOVER_V2: &[StepSpec] = &[
    ("collect_configurations", "config.collect", 3),
    ("export_module_settings", "modules.export", 3),
    ("generate_sop_documents", "documents.generate", 2),
    ("record_tutorials", "media.render", 1),
    ("package_assets", "package.build", 2),
    ("deliver_package", "package.deliver", 5),
    ("confirm_receipt", "package.await_confirmation", 0),
];
const DIGEST: &[StepSpec] = &[
    ("gather_reports", "reports.query", 3),
    ("render_digest", "template.render", 2),
    ("send_digest", "notify.email", 5),
];
const ACCESS_REVIEW: &[StepSpec] = &[
    ("list_memberships", "users.list", 3),
    ("request_confirmations", "notify.email", 5),
    ("await_answers", "approval.await", 0),
    ("revoke_unconfirmed", "roles.revoke", 2),
];

const FLOWS: &[FlowSpec] = &[
    FlowSpec {
        name: "Client onboarding",
        kind: WorkflowKind::ClientOnboarding,
        description: "Sets up a new workspace: database, members, single sign-on and a welcome",
        trigger: "onboarding.started",
        v1: ONBOARDING,
        v2: None,
    },
    FlowSpec {
        name: "Module activation",
        kind: WorkflowKind::ModuleActivation,
        description: "Checks the license, installs a marketplace module and switches it on",
        trigger: "module_installation.requested",
        v1: MODULE_ACTIVATION,
        v2: None,
    },
    FlowSpec {
        name: "Production deployment",
        kind: WorkflowKind::Deployment,
        description: "Builds, tests and rolls out a release through staging to production",
        trigger: "manual",
        v1: DEPLOYMENT_V1,
        v2: Some(DEPLOYMENT_V2),
    },
    FlowSpec {
        name: "Customer handover",
        kind: WorkflowKind::Handover,
        description: "Packages configurations, module settings, SOPs and tutorials and delivers \
                      them to the customer",
        trigger: "handover.requested",
        v1: HANDOVER_V1,
        v2: Some(HANDOVER_V2),
    },
    FlowSpec {
        name: "Weekly report digest",
        kind: WorkflowKind::Custom,
        description: "Emails every member a digest of the week's reports",
        trigger: "schedule",
        v1: DIGEST,
        v2: None,
    },
];

fn definition(steps: &[StepSpec]) -> WorkflowDefinition {
    WorkflowDefinition {
        steps: steps
            .iter()
            .map(|(name, step_type, max_retries)| WorkflowStepDefinition {
                name: (*name).into(),
                step_type: (*step_type).into(),
                max_retries: i64::from(*max_retries),
                extra: Default::default(),
            })
            .collect(),
        extra: Default::default(),
    }
}

fn step_index(flow: &workflows::Model, name: &str) -> usize {
    flow.definition
        .steps
        .iter()
        .position(|s| s.name == name)
        .unwrap_or(0)
}

/// How a run ends up: the index is the step that fails, that the run was cancelled before, or
/// that is running now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Completed,
    Failed(usize),
    Cancelled(usize),
    InProgress(usize),
    Pending,
}

/// A run to build. For runs going on now, `created` is replaced so that the running step started
/// minutes before the anchor.
struct RunPlan<'a> {
    flow: &'a workflows::Model,
    created: Time,
    outcome: Outcome,
}

impl<'a> RunPlan<'a> {
    fn at(flow: &'a workflows::Model, created: Time) -> Self {
        Self {
            flow,
            created,
            outcome: Outcome::Completed,
        }
    }

    fn current(flow: &'a workflows::Model, outcome: Outcome, created: Time) -> Self {
        Self {
            flow,
            created,
            outcome,
        }
    }
}

/// One step's simulated execution, in milliseconds after the run was created.
#[derive(Clone, Copy, Debug)]
struct StepSim {
    status: WorkflowStepStatus,
    start: Option<i64>,
    end: Option<i64>,
    retries: i64,
}

fn build_run(
    g: &mut Gen,
    tenant: &TenantRows<'_>,
    plan: RunPlan<'_>,
) -> (workflow_runs::Model, Vec<workflow_steps::Model>) {
    let flow = plan.flow;
    let defs = &flow.definition.steps;
    let n = defs.len();
    let last = n.saturating_sub(1);
    let outcome = match plan.outcome {
        Outcome::Failed(k) => Outcome::Failed(k.min(last)),
        Outcome::Cancelled(k) => Outcome::Cancelled(k.min(last)),
        Outcome::InProgress(k) => Outcome::InProgress(k.min(last)),
        o => o,
    };
    let started_off = g.range(200..=5_000);
    let mut off = started_off;
    let mut sims = Vec::with_capacity(n);
    for (i, def) in defs.iter().enumerate() {
        let max = def.max_retries;
        let status = match outcome {
            Outcome::Completed => WorkflowStepStatus::Completed,
            Outcome::Failed(k) if i < k => WorkflowStepStatus::Completed,
            Outcome::Failed(k) if i == k => WorkflowStepStatus::Failed,
            Outcome::Failed(_) => WorkflowStepStatus::Skipped,
            Outcome::Cancelled(k) if i < k => WorkflowStepStatus::Completed,
            Outcome::Cancelled(_) => WorkflowStepStatus::Skipped,
            Outcome::InProgress(k) if i < k => WorkflowStepStatus::Completed,
            Outcome::InProgress(k) if i == k => WorkflowStepStatus::Running,
            Outcome::InProgress(_) | Outcome::Pending => WorkflowStepStatus::Pending,
        };
        let sim = match status {
            WorkflowStepStatus::Completed => {
                let retries = if max > 0 && g.chance(0.08) {
                    g.range(1..=max)
                } else {
                    0
                };
                let d = step_duration(g, &def.step_type) * (retries + 1) + retries * 2_000;
                let s = StepSim {
                    status,
                    start: Some(off),
                    end: Some(off + d),
                    retries,
                };
                off += d + g.range(20..=1_500);
                s
            }
            WorkflowStepStatus::Failed => {
                let d = step_duration(g, &def.step_type).min(120_000) * (max + 1) + max * 5_000;
                let s = StepSim {
                    status,
                    start: Some(off),
                    end: Some(off + d),
                    retries: max,
                };
                off += d;
                s
            }
            WorkflowStepStatus::Running => StepSim {
                status,
                start: Some(off),
                end: None,
                retries: if max > 0 && g.chance(0.3) { 1 } else { 0 },
            },
            _ => StepSim {
                status,
                start: None,
                end: None,
                retries: 0,
            },
        };
        sims.push(sim);
    }
    // A cancelled run stops a little after its last completed step.
    let cancel_off = off + g.range(1_000..=600_000);
    let created = match outcome {
        Outcome::InProgress(k) => {
            let running_for = g.range(60_000..=1_200_000);
            let start = sims.get(k).and_then(|s| s.start).unwrap_or(started_off);
            tenant.now - ms(start + running_for)
        }
        _ => plan.created,
    };
    let at = |o: i64| created + ms(o);
    let ended_off = match outcome {
        Outcome::Completed => sims.last().and_then(|s| s.end),
        Outcome::Failed(k) => sims.get(k).and_then(|s| s.end),
        Outcome::Cancelled(_) => Some(cancel_off),
        _ => None,
    };
    let started_at = (outcome != Outcome::Pending).then(|| at(started_off));
    let completed_at = ended_off.map(at);

    let run_id = g.id_at(created);
    let domain = tenant.domain();
    let mut steps = Vec::with_capacity(n);
    let mut done = Vec::new();
    let mut failed = Vec::new();
    let mut run_error = None;
    let steps_created = started_at.unwrap_or(created);
    for (i, (def, sim)) in defs.iter().zip(&sims).enumerate() {
        let start = sim.start.map(at);
        let end = match sim.status {
            WorkflowStepStatus::Skipped => completed_at,
            _ => sim.end.map(at),
        };
        let order = u32::try_from(i).unwrap_or(u32::MAX);
        let failure = (sim.retries > 0 || sim.status == WorkflowStepStatus::Failed)
            .then(|| step_failure(&def.step_type, &domain, tenant.life.phase));
        let error = failure.as_ref().map(|(code, message)| {
            json!({
                "code": code,
                "message": message,
                "attempt": if sim.status == WorkflowStepStatus::Failed { sim.retries + 1 } else { sim.retries },
            })
        });
        match sim.status {
            WorkflowStepStatus::Completed => done.push(WorkflowStepRecord {
                step: def.name.clone(),
                execution_order: i64::from(order),
                finished_at: end.unwrap_or(created),
                error: None,
                extra: Default::default(),
            }),
            WorkflowStepStatus::Failed => {
                let message = failure.as_ref().map(|(_, m)| m.clone()).unwrap_or_default();
                run_error = Some(format!(
                    "step {} failed after {} attempt(s): {message}",
                    def.name,
                    sim.retries + 1
                ));
                failed.push(WorkflowStepRecord {
                    step: def.name.clone(),
                    execution_order: i64::from(order),
                    finished_at: end.unwrap_or(created),
                    error: Some(message),
                    extra: Default::default(),
                });
            }
            _ => {}
        }
        let finished = matches!(
            sim.status,
            WorkflowStepStatus::Completed | WorkflowStepStatus::Failed
        );
        steps.push(workflow_steps::Model {
            id: g.id_at(steps_created),
            tenant_id: tenant.id(),
            workflow_run_id: run_id,
            step_name: def.name.clone(),
            step_type: def.step_type.clone(),
            execution_order: i as i64,
            status: sim.status,
            input: step_input(&def.step_type, &domain, tenant.slug()),
            output: (sim.status == WorkflowStepStatus::Completed)
                .then(|| step_output(g, &def.step_type, &domain, tenant.slug())),
            error: if sim.status == WorkflowStepStatus::Running && sim.retries == 0 {
                None
            } else {
                error
            },
            execution_time_ms: match (finished, sim.start, sim.end) {
                (true, Some(s), Some(e)) => Some(e - s),
                _ => None,
            },
            retry_count: sim.retries,
            max_retries: def.max_retries,
            started_at: start,
            completed_at: end,
            created_at: steps_created,
            updated_at: end.or(start).unwrap_or(steps_created),
        });
    }
    let status = match outcome {
        Outcome::Completed => WorkflowRunStatus::Completed,
        Outcome::Failed(_) => WorkflowRunStatus::Failed,
        Outcome::Cancelled(_) => WorkflowRunStatus::Cancelled,
        Outcome::InProgress(_) => WorkflowRunStatus::InProgress,
        Outcome::Pending => WorkflowRunStatus::Pending,
    };
    let current_step = match outcome {
        Outcome::Completed => defs.last(),
        Outcome::Failed(k) | Outcome::InProgress(k) => defs.get(k),
        Outcome::Cancelled(k) => k.checked_sub(1).and_then(|j| defs.get(j)),
        Outcome::Pending => None,
    }
    .map(|d| d.name.clone());
    let latest_step = steps.iter().map(|s| s.updated_at).max().unwrap_or(created);
    let run = workflow_runs::Model {
        id: run_id,
        tenant_id: tenant.id(),
        workflow_id: flow.id,
        status,
        current_step,
        trigger: Some(
            FLOWS
                .iter()
                .find(|f| f.kind == flow.kind)
                .map_or("manual", |f| f.trigger)
                .to_owned(),
        ),
        input: run_input(g, flow.kind, tenant, created),
        steps_completed: WorkflowStepRecords(done),
        steps_failed: WorkflowStepRecords(failed),
        started_at,
        completed_at,
        error: run_error,
        created_at: created,
        updated_at: completed_at.unwrap_or(latest_step.max(created)),
    };
    (run, steps)
}

/// How long one attempt of a step of `step_type` takes, in milliseconds.
fn step_duration(g: &mut Gen, step_type: &str) -> i64 {
    let (lo, hi) = match step_type {
        "ci.build" => (120_000, 600_000),
        "ci.test" => (60_000, 900_000),
        "deploy.apply" | "deploy.canary" => (30_000, 240_000),
        "database.provision" => (45_000, 180_000),
        "database.migrate" => (5_000, 90_000),
        "documents.generate" => (60_000, 600_000),
        "media.render" => (300_000, 1_800_000),
        "package.build" => (20_000, 180_000),
        "package.await_confirmation" => (3_600_000, 72_000_000),
        "users.import" => (10_000, 120_000),
        "reports.query" | "template.render" => (2_000, 60_000),
        _ => (300, 15_000),
    };
    g.range(lo..=hi)
}

fn step_input(step_type: &str, domain: &str, slug: &str) -> Value {
    match step_type {
        "workspace.create" => json!({"slug": slug, "region": "eu-west-1"}),
        "database.provision" => {
            json!({"engine": "postgres", "version": "17", "size": "db.m6g.large"})
        }
        "users.import" => json!({"source": format!("https://hr.{domain}/export/users.csv")}),
        "sso.configure" => {
            json!({"provider": "okta", "metadata_url": format!("https://{slug}.okta.com/app/metadata")})
        }
        "notify.email" => json!({"template": "workflow_notice", "to": format!("admins@{domain}")}),
        "ci.build" | "ci.test" => {
            json!({"repository": format!("git@git.{domain}:{slug}/platform-app.git"), "ref": "main"})
        }
        "deploy.apply" | "deploy.canary" => json!({"cluster": "eu-west-1-prod", "namespace": slug}),
        "http.probe" => {
            json!({"url": format!("https://staging.{domain}/healthz"), "expect_status": 200})
        }
        "documents.generate" | "media.render" => json!({"locale": "en-GB"}),
        "package.deliver" => json!({"method": "portal"}),
        _ => json!({"timeout_seconds": 900}),
    }
}

fn step_output(g: &mut Gen, step_type: &str, domain: &str, slug: &str) -> Value {
    match step_type {
        "workspace.create" => json!({"workspace": slug}),
        "database.provision" => {
            json!({"database": format!("tenant_{}", slug.replace('-', "_")), "host": format!("db-{}.internal", g.range(1..=12))})
        }
        "users.import" => json!({"imported": g.range(2..=60), "skipped": g.range(0..=3)}),
        "notify.email" => {
            json!({"message_id": format!("<{}@mail.platform.test>", hex::encode(g.bytes::<8>()))})
        }
        "ci.build" => {
            json!({"image": format!("registry.platform.test/{slug}/app:{}", hex::encode(g.bytes::<4>())), "size_bytes": g.range(80_000_000..=400_000_000)})
        }
        "ci.test" => {
            json!({"passed": g.range(400..=1_800), "failed": 0, "skipped": g.range(0..=12)})
        }
        "deploy.apply" | "deploy.canary" => {
            json!({"replicas_ready": 3, "revision": g.range(100..=900)})
        }
        "http.probe" => {
            json!({"status": 200, "latency_ms": g.range(20..=400), "url": format!("https://staging.{domain}/healthz")})
        }
        "config.collect" => json!({"configurations": g.range(4..=12)}),
        "modules.export" => json!({"modules": g.range(1..=6)}),
        "documents.generate" => json!({"documents": g.range(3..=9), "format": "pdf"}),
        "media.render" => json!({"videos": g.range(2..=5)}),
        "package.build" => {
            json!({"archive": format!("handover-{slug}-{}.zip", hex::encode(g.bytes::<4>())), "size_bytes": g.range(5_000_000..=900_000_000)})
        }
        "package.deliver" => json!({"delivered_to": format!("https://portal.{domain}/handover")}),
        "package.await_confirmation" => {
            json!({"confirmed": true, "method": "portal_acknowledgement"})
        }
        "license.validate" => json!({"valid": true}),
        "reports.query" => json!({"reports": g.range(3..=40)}),
        "template.render" => json!({"pages": g.range(1..=6)}),
        _ => json!({"ok": true}),
    }
}

/// The error code and message of a failed attempt of a step.
fn step_failure(step_type: &str, domain: &str, phase: Phase) -> (String, String) {
    let (code, message) = match step_type {
        "license.validate" if phase == Phase::Suspended => (
            "LICENSE_SUSPENDED",
            "license suspended: the subscription is past due".to_owned(),
        ),
        "license.validate" => (
            "LICENSE_INVALID",
            "license key does not match the module".to_owned(),
        ),
        "deploy.apply" | "deploy.canary" => (
            "ROLLOUT_TIMEOUT",
            "rollout timed out: 1 of 3 replicas ready after 600s".to_owned(),
        ),
        "http.probe" => (
            "PROBE_FAILED",
            format!("GET https://staging.{domain}/healthz returned 503 Service Unavailable"),
        ),
        "ci.test" => (
            "TESTS_FAILED",
            "14 tests failed in suite reports::export".to_owned(),
        ),
        "ci.build" => (
            "BUILD_FAILED",
            "cargo build exited with status 101".to_owned(),
        ),
        "package.deliver" | "notify.email" => (
            "SMTP_TEMPORARY",
            format!("451 4.7.1 temporary failure from mx.{domain}"),
        ),
        "users.import" => (
            "SOURCE_UNAVAILABLE",
            format!("GET https://hr.{domain}/export/users.csv returned 502 Bad Gateway"),
        ),
        "database.migrate" => (
            "MIGRATION_FAILED",
            "migration 0007_add_module_tables: relation already exists".to_owned(),
        ),
        _ => ("TIMEOUT", "upstream timed out after 30s".to_owned()),
    };
    (code.to_owned(), message)
}

fn run_input(g: &mut Gen, kind: WorkflowKind, tenant: &TenantRows<'_>, at: Time) -> Value {
    let domain = tenant.domain();
    match kind {
        WorkflowKind::ClientOnboarding => json!({
            "tenant_slug": tenant.slug(),
            "admin_email": tenant.owner().map(|o| o.email.to_lowercase()),
            "seats": tenant.t.members.len(),
        }),
        WorkflowKind::ModuleActivation => {
            let (slug, version) = *g.pick(&[
                ("advanced-charts", "2.3.0"),
                ("salesforce-sync", "1.8.2"),
                ("pdf-branding", "3.0.1"),
                ("scheduled-exports", "1.2.0"),
            ]);
            json!({"module_slug": slug, "version": version})
        }
        WorkflowKind::Deployment => json!({
            "environment": "production",
            "release": format!("v{}", at.format("%Y.%m.%d")),
            "commit": hex::encode(g.bytes::<20>()),
        }),
        WorkflowKind::Handover => json!({
            "package_name": format!("{} handover {}", tenant.t.tenant.name, at.format("%B %Y")),
            "package_type": if tenant.life.phase == Phase::Churned { "complete" } else { *g.pick(&["complete", "update", "partial"]) },
            "delivery_method": *g.pick(&["portal", "email", "download"]),
            "recipient_email": tenant.owner().map(|o| o.email.to_lowercase()),
            "portal_url": format!("https://portal.{domain}/handover"),
        }),
        WorkflowKind::Custom => json!({
            "period": at.format("%G-W%V").to_string(),
            "recipients": tenant.t.members.len(),
        }),
    }
}

// ---------------------------------------------------------------------------------------------
// The outbox.

/// An event to write.
struct Event {
    tenant_id: Option<Uuid>,
    event_type: String,
    source: IntegrationEventSource,
    target: Option<&'static str>,
    payload: Value,
    at: Time,
    correlation: Option<Uuid>,
    causation: Option<Uuid>,
    /// The error that made delivery give up, for events that failed.
    failure: Option<String>,
}

#[derive(Debug, Default)]
struct Outbox {
    rows: Vec<integration_events::Model>,
}

impl Outbox {
    fn push(&mut self, g: &mut Gen, e: Event) -> Uuid {
        let delivery = match e.failure {
            Some(err) => Delivery::Failed(err),
            None if days(e.at, g.now()) < OUTBOX_LAG_DAYS => Delivery::Pending,
            None => Delivery::Processed,
        };
        let kind = (e.event_type, e.source);
        let row = integration_events::Model {
            target: e.target.map(str::to_owned),
            correlation_id: e.correlation,
            causation_id: e.causation,
            ..integrations::event_of(g, e.tenant_id, kind, e.payload, e.at, delivery)
        };
        let id = row.id;
        self.rows.push(row);
        id
    }

    /// The rows, oldest first; the oldest pending event has been claimed by a relay.
    fn finish(mut self, now: Time) -> Vec<integration_events::Model> {
        self.rows.sort_by_key(|r| (r.created_at, r.id));
        if let Some(first) = self
            .rows
            .iter_mut()
            .find(|r| r.status == IntegrationEventStatus::Pending)
        {
            first.status = IntegrationEventStatus::Processing;
            first.attempts = 1;
            first.updated_at = (first.created_at + Duration::seconds(2)).min(now);
        }
        self.rows
    }
}

/// The events a run wrote: what triggered it, its start, and how it ended.
fn run_events(
    g: &mut Gen,
    t: &TenantContext,
    flow: &workflows::Model,
    run: &workflow_runs::Model,
    hooks: &[webhooks::Model],
    outbox: &mut Outbox,
) {
    let life = Life::of(t);
    let tenant_id = Some(t.tenant.id);
    let correlation = Some(run.id);
    let base = json!({
        "workflow_run_id": run.id,
        "workflow_id": flow.id,
        "workflow": flow.name,
        "version": flow.version,
    });
    let trigger = run.trigger.as_deref().unwrap_or("manual");
    let mut cause = None;
    let source = match flow.kind {
        WorkflowKind::Handover => Some(IntegrationEventSource::Handover),
        WorkflowKind::ModuleActivation => Some(IntegrationEventSource::Modules),
        WorkflowKind::ClientOnboarding => Some(IntegrationEventSource::Identity),
        _ => None,
    };
    if let Some(source) = source {
        let at = run.created_at - ms(g.range(50..=3_000));
        cause = Some(outbox.push(
            g,
            Event {
                tenant_id,
                event_type: trigger.to_owned(),
                source,
                target: Some("orchestration"),
                payload: json!({"tenant_id": t.tenant.id, "input": run.input}),
                at,
                correlation,
                causation: None,
                failure: None,
            },
        ));
    }
    if let Some(started) = run.started_at {
        let id = outbox.push(
            g,
            Event {
                tenant_id,
                event_type: "workflow_run.started".into(),
                source: IntegrationEventSource::Orchestration,
                target: None,
                payload: base.clone(),
                at: started,
                correlation,
                causation: cause,
                failure: None,
            },
        );
        cause = Some(id);
    }
    // The steps of a run going on now report their progress.
    if run.status == WorkflowRunStatus::InProgress {
        for record in &run.steps_completed.0 {
            let mut payload = base.clone();
            payload["step"] = json!(record.step);
            payload["execution_order"] = json!(record.execution_order);
            cause = Some(outbox.push(
                g,
                Event {
                    tenant_id,
                    event_type: "workflow_step.completed".into(),
                    source: IntegrationEventSource::Orchestration,
                    target: None,
                    payload,
                    at: record.finished_at.fixed_offset(),
                    correlation,
                    causation: cause,
                    failure: None,
                },
            ));
        }
    }
    let Some(ended) = run.completed_at else {
        return;
    };
    let (event_type, hooked) = match run.status {
        WorkflowRunStatus::Completed => ("workflow_run.completed", true),
        WorkflowRunStatus::Failed => ("workflow_run.failed", true),
        _ => ("workflow_run.cancelled", false),
    };
    let mut payload = base;
    payload["status"] = json!(run.status);
    if let Some(error) = &run.error {
        payload["error"] = json!(error);
    }
    // The suspended tenant's endpoint stopped answering in its last weeks: those deliveries failed.
    let hook = hooks
        .iter()
        .find(|h| h.events.0.iter().any(|e| e == event_type));
    let failure = match (life.phase, hook) {
        (Phase::Suspended, Some(h)) if hooked && days(ended, g.now()) < life.to + 14.0 => {
            Some(format!(
                "POST {} returned 503 Service Unavailable (gave up after retries)",
                h.url
            ))
        }
        (_, Some(h)) if hooked && g.chance(0.04) => Some(format!(
            "POST {} timed out after 10s (gave up after retries)",
            h.url
        )),
        _ => None,
    };
    outbox.push(
        g,
        Event {
            tenant_id,
            event_type: event_type.into(),
            source: IntegrationEventSource::Orchestration,
            target: hook.filter(|_| hooked).map(|_| "webhooks"),
            payload,
            at: ended,
            correlation,
            causation: cause,
            failure,
        },
    );
}

/// A tenant's billing and identity events.
fn tenant_events(g: &mut Gen, t: &TenantContext, life: Life, ctx: &Context, outbox: &mut Outbox) {
    let tenant_id = Some(t.tenant.id);
    for sub in ctx
        .subscriptions
        .iter()
        .filter(|s| s.tenant_id == t.tenant.id)
    {
        let correlation = Some(g.id_at(sub.created_at));
        let created = outbox.push(
            g,
            Event {
                tenant_id,
                event_type: "subscription.created".into(),
                source: IntegrationEventSource::Billing,
                target: None,
                payload: json!({"subscription_id": sub.id, "plan_id": sub.plan_id, "seats": sub.seats}),
                at: sub.created_at,
                correlation,
                causation: None,
                failure: None,
            },
        );
        let (event_type, at) = match life.phase {
            Phase::Suspended => ("subscription.past_due", g.days_ago(life.to + 1.0)),
            Phase::Churned => (
                "subscription.canceled",
                sub.canceled_at.unwrap_or_else(|| g.days_ago(life.to)),
            ),
            _ => ("subscription.renewed", sub.current_period_start),
        };
        if at > sub.created_at {
            outbox.push(
                g,
                Event {
                    tenant_id,
                    event_type: event_type.into(),
                    source: IntegrationEventSource::Billing,
                    target: Some("notifications"),
                    payload: json!({"subscription_id": sub.id, "status": sub.status}),
                    at,
                    correlation,
                    causation: Some(created),
                    failure: None,
                },
            );
        }
    }
    // Members signing in right now: the freshest events, still waiting for the relay.
    if life.live() {
        for m in t.members.iter().take(2) {
            let at = g.between_days_ago(0.012, 0.0005);
            outbox.push(
                g,
                Event {
                    tenant_id,
                    event_type: "user.signed_in".into(),
                    source: IntegrationEventSource::Identity,
                    target: Some("analytics"),
                    payload: json!({"user_id": m.id, "method": "password"}),
                    at,
                    correlation: None,
                    causation: None,
                    failure: None,
                },
            );
        }
    }
}

/// Platform events, with no tenant.
fn platform_events(g: &mut Gen, ctx: &Context, outbox: &mut Outbox) {
    for plan in &ctx.plans {
        let at = plan.created_at + Duration::days(g.range(20..=200));
        outbox.push(
            g,
            Event {
                tenant_id: None,
                event_type: "plan.updated".into(),
                source: IntegrationEventSource::Billing,
                target: None,
                payload: json!({"plan_id": plan.id, "code": plan.code, "price_cents": plan.price_cents}),
                at,
                correlation: None,
                causation: None,
                failure: None,
            },
        );
    }
    // The marketplace catalogue syncs weekly; the latest sync is waiting for the relay.
    for week in 0..12 {
        let at = if week == 0 {
            g.days_ago(0.003)
        } else {
            g.days_ago(f64::from(week) * 7.0 + 0.125)
        };
        let changed = g.range(0..=4);
        outbox.push(
            g,
            Event {
                tenant_id: None,
                event_type: "marketplace.catalog_synced".into(),
                source: IntegrationEventSource::Marketplace,
                target: None,
                payload: json!({"modules": 42 + week / 3, "changed": changed}),
                at,
                correlation: None,
                causation: None,
                failure: None,
            },
        );
    }
    for days in [180.0, 90.0] {
        let at = g.days_ago(days);
        let key_id = format!("sk-{}", hex::encode(g.bytes::<4>()));
        outbox.push(
            g,
            Event {
                tenant_id: None,
                event_type: "signing_key.rotated".into(),
                source: IntegrationEventSource::Identity,
                target: None,
                payload: json!({"key_id": key_id, "algorithm": "EdDSA"}),
                at,
                correlation: None,
                causation: None,
                failure: None,
            },
        );
    }
    // A delivery to the platform's status page that gave up.
    let at = g.days_ago(16.4);
    outbox.push(
        g,
        Event {
            tenant_id: None,
            event_type: "maintenance.scheduled".into(),
            source: IntegrationEventSource::Identity,
            target: Some("statuspage"),
            payload: json!({"window_start": (at + Duration::days(2)).to_rfc3339(), "minutes": 60}),
            at,
            correlation: None,
            causation: None,
            failure: Some(
                "POST https://api.statuspage.io/v1/pages/platform/incidents returned 401 Unauthorized"
                    .into(),
            ),
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Platform data.

fn feature_flags_rows(g: &mut Gen) -> Vec<feature_flags::Model> {
    let specs: &[(&str, &str, bool, i64, f64, Value)] = &[
        (
            "dark_mode",
            "Dark colour theme",
            true,
            100,
            480.0,
            json!([]),
        ),
        (
            "sso_saml",
            "SAML single sign-on",
            false,
            0,
            470.0,
            json!([{"attribute": "tier", "operator": "eq", "value": "enterprise"}]),
        ),
        (
            "scheduled_exports",
            "Scheduled report exports to S3 and SFTP",
            true,
            100,
            450.0,
            json!([]),
        ),
        (
            "audit_log_export",
            "CSV export of the audit log",
            false,
            0,
            380.0,
            json!([{"attribute": "tier", "operator": "in", "values": ["pro", "enterprise"]}]),
        ),
        (
            "handover_portal",
            "Self-service portal for handover packages",
            true,
            100,
            300.0,
            json!([]),
        ),
        (
            "new_report_builder",
            "The drag-and-drop report builder",
            false,
            50,
            200.0,
            json!([{"attribute": "tier", "operator": "in", "values": ["pro", "enterprise"]}]),
        ),
        (
            "workflow_designer_v2",
            "The visual workflow designer",
            false,
            25,
            120.0,
            json!([]),
        ),
        (
            "ai_report_summaries",
            "Generated summaries on report pages",
            false,
            10,
            40.0,
            json!([{"attribute": "tenant_status", "operator": "eq", "value": "active"}]),
        ),
    ];
    specs
        .iter()
        .map(|(key, description, on, rollout, age, rules)| {
            let created = g.days_ago(*age);
            let updated = if *rollout > 0 && *rollout < 100 {
                g.between_days_ago(*age * 0.5, 1.0)
            } else {
                created
            };
            feature_flags::Model {
                id: g.id_at(created),
                key: (*key).into(),
                description: Some((*description).into()),
                default_enabled: *on,
                rollout_percentage: *rollout,
                rules: rules.clone(),
                created_at: created,
                updated_at: updated,
            }
        })
        .collect()
}

/// The platform defaults every tenant reads unless it overrides them.
fn platform_configurations(g: &mut Gen) -> Vec<configurations::Model> {
    let specs: Vec<(&str, &str, Value, &str)> = vec![
        (
            "reports",
            "default_output_format",
            json!("pdf"),
            "Output format of a report that names none",
        ),
        (
            "reports",
            "retention_days",
            json!(90),
            "Days generated report files are kept",
        ),
        (
            "reports",
            "max_rows_per_export",
            json!(100_000),
            "Rows an export may contain",
        ),
        (
            "deployment",
            "default_region",
            json!("eu-west-1"),
            "Region new resources are created in",
        ),
        (
            "deployment",
            "maintenance_window",
            json!({"day": "sunday", "start": "02:00", "duration_minutes": 120, "timezone": "UTC"}),
            "When disruptive changes may be applied",
        ),
        (
            "notifications",
            "digest_hour_utc",
            json!(7),
            "Hour (UTC) digests are sent",
        ),
        (
            "notifications",
            "email_sender",
            json!({"name": "Platform", "address": "no-reply@platform.test"}),
            "Sender of platform emails",
        ),
        (
            "security",
            "session_timeout_minutes",
            json!(720),
            "Idle time after which a session ends",
        ),
        (
            "security",
            "password_min_length",
            json!(12),
            "Shortest password accepted",
        ),
        (
            "workflows",
            "step_timeout_seconds",
            json!(900),
            "Time a workflow step may run",
        ),
        (
            "workflows",
            "max_concurrent_runs",
            json!(5),
            "Runs a tenant may have going at once",
        ),
        (
            "handover",
            "default_delivery_method",
            json!("portal"),
            "How handover packages are delivered",
        ),
        (
            "handover",
            "include_tutorial_videos",
            json!(true),
            "Whether packages include tutorial videos",
        ),
        (
            "integrations",
            "webhook_timeout_seconds",
            json!(10),
            "Time a webhook endpoint has to answer",
        ),
    ];
    specs
        .into_iter()
        .map(|(namespace, key, value, description)| {
            let created = g.days_ago(490.0);
            let changed = g.chance(0.3);
            let updated = if changed {
                g.between_days_ago(400.0, 20.0)
            } else {
                created
            };
            configurations::Model {
                id: g.id_at(created),
                tenant_id: None,
                namespace: namespace.into(),
                key: key.into(),
                value,
                description: Some(description.into()),
                version: if changed { 2 } else { 1 },
                created_at: created,
                updated_at: updated,
            }
        })
        .collect()
}

/// Settings tenants override, with the values they choose from.
fn override_candidates() -> Vec<(&'static str, &'static str, Vec<Value>)> {
    vec![
        (
            "reports",
            "default_output_format",
            vec![json!("excel"), json!("csv"), json!("html")],
        ),
        (
            "reports",
            "retention_days",
            vec![json!(30), json!(180), json!(365)],
        ),
        (
            "deployment",
            "default_region",
            vec![
                json!("eu-west-2"),
                json!("us-east-1"),
                json!("eu-central-1"),
            ],
        ),
        (
            "security",
            "session_timeout_minutes",
            vec![json!(240), json!(480)],
        ),
        (
            "workflows",
            "max_concurrent_runs",
            vec![json!(2), json!(10), json!(20)],
        ),
        (
            "handover",
            "default_delivery_method",
            vec![json!("email"), json!("download"), json!("api")],
        ),
        (
            "notifications",
            "digest_hour_utc",
            vec![json!(6), json!(8), json!(17)],
        ),
    ]
}

/// A platform policy's versions: status and age in days.
type PolicyVersions = &'static [(PolicyStatus, f64)];

fn platform_policies(g: &mut Gen) -> Vec<policies::Model> {
    let specs: &[(&str, PolicyKind, PolicyVersions, Value)] = &[
        (
            "Password policy",
            PolicyKind::Security,
            &[
                (PolicyStatus::Retired, 500.0),
                (PolicyStatus::Active, 300.0),
            ],
            json!({"min_length": 12, "require_mfa_for_admins": true, "max_failed_logins": 5}),
        ),
        (
            "Audit log retention",
            PolicyKind::Retention,
            &[(PolicyStatus::Active, 480.0)],
            json!({"retain_days": 365, "archive_after_days": 90}),
        ),
        (
            "Acceptable use",
            PolicyKind::Access,
            &[(PolicyStatus::Active, 500.0)],
            json!({"prohibited": ["scraping", "credential_sharing", "load_testing_without_notice"]}),
        ),
        (
            "Privacy notice",
            PolicyKind::Privacy,
            &[
                (PolicyStatus::Retired, 500.0),
                (PolicyStatus::Active, 210.0),
                (PolicyStatus::Draft, 5.0),
            ],
            json!({"controller": "Platform Ltd", "dpo_email": "dpo@platform.test", "subprocessors": 6}),
        ),
    ];
    let mut rows = Vec::new();
    for (name, kind, versions, rules) in specs {
        for (i, (status, age)) in versions.iter().enumerate() {
            let created = g.days_ago(*age);
            let updated = match versions.get(i + 1) {
                Some((_, next)) if *status == PolicyStatus::Retired => g.days_ago(*next),
                _ => created,
            };
            rows.push(policies::Model {
                id: g.id_at(created),
                tenant_id: None,
                name: (*name).into(),
                description: Some(format!("The platform's {} policy", name.to_lowercase())),
                kind: *kind,
                rules: rules.clone(),
                status: *status,
                version: i as i64 + 1,
                created_at: created,
                updated_at: updated,
            });
        }
    }
    rows
}

// ---------------------------------------------------------------------------------------------
// Calendar helpers.

fn midnight(date: NaiveDate) -> Option<Time> {
    date.and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().fixed_offset())
}

fn next_midnight(now: Time) -> Time {
    now.date_naive()
        .succ_opt()
        .and_then(midnight)
        .unwrap_or(now + Duration::days(1))
}

fn framework_name(f: ComplianceFramework) -> &'static str {
    match f {
        ComplianceFramework::Soc2 => "SOC 2 Type II",
        ComplianceFramework::Iso27001 => "ISO/IEC 27001",
        ComplianceFramework::Gdpr => "GDPR",
        ComplianceFramework::Hipaa => "HIPAA",
        ComplianceFramework::PciDss => "PCI DSS",
    }
}

// ---------------------------------------------------------------------------------------------
// Text.

/// Tickets any tenant may open; the last three are about a tenant's state.
const GENERAL_TICKETS: usize = 10;
const TICKETS: &[(&str, &str, TicketPriority)] = &[
    (
        "Report export to Excel times out",
        "Exporting the monthly revenue report to Excel fails after about 60 seconds with a \
         gateway timeout. CSV export of the same report works.",
        TicketPriority::High,
    ),
    (
        "Cannot invite a new team member",
        "The invite dialog says our seat limit is reached, but the billing page shows two free \
         seats.",
        TicketPriority::Medium,
    ),
    (
        "Webhook deliveries not arriving",
        "Our endpoint has not received any workflow_run.completed events since yesterday \
         afternoon. Nothing changed on our side.",
        TicketPriority::High,
    ),
    (
        "Question about invoice line items",
        "The last invoice lists seats twice. Is one of them a proration for the member we added \
         mid-month?",
        TicketPriority::Low,
    ),
    (
        "SSO login loops back to the sign-in page",
        "Since this morning, signing in through Okta sends users back to the sign-in page \
         without an error.",
        TicketPriority::Urgent,
    ),
    (
        "Scheduled report ran twice",
        "The weekly sales report was delivered twice on Monday, a minute apart.",
        TicketPriority::Medium,
    ),
    (
        "Handover package is missing SOP documents",
        "The handover package we downloaded has the module settings but no SOP documents, \
         although the workflow shows the documents step as completed.",
        TicketPriority::High,
    ),
    (
        "Deployment workflow stuck at smoke test",
        "The production deployment has shown the smoke test as running for over an hour.",
        TicketPriority::High,
    ),
    (
        "Feature request: dark mode for dashboards",
        "Several of our analysts work late and would like a dark theme on shared dashboards.",
        TicketPriority::Low,
    ),
    (
        "How do we rotate an API key?",
        "We want to rotate the key our CI pipeline uses without downtime. What is the \
         recommended way?",
        TicketPriority::Low,
    ),
    (
        "Data warehouse integration failing with 401",
        "The data warehouse connection reports 401 Unauthorized on every sync since we rotated \
         our service account.",
        TicketPriority::High,
    ),
    (
        "Account suspended after a failed payment",
        "Our card expired and the account was suspended. We have updated the card; how do we \
         get access back?",
        TicketPriority::Urgent,
    ),
    (
        "Export all our data before we leave",
        "We are moving off the platform. Please send a complete export of our reports, \
         configurations and audit log.",
        TicketPriority::Medium,
    ),
];

const AGENT_REPLIES: &[&str] = &[
    "Thanks for reporting this, {first}. I can reproduce it and have passed it to engineering.",
    "Hi {first}, could you send the time of the last failed attempt and the request id shown on \
     the error page?",
    "Hi {first}, thanks for the details. This is a known issue and a fix is scheduled for this \
     week's release.",
    "Thanks {first}. I've checked the logs for your workspace and can see the failures; looking \
     into it now.",
];

const REQUESTER_REPLIES: &[&str] = &[
    "It happened again this morning around 09:40 UTC. Request id req_{ref}.",
    "Thanks, that explains it. We'll wait for the fix.",
    "Here is the request id from the error page: req_{ref}.",
    "Confirmed, it works for us now. Thanks for the quick help!",
];

const INTERNAL_NOTES: &[&str] = &[
    "Linked to the reporting cluster incident; waiting for the hotfix to roll out.",
    "Customer is on the {tier} plan: respond within the SLA.",
    "Checked the relay logs: deliveries to this endpoint time out at the customer's firewall.",
];

/// Categories, with comments for a good, a bad and a middling rating.
const FEEDBACK: &[(&str, (&str, &str, &str))] = &[
    (
        "reports",
        (
            "The new report builder saves us hours every week.",
            "Exports are too slow for our larger reports.",
            "Reports are fine, but I'd like more chart types.",
        ),
    ),
    (
        "workflows",
        (
            "Deployments through the workflow are smooth and predictable.",
            "A failed step gives no hint of what to do next.",
            "",
        ),
    ),
    (
        "support",
        (
            "Support answered within the hour and fixed our problem.",
            "It took three days to get a first answer.",
            "Helpful, once we reached the right person.",
        ),
    ),
    (
        "billing",
        (
            "Invoices are clear and easy to reconcile.",
            "We were charged for seats we had removed.",
            "",
        ),
    ),
    (
        "integrations",
        (
            "The Salesforce sync just works.",
            "Our webhook endpoint gets duplicate deliveries.",
            "Setting up the warehouse connection took a few tries.",
        ),
    ),
];
