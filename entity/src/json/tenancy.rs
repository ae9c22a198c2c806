//! Typed JSON of the tenancy tables: tenant settings and onboarding progress.

use sea_orm::FromJsonQueryResult;
use sea_orm::prelude::DateTimeWithTimeZone;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Extra;

/// `tenants.settings`: how a tenant has configured the platform.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(default)]
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
    pub audit_retention_days: Option<i64>,
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The visual identity of a tenant.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Branding {
    /// Primary colour as `#rrggbb`.
    pub primary_color: Option<String>,
    /// HTTPS URL of the logo.
    pub logo_url: Option<String>,
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `onboardings.steps_completed`: the setup steps a tenant has finished, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct OnboardingSteps(pub Vec<CompletedStep>);

/// One finished onboarding step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletedStep {
    /// The step's key, for example `invite_team`.
    pub step: String,
    /// When it was finished.
    pub completed_at: DateTimeWithTimeZone,
    /// Who finished it, when a person did.
    #[serde(default)]
    pub completed_by: Option<Uuid>,
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
}
