//! [`Validate`]: the rules of each typed JSON value that its shape alone does not say.

use std::collections::BTreeSet;

use super::*;

/// A typed JSON value that breaks a rule: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// The offending field, as a path inside the value (`branding.primary_color`,
    /// `[2].amount_cents`).
    pub path: String,
    /// What is wrong and what is expected.
    pub message: String,
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}`: {}", self.path, self.message)
    }
}

impl std::error::Error for Invalid {}

/// The rules a writer checks before saving a typed JSON value.
pub trait Validate {
    /// `Ok` when the value keeps every rule, else the first rule it breaks.
    ///
    /// # Errors
    ///
    /// [`Invalid`] naming the field.
    fn validate(&self) -> Result<(), Invalid>;
}

impl<T: Validate> Validate for Option<T> {
    fn validate(&self) -> Result<(), Invalid> {
        self.as_ref().map_or(Ok(()), Validate::validate)
    }
}

fn fail(path: impl Into<String>, message: impl Into<String>) -> Result<(), Invalid> {
    Err(Invalid {
        path: path.into(),
        message: message.into(),
    })
}

fn ensure(ok: bool, path: impl Into<String>, message: &str) -> Result<(), Invalid> {
    if ok { Ok(()) } else { fail(path, message) }
}

fn non_negative(value: Option<i64>, path: &str) -> Result<(), Invalid> {
    ensure(value.is_none_or(|v| v >= 0), path, "must not be negative")
}

fn https(url: &str, path: impl Into<String>) -> Result<(), Invalid> {
    ensure(
        url.starts_with("https://") && url.len() > 8,
        path,
        "must be an https:// URL",
    )
}

fn non_empty(text: &str, path: impl Into<String>) -> Result<(), Invalid> {
    ensure(!text.trim().is_empty(), path, "must not be empty")
}

/// `a.b` and `a.b_c.d`: lower-case words joined by dots, at least two.
fn dotted_key(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && (*p == "*"
                    || p.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
        })
}

/// Each item's key, unique across the list.
fn unique<'a>(keys: impl IntoIterator<Item = &'a str>, what: &str) -> Result<(), Invalid> {
    let mut seen = BTreeSet::new();
    for (i, key) in keys.into_iter().enumerate() {
        non_empty(key, format!("[{i}].{what}"))?;
        if !seen.insert(key) {
            return fail(format!("[{i}].{what}"), format!("`{key}` is listed twice"));
        }
    }
    Ok(())
}

impl Validate for TenantSettings {
    fn validate(&self) -> Result<(), Invalid> {
        if let Some(colour) = &self.branding.primary_color {
            let hex = colour.strip_prefix('#').unwrap_or("");
            ensure(
                hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()),
                "branding.primary_color",
                "must be a colour as #rrggbb",
            )?;
        }
        if let Some(url) = &self.branding.logo_url {
            https(url, "branding.logo_url")?;
        }
        for (i, domain) in self.allowed_email_domains.iter().enumerate() {
            ensure(
                !domain.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && *domain == domain.to_lowercase(),
                format!("allowed_email_domains[{i}]"),
                "must be a lower-case domain without `@`, such as example.com",
            )?;
        }
        ensure(
            self.audit_retention_days.is_none_or(|d| d >= 1),
            "audit_retention_days",
            "must be at least 1",
        )
    }
}

impl Validate for UserPreferences {
    fn validate(&self) -> Result<(), Invalid> {
        match &self.landing_dashboard {
            Some(key) => non_empty(key, "landing_dashboard"),
            None => Ok(()),
        }
    }
}

impl Validate for ApiKeyScopes {
    fn validate(&self) -> Result<(), Invalid> {
        for (i, scope) in self.0.iter().enumerate() {
            ensure(
                dotted_key(scope),
                format!("[{i}]"),
                "must be <resource>.<action> in lower case, such as reports.read",
            )?;
        }
        Ok(())
    }
}

impl Validate for PlanLimits {
    fn validate(&self) -> Result<(), Invalid> {
        non_negative(self.max_users, "max_users")?;
        non_negative(self.max_reports, "max_reports")?;
        non_negative(self.storage_gb, "storage_gb")?;
        non_negative(self.api_calls_per_month, "api_calls_per_month")
    }
}

impl Validate for OnboardingSteps {
    fn validate(&self) -> Result<(), Invalid> {
        unique(self.0.iter().map(|s| s.step.as_str()), "step")
    }
}

impl Validate for InvoiceLineItems {
    fn validate(&self) -> Result<(), Invalid> {
        for (i, item) in self.0.iter().enumerate() {
            non_empty(&item.description, format!("[{i}].description"))?;
            non_negative(Some(item.quantity), &format!("[{i}].quantity"))?;
            ensure(
                item.amount_is_consistent(),
                format!("[{i}].amount_cents"),
                "must be quantity × unit_price_cents",
            )?;
            if let Some(period) = &item.period {
                ensure(
                    period.end > period.start,
                    format!("[{i}].period.end"),
                    "must be after period.start",
                )?;
            }
        }
        Ok(())
    }
}

impl Validate for WebhookEvents {
    fn validate(&self) -> Result<(), Invalid> {
        for (i, event) in self.0.iter().enumerate() {
            ensure(
                dotted_key(event),
                format!("[{i}]"),
                "must be an event type such as workflow_run.completed",
            )?;
        }
        Ok(())
    }
}

impl Validate for WorkflowDefinition {
    fn validate(&self) -> Result<(), Invalid> {
        unique(self.steps.iter().map(|s| s.name.as_str()), "name").map_err(|e| Invalid {
            path: format!("steps{}", e.path),
            ..e
        })?;
        for (i, step) in self.steps.iter().enumerate() {
            non_empty(&step.step_type, format!("steps[{i}].type"))?;
            non_negative(Some(step.max_retries), &format!("steps[{i}].max_retries"))?;
        }
        Ok(())
    }
}

impl Validate for WorkflowStepRecords {
    fn validate(&self) -> Result<(), Invalid> {
        for (i, record) in self.0.iter().enumerate() {
            non_empty(&record.step, format!("[{i}].step"))?;
            non_negative(
                Some(record.execution_order),
                &format!("[{i}].execution_order"),
            )?;
        }
        Ok(())
    }
}

impl Validate for TemplateVariables {
    fn validate(&self) -> Result<(), Invalid> {
        unique(self.0.iter().map(|v| v.name.as_str()), "name")?;
        for (i, var) in self.0.iter().enumerate() {
            ensure(
                var.name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_'),
                format!("[{i}].name"),
                "must be letters, digits and `_`, as written in {{name}}",
            )?;
        }
        Ok(())
    }
}

impl Validate for AbTestSettings {
    fn validate(&self) -> Result<(), Invalid> {
        ensure(
            (1..=100).contains(&self.test_audience_percent),
            "test_audience_percent",
            "must be 1 to 100",
        )?;
        non_negative(Some(self.decide_after_seconds), "decide_after_seconds")?;
        unique(self.variants.iter().map(|v| v.key.as_str()), "key").map_err(|e| Invalid {
            path: format!("variants{}", e.path),
            ..e
        })?;
        if !self.variants.is_empty() {
            ensure(
                self.variants.iter().map(|v| v.weight_percent).sum::<i64>() == 100,
                "variants",
                "the weight_percent of the variants must add up to 100",
            )?;
        }
        if let Some(winner) = &self.winner_key {
            ensure(
                self.variants.iter().any(|v| &v.key == winner),
                "winner_key",
                "must be the key of one of the variants",
            )?;
        }
        Ok(())
    }
}

impl Validate for RecoverySteps {
    fn validate(&self) -> Result<(), Invalid> {
        for (i, step) in self.0.iter().enumerate() {
            non_empty(&step.name, format!("[{i}].name"))?;
            if step.mode == RecoveryStepMode::Automated {
                ensure(
                    step.automation_key.is_some(),
                    format!("[{i}].automation_key"),
                    "an automated step names the job the platform runs",
                )?;
            }
            non_negative(step.estimated_minutes, &format!("[{i}].estimated_minutes"))?;
        }
        Ok(())
    }
}

impl Validate for EscalationContacts {
    fn validate(&self) -> Result<(), Invalid> {
        for (i, contact) in self.0.iter().enumerate() {
            non_empty(&contact.name, format!("[{i}].name"))?;
            ensure(
                contact.level >= 1,
                format!("[{i}].level"),
                "must be 1 or more",
            )?;
            non_negative(
                Some(contact.notify_after_minutes),
                &format!("[{i}].notify_after_minutes"),
            )?;
        }
        Ok(())
    }
}

impl Validate for DeliveryConfirmation {
    fn validate(&self) -> Result<(), Invalid> {
        match &self.confirmed_by_email {
            Some(email) => ensure(
                email.contains('@'),
                "confirmed_by_email",
                "must be an email address",
            ),
            None => Ok(()),
        }
    }
}

impl Validate for SopDocuments {
    fn validate(&self) -> Result<(), Invalid> {
        for (i, doc) in self.0.iter().enumerate() {
            non_empty(&doc.title, format!("[{i}].title"))?;
            https(&doc.url, format!("[{i}].url"))?;
        }
        Ok(())
    }
}

impl Validate for TutorialVideos {
    fn validate(&self) -> Result<(), Invalid> {
        for (i, video) in self.0.iter().enumerate() {
            non_empty(&video.title, format!("[{i}].title"))?;
            https(&video.url, format!("[{i}].url"))?;
            non_negative(video.duration_seconds, &format!("[{i}].duration_seconds"))?;
        }
        Ok(())
    }
}

impl Validate for ModuleConfig {
    fn validate(&self) -> Result<(), Invalid> {
        for key in self.0.keys() {
            non_empty(key, "(key)")?;
        }
        Ok(())
    }
}

impl Validate for ModuleConfigurations {
    fn validate(&self) -> Result<(), Invalid> {
        for (slug, config) in &self.0 {
            non_empty(slug, "(module slug)")?;
            config.validate().map_err(|e| Invalid {
                path: format!("{slug}.{}", e.path),
                ..e
            })?;
        }
        Ok(())
    }
}

impl Validate for AdminCredentials {
    fn validate(&self) -> Result<(), Invalid> {
        non_empty(&self.username, "username")?;
        non_empty(&self.password, "password")?;
        non_empty(&self.mfa_recovery_code, "mfa_recovery_code")?;
        https(&self.console_url, "console_url")
    }
}

impl Validate for TemplateParameters {
    fn validate(&self) -> Result<(), Invalid> {
        use crate::sea_orm_active_enums::TemplateFieldType as T;
        for (name, parameter) in &self.0 {
            non_empty(name, "(parameter name)")?;
            let Some(default) = &parameter.default else {
                continue;
            };
            let fits = match parameter.field_type {
                _ if default.is_null() => true,
                T::Number => default.is_number(),
                T::Boolean => default.is_boolean(),
                T::Text | T::Select | T::Date => default.is_string(),
            };
            ensure(
                fits,
                format!("{name}.default"),
                "must be a value of the parameter's type",
            )?;
        }
        Ok(())
    }
}

impl Validate for ReportParameters {
    fn validate(&self) -> Result<(), Invalid> {
        for name in self.0.keys() {
            non_empty(name, "(parameter name)")?;
        }
        Ok(())
    }
}

/// The typed JSON columns of an entity, validated before every save.
///
/// Implemented by codegen for every `ActiveModel` (`xtask/src/codegen/postprocess.rs`), listing
/// the columns typed in `xtask/src/codegen/overrides.rs`; the `before_save` hooks of
/// `entity/src/behavior.rs` call it, so `ActiveModel::insert`/`update`/`save` and every write of
/// `domain::tenancy::TenantTxn` refuse an invalid value. (Bulk `insert_many` runs no hooks; the
/// seeder's data is checked by `entity/tests/json.rs`.)
pub trait ValidateColumns {
    /// Validates each typed JSON column that is set, naming it in the path
    /// (`tenants.settings.branding.primary_color`).
    ///
    /// # Errors
    ///
    /// The first rule a set value breaks.
    fn validate_columns(&self) -> Result<(), Invalid> {
        Ok(())
    }
}

/// Validates the value of `column` when it is being written (`Set`).
///
/// # Errors
///
/// The rule it breaks, with `column` in front of the path.
pub fn validate_column<T: Validate + Into<sea_orm::Value>>(
    column: &str,
    value: &sea_orm::ActiveValue<T>,
) -> Result<(), Invalid> {
    match value {
        sea_orm::ActiveValue::Set(v) => v.validate().map_err(|e| {
            let separator = if e.path.starts_with('[') { "" } else { "." };
            Invalid {
                path: format!("{column}{separator}{}", e.path),
                message: e.message,
            }
        }),
        _ => Ok(()),
    }
}

/// The prefix that marks an [`Invalid`] carried through SeaORM as a `DbErr::Custom`.
const DB_ERR_PREFIX: &str = "invalid typed JSON value ";

impl Invalid {
    /// As a `DbErr`, for the `before_save` hooks; [`Invalid::from_db_err`] reads it back.
    pub fn into_db_err(self) -> sea_orm::DbErr {
        sea_orm::DbErr::Custom(format!("{DB_ERR_PREFIX}`{}`: {}", self.path, self.message))
    }

    /// The [`Invalid`] a `before_save` hook refused a write with, if `err` is one.
    pub fn from_db_err(err: &sea_orm::DbErr) -> Option<Self> {
        let sea_orm::DbErr::Custom(text) = err else {
            return None;
        };
        let rest = text.strip_prefix(DB_ERR_PREFIX)?.strip_prefix('`')?;
        let (path, message) = rest.split_once("`: ")?;
        Some(Self {
            path: path.to_owned(),
            message: message.to_owned(),
        })
    }
}
