//! Typed JSON of the identity tables: user preferences and API key scopes.

use sea_orm::FromJsonQueryResult;
use serde::{Deserialize, Serialize};

use super::Extra;

/// `users.preferences`: a user's personal settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(default)]
pub struct UserPreferences {
    /// The colour theme of the interface.
    pub theme: Theme,
    /// Which notifications the user receives, and how.
    pub notifications: NotificationPreferences,
    /// The dashboard the user lands on, by key; the default dashboard when absent.
    pub landing_dashboard: Option<String>,
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
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
#[serde(default)]
pub struct NotificationPreferences {
    /// Receive notifications by email (default on).
    pub email: bool,
    /// Receive notifications in the application (default on).
    pub in_app: bool,
    /// How often a digest of unread notifications is emailed.
    pub digest: DigestFrequency,
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Default for NotificationPreferences {
    fn default() -> Self {
        Self {
            email: true,
            in_app: true,
            digest: DigestFrequency::Weekly,
            extra: Extra::new(),
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

/// `api_keys.scopes`: what a key may do, each `<resource>.<action>` (`reports.read`,
/// `reports.execute`), in lower case; an empty list allows nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct ApiKeyScopes(pub Vec<String>);

impl ApiKeyScopes {
    /// Whether the key may do `scope`.
    pub fn allows(&self, scope: &str) -> bool {
        self.0.iter().any(|s| s == scope)
    }
}
