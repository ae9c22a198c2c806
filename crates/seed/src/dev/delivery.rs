//! The delivery slice of the `dev` profile: notification templates and campaigns; backup
//! schedules, runs and recovery plans; the marketplace catalogue with tenants' installations,
//! licences and app overrides; and handover packages with the module installations and
//! configurations they cover. (Notifications and reporting come with each scenario's tenant, from
//! the generator.)
//!
//! Every tenant's activity follows its state: active tenants have activity up to "now", the
//! suspended one stops three weeks ago (its last backups failing), the churned one stops before
//! its cancellation, and the trialing one has only days of history.

use chrono::{DateTime, FixedOffset};
use entity::json::{
    AbTestMetric, AbTestSettings, AbTestVariant, ConfirmationMethod, DeliveryConfirmation,
    DocumentFormat, EscalationContact, EscalationContacts, RecoveryStep, RecoveryStepMode,
    RecoverySteps, SopDocument, SopDocuments, TemplateVariable, TemplateVariableKind,
    TemplateVariables, TutorialVideo, TutorialVideos,
};
use entity::sea_orm_active_enums::{
    AppOverrideActivationStatus, BackupRunFormat, BackupRunMethod, BackupRunStatus, BackupRunType,
    BackupScheduleFrequency, BackupScheduleTargetScope, CampaignAudience, CampaignStatus,
    HandoverPackageDeliveryMethod, HandoverPackageDeliveryStatus, HandoverPackageType,
    MarketplaceModulePricingModel, MarketplaceModuleStatus, ModuleInstallationStatus,
    ModuleLicenseStatus, NotificationChannel, NotificationTemplateStatus, RecoveryPlanScope,
    RecoveryPlanStatus, RecoveryPlanTestResult, RecoveryPlanType, TenantStatus, WorkflowRunStatus,
};
use entity::{
    app_overrides, backup_runs, backup_schedule_tenants, backup_schedules, campaigns,
    configurations, handover_package_configurations, handover_package_modules, handover_packages,
    marketplace_modules, module_installations, module_licenses, notification_templates,
    recovery_plans, users, workflow_runs,
};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{Context, TenantContext};
use crate::calendar::{plus_days, plus_ms};
use crate::{Gen, Loader, Result};

type Dt = DateTime<FixedOffset>;

/// One tenant and the window in which it was active.
#[derive(Debug, Clone)]
struct Life {
    t: TenantContext,
    /// Days before the anchor the tenant signed up.
    start: f64,
    /// Days before the anchor its activity stopped: 0 while it is active.
    end: f64,
}

impl Life {
    fn id(&self) -> Uuid {
        self.t.tenant.id
    }

    fn slug(&self) -> &str {
        &self.t.tenant.slug
    }

    fn name(&self) -> &str {
        &self.t.tenant.name
    }

    fn host(&self) -> String {
        format!("{}.example.com", self.t.tenant.slug)
    }

    fn active(&self) -> bool {
        self.end <= 0.0
    }

    fn suspended(&self) -> bool {
        self.t.tenant.status == TenantStatus::Suspended
    }

    fn owner(&self) -> Option<&users::Model> {
        self.t.members.first()
    }

    /// Member `i`, wrapping around the tenant's members.
    fn member(&self, i: usize) -> Option<&users::Model> {
        if self.t.members.is_empty() {
            None
        } else {
            self.t.members.get(i % self.t.members.len())
        }
    }

    /// "Days ago", clamped into the tenant's active window.
    fn clamp(&self, days_ago: f64) -> f64 {
        days_ago.min(self.start).max(self.end)
    }

    /// A time `days` days after sign-up, kept inside the active window.
    fn after_start(&self, g: &Gen, days: f64) -> Dt {
        g.days_ago(self.clamp(self.start - days))
    }
}

/// The tenants with their active windows.
fn lives(ctx: &Context) -> Vec<Life> {
    ctx.tenants
        .iter()
        .map(|t| Life {
            t: t.clone(),
            start: t.life.born,
            end: t.life.stopped,
        })
        .collect()
}

/// `t`, or "now" if `t` is later: for things that have already happened.
fn capped(g: &Gen, t: Dt) -> Dt {
    t.min(g.now())
}

/// Finds the tenant with `slug`.
fn life<'a>(lives: &'a [Life], slug: &str) -> Option<&'a Life> {
    lives.iter().find(|l| l.slug() == slug)
}

/// Loads the slice and records the module installations in `ctx`.
pub async fn load(loader: &mut Loader<'_>, g: &mut Gen, ctx: &mut Context) -> Result<()> {
    let lives = lives(ctx);

    let (template_rows, campaign_rows) = notifications_domain(g, &lives);
    let (schedule_rows, schedule_tenant_rows, backup_rows, plan_rows) =
        backup_domain(g, &lives, ctx.admin.as_ref());
    let market = marketplace_domain(g, &lives, ctx);
    let handover = handover_domain(g, &lives, ctx, (&market.installations, &market.modules));
    ctx.module_installations = market.installations.clone();

    loader.load(template_rows).await?;
    loader.load(campaign_rows).await?;

    loader.load(schedule_rows).await?;
    loader.load(schedule_tenant_rows).await?;
    loader.load(backup_rows).await?;
    loader.load(plan_rows).await?;

    loader.load(market.modules).await?;
    loader.load(market.installations).await?;
    loader.load(market.licenses).await?;
    loader.load(market.overrides).await?;

    loader.load(handover.packages).await?;
    loader.load(handover.modules).await?;
    loader.load(handover.configurations).await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Notifications
// ---------------------------------------------------------------------------------------------

use NotificationTemplateStatus as Nts;
use TemplateVariableKind as Tvk;

/// One template (tenant, code, locale, channel) with the status of each of its versions.
struct TemplateSpec {
    tenant: Option<&'static str>,
    code: &'static str,
    locale: &'static str,
    channel: NotificationChannel,
    subject: Option<&'static str>,
    body: &'static str,
    /// Name, kind, required, sample value.
    vars: &'static [(&'static str, TemplateVariableKind, bool, &'static str)],
    versions: &'static [NotificationTemplateStatus],
}

const TEMPLATES: &[TemplateSpec] = &[
    TemplateSpec {
        tenant: None,
        code: "user.invited",
        locale: "en",
        channel: NotificationChannel::Email,
        subject: Some("You're invited to join {{tenant_name}}"),
        body: "Hi {{first_name}},\n\n{{inviter_name}} invited you to {{tenant_name}}. \
               Accept the invitation here: {{invite_url}}\n\nThe link expires on {{expires_on}}.",
        vars: &[
            ("first_name", Tvk::Text, true, "Grace"),
            ("inviter_name", Tvk::Text, true, "Ada Lovelace"),
            ("tenant_name", Tvk::Text, true, "Acme Analytics"),
            (
                "invite_url",
                Tvk::Url,
                true,
                "https://acme.example.com/invite/8f2c1d",
            ),
            ("expires_on", Tvk::Date, true, "2026-11-08"),
        ],
        versions: &[Nts::Archived, Nts::Active],
    },
    TemplateSpec {
        tenant: None,
        code: "user.invited",
        locale: "de",
        channel: NotificationChannel::Email,
        subject: Some("Einladung zu {{tenant_name}}"),
        body: "Hallo {{first_name}},\n\n{{inviter_name}} hat Sie zu {{tenant_name}} eingeladen. \
               Einladung annehmen: {{invite_url}}\n\nDer Link ist bis {{expires_on}} gültig.",
        vars: &[
            ("first_name", Tvk::Text, true, "Lisa"),
            ("inviter_name", Tvk::Text, true, "Hank Scorpio"),
            ("tenant_name", Tvk::Text, true, "Globex Corporation"),
            (
                "invite_url",
                Tvk::Url,
                true,
                "https://globex.example.com/invite/41aa0e",
            ),
            ("expires_on", Tvk::Date, true, "2026-11-08"),
        ],
        versions: &[Nts::Active],
    },
    TemplateSpec {
        tenant: None,
        code: "password.reset",
        locale: "en",
        channel: NotificationChannel::Email,
        subject: Some("Reset your password"),
        body: "Hi {{first_name}},\n\nSomeone asked to reset your password. If it was you, \
               choose a new one here: {{reset_url}}\n\nIf not, you can ignore this email.",
        vars: &[
            ("first_name", Tvk::Text, true, "Alan"),
            (
                "reset_url",
                Tvk::Url,
                true,
                "https://acme.example.com/reset/c0ffee",
            ),
        ],
        versions: &[Nts::Active],
    },
    TemplateSpec {
        tenant: None,
        code: "password.reset",
        locale: "en",
        channel: NotificationChannel::Sms,
        subject: None,
        body: "Your {{tenant_name}} reset code is {{code}}. It expires in 10 minutes.",
        vars: &[
            ("tenant_name", Tvk::Text, true, "Acme Analytics"),
            ("code", Tvk::Text, true, "482913"),
        ],
        versions: &[Nts::Active],
    },
    TemplateSpec {
        tenant: None,
        code: "invoice.paid",
        locale: "en",
        channel: NotificationChannel::Email,
        subject: Some("Receipt for invoice {{invoice_number}}"),
        body: "Thank you. We received {{amount}} for invoice {{invoice_number}} on {{paid_on}}. \
               Download the receipt: {{receipt_url}}",
        vars: &[
            ("invoice_number", Tvk::Text, true, "INV-2026-0042"),
            ("amount", Tvk::Money, true, "4900 USD"),
            ("paid_on", Tvk::Date, true, "2026-10-01"),
            (
                "receipt_url",
                Tvk::Url,
                false,
                "https://acme.example.com/billing/receipts/INV-2026-0042",
            ),
        ],
        versions: &[Nts::Active],
    },
    TemplateSpec {
        tenant: None,
        code: "invoice.payment_failed",
        locale: "en",
        channel: NotificationChannel::Email,
        subject: Some("Payment for invoice {{invoice_number}} failed"),
        body: "We could not charge {{amount}} for invoice {{invoice_number}}: {{reason}}. \
               Update your payment method by {{due_on}} to keep your workspace active.",
        vars: &[
            ("invoice_number", Tvk::Text, true, "INV-2026-0107"),
            ("amount", Tvk::Money, true, "49000 USD"),
            ("reason", Tvk::Text, true, "card declined"),
            ("due_on", Tvk::Date, true, "2026-10-14"),
        ],
        versions: &[Nts::Active],
    },
    TemplateSpec {
        tenant: None,
        code: "report.completed",
        locale: "en",
        channel: NotificationChannel::InApp,
        subject: Some("{{report_name}} is ready"),
        body: "Your report {{report_name}} finished at {{completed_at}}.",
        vars: &[
            ("report_name", Tvk::Text, true, "Monthly revenue"),
            ("completed_at", Tvk::DateTime, true, "2026-10-31T08:02:11Z"),
        ],
        versions: &[Nts::Active],
    },
    TemplateSpec {
        tenant: None,
        code: "report.completed",
        locale: "en",
        channel: NotificationChannel::Email,
        subject: Some("Your report {{report_name}} is ready"),
        body: "Hi {{first_name}},\n\n{{report_name}} finished at {{completed_at}} \
               ({{row_count}} rows). Download it here: {{download_url}}",
        vars: &[
            ("first_name", Tvk::Text, false, "there"),
            ("report_name", Tvk::Text, true, "Monthly revenue"),
            ("completed_at", Tvk::DateTime, true, "2026-10-31T08:02:11Z"),
            ("row_count", Tvk::Number, false, "12840"),
            (
                "download_url",
                Tvk::Url,
                true,
                "https://acme.example.com/exports/reports/5b1e.pdf",
            ),
        ],
        versions: &[Nts::Archived, Nts::Archived, Nts::Active],
    },
    TemplateSpec {
        tenant: None,
        code: "report.failed",
        locale: "en",
        channel: NotificationChannel::Email,
        subject: Some("Report {{report_name}} failed"),
        body: "{{report_name}} failed at {{failed_at}}: {{error}}. \
               It will run again at its next scheduled time.",
        vars: &[
            ("report_name", Tvk::Text, true, "Churn by signup cohort"),
            ("failed_at", Tvk::DateTime, true, "2026-10-30T06:00:41Z"),
            (
                "error",
                Tvk::Text,
                true,
                "query exceeded the 60 s statement timeout",
            ),
        ],
        versions: &[Nts::Active],
    },
    TemplateSpec {
        tenant: None,
        code: "backup.failed",
        locale: "en",
        channel: NotificationChannel::Email,
        subject: Some("Backup of {{tenant_name}} failed"),
        body: "The {{backup_type}} backup started at {{started_at}} failed: {{error}}.",
        vars: &[
            ("tenant_name", Tvk::Text, true, "Umbrella Labs"),
            ("backup_type", Tvk::Text, true, "tenant_data"),
            ("started_at", Tvk::DateTime, true, "2026-10-10T02:00:00Z"),
            ("error", Tvk::Text, true, "storage quota exceeded"),
        ],
        versions: &[Nts::Active],
    },
    TemplateSpec {
        tenant: None,
        code: "handover.ready",
        locale: "en",
        channel: NotificationChannel::Email,
        subject: Some("Your handover package {{package_name}} is ready"),
        body: "Your handover package {{package_name}} is ready with {{document_count}} \
               documents. Open it in the portal: {{portal_url}}",
        vars: &[
            ("package_name", Tvk::Text, true, "Initial handover"),
            ("document_count", Tvk::Number, true, "4"),
            (
                "portal_url",
                Tvk::Url,
                true,
                "https://acme.example.com/handover",
            ),
        ],
        versions: &[Nts::Active],
    },
    TemplateSpec {
        tenant: None,
        code: "trial.ending",
        locale: "en",
        channel: NotificationChannel::Email,
        subject: Some("Your trial ends in {{days_left}} days"),
        body: "Your {{plan_name}} trial of {{tenant_name}} ends on {{ends_on}}. \
               Add a payment method to keep your reports and schedules.",
        vars: &[
            ("days_left", Tvk::Number, true, "5"),
            ("plan_name", Tvk::Text, true, "Pro"),
            ("tenant_name", Tvk::Text, true, "Initech"),
            ("ends_on", Tvk::Date, true, "2026-11-06"),
        ],
        versions: &[Nts::Active],
    },
    TemplateSpec {
        tenant: None,
        code: "trial.ending",
        locale: "en",
        channel: NotificationChannel::Push,
        subject: Some("Trial ends in {{days_left}} days"),
        body: "Add a payment method to keep {{tenant_name}} running.",
        vars: &[
            ("days_left", Tvk::Number, true, "5"),
            ("tenant_name", Tvk::Text, true, "Initech"),
        ],
        versions: &[Nts::Draft],
    },
    TemplateSpec {
        tenant: None,
        code: "security.new_login",
        locale: "en",
        channel: NotificationChannel::Push,
        subject: Some("New sign-in to {{tenant_name}}"),
        body: "{{browser}} on {{os}} signed in from {{ip_address}}. Not you? Reset your password.",
        vars: &[
            ("tenant_name", Tvk::Text, true, "Acme Analytics"),
            ("browser", Tvk::Text, true, "Firefox"),
            ("os", Tvk::Text, true, "Linux"),
            ("ip_address", Tvk::Text, true, "203.0.113.24"),
        ],
        versions: &[Nts::Active],
    },
    TemplateSpec {
        tenant: None,
        code: "report.completed",
        locale: "en",
        channel: NotificationChannel::Webhook,
        subject: None,
        body: "{\"event\": \"report.completed\", \"report\": \"{{report_name}}\", \
               \"url\": \"{{download_url}}\"}",
        vars: &[
            ("report_name", Tvk::Text, true, "Monthly revenue"),
            (
                "download_url",
                Tvk::Url,
                true,
                "https://acme.example.com/exports/reports/5b1e.pdf",
            ),
        ],
        versions: &[Nts::Active],
    },
    TemplateSpec {
        tenant: Some("acme"),
        code: "report.completed",
        locale: "en",
        channel: NotificationChannel::Email,
        subject: Some("[Acme] {{report_name}} is ready"),
        body: "Hello {{first_name}},\n\nThe Acme analytics team's report {{report_name}} is \
               ready: {{download_url}}\n\n-- Acme Analytics, data that makes sense",
        vars: &[
            ("first_name", Tvk::Text, false, "there"),
            ("report_name", Tvk::Text, true, "EMEA pipeline"),
            (
                "download_url",
                Tvk::Url,
                true,
                "https://acme.example.com/exports/reports/9d04.xlsx",
            ),
        ],
        versions: &[Nts::Active],
    },
    TemplateSpec {
        tenant: Some("acme"),
        code: "newsletter.monthly",
        locale: "en",
        channel: NotificationChannel::Email,
        subject: Some("Acme Analytics: what's new in {{month}}"),
        body: "Hi {{first_name}},\n\nHere is what changed in {{month}}: {{highlights}}\n\n\
               Read more: {{article_url}}\nUnsubscribe: {{unsubscribe_url}}",
        vars: &[
            ("first_name", Tvk::Text, false, "there"),
            ("month", Tvk::Text, true, "October"),
            (
                "highlights",
                Tvk::Text,
                true,
                "scheduled exports, faster dashboards",
            ),
            (
                "article_url",
                Tvk::Url,
                true,
                "https://acme.example.com/blog/october-update",
            ),
            (
                "unsubscribe_url",
                Tvk::Url,
                true,
                "https://acme.example.com/unsubscribe/3f9a",
            ),
        ],
        versions: &[Nts::Archived, Nts::Active],
    },
    TemplateSpec {
        tenant: Some("globex"),
        code: "digest.weekly",
        locale: "en",
        channel: NotificationChannel::Email,
        subject: Some("Your Globex week: {{report_count}} reports"),
        body: "This week {{report_count}} reports ran and {{failed_count}} failed. \
               Top report: {{top_report}}. Open the dashboard: {{dashboard_url}}",
        vars: &[
            ("report_count", Tvk::Number, true, "42"),
            ("failed_count", Tvk::Number, true, "1"),
            ("top_report", Tvk::Text, true, "Executive KPIs"),
            (
                "dashboard_url",
                Tvk::Url,
                true,
                "https://globex.example.com/dashboards",
            ),
        ],
        versions: &[Nts::Active],
    },
    TemplateSpec {
        tenant: Some("globex"),
        code: "digest.weekly",
        locale: "de",
        channel: NotificationChannel::Email,
        subject: Some("Ihre Globex-Woche: {{report_count}} Berichte"),
        body: "Diese Woche liefen {{report_count}} Berichte, {{failed_count}} schlugen fehl. \
               Zum Dashboard: {{dashboard_url}}",
        vars: &[
            ("report_count", Tvk::Number, true, "42"),
            ("failed_count", Tvk::Number, true, "1"),
            (
                "dashboard_url",
                Tvk::Url,
                true,
                "https://globex.example.com/dashboards",
            ),
        ],
        versions: &[Nts::Active],
    },
    TemplateSpec {
        tenant: Some("globex"),
        code: "product.update",
        locale: "en",
        channel: NotificationChannel::Email,
        subject: Some("Globex Analytics {{version}} is here"),
        body: "Globex Analytics {{version}} brings {{headline}}. Release notes: {{notes_url}}",
        vars: &[
            ("version", Tvk::Text, true, "2.0"),
            ("headline", Tvk::Text, true, "SSO for every workspace"),
            (
                "notes_url",
                Tvk::Url,
                true,
                "https://globex.example.com/releases/2.0",
            ),
        ],
        versions: &[Nts::Draft],
    },
    TemplateSpec {
        tenant: Some("initech"),
        code: "welcome.team",
        locale: "en",
        channel: NotificationChannel::Email,
        subject: Some("Welcome to Initech reporting, {{first_name}}"),
        body: "Hi {{first_name}}, your TPS reports now live at {{workspace_url}}. \
               Yeah, if you could go ahead and read the getting-started guide, that'd be great.",
        vars: &[
            ("first_name", Tvk::Text, true, "Peter"),
            (
                "workspace_url",
                Tvk::Url,
                true,
                "https://initech.example.com/reports",
            ),
        ],
        versions: &[Nts::Draft],
    },
    TemplateSpec {
        tenant: Some("umbrella"),
        code: "lab.alert",
        locale: "en",
        channel: NotificationChannel::Sms,
        subject: None,
        body: "Umbrella Labs {{site}}: {{message}}. Reply STOP to opt out.",
        vars: &[
            ("site", Tvk::Text, true, "Raccoon City"),
            (
                "message",
                Tvk::Text,
                true,
                "quarterly safety drill on Friday 10:00",
            ),
        ],
        versions: &[Nts::Active],
    },
    TemplateSpec {
        tenant: Some("hooli"),
        code: "newsletter.monthly",
        locale: "en",
        channel: NotificationChannel::Email,
        subject: Some("Hooli: making the world a better place in {{month}}"),
        body: "Hi {{first_name}}, this month at Hooli: {{highlights}}. {{article_url}}",
        vars: &[
            ("first_name", Tvk::Text, false, "there"),
            ("month", Tvk::Text, true, "June"),
            ("highlights", Tvk::Text, true, "Nucleus compression beta"),
            (
                "article_url",
                Tvk::Url,
                true,
                "https://hooli.example.com/news/june",
            ),
        ],
        versions: &[Nts::Archived],
    },
];

fn template_rows(g: &mut Gen, lives: &[Life]) -> Vec<notification_templates::Model> {
    let mut rows = Vec::new();
    for spec in TEMPLATES {
        let tenant = match spec.tenant {
            Some(slug) => match life(lives, slug) {
                Some(l) => Some(l),
                None => continue,
            },
            None => None,
        };
        // Platform templates were written before the first tenant; a tenant's within its life.
        let times: Vec<Dt> = (0..spec.versions.len())
            .map(|v| match tenant {
                None => g.days_ago(480.0 - 90.0 * v as f64),
                Some(l) => l.after_start(g, 4.0 + 45.0 * v as f64 + 0.01 * rows.len() as f64),
            })
            .collect();
        let variables = TemplateVariables(
            spec.vars
                .iter()
                .map(|(name, kind, required, sample)| TemplateVariable {
                    name: (*name).into(),
                    description: Some(format!("The {}", name.replace('_', " "))),
                    kind: *kind,
                    required: *required,
                    default_value: (!required).then(|| (*sample).to_owned()),
                    extra: Default::default(),
                })
                .collect(),
        );
        let test_data: serde_json::Map<String, Value> = spec
            .vars
            .iter()
            .map(|(name, _, _, sample)| ((*name).to_owned(), json!(sample)))
            .collect();
        for (v, status) in spec.versions.iter().enumerate() {
            let at = times[v];
            // A version is archived when the next one is written.
            let updated = times.get(v + 1).copied().unwrap_or(at);
            rows.push(notification_templates::Model {
                id: g.id_at(at),
                tenant_id: tenant.map(Life::id),
                code: spec.code.into(),
                locale: spec.locale.into(),
                channel: spec.channel,
                subject: spec.subject.map(str::to_owned),
                body: spec.body.into(),
                variables: variables.clone(),
                test_data: Value::Object(test_data.clone()),
                version: v as i64 + 1,
                status: *status,
                created_at: at,
                updated_at: updated,
            });
        }
    }
    rows
}

/// A campaign: tenant, name, template (code, locale, version, the tenant's own or the
/// platform's), audience, status, days ago it was created, days from creation to its start,
/// and whether it is an A/B test of the subject.
type CampaignSpec = (
    &'static str,
    &'static str,
    (&'static str, &'static str, i64, bool),
    CampaignAudience,
    CampaignStatus,
    f64,
    f64,
    bool,
);

const CAMPAIGNS: &[CampaignSpec] = &[
    (
        "acme",
        "Spring product newsletter",
        ("newsletter.monthly", "en", 1, true),
        CampaignAudience::AllUsers,
        CampaignStatus::Sent,
        170.0,
        3.0,
        true,
    ),
    (
        "acme",
        "October newsletter",
        ("newsletter.monthly", "en", 2, true),
        CampaignAudience::AllUsers,
        CampaignStatus::Sent,
        34.0,
        2.0,
        false,
    ),
    (
        "acme",
        "November newsletter",
        ("newsletter.monthly", "en", 2, true),
        CampaignAudience::AllUsers,
        CampaignStatus::Scheduled,
        3.0,
        5.0,
        true,
    ),
    (
        "acme",
        "Win back dormant accounts",
        ("newsletter.monthly", "en", 2, true),
        CampaignAudience::CustomList,
        CampaignStatus::Draft,
        1.0,
        0.0,
        false,
    ),
    (
        "acme",
        "Q3 webinar invitation",
        ("newsletter.monthly", "en", 2, true),
        CampaignAudience::Users,
        CampaignStatus::Canceled,
        80.0,
        6.0,
        false,
    ),
    (
        "globex",
        "Weekly digest launch",
        ("digest.weekly", "en", 1, true),
        CampaignAudience::AllUsers,
        CampaignStatus::Sent,
        120.0,
        2.0,
        true,
    ),
    (
        "globex",
        "Weekly digest (DACH)",
        ("digest.weekly", "de", 1, true),
        CampaignAudience::Users,
        CampaignStatus::Sending,
        0.5,
        0.4,
        false,
    ),
    (
        "globex",
        "Globex Analytics 2.0 announcement",
        ("product.update", "en", 1, true),
        CampaignAudience::AdminUsers,
        CampaignStatus::Draft,
        2.0,
        0.0,
        false,
    ),
    (
        "globex",
        "Holiday season offer",
        ("digest.weekly", "en", 1, true),
        CampaignAudience::CustomList,
        CampaignStatus::Paused,
        10.0,
        2.0,
        false,
    ),
    (
        "initech",
        "Welcome your team",
        ("welcome.team", "en", 1, true),
        CampaignAudience::AllUsers,
        CampaignStatus::Draft,
        2.0,
        0.0,
        false,
    ),
    (
        "initech",
        "Trial ending reminder",
        ("trial.ending", "en", 1, false),
        CampaignAudience::AdminUsers,
        CampaignStatus::Scheduled,
        1.0,
        4.0,
        false,
    ),
    (
        "umbrella",
        "Lab safety bulletin",
        ("lab.alert", "en", 1, true),
        CampaignAudience::AllUsers,
        CampaignStatus::Sent,
        200.0,
        1.0,
        false,
    ),
    (
        "umbrella",
        "Quarterly partner update",
        ("lab.alert", "en", 1, true),
        CampaignAudience::AdminUsers,
        CampaignStatus::Paused,
        26.0,
        2.0,
        false,
    ),
    (
        "hooli",
        "Hooli XYZ launch",
        ("newsletter.monthly", "en", 1, true),
        CampaignAudience::AllUsers,
        CampaignStatus::Sent,
        300.0,
        2.0,
        true,
    ),
    (
        "hooli",
        "Nucleus announcement",
        ("newsletter.monthly", "en", 1, true),
        CampaignAudience::Users,
        CampaignStatus::Canceled,
        200.0,
        5.0,
        false,
    ),
];

fn campaign_rows(
    g: &mut Gen,
    lives: &[Life],
    templates: &[notification_templates::Model],
) -> Vec<campaigns::Model> {
    let mut rows = Vec::new();
    for (slug, name, (code, locale, version, own), audience, status, days, lead, ab) in CAMPAIGNS {
        let Some(l) = life(lives, slug) else {
            continue;
        };
        let owner = own.then(|| l.id());
        let Some(template) = templates.iter().find(|t| {
            t.tenant_id == owner && t.code == *code && t.locale == *locale && t.version == *version
        }) else {
            continue;
        };
        let created = g.days_ago(l.clamp(*days)).max(template.created_at);
        let starts = plus_days(created, *lead);
        let sms = template.channel == NotificationChannel::Sms;
        let (sent, reached) = match status {
            CampaignStatus::Sent => (g.range(600..=4_800), 1.0),
            CampaignStatus::Sending => (g.range(300..=1_200), 0.4),
            CampaignStatus::Paused => (g.range(100..=900), 0.3),
            _ => (0, 0.0),
        };
        let sent = (sent as f64 * reached) as i64;
        let opens = if sms {
            0
        } else {
            sent * g.range(18..=46) / 100
        };
        let clicks = opens * g.range(8..=30) / 100;
        let bounces = sent * g.range(0..=3) / 100;
        let scheduled_at = match status {
            CampaignStatus::Draft => None,
            CampaignStatus::Canceled => Some(starts),
            _ => Some(starts),
        };
        let updated = match status {
            CampaignStatus::Sent => capped(g, plus_days(starts, 0.2)),
            CampaignStatus::Sending | CampaignStatus::Paused => capped(g, plus_days(starts, 0.05)),
            CampaignStatus::Canceled => capped(g, plus_days(created, lead / 2.0)),
            _ => created,
        };
        let ab_test = ab.then(|| AbTestSettings {
            variants: vec![
                AbTestVariant {
                    key: "a".into(),
                    weight_percent: 50,
                    subject: template.subject.clone(),
                    notification_template_id: None,
                    extra: Default::default(),
                },
                AbTestVariant {
                    key: "b".into(),
                    weight_percent: 50,
                    subject: Some(format!("{}: {name}", l.name())),
                    notification_template_id: None,
                    extra: Default::default(),
                },
            ],
            test_audience_percent: 20,
            winner_metric: AbTestMetric::OpenRate,
            decide_after_seconds: 4 * 60 * 60,
            winner_key: (*status == CampaignStatus::Sent).then(|| "b".to_owned()),
            extra: Default::default(),
        });
        rows.push(campaigns::Model {
            id: g.id_at(created),
            tenant_id: l.id(),
            notification_template_id: template.id,
            name: (*name).into(),
            audience: *audience,
            status: *status,
            scheduled_at,
            timezone: match *slug {
                "globex" => "Europe/Berlin",
                "hooli" => "America/Los_Angeles",
                _ => "Europe/London",
            }
            .into(),
            ab_test,
            sent_count: sent,
            open_count: opens,
            click_count: clicks,
            bounce_count: bounces,
            created_at: created,
            updated_at: updated.max(created),
        });
    }
    rows
}

fn notifications_domain(
    g: &mut Gen,
    lives: &[Life],
) -> (Vec<notification_templates::Model>, Vec<campaigns::Model>) {
    let templates = template_rows(g, lives);
    let campaigns = campaign_rows(g, lives, &templates);
    (templates, campaigns)
}

// ---------------------------------------------------------------------------------------------
// Backup and recovery
// ---------------------------------------------------------------------------------------------

type BackupTables = (
    Vec<backup_schedules::Model>,
    Vec<backup_schedule_tenants::Model>,
    Vec<backup_runs::Model>,
    Vec<recovery_plans::Model>,
);

fn schedule(
    g: &mut Gen,
    name: &str,
    description: &str,
    (frequency, target_scope): (BackupScheduleFrequency, BackupScheduleTargetScope),
    (timezone, retention_days): (&str, i64),
    next_in_days: Option<f64>,
) -> backup_schedules::Model {
    let created = g.days_ago(470.0);
    backup_schedules::Model {
        id: g.id_at(created),
        name: name.into(),
        description: Some(description.into()),
        frequency,
        target_scope,
        timezone: timezone.into(),
        retention_days,
        max_parallel_jobs: match target_scope {
            BackupScheduleTargetScope::AllTenants => 4,
            BackupScheduleTargetScope::SpecificTenants => 2,
            BackupScheduleTargetScope::SystemOnly => 1,
        },
        notify_on_success: target_scope == BackupScheduleTargetScope::SystemOnly,
        notify_on_failure: true,
        next_run_at: next_in_days.map(|d| g.days_ago(-d)),
        enabled: next_in_days.is_some(),
        created_at: created,
        updated_at: g.days_ago(if next_in_days.is_some() { 1.0 } else { 60.0 }),
    }
}

/// What a backup run is about, before its outcome is decided.
struct RunPlan<'a> {
    schedule: Option<&'a backup_schedules::Model>,
    tenant: Option<&'a Life>,
    backup_type: BackupRunType,
    method: BackupRunMethod,
    format: BackupRunFormat,
    /// Days ago it was created.
    at: f64,
    /// Typical size of its output, in bytes.
    size: i64,
    retention_days: i64,
}

fn backup_run(
    g: &mut Gen,
    plan: &RunPlan<'_>,
    status: BackupRunStatus,
    error: Option<&str>,
) -> backup_runs::Model {
    let created = g.days_ago(plan.at);
    let started = match status {
        BackupRunStatus::Pending => None,
        BackupRunStatus::Canceled if plan.at < 0.5 => None,
        _ => Some({
            let r = g.range(200..=90_000);
            capped(g, plus_ms(created, r))
        }),
    };
    let size = plan.size / 100 * g.range(80..=120);
    // Roughly 40 MB/s, plus set-up time.
    let duration_ms = 4_000 + size / 40_000;
    let finished = matches!(
        status,
        BackupRunStatus::Completed | BackupRunStatus::Failed | BackupRunStatus::Canceled
    );
    let completed_at = finished.then(|| {
        let from = started.unwrap_or(created);
        let took = match status {
            BackupRunStatus::Completed => duration_ms,
            _ => duration_ms / g.range(2..=9),
        };
        capped(g, plus_ms(from, took))
    });
    let done = status == BackupRunStatus::Completed;
    let where_ = match plan.tenant {
        Some(l) => format!("tenants/{}", l.slug()),
        None => "platform".to_owned(),
    };
    let ext = match plan.format {
        BackupRunFormat::Compressed => "tar.zst",
        BackupRunFormat::Uncompressed => "tar",
        BackupRunFormat::Encrypted => "tar.zst.age",
    };
    let day = created.format("%Y/%m/%d");
    let id = g.id_at(created);
    backup_runs::Model {
        id,
        backup_schedule_id: plan.schedule.map(|s| s.id),
        tenant_id: plan.tenant.map(Life::id),
        backup_type: plan.backup_type,
        method: plan.method,
        format: plan.format,
        status,
        size_bytes: done.then_some(size),
        duration_ms: match (started, completed_at) {
            (Some(s), Some(c)) => Some((c - s).num_milliseconds()),
            _ => None,
        },
        compression_ratio: (done && plan.format != BackupRunFormat::Uncompressed)
            .then(|| g.range(22..=46) as f64 / 10.0),
        checksum: done.then(|| format!("sha256:{}", hex::encode(g.bytes::<32>()))),
        storage_location: done.then(|| {
            format!(
                "s3://platform-backups-eu-west-1/{where_}/{day}/{}-{id}.{ext}",
                backup_type_name(plan.backup_type)
            )
        }),
        error_message: error
            .filter(|_| status == BackupRunStatus::Failed)
            .map(str::to_owned),
        expires_at: done.then(|| plus_days(created, plan.retention_days as f64)),
        started_at: started,
        completed_at,
        created_at: created,
        updated_at: completed_at.or(started).unwrap_or(created),
    }
}

fn backup_type_name(t: BackupRunType) -> &'static str {
    match t {
        BackupRunType::FullSystem => "full-system",
        BackupRunType::TenantData => "tenant-data",
        BackupRunType::Database => "database",
        BackupRunType::Files => "files",
        BackupRunType::Configuration => "configuration",
    }
}

fn backup_domain(g: &mut Gen, lives: &[Life], admin: Option<&users::Model>) -> BackupTables {
    use BackupScheduleFrequency as F;
    use BackupScheduleTargetScope as S;
    let nightly = schedule(
        g,
        "Nightly tenant data",
        "Every tenant's data, each night at 02:00 UTC.",
        (F::Daily, S::AllTenants),
        ("UTC", 30),
        Some(0.7),
    );
    let weekly = schedule(
        g,
        "Weekly full system",
        "The whole platform (databases, object storage, configuration), Sundays at 03:00.",
        (F::Weekly, S::SystemOnly),
        ("UTC", 90),
        Some(2.75),
    );
    let enterprise = schedule(
        g,
        "Enterprise encrypted daily",
        "Encrypted daily copies for tenants whose contract requires a second region.",
        (F::Daily, S::SpecificTenants),
        ("Europe/Berlin", 90),
        Some(0.6),
    );
    let monthly = schedule(
        g,
        "Monthly configuration snapshot",
        "Platform configuration and secrets metadata, first of the month.",
        (F::Monthly, S::SystemOnly),
        ("UTC", 365),
        Some(29.7),
    );
    let quarterly = schedule(
        g,
        "Quarterly cold archive",
        "Long-term archive of every tenant; paused while archive storage is migrated.",
        (F::Quarterly, S::AllTenants),
        ("UTC", 730),
        None,
    );

    let mut links = Vec::new();
    for slug in ["globex", "acme"] {
        if let Some(l) = life(lives, slug) {
            links.push(backup_schedule_tenants::Model {
                backup_schedule_id: enterprise.id,
                tenant_id: l.id(),
                created_at: l.after_start(g, 2.0).max(enterprise.created_at),
            });
        }
    }

    let mut runs = Vec::new();
    // Tenant data: the nightly run, retained daily for the last week of activity and sampled
    // every ten days before that.
    for l in lives {
        let size = match l.t.tenant.tier {
            entity::sea_orm_active_enums::TenantTier::Enterprise => 6_400_000_000,
            entity::sea_orm_active_enums::TenantTier::Pro => 1_800_000_000,
            entity::sea_orm_active_enums::TenantTier::Free => 120_000_000,
        };
        let mut days: Vec<f64> = Vec::new();
        let mut d = l.end + 0.9;
        while d < l.start - 0.1 {
            days.push(d);
            d += if d < l.end + 7.0 { 1.0 } else { 10.0 };
        }
        days.reverse();
        let n = days.len();
        for (i, at) in days.into_iter().enumerate() {
            let plan = RunPlan {
                schedule: Some(&nightly),
                tenant: Some(l),
                backup_type: BackupRunType::TenantData,
                method: BackupRunMethod::Scheduled,
                format: BackupRunFormat::Compressed,
                at,
                size: size * (40 + 60 * i as i64 / n.max(1) as i64) / 100,
                retention_days: nightly.retention_days,
            };
            let (status, error) = if l.suspended() && i + 3 >= n {
                (
                    BackupRunStatus::Failed,
                    Some("tenant storage quota exceeded (100 GB): upload aborted"),
                )
            } else if g.chance(0.04) {
                (
                    BackupRunStatus::Failed,
                    Some("pg_dump: error: connection to tenant shard lost during COPY"),
                )
            } else {
                (BackupRunStatus::Completed, None)
            };
            runs.push(backup_run(g, &plan, status, error));
        }
        // A manual copy before the tenant's handover, and for active tenants one last week.
        let mut manual = vec![l.clamp(l.start - 12.0).max(l.end + 0.3)];
        if l.active() && l.start > 10.0 {
            manual.push(6.3);
        }
        for at in manual {
            let plan = RunPlan {
                schedule: None,
                tenant: Some(l),
                backup_type: BackupRunType::TenantData,
                method: BackupRunMethod::Manual,
                format: BackupRunFormat::Uncompressed,
                at,
                size,
                retention_days: 14,
            };
            runs.push(backup_run(g, &plan, BackupRunStatus::Completed, None));
        }
    }
    // The enterprise tenants' encrypted copies, for the last five days.
    for l in lives
        .iter()
        .filter(|l| links.iter().any(|x| x.tenant_id == l.id()))
    {
        for k in 0..5 {
            let plan = RunPlan {
                schedule: Some(&enterprise),
                tenant: Some(l),
                backup_type: BackupRunType::TenantData,
                method: BackupRunMethod::Scheduled,
                format: BackupRunFormat::Encrypted,
                at: 0.95 + f64::from(k),
                size: 3_000_000_000,
                retention_days: enterprise.retention_days,
            };
            runs.push(backup_run(g, &plan, BackupRunStatus::Completed, None));
        }
    }
    // The platform: weekly full backups for half a year, monthly configuration snapshots for a
    // year, and a few automated database snapshots (one running now, one queued behind it).
    for w in 0..26 {
        let at = 4.75 + 7.0 * f64::from(w);
        let plan = RunPlan {
            schedule: Some(&weekly),
            tenant: None,
            backup_type: BackupRunType::FullSystem,
            method: BackupRunMethod::Scheduled,
            format: BackupRunFormat::Compressed,
            at,
            size: 280_000_000_000 - 4_000_000_000 * i64::from(w),
            retention_days: weekly.retention_days,
        };
        let (status, error) = match w {
            9 => (
                BackupRunStatus::Failed,
                Some("object storage returned 503 SlowDown for 30 minutes; gave up"),
            ),
            17 => (BackupRunStatus::Canceled, None),
            _ => (BackupRunStatus::Completed, None),
        };
        runs.push(backup_run(g, &plan, status, error));
    }
    for m in 0..12 {
        let plan = RunPlan {
            schedule: Some(&monthly),
            tenant: None,
            backup_type: BackupRunType::Configuration,
            method: BackupRunMethod::Scheduled,
            format: BackupRunFormat::Encrypted,
            at: 0.3 + 30.4 * f64::from(m),
            size: 48_000_000,
            retention_days: monthly.retention_days,
        };
        runs.push(backup_run(g, &plan, BackupRunStatus::Completed, None));
    }
    for (at, status) in [
        (95.2, BackupRunStatus::Completed),
        (40.1, BackupRunStatus::Completed),
        (0.01, BackupRunStatus::Running),
        (0.002, BackupRunStatus::Pending),
    ] {
        let plan = RunPlan {
            schedule: None,
            tenant: None,
            backup_type: BackupRunType::Database,
            method: BackupRunMethod::Automated,
            format: BackupRunFormat::Compressed,
            at,
            size: 95_000_000_000,
            retention_days: 30,
        };
        runs.push(backup_run(g, &plan, status, None));
    }
    // The archive schedule's last run, before it was paused.
    let plan = RunPlan {
        schedule: Some(&quarterly),
        tenant: None,
        backup_type: BackupRunType::Files,
        method: BackupRunMethod::Scheduled,
        format: BackupRunFormat::Compressed,
        at: 92.0,
        size: 410_000_000_000,
        retention_days: quarterly.retention_days,
    };
    runs.push(backup_run(g, &plan, BackupRunStatus::Completed, None));

    let plans = recovery_plans(g, lives, admin);
    (
        vec![nightly, weekly, enterprise, monthly, quarterly],
        links,
        runs,
        plans,
    )
}

fn step(
    name: &str,
    description: &str,
    mode: RecoveryStepMode,
    key_or_role: &str,
    minutes: u32,
) -> RecoveryStep {
    let automated = mode == RecoveryStepMode::Automated;
    RecoveryStep {
        name: name.into(),
        description: Some(description.into()),
        mode,
        automation_key: automated.then(|| key_or_role.to_owned()),
        responsible_role: (!automated).then(|| key_or_role.to_owned()),
        estimated_minutes: Some(i64::from(minutes)),
        extra: Default::default(),
    }
}

fn recovery_plans(
    g: &mut Gen,
    lives: &[Life],
    admin: Option<&users::Model>,
) -> Vec<recovery_plans::Model> {
    use RecoveryStepMode::{Automated, Manual};
    let platform_contacts = |admin: Option<&users::Model>| {
        EscalationContacts(vec![
            EscalationContact {
                level: 1,
                name: "Platform on-call".into(),
                role: Some("Site reliability on-call".into()),
                email: Some("oncall@platform.test".into()),
                phone: Some("+442079460100".into()),
                user_id: None,
                notify_after_minutes: 0,
                extra: Default::default(),
            },
            EscalationContact {
                level: 2,
                name: admin.map_or_else(
                    || "Platform Operator".to_owned(),
                    |a| format!("{} {}", a.first_name, a.last_name),
                ),
                role: Some("Head of infrastructure".into()),
                email: admin.map(|a| a.email.clone()),
                phone: Some("+442079460101".into()),
                user_id: admin.map(|a| a.id),
                notify_after_minutes: 30,
                extra: Default::default(),
            },
        ])
    };
    let database_steps = vec![
        step(
            "Confirm primary is down",
            "Check the primary's health endpoint and replication lag on the dashboard.",
            Manual,
            "dba-on-call",
            5,
        ),
        step(
            "Promote the replica",
            "Promote the synchronous replica in the second zone to primary.",
            Automated,
            "db.promote_replica",
            3,
        ),
        step(
            "Repoint connection pools",
            "Update the pooler's upstream and reload it.",
            Automated,
            "db.repoint_pooler",
            2,
        ),
        step(
            "Verify writes",
            "Run the smoke test suite against the new primary.",
            Manual,
            "dba-on-call",
            10,
        ),
    ];
    let full_steps = vec![
        step(
            "Declare the incident",
            "Open an incident, page the incident commander and post on the status page.",
            Manual,
            "incident-commander",
            10,
        ),
        step(
            "Provision infrastructure",
            "Apply the infrastructure code to the recovery region.",
            Automated,
            "infra.provision_recovery_region",
            45,
        ),
        step(
            "Restore databases",
            "Restore the latest full system backup, then replay WAL to the RPO point.",
            Automated,
            "backup.restore_full_system",
            90,
        ),
        step(
            "Restore object storage",
            "Switch buckets to their cross-region replicas.",
            Automated,
            "storage.failover_buckets",
            20,
        ),
        step(
            "Switch DNS",
            "Point the platform's records at the recovery region (TTL 60 s).",
            Automated,
            "dns.failover",
            5,
        ),
        step(
            "Verify tenants",
            "Sign in to three tenants of each tier and run a report in each.",
            Manual,
            "support-lead",
            30,
        ),
    ];
    let storage_steps = vec![
        step(
            "Assess the outage",
            "Confirm with the provider which region and buckets are affected.",
            Manual,
            "sre-on-call",
            15,
        ),
        step(
            "Fail over buckets",
            "Switch reads and writes to the replica buckets.",
            Automated,
            "storage.failover_buckets",
            20,
        ),
    ];
    let tenant_steps = |l: &Life| {
        vec![
            step(
                "Pick the restore point",
                &format!("Agree the restore point with {}'s administrator.", l.name()),
                Manual,
                "support-lead",
                30,
            ),
            step(
                "Restore tenant data",
                "Restore the tenant's latest completed backup into a staging schema.",
                Automated,
                "backup.restore_tenant_data",
                40,
            ),
            step(
                "Swap schemas",
                "Swap the staging schema in and re-enable the tenant's schedules.",
                Automated,
                "tenancy.swap_schema",
                5,
            ),
            step(
                "Confirm with the tenant",
                "The tenant's administrator checks their reports and signs off.",
                Manual,
                "customer-success",
                60,
            ),
        ]
    };

    struct PlanSpec {
        tenant: Option<&'static str>,
        name: &'static str,
        description: &'static str,
        plan_type: RecoveryPlanType,
        scope: RecoveryPlanScope,
        rto: i64,
        rpo: i64,
        status: RecoveryPlanStatus,
        created: f64,
        approved: Option<f64>,
        tested: Option<(f64, RecoveryPlanTestResult)>,
        next_test: Option<f64>,
    }
    use RecoveryPlanStatus as St;
    use RecoveryPlanTestResult as Tr;
    let specs = [
        PlanSpec {
            tenant: None,
            name: "Full platform recovery",
            description: "Rebuild the whole platform in the recovery region after losing the primary region.",
            plan_type: RecoveryPlanType::FullRecovery,
            scope: RecoveryPlanScope::AllSystems,
            rto: 240,
            rpo: 60,
            status: St::Approved,
            created: 420.0,
            approved: Some(300.0),
            tested: Some((40.0, Tr::Passed)),
            next_test: Some(-50.0),
        },
        PlanSpec {
            tenant: None,
            name: "Primary database failover",
            description: "Fail the primary database over to its synchronous replica.",
            plan_type: RecoveryPlanType::PartialRecovery,
            scope: RecoveryPlanScope::SpecificServices,
            rto: 30,
            rpo: 5,
            status: St::Approved,
            created: 380.0,
            approved: Some(200.0),
            tested: Some((12.0, Tr::Partial)),
            next_test: Some(-78.0),
        },
        PlanSpec {
            tenant: None,
            name: "Object storage region outage",
            description: "Keep exports and backups available while a storage region is down.",
            plan_type: RecoveryPlanType::PartialRecovery,
            scope: RecoveryPlanScope::SpecificServices,
            rto: 480,
            rpo: 1_440,
            status: St::Draft,
            created: 15.0,
            approved: None,
            tested: None,
            next_test: None,
        },
        PlanSpec {
            tenant: None,
            name: "Legacy VM restore",
            description: "Restore from the old VM images; replaced by the full platform plan.",
            plan_type: RecoveryPlanType::FullRecovery,
            scope: RecoveryPlanScope::AllSystems,
            rto: 1_440,
            rpo: 1_440,
            status: St::Archived,
            created: 490.0,
            approved: None,
            tested: Some((430.0, Tr::Failed)),
            next_test: None,
        },
        PlanSpec {
            tenant: Some("globex"),
            name: "Globex tenant data restore",
            description: "Restore Globex's data from its encrypted second-region copy.",
            plan_type: RecoveryPlanType::TenantRecovery,
            scope: RecoveryPlanScope::TenantData,
            rto: 120,
            rpo: 1_440,
            status: St::Approved,
            created: 130.0,
            approved: Some(120.0),
            tested: Some((30.0, Tr::Passed)),
            next_test: Some(-60.0),
        },
        PlanSpec {
            tenant: Some("acme"),
            name: "Acme warehouse restore",
            description: "Restore Acme's reporting data after a bad import.",
            plan_type: RecoveryPlanType::TenantRecovery,
            scope: RecoveryPlanScope::TenantData,
            rto: 240,
            rpo: 1_440,
            status: St::PendingApproval,
            created: 9.0,
            approved: None,
            tested: None,
            next_test: Some(-30.0),
        },
        PlanSpec {
            tenant: Some("umbrella"),
            name: "Umbrella lab data recovery",
            description: "Restore Umbrella Labs' research data; last test failed on quota.",
            plan_type: RecoveryPlanType::TenantRecovery,
            scope: RecoveryPlanScope::TenantData,
            rto: 180,
            rpo: 1_440,
            status: St::Approved,
            created: 290.0,
            approved: Some(285.0),
            tested: Some((25.0, Tr::Failed)),
            next_test: Some(-5.0),
        },
        PlanSpec {
            tenant: Some("hooli"),
            name: "Hooli data restore",
            description: "Archived when Hooli left the platform.",
            plan_type: RecoveryPlanType::TenantRecovery,
            scope: RecoveryPlanScope::TenantData,
            rto: 480,
            rpo: 2_880,
            status: St::Archived,
            created: 380.0,
            approved: None,
            tested: Some((200.0, Tr::Passed)),
            next_test: None,
        },
        PlanSpec {
            tenant: Some("initech"),
            name: "Initech trial restore",
            description: "A first draft, written during the trial.",
            plan_type: RecoveryPlanType::PartialRecovery,
            scope: RecoveryPlanScope::TenantData,
            rto: 480,
            rpo: 1_440,
            status: St::Draft,
            created: 3.0,
            approved: None,
            tested: None,
            next_test: None,
        },
    ];
    let mut rows = Vec::new();
    for spec in specs {
        let tenant = match spec.tenant {
            Some(slug) => match life(lives, slug) {
                Some(l) => Some(l),
                None => continue,
            },
            None => None,
        };
        let created = g.days_ago(tenant.map_or(spec.created, |l| l.clamp(spec.created)));
        let steps = match (tenant, spec.scope) {
            (Some(l), _) => tenant_steps(l),
            (None, RecoveryPlanScope::AllSystems) => full_steps.clone(),
            (None, _) if spec.rto <= 60 => database_steps.clone(),
            (None, _) => storage_steps.clone(),
        };
        let contacts = match tenant {
            None => platform_contacts(admin),
            Some(l) => {
                let mut c = Vec::new();
                if let Some(o) = l.owner() {
                    c.push(EscalationContact {
                        level: 1,
                        name: format!("{} {}", o.first_name, o.last_name),
                        role: Some(format!("Administrator, {}", l.name())),
                        email: Some(o.email.clone()),
                        phone: o.phone.as_ref().map(|p| p.replace(' ', "")),
                        user_id: Some(o.id),
                        notify_after_minutes: 0,
                        extra: Default::default(),
                    });
                }
                c.extend(platform_contacts(admin).0.into_iter().map(|mut x| {
                    x.level += 1;
                    x.notify_after_minutes += 15;
                    x
                }));
                EscalationContacts(c)
            }
        };
        let approver = match tenant {
            Some(l) => l.owner().map(|o| o.id),
            None => admin.map(|a| a.id),
        };
        let approved_at = (spec.status == St::Approved)
            .then(|| {
                g.days_ago(tenant.map_or(spec.approved.unwrap_or(spec.created), |l| {
                    l.clamp(spec.approved.unwrap_or(spec.created))
                }))
            })
            .map(|t| t.max(created));
        let last_tested_at = spec.tested.map(|(d, _)| g.days_ago(d).max(created));
        let updated = [Some(created), approved_at, last_tested_at]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(created);
        rows.push(recovery_plans::Model {
            id: g.id_at(created),
            tenant_id: tenant.map(Life::id),
            name: spec.name.into(),
            description: Some(spec.description.into()),
            plan_type: spec.plan_type,
            scope: spec.scope,
            rto_minutes: spec.rto,
            rpo_minutes: spec.rpo,
            steps: RecoverySteps(steps),
            status: spec.status,
            approved_by_user_id: if spec.status == St::Approved {
                approver
            } else {
                None
            },
            approved_at,
            last_tested_at,
            test_result: spec.tested.map(|(_, r)| r),
            next_test_at: spec.next_test.map(|d| g.days_ago(d)),
            escalation_contacts: contacts,
            created_at: created,
            updated_at: updated,
        });
    }
    rows
}

// ---------------------------------------------------------------------------------------------
// Marketplace
// ---------------------------------------------------------------------------------------------

struct MarketTables {
    modules: Vec<marketplace_modules::Model>,
    installations: Vec<module_installations::Model>,
    licenses: Vec<module_licenses::Model>,
    overrides: Vec<app_overrides::Model>,
}

/// slug, name, version, category, pricing, price, publisher, status, rating (tenths), days ago
/// published.
type ModuleDef = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    MarketplaceModulePricingModel,
    i64,
    &'static str,
    MarketplaceModuleStatus,
    i32,
    f64,
);

const MODULES: &[ModuleDef] = {
    use MarketplaceModulePricingModel::{Free, OneTime, Subscription, Usage};
    use MarketplaceModuleStatus::{Deprecated, Draft, Published};
    &[
        (
            "slack-notifications",
            "Slack Notifications",
            "2.3.1",
            "communication",
            Free,
            0,
            "Platform Labs",
            Published,
            46,
            470.0,
        ),
        (
            "salesforce-sync",
            "Salesforce Sync",
            "1.8.0",
            "crm",
            Subscription,
            2_900,
            "Northwind Integrations",
            Published,
            42,
            460.0,
        ),
        (
            "advanced-charts",
            "Advanced Charts",
            "3.1.4",
            "visualization",
            OneTime,
            14_900,
            "Chartwell Studio",
            Published,
            48,
            450.0,
        ),
        (
            "sso-saml",
            "SAML Single Sign-On",
            "1.4.0",
            "security",
            Subscription,
            4_900,
            "Platform Labs",
            Published,
            45,
            440.0,
        ),
        (
            "pdf-branding",
            "PDF Branding Pack",
            "1.0.3",
            "reporting",
            OneTime,
            4_900,
            "Inkwell Software",
            Published,
            39,
            430.0,
        ),
        (
            "bigquery-connector",
            "BigQuery Connector",
            "2.0.0",
            "data-sources",
            Usage,
            5,
            "Datapipe Co",
            Published,
            41,
            300.0,
        ),
        (
            "audit-export",
            "Audit Log Export",
            "1.2.0",
            "compliance",
            Subscription,
            1_900,
            "Platform Labs",
            Published,
            44,
            420.0,
        ),
        (
            "legacy-ftp-export",
            "Legacy FTP Export",
            "0.9.7",
            "data-export",
            Free,
            0,
            "Platform Labs",
            Deprecated,
            31,
            495.0,
        ),
        (
            "jira-tickets",
            "Jira Tickets",
            "1.6.2",
            "productivity",
            Free,
            0,
            "Atlas Tools",
            Published,
            43,
            410.0,
        ),
        (
            "ai-insights",
            "AI Insights (beta)",
            "0.3.0",
            "analytics",
            Subscription,
            9_900,
            "Platform Labs",
            Draft,
            0,
            20.0,
        ),
    ]
};

/// tenant, module, status, days after sign-up installed, days after sign-up uninstalled.
type InstallDef = (
    &'static str,
    &'static str,
    ModuleInstallationStatus,
    f64,
    Option<f64>,
);

const INSTALLS: &[InstallDef] = {
    use ModuleInstallationStatus::{Active, Failed, Installing, Pending, Uninstalled};
    &[
        ("acme", "slack-notifications", Active, 2.0, None),
        ("acme", "salesforce-sync", Active, 3.0, None),
        ("acme", "advanced-charts", Active, 5.0, None),
        ("acme", "legacy-ftp-export", Uninstalled, 4.0, Some(90.0)),
        ("acme", "jira-tickets", Uninstalled, 20.0, Some(60.0)),
        ("acme", "pdf-branding", Active, 40.0, None),
        ("acme", "jira-tickets", Active, 150.0, None),
        ("acme", "bigquery-connector", Failed, 180.0, None),
        ("globex", "sso-saml", Active, 1.0, None),
        ("globex", "salesforce-sync", Active, 2.0, None),
        ("globex", "audit-export", Active, 2.5, None),
        ("globex", "advanced-charts", Active, 10.0, None),
        ("globex", "bigquery-connector", Active, 30.0, None),
        ("globex", "slack-notifications", Installing, 149.99, None),
        ("initech", "slack-notifications", Active, 1.0, None),
        ("initech", "advanced-charts", Pending, 8.9, None),
        ("umbrella", "slack-notifications", Active, 3.0, None),
        ("umbrella", "pdf-branding", Active, 6.0, None),
        ("umbrella", "audit-export", Active, 100.0, None),
        ("umbrella", "salesforce-sync", Failed, 297.0, None),
        (
            "hooli",
            "slack-notifications",
            Uninstalled,
            2.0,
            Some(360.0),
        ),
        ("hooli", "legacy-ftp-export", Uninstalled, 5.0, Some(355.0)),
        ("hooli", "jira-tickets", Uninstalled, 40.0, Some(355.0)),
    ]
};

fn module_config(slug: &str, l: &Life) -> entity::json::ModuleConfig {
    let value = match slug {
        "slack-notifications" => json!({
            "workspace": format!("{}-hq", l.slug()),
            "channel": "#reports",
            "notify_on": ["report.completed", "report.failed"]
        }),
        "salesforce-sync" => json!({
            "instance_url": format!("https://{}.my.salesforce.example.com", l.slug()),
            "objects": ["Account", "Opportunity"],
            "sync_interval_minutes": 60
        }),
        "advanced-charts" => json!({"palette": "colorblind_safe", "max_series": 12}),
        "sso-saml" => json!({
            "idp_entity_id": format!("https://sso.{}/saml", l.host()),
            "enforce_for_all_users": true
        }),
        "pdf-branding" => {
            json!({"logo_url": format!("https://{}/logo.svg", l.host()), "footer": l.name()})
        }
        "bigquery-connector" => {
            json!({"project": format!("{}-analytics", l.slug()), "dataset": "warehouse", "location": "EU"})
        }
        "audit-export" => {
            json!({"destination": format!("s3://{}-audit-archive", l.slug()), "format": "jsonl", "daily": true})
        }
        "legacy-ftp-export" => json!({"host": format!("ftp.{}", l.host()), "path": "/exports"}),
        "jira-tickets" => {
            json!({"site": format!("https://{}.atlassian.example.com", l.slug()), "project_key": "REP"})
        }
        _ => json!({}),
    };
    match value {
        Value::Object(settings) => entity::json::ModuleConfig(settings),
        _ => entity::json::ModuleConfig::default(),
    }
}

fn marketplace_domain(g: &mut Gen, lives: &[Life], ctx: &Context) -> MarketTables {
    let mut modules: Vec<marketplace_modules::Model> = MODULES
        .iter()
        .map(
            |(slug, name, version, category, pricing, price, publisher, status, rating, days)| {
                let at = g.days_ago(*days);
                marketplace_modules::Model {
                    id: g.id_at(at),
                    slug: (*slug).into(),
                    name: (*name).into(),
                    version: (*version).into(),
                    category: (*category).into(),
                    description: Some(format!("{name}, by {publisher}.")),
                    pricing_model: *pricing,
                    price_cents: *price,
                    currency: "USD".into(),
                    publisher: (*publisher).into(),
                    status: *status,
                    rating_average: f64::from(*rating) / 10.0,
                    install_count: 0,
                    created_at: at,
                    updated_at: g.days_ago(days.min(12.0)),
                }
            },
        )
        .collect();

    let mut installations = Vec::new();
    for (slug, module_slug, status, installed_after, uninstalled_after) in INSTALLS {
        let (Some(l), Some(module)) = (
            life(lives, slug),
            modules.iter().find(|m| m.slug == *module_slug),
        ) else {
            continue;
        };
        let created = l.after_start(g, *installed_after);
        let by = l.member(installations.len()).map(|m| m.id);
        let installed_at = matches!(
            status,
            ModuleInstallationStatus::Active | ModuleInstallationStatus::Uninstalled
        )
        .then(|| {
            let r = g.range(20_000..=240_000);
            capped(g, plus_ms(created, r))
        });
        let uninstalled_at = match (status, uninstalled_after, installed_at) {
            (ModuleInstallationStatus::Uninstalled, Some(after), Some(i)) => {
                Some(l.after_start(g, *after).max(i))
            }
            _ => None,
        };
        let updated = uninstalled_at.or(installed_at).unwrap_or(created);
        installations.push(module_installations::Model {
            id: g.id_at(created),
            tenant_id: l.id(),
            marketplace_module_id: module.id,
            version: module.version.clone(),
            status: *status,
            config: module_config(module_slug, l),
            installed_by_user_id: by,
            installed_at,
            uninstalled_at,
            created_at: created,
            updated_at: updated,
        });
    }
    for m in &mut modules {
        m.install_count = installations
            .iter()
            .filter(|i| i.marketplace_module_id == m.id && i.installed_at.is_some())
            .count() as i64;
    }

    let mut licenses = Vec::new();
    for inst in &installations {
        let (Some(module), Some(issued)) = (
            modules.iter().find(|m| m.id == inst.marketplace_module_id),
            inst.installed_at,
        ) else {
            continue;
        };
        if module.pricing_model == MarketplaceModulePricingModel::Free {
            continue;
        }
        let Some(l) = lives.iter().find(|l| l.id() == inst.tenant_id) else {
            continue;
        };
        // Single sign-on starts with a two-week trial licence.
        if module.slug == "sso-saml" {
            let trial = plus_days(inst.created_at, -0.01).max(l.t.tenant.created_at);
            let expires = plus_days(trial, 14.0);
            licenses.push(license(
                g,
                ctx,
                (inst, &module.slug),
                (trial, Some(expires)),
                (ModuleLicenseStatus::Expired, expires),
            ));
        }
        let expires = match module.pricing_model {
            MarketplaceModulePricingModel::OneTime => None,
            _ => Some(plus_days(issued, 365.0)),
        };
        // Revoked on uninstalling, or subscriptions when the tenant was suspended.
        let status = if let Some(at) = inst.uninstalled_at {
            (ModuleLicenseStatus::Revoked, at)
        } else if l.suspended() && expires.is_some() {
            (ModuleLicenseStatus::Revoked, g.days_ago(l.end))
        } else if let Some(e) = expires.filter(|e| *e <= g.now()) {
            (ModuleLicenseStatus::Expired, e)
        } else {
            (ModuleLicenseStatus::Active, issued)
        };
        licenses.push(license(
            g,
            ctx,
            (inst, &module.slug),
            (issued, expires),
            status,
        ));
    }

    let mut overrides = Vec::new();
    for l in lives {
        let mine: Vec<&module_installations::Model> = installations
            .iter()
            .filter(|i| i.tenant_id == l.id())
            .collect();
        // The newest installation of each module is the one behind the app.
        let mut seen: Vec<Uuid> = Vec::new();
        for inst in mine.iter().rev() {
            if seen.contains(&inst.marketplace_module_id) {
                continue;
            }
            seen.push(inst.marketplace_module_id);
            let Some(module) = modules.iter().find(|m| m.id == inst.marketplace_module_id) else {
                continue;
            };
            let (activation, enabled, metadata) = match inst.status {
                ModuleInstallationStatus::Active => (
                    AppOverrideActivationStatus::Active,
                    true,
                    json!({"activated_at": inst.installed_at, "activated_by": inst.installed_by_user_id}),
                ),
                ModuleInstallationStatus::Failed => (
                    AppOverrideActivationStatus::Failed,
                    false,
                    json!({
                        "error": format!("{}: OAuth token exchange returned 401 invalid_client", module.name),
                        "attempts": 3
                    }),
                ),
                ModuleInstallationStatus::Uninstalled => (
                    AppOverrideActivationStatus::Deactivated,
                    false,
                    json!({"deactivated_at": inst.uninstalled_at, "reason": "uninstalled"}),
                ),
                _ => (
                    AppOverrideActivationStatus::Pending,
                    true,
                    json!({"queued_at": inst.created_at}),
                ),
            };
            let at = capped(g, plus_ms(inst.created_at, 1_000));
            overrides.push(app_overrides::Model {
                id: g.id_at(at),
                tenant_id: l.id(),
                app_key: module.slug.clone(),
                enabled,
                override_settings: json!({"show_in_navigation": enabled, "position": overrides.len() % 7}),
                marketplace_module_id: Some(module.id),
                module_installation_id: Some(inst.id),
                activation_status: activation,
                activation_metadata: metadata,
                created_at: at,
                updated_at: inst.updated_at.max(at),
            });
        }
        // A built-in app every tenant tunes.
        let at = l.after_start(g, 0.5);
        let on = l.t.tenant.status != TenantStatus::Churned;
        overrides.push(app_overrides::Model {
            id: g.id_at(at),
            tenant_id: l.id(),
            app_key: "report-builder".into(),
            enabled: on,
            override_settings: json!({"max_rows": 50_000, "default_format": "xlsx"}),
            marketplace_module_id: None,
            module_installation_id: None,
            activation_status: if on {
                AppOverrideActivationStatus::Active
            } else {
                AppOverrideActivationStatus::Deactivated
            },
            activation_metadata: json!({"built_in": true}),
            created_at: at,
            updated_at: if on { at } else { g.days_ago(l.end) },
        });
    }
    MarketTables {
        modules,
        installations,
        licenses,
        overrides,
    }
}

fn license(
    g: &mut Gen,
    ctx: &Context,
    (inst, slug): (&module_installations::Model, &str),
    (issued, expires): (Dt, Option<Dt>),
    (status, changed): (ModuleLicenseStatus, Dt),
) -> module_licenses::Model {
    let prefix: String = slug
        .split('-')
        .filter_map(|w| w.chars().next())
        .collect::<String>()
        .to_uppercase();
    let body = hex::encode(g.bytes::<10>()).to_uppercase();
    let key = format!(
        "{prefix}-{}-{}-{}-{}",
        &body[0..5],
        &body[5..10],
        &body[10..15],
        &body[15..20]
    );
    ctx.generated_secret(&key);
    let sealed = ctx.sealer.seal_with_nonce(&key, g.bytes::<12>());
    module_licenses::Model {
        id: g.id_at(issued),
        tenant_id: inst.tenant_id,
        marketplace_module_id: inst.marketplace_module_id,
        license_key: sealed,
        status,
        issued_at: issued,
        expires_at: expires,
        created_at: issued,
        updated_at: capped(g, changed).max(issued),
    }
}

// ---------------------------------------------------------------------------------------------
// Handover
// ---------------------------------------------------------------------------------------------

struct HandoverTables {
    packages: Vec<handover_packages::Model>,
    modules: Vec<handover_package_modules::Model>,
    configurations: Vec<handover_package_configurations::Model>,
}

/// tenant, name, type, delivery status, days ago created (kept inside the tenant's life), and
/// whether it was made by hand. Packages not made by hand stand in for the ones the tenant's
/// handover workflow runs assemble, and are only made for a tenant without such runs.
type PackageDef = (
    &'static str,
    &'static str,
    HandoverPackageType,
    HandoverPackageDeliveryStatus,
    f64,
    bool,
);

const PACKAGES: &[PackageDef] = {
    use HandoverPackageDeliveryStatus::{Delivered, Delivering, Failed, Pending, Preparing, Ready};
    use HandoverPackageType::{Complete, Partial, Update};
    &[
        (
            "acme",
            "Initial handover",
            Complete,
            Delivered,
            196.0,
            false,
        ),
        ("acme", "Q2 module update", Update, Delivered, 110.0, false),
        ("acme", "Jira runbook refresh", Update, Ready, 2.0, true),
        (
            "globex",
            "Enterprise handover",
            Complete,
            Delivered,
            138.0,
            false,
        ),
        (
            "globex",
            "Data sources add-on",
            Partial,
            Delivering,
            1.0,
            true,
        ),
        ("globex", "SSO hardening update", Update, Pending, 0.2, true),
        ("initech", "Trial handover", Complete, Preparing, 1.5, false),
        (
            "umbrella",
            "Initial handover",
            Complete,
            Delivered,
            308.0,
            false,
        ),
        ("umbrella", "Compliance pack", Partial, Failed, 25.0, true),
        (
            "hooli",
            "Initial handover",
            Complete,
            Delivered,
            393.0,
            false,
        ),
    ]
};

/// Whether a workflow run is one of kind handover. The context holds runs without their
/// workflows, so this reads what the run says about itself: its trigger, current step, input
/// and step names.
fn is_handover_run(run: &workflow_runs::Model) -> bool {
    let mut text = String::new();
    text.push_str(run.trigger.as_deref().unwrap_or_default());
    text.push(' ');
    text.push_str(run.current_step.as_deref().unwrap_or_default());
    text.push(' ');
    text.push_str(&run.input.to_string());
    for record in run.steps_completed.0.iter().chain(&run.steps_failed.0) {
        text.push(' ');
        text.push_str(&record.step);
    }
    text.to_lowercase().contains("handover")
}

/// A package before its contents are chosen.
struct PackagePlan<'a> {
    name: String,
    package_type: HandoverPackageType,
    status: HandoverPackageDeliveryStatus,
    method: Option<HandoverPackageDeliveryMethod>,
    run: Option<&'a workflow_runs::Model>,
    created: Dt,
    delivered_at: Option<Dt>,
    /// When the run's confirmation step saw the tenant confirm receipt.
    confirmed_at: Option<Dt>,
    /// When the last thing happened to it.
    touched: Dt,
    error: Option<String>,
    recipient: Option<String>,
}

fn method_named(name: Option<&str>) -> Option<HandoverPackageDeliveryMethod> {
    match name? {
        "portal" => Some(HandoverPackageDeliveryMethod::Portal),
        "email" => Some(HandoverPackageDeliveryMethod::Email),
        "download" => Some(HandoverPackageDeliveryMethod::Download),
        "api" => Some(HandoverPackageDeliveryMethod::Api),
        _ => None,
    }
}

/// The package a handover run assembled, as the run describes it.
fn plan_from_run<'a>(
    g: &Gen,
    l: &Life,
    run: &'a workflow_runs::Model,
    first: bool,
) -> PackagePlan<'a> {
    use HandoverPackageDeliveryStatus as D;
    let text = |key: &str| run.input.get(key).and_then(Value::as_str);
    let step_done = |needle: &str| {
        run.steps_completed
            .0
            .iter()
            .find(|s| s.step.contains(needle))
            .map(|s| s.finished_at.fixed_offset())
    };
    let created = capped(g, run.started_at.unwrap_or(run.created_at));
    let current = run.current_step.as_deref().unwrap_or_default();
    let status = match run.status {
        WorkflowRunStatus::Pending => D::Pending,
        WorkflowRunStatus::InProgress if current.contains("confirm") => D::Delivered,
        WorkflowRunStatus::InProgress if current.contains("deliver") => D::Delivering,
        WorkflowRunStatus::InProgress => D::Preparing,
        WorkflowRunStatus::Completed => D::Delivered,
        WorkflowRunStatus::Failed | WorkflowRunStatus::Cancelled => D::Failed,
    };
    let delivered_at = (status == D::Delivered).then(|| {
        capped(
            g,
            step_done("deliver")
                .or(run.completed_at)
                .unwrap_or(created)
                .max(created),
        )
    });
    let package_type = match text("package_type") {
        Some("complete") => HandoverPackageType::Complete,
        Some("partial") => HandoverPackageType::Partial,
        Some("update") => HandoverPackageType::Update,
        _ if first => HandoverPackageType::Complete,
        _ => HandoverPackageType::Update,
    };
    let method = method_named(text("delivery_method")).or(match status {
        D::Delivering | D::Delivered | D::Failed => Some(HandoverPackageDeliveryMethod::Portal),
        _ => None,
    });
    let error = (status == D::Failed).then(|| {
        run.error.clone().unwrap_or_else(|| {
            if run.status == WorkflowRunStatus::Cancelled {
                "the handover run was cancelled before the package was delivered".to_owned()
            } else {
                "the handover run failed before the package was delivered".to_owned()
            }
        })
    });
    PackagePlan {
        name: text("package_name").map_or_else(
            || format!("{} handover {}", l.name(), created.format("%B %Y")),
            str::to_owned,
        ),
        package_type,
        status,
        method,
        run: Some(run),
        created,
        delivered_at,
        confirmed_at: step_done("confirm").map(|c| capped(g, c)),
        touched: capped(g, run.completed_at.unwrap_or(run.updated_at).max(created)),
        error,
        recipient: text("recipient_email").map(str::to_owned),
    }
}

/// A package from the static list.
fn plan_from_def<'a>(g: &mut Gen, l: &Life, def: &PackageDef, k: usize) -> PackagePlan<'a> {
    use HandoverPackageDeliveryStatus as D;
    let (_, name, package_type, status, days, _) = *def;
    let created = g.days_ago(l.clamp(days));
    let delivered_at =
        (status == D::Delivered).then(|| capped(g, plus_days(created, 1.0 + 0.25 * k as f64)));
    let method = match status {
        D::Pending | D::Preparing => None,
        D::Ready => Some(HandoverPackageDeliveryMethod::Download),
        D::Failed => Some(HandoverPackageDeliveryMethod::Email),
        _ => Some(*g.pick(&[
            HandoverPackageDeliveryMethod::Portal,
            HandoverPackageDeliveryMethod::Email,
            HandoverPackageDeliveryMethod::Api,
        ])),
    };
    PackagePlan {
        name: format!("{} — {name}", l.name()),
        package_type,
        status,
        method,
        run: None,
        created,
        delivered_at,
        confirmed_at: None,
        touched: match status {
            D::Pending => created,
            _ => delivered_at.unwrap_or_else(|| capped(g, plus_days(created, 0.1))),
        },
        error: (status == D::Failed)
            .then(|| format!("550 mailbox unavailable: it-admin@{}", l.host())),
        recipient: l.owner().map(|o| o.email.to_lowercase()),
    }
}

fn handover_domain(
    g: &mut Gen,
    lives: &[Life],
    ctx: &Context,
    (installations, modules): (
        &[module_installations::Model],
        &[marketplace_modules::Model],
    ),
) -> HandoverTables {
    use HandoverPackageDeliveryStatus as D;
    let mut out = HandoverTables {
        packages: Vec::new(),
        modules: Vec::new(),
        configurations: Vec::new(),
    };
    for l in lives {
        // One package per handover run of the tenant, plus the ones made by hand; a tenant
        // without handover runs gets stand-ins for them.
        let mut runs: Vec<&workflow_runs::Model> = ctx
            .workflow_runs
            .iter()
            .filter(|r| r.tenant_id == l.id() && is_handover_run(r))
            .collect();
        runs.sort_by_key(|r| r.created_at);
        let mut plans: Vec<PackagePlan<'_>> = runs
            .iter()
            .enumerate()
            .map(|(i, r)| plan_from_run(g, l, r, i == 0))
            .collect();
        for (k, def) in PACKAGES
            .iter()
            .filter(|p| p.0 == l.slug() && (p.5 || runs.is_empty()))
            .enumerate()
        {
            plans.push(plan_from_def(g, l, def, k));
        }
        plans.sort_by_key(|p| p.created);

        let mut previous: Option<Dt> = None;
        for (k, plan) in plans.into_iter().enumerate() {
            let created = plan.created;
            let id = g.id_at(created);
            // What the package covers: for a complete package every installation live at the
            // time; for an update or partial one those installed since the previous package.
            let covered: Vec<&module_installations::Model> = installations
                .iter()
                .filter(|i| i.tenant_id == l.id())
                .filter(|i| i.installed_at.is_some_and(|at| at <= created))
                .filter(|i| i.uninstalled_at.is_none_or(|at| at > created))
                .filter(|i| {
                    plan.package_type == HandoverPackageType::Complete
                        || previous.is_none_or(|p| i.installed_at.is_some_and(|at| at > p))
                })
                .collect();
            previous = Some(created);
            for inst in &covered {
                out.modules.push(handover_package_modules::Model {
                    handover_package_id: id,
                    module_installation_id: inst.id,
                    tenant_id: l.id(),
                    created_at: created,
                });
            }
            // Configurations: the tenant's own and the platform defaults that existed then.
            let limit = if plan.package_type == HandoverPackageType::Complete {
                8
            } else {
                3
            };
            let configs: Vec<&configurations::Model> = ctx
                .configurations
                .iter()
                .filter(|c| c.tenant_id.is_none_or(|t| t == l.id()))
                .filter(|c| c.created_at <= created)
                .filter(|c| {
                    plan.package_type == HandoverPackageType::Complete || c.tenant_id.is_some()
                })
                .take(limit)
                .collect();
            for c in &configs {
                out.configurations
                    .push(handover_package_configurations::Model {
                        handover_package_id: id,
                        configuration_id: c.id,
                        tenant_id: l.id(),
                        created_at: created,
                    });
            }

            let owner = l.owner();
            // Receipt is confirmed by the run's last step, or now and then by hand; the churned
            // tenant never confirmed anything.
            let confirmed_at = match plan.delivered_at {
                Some(at) if l.t.tenant.status != TenantStatus::Churned => match plan.confirmed_at {
                    Some(c) => Some(c.max(at)),
                    None if plan.run.is_none() || g.chance(0.5) => {
                        let hours = g.range(1..=40) as f64 / 24.0;
                        Some(capped(g, plus_days(at, hours)))
                    }
                    None => None,
                },
                _ => None,
            };
            let confirmation = confirmed_at.map(|confirmed| DeliveryConfirmation {
                confirmed_at: confirmed,
                method: match plan.method {
                    Some(HandoverPackageDeliveryMethod::Email) => ConfirmationMethod::EmailReply,
                    Some(HandoverPackageDeliveryMethod::Api) => ConfirmationMethod::ApiCallback,
                    Some(HandoverPackageDeliveryMethod::Download) => ConfirmationMethod::Download,
                    _ => ConfirmationMethod::PortalAcknowledgement,
                },
                confirmed_by_user_id: owner.map(|o| o.id),
                confirmed_by_name: owner.map(|o| format!("{} {}", o.first_name, o.last_name)),
                confirmed_by_email: owner.map(|o| o.email.to_lowercase()),
                reference: Some(format!("hp-{}", hex::encode(g.bytes::<6>()))),
                notes: (k == 0).then(|| "All documents received, thanks!".to_owned()),
                extra: Default::default(),
            });
            let base = format!("https://{}/handover/{id}", l.host());
            let mut sops = vec![SopDocument {
                title: format!("{} administrator guide", l.name()),
                url: format!("{base}/administrator-guide.pdf"),
                format: DocumentFormat::Pdf,
                version: Some(format!("1.{k}")),
                module_installation_id: None,
                description: Some("Users, roles, billing and backups.".into()),
                extra: Default::default(),
            }];
            let mut videos = vec![TutorialVideo {
                title: "Getting started with reports".into(),
                url: format!("https://{}/academy/videos/getting-started", l.host()),
                duration_seconds: Some(412),
                thumbnail_url: Some(format!(
                    "https://{}/academy/thumbnails/getting-started.jpg",
                    l.host()
                )),
                module_installation_id: None,
                description: Some("Build, schedule and share a first report.".into()),
                extra: Default::default(),
            }];
            let mut snapshot = std::collections::BTreeMap::new();
            for inst in &covered {
                let module = modules.iter().find(|m| m.id == inst.marketplace_module_id);
                let slug = module.map_or_else(
                    || inst.marketplace_module_id.to_string(),
                    |m| m.slug.clone(),
                );
                let title = module.map_or(slug.as_str(), |m| m.name.as_str());
                snapshot.insert(slug.clone(), inst.config.clone());
                sops.push(SopDocument {
                    title: format!("{title} runbook"),
                    url: format!("{base}/runbooks/{slug}.md"),
                    format: DocumentFormat::Markdown,
                    version: Some(inst.version.clone()),
                    module_installation_id: Some(inst.id),
                    description: Some(format!("Operating {title} for {}.", l.name())),
                    extra: Default::default(),
                });
                let seconds = u32::try_from(g.range(120..=900)).unwrap_or(300);
                videos.push(TutorialVideo {
                    title: format!("A tour of {title}"),
                    url: format!("https://{}/academy/videos/{slug}", l.host()),
                    duration_seconds: Some(i64::from(seconds)),
                    thumbnail_url: None,
                    module_installation_id: Some(inst.id),
                    description: None,
                    extra: Default::default(),
                });
            }
            let credentials = (plan.package_type == HandoverPackageType::Complete).then(|| {
                let password = hex::encode(g.bytes::<12>());
                let recovery = hex::encode(g.bytes::<5>());
                ctx.generated_secret(&password);
                ctx.generated_secret(&recovery);
                let plain = json!(entity::json::AdminCredentials {
                    username: owner
                        .map_or_else(|| format!("admin@{}", l.host()), |o| o.email.to_lowercase()),
                    password,
                    console_url: format!("https://admin.{}", l.host()),
                    mfa_recovery_code: recovery,
                    extra: Default::default(),
                })
                .to_string();
                ctx.sealer.seal_with_nonce(&plain, g.bytes::<12>())
            });
            let mut metadata = json!({
                "prepared_by": if plan.run.is_some() { "handover workflow" } else { "customer success" },
                "recipient_email": plan.recipient,
                "modules": covered.len(),
                "configurations": configs.len(),
            });
            if let (Some(error), Some(m)) = (&plan.error, metadata.as_object_mut()) {
                m.insert("error".into(), json!(error));
            }
            let updated = [
                Some(created),
                Some(plan.touched),
                plan.delivered_at,
                confirmed_at,
            ]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(created);
            out.packages.push(handover_packages::Model {
                id,
                tenant_id: l.id(),
                workflow_run_id: plan.run.map(|r| r.id),
                name: plan.name,
                package_type: plan.package_type,
                delivery_status: plan.status,
                delivery_method: plan.method,
                delivered_at: plan.delivered_at,
                delivery_confirmation: confirmation,
                module_configurations: entity::json::ModuleConfigurations(snapshot),
                sop_documents: SopDocuments(sops),
                tutorial_videos: TutorialVideos(videos),
                admin_credentials: credentials,
                metadata,
                created_at: created,
                updated_at: if plan.status == D::Pending {
                    created
                } else {
                    updated
                },
            });
        }
    }
    out
}
