//! Typed JSON of the notifications, backup and recovery, and handover tables.

use chrono::{DateTime, Utc};
use sea_orm::FromJsonQueryResult;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// `notification_templates.variables`: the placeholders a template's subject and body use, in
/// the order they are shown to template authors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct TemplateVariables(pub Vec<TemplateVariable>);

/// One placeholder of a notification template, written `{{name}}` in its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateVariable {
    /// The placeholder's name, for example `invoice_number`.
    pub name: String,
    /// What the value means, for template authors.
    #[serde(default)]
    pub description: Option<String>,
    /// The kind of value expected (text when absent).
    #[serde(default)]
    pub kind: TemplateVariableKind,
    /// Whether sending fails when no value is given (default on).
    #[serde(default = "yes")]
    pub required: bool,
    /// The text used when no value is given and the variable is not required.
    #[serde(default)]
    pub default_value: Option<String>,
}

/// The kind of value a template variable takes; values are always rendered as text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateVariableKind {
    /// Free text.
    #[default]
    Text,
    /// A number, rendered in the recipient's locale.
    Number,
    /// A calendar date, rendered in the recipient's locale.
    Date,
    /// A point in time, rendered in the recipient's time zone.
    DateTime,
    /// An amount of money in minor units with its currency.
    Money,
    /// An absolute URL, rendered as a link where the channel allows.
    Url,
    /// `true` or `false`.
    Boolean,
}

/// `campaigns.ab_test`: how a campaign splits its audience between variants and picks a winner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(default, deny_unknown_fields)]
pub struct AbTestSettings {
    /// The variants tried, in order; their weights add up to 100.
    pub variants: Vec<AbTestVariant>,
    /// Percentage (1 to 100) of the audience that receives a variant during the test; the rest
    /// receive the winner afterwards. 100 sends variants to everyone and picks no winner.
    pub test_audience_percent: u8,
    /// What decides the winner.
    pub winner_metric: AbTestMetric,
    /// How long after sending starts the winner is picked, in seconds.
    pub decide_after_seconds: u32,
    /// The key of the winning variant, once picked.
    pub winner_key: Option<String>,
}

impl Default for AbTestSettings {
    fn default() -> Self {
        Self {
            variants: Vec::new(),
            test_audience_percent: 100,
            winner_metric: AbTestMetric::OpenRate,
            decide_after_seconds: 4 * 60 * 60,
            winner_key: None,
        }
    }
}

/// One variant of an A/B tested campaign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbTestVariant {
    /// The variant's key within the campaign, for example `a` or `b`.
    pub key: String,
    /// Share of the test audience, in percent.
    pub weight_percent: u8,
    /// A subject line replacing the template's, when the variant tests the subject.
    #[serde(default)]
    pub subject: Option<String>,
    /// Another template (`notification_templates.id`) sent instead, when the variant tests the
    /// content.
    #[serde(default)]
    pub notification_template_id: Option<Uuid>,
}

/// What decides the winner of an A/B test.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AbTestMetric {
    /// Opens per message sent.
    #[default]
    OpenRate,
    /// Clicks per message sent.
    ClickRate,
}

/// `recovery_plans.steps`: the steps of a recovery, in the order they are carried out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct RecoverySteps(pub Vec<RecoveryStep>);

/// One step of a recovery plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoveryStep {
    /// Short name of the step, for example `Restore primary database`.
    pub name: String,
    /// What to do, in enough detail to do it under pressure.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether the platform runs the step or a person does.
    pub mode: RecoveryStepMode,
    /// For an automated step, the key of the job the platform runs.
    #[serde(default)]
    pub automation_key: Option<String>,
    /// For a manual step, the role or team responsible, for example `dba-on-call`.
    #[serde(default)]
    pub responsible_role: Option<String>,
    /// Expected duration in minutes, counted against the plan's RTO.
    #[serde(default)]
    pub estimated_minutes: Option<u32>,
}

/// Who carries out a recovery step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecoveryStepMode {
    /// The platform runs it.
    Automated,
    /// A person does it and marks it done.
    Manual,
}

/// `recovery_plans.escalation_contacts`: whom to contact during a recovery, first level first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct EscalationContacts(pub Vec<EscalationContact>);

/// One escalation contact of a recovery plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationContact {
    /// Escalation level, from 1 (contacted first).
    pub level: u8,
    /// The person's or team's name.
    pub name: String,
    /// Their role, for example `Head of infrastructure`.
    #[serde(default)]
    pub role: Option<String>,
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
    /// Phone number in E.164 form, for example `+4930123456`.
    #[serde(default)]
    pub phone: Option<String>,
    /// The platform user (`users.id`), when the contact has an account.
    #[serde(default)]
    pub user_id: Option<Uuid>,
    /// Minutes after the incident starts at which this level is contacted (default 0).
    #[serde(default)]
    pub notify_after_minutes: u32,
}

/// `handover_packages.delivery_confirmation`: the tenant's confirmation that a package arrived.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(deny_unknown_fields)]
pub struct DeliveryConfirmation {
    /// When receipt was confirmed.
    pub confirmed_at: DateTime<Utc>,
    /// How receipt was confirmed.
    pub method: ConfirmationMethod,
    /// The confirming platform user (`users.id`), when they have an account.
    #[serde(default)]
    pub confirmed_by_user_id: Option<Uuid>,
    /// The confirming person's name, as given.
    #[serde(default)]
    pub confirmed_by_name: Option<String>,
    /// The confirming person's email address, as given.
    #[serde(default)]
    pub confirmed_by_email: Option<String>,
    /// A reference from the delivery channel, such as an email message id or API request id.
    #[serde(default)]
    pub reference: Option<String>,
    /// Anything the tenant noted on receipt.
    #[serde(default)]
    pub notes: Option<String>,
}

/// How a tenant confirmed receipt of a handover package.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfirmationMethod {
    /// Acknowledged in the customer portal.
    PortalAcknowledgement,
    /// Replied to the delivery email.
    EmailReply,
    /// Downloaded the package (confirmed by the download itself).
    Download,
    /// Confirmed by a call to the API.
    ApiCallback,
}

/// `handover_packages.sop_documents`: the standard operating procedures handed over, in reading
/// order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct SopDocuments(pub Vec<SopDocument>);

/// One standard operating procedure document of a handover package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SopDocument {
    /// The document's title.
    pub title: String,
    /// HTTPS URL where the document can be read or downloaded.
    pub url: String,
    /// The file format (PDF when absent).
    #[serde(default)]
    pub format: DocumentFormat,
    /// The document's own version, for example `1.2`.
    #[serde(default)]
    pub version: Option<String>,
    /// The module installation (`module_installations.id`) the document is about, if one.
    #[serde(default)]
    pub module_installation_id: Option<Uuid>,
    /// A one-line summary.
    #[serde(default)]
    pub description: Option<String>,
}

/// The file format of a handed-over document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    /// PDF.
    #[default]
    Pdf,
    /// Markdown.
    Markdown,
    /// A web page.
    Html,
    /// A Word document.
    Docx,
}

/// `handover_packages.tutorial_videos`: the tutorial videos handed over, in viewing order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct TutorialVideos(pub Vec<TutorialVideo>);

/// One tutorial video of a handover package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TutorialVideo {
    /// The video's title.
    pub title: String,
    /// HTTPS URL where the video plays.
    pub url: String,
    /// Length in whole seconds.
    #[serde(default)]
    pub duration_seconds: Option<u32>,
    /// HTTPS URL of a thumbnail image.
    #[serde(default)]
    pub thumbnail_url: Option<String>,
    /// The module installation (`module_installations.id`) the video is about, if one.
    #[serde(default)]
    pub module_installation_id: Option<Uuid>,
    /// A one-line summary.
    #[serde(default)]
    pub description: Option<String>,
}

/// Serde default for flags that are on unless said otherwise.
fn yes() -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_take_the_defaults() {
        let ab: AbTestSettings = serde_json::from_str("{}").expect("{} is valid");
        assert_eq!(ab, AbTestSettings::default());
        let vars: TemplateVariables = serde_json::from_str("[]").expect("[] is valid");
        assert_eq!(vars, TemplateVariables::default());
        let var: TemplateVariable =
            serde_json::from_str(r#"{"name": "first_name"}"#).expect("only the name is needed");
        assert!(var.required);
        assert_eq!(var.kind, TemplateVariableKind::Text);
        let steps: RecoverySteps = serde_json::from_str("[]").expect("[] is valid");
        assert!(steps.0.is_empty());
    }

    #[test]
    fn lists_keep_their_order_and_shapes_round_trip() {
        let json = r#"[
            {"name": "Fail over DNS", "mode": "automated", "automation_key": "dns.failover"},
            {"name": "Verify data", "mode": "manual", "responsible_role": "dba-on-call", "estimated_minutes": 30}
        ]"#;
        let steps: RecoverySteps = serde_json::from_str(json).expect("valid steps");
        assert_eq!(steps.0[0].mode, RecoveryStepMode::Automated);
        assert_eq!(steps.0[1].estimated_minutes, Some(30));
        let back: RecoverySteps =
            serde_json::from_value(serde_json::to_value(&steps).expect("serialises"))
                .expect("round-trips");
        assert_eq!(back, steps);

        let confirmation: DeliveryConfirmation = serde_json::from_str(
            r#"{"confirmed_at": "2026-01-20T01:00:00Z", "method": "portal_acknowledgement"}"#,
        )
        .expect("valid confirmation");
        assert_eq!(
            confirmation.method,
            ConfirmationMethod::PortalAcknowledgement
        );
    }

    #[test]
    fn unknown_fields_are_rejected_by_name() {
        let err =
            serde_json::from_str::<SopDocuments>(r#"[{"title": "t", "url": "u", "lang": "en"}]"#)
                .expect_err("an unknown field is an error");
        assert!(err.to_string().contains("unknown field `lang`"), "{err}");
        let err = serde_json::from_str::<AbTestSettings>(r#"{"winner": "a"}"#)
            .expect_err("a misspelt field is an error");
        assert!(err.to_string().contains("unknown field `winner`"), "{err}");
        let err = serde_json::from_str::<EscalationContacts>(
            r#"[{"level": 1, "name": "Ops", "pager": "x"}]"#,
        )
        .expect_err("an unknown field is an error");
        assert!(err.to_string().contains("unknown field `pager`"), "{err}");
    }
}
