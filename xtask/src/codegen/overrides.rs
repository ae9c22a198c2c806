//! The declared column → Rust type table for JSON columns whose shape the model describes.
//!
//! sea-orm-codegen types every JSON column as `serde_json::Value`; each row here makes that
//! column a typed struct of `entity::json` instead. Codegen fails when a row names a column that
//! does not exist or is not JSON, so the table cannot silently go stale.

/// A typed JSON column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonOverride {
    /// The table.
    pub table: &'static str,
    /// The JSON column.
    pub column: &'static str,
    /// The Rust type, a path inside the entity crate.
    pub rust_type: &'static str,
}

const fn typed(table: &'static str, column: &'static str, rust_type: &'static str) -> JsonOverride {
    JsonOverride {
        table,
        column,
        rust_type,
    }
}

/// Every typed JSON column, sorted by table then column.
pub const JSON_OVERRIDES: &[JsonOverride] = &[
    typed("api_keys", "scopes", "crate::json::ApiKeyScopes"),
    typed("campaigns", "ab_test", "crate::json::AbTestSettings"),
    typed(
        "handover_packages",
        "delivery_confirmation",
        "crate::json::DeliveryConfirmation",
    ),
    typed(
        "handover_packages",
        "module_configurations",
        "crate::json::ModuleConfigurations",
    ),
    typed(
        "handover_packages",
        "sop_documents",
        "crate::json::SopDocuments",
    ),
    typed(
        "handover_packages",
        "tutorial_videos",
        "crate::json::TutorialVideos",
    ),
    typed("invoices", "line_items", "crate::json::InvoiceLineItems"),
    typed(
        "module_installations",
        "config",
        "crate::json::ModuleConfig",
    ),
    typed(
        "notification_templates",
        "variables",
        "crate::json::TemplateVariables",
    ),
    typed(
        "onboardings",
        "steps_completed",
        "crate::json::OnboardingSteps",
    ),
    typed("plans", "limits", "crate::json::PlanLimits"),
    typed(
        "recovery_plans",
        "escalation_contacts",
        "crate::json::EscalationContacts",
    ),
    typed("recovery_plans", "steps", "crate::json::RecoverySteps"),
    typed(
        "report_templates",
        "parameters",
        "crate::json::TemplateParameters",
    ),
    typed("reports", "parameters", "crate::json::ReportParameters"),
    typed("tenants", "settings", "crate::json::TenantSettings"),
    typed("users", "preferences", "crate::json::UserPreferences"),
    typed("webhooks", "events", "crate::json::WebhookEvents"),
    typed(
        "workflow_runs",
        "steps_completed",
        "crate::json::WorkflowStepRecords",
    ),
    typed(
        "workflow_runs",
        "steps_failed",
        "crate::json::WorkflowStepRecords",
    ),
    typed("workflows", "definition", "crate::json::WorkflowDefinition"),
];
