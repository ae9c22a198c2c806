//! Typed JSON columns: the structs that codegen puts in place of `serde_json::Value` for every
//! column listed in `xtask/src/codegen/overrides.rs`.
//!
//! Every struct rejects unknown fields, with an error naming the field, rather than dropping
//! them silently; missing fields take their documented defaults. (`DeliveryConfirmation` is the
//! exception: a confirmation without a time and method means nothing, so its column is NULL until
//! there is one.)

mod automation;
mod delivery;
mod operations;
mod tenancy;

pub use automation::{
    WebhookEvents, WorkflowDefinition, WorkflowStepDefinition, WorkflowStepRecord,
    WorkflowStepRecords,
};
pub use delivery::{
    AbTestMetric, AbTestSettings, AbTestVariant, ConfirmationMethod, DeliveryConfirmation,
    DocumentFormat, EscalationContact, EscalationContacts, RecoveryStep, RecoveryStepMode,
    RecoverySteps, SopDocument, SopDocuments, TemplateVariable, TemplateVariableKind,
    TemplateVariables, TutorialVideo, TutorialVideos,
};
pub use operations::{InvoiceLineItem, InvoiceLineItems, LineItemPeriod};
pub use tenancy::{
    Branding, CompletedStep, DigestFrequency, NotificationPreferences, OnboardingSteps, PlanLimits,
    TenantSettings, Theme, UserPreferences,
};
