//! Typed JSON columns: the structs that codegen puts in place of `serde_json::Value` for every
//! column listed in `xtask/src/codegen/overrides.rs`, one module per domain of the model.
//!
//! **Rolling deploys.** Readers are tolerant: a field this version does not know (written by a
//! newer version while both run) is no error; it is kept in the struct's `extra` map and written
//! back as read, so a read-modify-write by the older version does not drop it. Missing fields
//! take their documented defaults. (`DeliveryConfirmation` is the exception to the defaults: a
//! confirmation without a time and method means nothing, so its column is NULL until there is
//! one.)
//!
//! **Writers validate.** Every type implements [`Validate`], the rules the shape alone cannot
//! say (a colour is `#rrggbb`, A/B weights add up to 100, an invoice line's amount is quantity
//! times unit price), naming the offending field by its path; a writer calls it before saving
//! (`domain::Error` converts an [`Invalid`] into a validation error with that path).
//!
//! Numbers are `i64` and times `DateTimeWithTimeZone`, as in the columns they are copied to and
//! from (`workflow_steps.execution_order`, `invoices.period_start`, …).

mod automation;
mod backup;
mod billing;
mod handover;
mod identity;
mod integrations;
mod marketplace;
mod notifications;
mod reporting;
mod tenancy;
mod validate;

pub use automation::{
    WorkflowDefinition, WorkflowStepDefinition, WorkflowStepRecord, WorkflowStepRecords,
};
pub use backup::{
    EscalationContact, EscalationContacts, RecoveryStep, RecoveryStepMode, RecoverySteps,
};
pub use billing::{InvoiceLineItem, InvoiceLineItems, LineItemPeriod, PlanLimits};
pub use handover::{
    AdminCredentials, ConfirmationMethod, DeliveryConfirmation, DocumentFormat,
    ModuleConfigurations, SopDocument, SopDocuments, TutorialVideo, TutorialVideos,
};
pub use identity::{
    ApiKeyScopes, DigestFrequency, NotificationPreferences, Theme, UserPreferences,
};
pub use integrations::WebhookEvents;
pub use marketplace::ModuleConfig;
pub use notifications::{
    AbTestMetric, AbTestSettings, AbTestVariant, TemplateVariable, TemplateVariableKind,
    TemplateVariables,
};
pub use reporting::{ReportParameters, TemplateParameter, TemplateParameters};
pub use tenancy::{Branding, CompletedStep, OnboardingSteps, TenantSettings};
pub use validate::{Invalid, Validate, ValidateColumns, validate_column};

/// The fields of a JSON object this version does not know, kept as read.
pub type Extra = serde_json::Map<String, serde_json::Value>;

#[cfg(test)]
mod tests;
