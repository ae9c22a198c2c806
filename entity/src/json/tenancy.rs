//! Typed JSON of the tenancy, identity and billing tables.

use chrono::{DateTime, Utc};
use sea_orm::FromJsonQueryResult;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// `tenants.settings`: how a tenant has configured the platform.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(default, deny_unknown_fields)]
pub struct TenantSettings {
    /// Colours and logo shown in the tenant's interface.
    pub branding: Branding,
    /// Email domains whose users may join without an invitation (lower case, no `@`).
    pub allowed_email_domains: Vec<String>,
    /// Locale given to new members (a BCP 47 tag such as `en-GB`); the platform's when absent.
    pub default_locale: Option<String>,
    /// Time zone given to new members (an IANA name such as `Europe/Berlin`).
    pub default_timezone: Option<String>,
    /// Whether every member must use two-factor authentication.
    pub require_mfa: bool,
    /// How many days audit data is kept; the plan's default when absent.
    pub audit_retention_days: Option<u32>,
}

/// The visual identity of a tenant.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Branding {
    /// Primary colour as `#rrggbb`.
    pub primary_color: Option<String>,
    /// HTTPS URL of the logo.
    pub logo_url: Option<String>,
}

/// `users.preferences`: a user's personal settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(default, deny_unknown_fields)]
pub struct UserPreferences {
    /// The colour theme of the interface.
    pub theme: Theme,
    /// Which notifications the user receives, and how.
    pub notifications: NotificationPreferences,
    /// The dashboard the user lands on, by key; the default dashboard when absent.
    pub landing_dashboard: Option<String>,
}

/// The colour theme of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Follow the operating system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// Which notifications a user receives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NotificationPreferences {
    /// Receive notifications by email (default on).
    pub email: bool,
    /// Receive notifications in the application (default on).
    pub in_app: bool,
    /// How often a digest of unread notifications is emailed.
    pub digest: DigestFrequency,
}

impl Default for NotificationPreferences {
    fn default() -> Self {
        Self {
            email: true,
            in_app: true,
            digest: DigestFrequency::Weekly,
        }
    }
}

/// How often a digest is emailed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DigestFrequency {
    /// Never.
    Never,
    /// Once a day.
    Daily,
    /// Once a week.
    #[default]
    Weekly,
}

/// `plans.limits`: what a plan allows. An absent limit means unlimited.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(default, deny_unknown_fields)]
pub struct PlanLimits {
    /// Members per tenant.
    pub max_users: Option<u32>,
    /// Reports per tenant.
    pub max_reports: Option<u32>,
    /// Storage per tenant, in GiB.
    pub storage_gb: Option<u32>,
    /// API calls per calendar month.
    pub api_calls_per_month: Option<u64>,
}

/// `onboardings.steps_completed`: the setup steps a tenant has finished, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct OnboardingSteps(pub Vec<CompletedStep>);

/// One finished onboarding step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompletedStep {
    /// The step's key, for example `invite_team`.
    pub step: String,
    /// When it was finished.
    pub completed_at: DateTime<Utc>,
    /// Who finished it, when a person did.
    #[serde(default)]
    pub completed_by: Option<Uuid>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_objects_take_the_defaults() {
        let settings: TenantSettings = serde_json::from_str("{}").expect("{} is valid");
        assert_eq!(settings, TenantSettings::default());
        let prefs: UserPreferences = serde_json::from_str("{}").expect("{} is valid");
        assert!(prefs.notifications.email);
        assert_eq!(prefs.notifications.digest, DigestFrequency::Weekly);
    }

    #[test]
    fn unknown_fields_are_rejected_by_name() {
        let err = serde_json::from_str::<TenantSettings>(r#"{"require_mfa": true, "colour": 1}"#)
            .expect_err("an unknown field is an error");
        assert!(err.to_string().contains("unknown field `colour`"), "{err}");
        let err = serde_json::from_str::<PlanLimits>(r#"{"max_user": 3}"#)
            .expect_err("a misspelt field is an error");
        assert!(
            err.to_string().contains("unknown field `max_user`"),
            "{err}"
        );
    }
}
