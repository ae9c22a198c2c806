//! Typed JSON of the notifications tables: template variables and A/B test settings.

use sea_orm::FromJsonQueryResult;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Extra;

/// `notification_templates.variables`: the placeholders a template's subject and body use, in
/// the order they are shown to template authors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct TemplateVariables(pub Vec<TemplateVariable>);

/// One placeholder of a notification template, written `{{name}}` in its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
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
#[serde(default)]
pub struct AbTestSettings {
    /// The variants tried, in order; their weights add up to 100.
    pub variants: Vec<AbTestVariant>,
    /// Percentage (1 to 100) of the audience that receives a variant during the test; the rest
    /// receive the winner afterwards. 100 sends variants to everyone and picks no winner.
    pub test_audience_percent: i64,
    /// What decides the winner.
    pub winner_metric: AbTestMetric,
    /// How long after sending starts the winner is picked, in seconds.
    pub decide_after_seconds: i64,
    /// The key of the winning variant, once picked.
    pub winner_key: Option<String>,
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Default for AbTestSettings {
    fn default() -> Self {
        Self {
            variants: Vec::new(),
            test_audience_percent: 100,
            winner_metric: AbTestMetric::OpenRate,
            decide_after_seconds: 4 * 60 * 60,
            winner_key: None,
            extra: Extra::new(),
        }
    }
}

/// One variant of an A/B tested campaign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbTestVariant {
    /// The variant's key within the campaign, for example `a` or `b`.
    pub key: String,
    /// Share of the test audience, in percent.
    pub weight_percent: i64,
    /// A subject line replacing the template's, when the variant tests the subject.
    #[serde(default)]
    pub subject: Option<String>,
    /// Another template (`notification_templates.id`) sent instead, when the variant tests the
    /// content.
    #[serde(default)]
    pub notification_template_id: Option<Uuid>,
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
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

/// Serde default for flags that are on unless said otherwise.
fn yes() -> bool {
    true
}
