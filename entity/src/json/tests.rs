//! The typed JSON values: defaults, tolerance of unknown fields (kept through a
//! read-modify-write), round trips, and the writers' rules.

use serde_json::json;

use super::*;

/// Reads `value`, lets `change` edit the struct, writes it back.
fn read_modify_write<T>(value: serde_json::Value, change: impl FnOnce(&mut T)) -> serde_json::Value
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let mut typed: T = serde_json::from_value(value).expect("a newer writer's value reads");
    change(&mut typed);
    serde_json::to_value(&typed).expect("writes")
}

#[test]
fn empty_values_take_the_defaults() {
    let settings: TenantSettings = serde_json::from_str("{}").expect("{} is valid");
    assert_eq!(settings, TenantSettings::default());
    let prefs: UserPreferences = serde_json::from_str("{}").expect("{} is valid");
    assert!(prefs.notifications.email);
    assert_eq!(prefs.notifications.digest, DigestFrequency::Weekly);
    let ab: AbTestSettings = serde_json::from_str("{}").expect("{} is valid");
    assert_eq!(ab, AbTestSettings::default());
    let definition: WorkflowDefinition = serde_json::from_str("{}").expect("{} is valid");
    assert_eq!(definition, WorkflowDefinition::default());
    let list = "[]";
    assert_eq!(
        serde_json::from_str::<WebhookEvents>(list).expect("valid"),
        WebhookEvents::default()
    );
    assert!(
        serde_json::from_str::<RecoverySteps>(list)
            .expect("valid")
            .0
            .is_empty()
    );
    assert!(
        serde_json::from_str::<ApiKeyScopes>(list)
            .expect("valid")
            .0
            .is_empty()
    );
    let var: TemplateVariable =
        serde_json::from_str(r#"{"name": "first_name"}"#).expect("only the name is needed");
    assert!(var.required);
    assert_eq!(var.kind, TemplateVariableKind::Text);
}

#[test]
fn unknown_fields_are_kept_through_a_read_modify_write() {
    // A newer version added `timeout_seconds` to a step and `colour_scheme` to branding.
    let definition = json!({"steps": [
        {"name": "a", "type": "b", "timeout_seconds": 30},
        {"name": "c", "type": "d"}
    ], "schema": 2});
    let written =
        read_modify_write::<WorkflowDefinition>(definition, |d| d.steps[1].max_retries = 5);
    assert_eq!(written["steps"][0]["timeout_seconds"], 30);
    assert_eq!(written["steps"][1]["max_retries"], 5);
    assert_eq!(written["schema"], 2);

    let settings = json!({"require_mfa": true, "branding": {"primary_color": "#112233", "colour_scheme": "dusk"}, "sso": {"enforced": true}});
    let written = read_modify_write::<TenantSettings>(settings, |s| s.require_mfa = false);
    assert_eq!(written["branding"]["colour_scheme"], "dusk");
    assert_eq!(written["sso"], json!({"enforced": true}));
    assert_eq!(written["require_mfa"], false);

    let items = json!([{"description": "x", "quantity": 1, "unit_price_cents": 1, "amount_cents": 1, "tax_cents": 0}]);
    let written = read_modify_write::<InvoiceLineItems>(items, |i| i.0[0].description = "y".into());
    assert_eq!(written[0]["tax_cents"], 0);

    let credentials = json!({"username": "u", "password": "p", "console_url": "https://c", "mfa_recovery_code": "r", "hint": "h"});
    let written = read_modify_write::<AdminCredentials>(credentials, |c| c.password = "q".into());
    assert_eq!(written["hint"], "h");
    assert_eq!(written["password"], "q");
}

#[test]
fn shapes_round_trip() {
    let steps: RecoverySteps = serde_json::from_value(json!([
        {"name": "Fail over DNS", "mode": "automated", "automation_key": "dns.failover"},
        {"name": "Verify data", "mode": "manual", "responsible_role": "dba-on-call", "estimated_minutes": 30}
    ]))
    .expect("valid steps");
    assert_eq!(steps.0[0].mode, RecoveryStepMode::Automated);
    assert_eq!(steps.0[1].estimated_minutes, Some(30));
    let back: RecoverySteps =
        serde_json::from_value(serde_json::to_value(&steps).expect("serialises"))
            .expect("round-trips");
    assert_eq!(back, steps);

    let step: WorkflowStepDefinition =
        serde_json::from_value(json!({"name": "provision", "type": "provision_database"}))
            .expect("valid");
    assert_eq!(step.max_retries, 3);
    assert_eq!(
        serde_json::to_value(&step).expect("writes")["type"],
        "provision_database"
    );

    let items: InvoiceLineItems = serde_json::from_value(json!([
        {"description": "Pro plan, 5 seats", "quantity": 5, "unit_price_cents": 1200,
         "amount_cents": 6000, "plan_code": "pro-monthly",
         "period": {"start": "2026-11-01T00:00:00Z", "end": "2026-12-01T00:00:00Z"}},
        {"description": "Setup", "quantity": 1, "unit_price_cents": 500, "amount_cents": 500}
    ]))
    .expect("valid line items");
    assert_eq!(items.subtotal_cents(), Some(6500));
    assert_eq!(items.validate(), Ok(()));

    let parameters: TemplateParameters = serde_json::from_value(json!({
        "region": {"type": "select", "required": true, "default": "EU"},
        "period_start": {"type": "date", "required": true, "default": null}
    }))
    .expect("valid parameters");
    assert_eq!(
        parameters.0["region"].field_type,
        crate::sea_orm_active_enums::TemplateFieldType::Select
    );
    assert_eq!(parameters.validate(), Ok(()));
}

#[test]
fn writers_are_told_which_field_breaks_which_rule() {
    let path = |r: Result<(), Invalid>| r.expect_err("invalid").path;
    let mut settings = TenantSettings::default();
    settings.branding.primary_color = Some("blue".into());
    assert_eq!(path(settings.validate()), "branding.primary_color");

    let items: InvoiceLineItems = serde_json::from_value(json!([
        {"description": "ok", "quantity": 2, "unit_price_cents": 5, "amount_cents": 10},
        {"description": "bad", "quantity": 2, "unit_price_cents": 5, "amount_cents": 11}
    ]))
    .expect("reads");
    assert_eq!(path(items.validate()), "[1].amount_cents");

    let ab: AbTestSettings = serde_json::from_value(json!({"variants": [
        {"key": "a", "weight_percent": 50}, {"key": "b", "weight_percent": 40}
    ]}))
    .expect("reads");
    assert_eq!(path(ab.validate()), "variants");

    let definition: WorkflowDefinition = serde_json::from_value(json!({"steps": [
        {"name": "a", "type": "x"}, {"name": "a", "type": "y"}
    ]}))
    .expect("reads");
    assert_eq!(path(definition.validate()), "steps[1].name");

    assert_eq!(
        path(ApiKeyScopes(vec!["reports.read".into(), "Reports".into()]).validate()),
        "[1]"
    );
    let parameters: TemplateParameters =
        serde_json::from_value(json!({"limit": {"type": "number", "default": "ten"}}))
            .expect("reads");
    assert_eq!(path(parameters.validate()), "limit.default");
    let credentials: AdminCredentials = serde_json::from_value(json!({
        "username": "u", "password": "", "console_url": "https://c", "mfa_recovery_code": "r"
    }))
    .expect("reads");
    assert_eq!(path(credentials.validate()), "password");
    assert!(
        !format!("{credentials:?}").contains("\"r\""),
        "Debug hides the secrets"
    );
}

#[test]
fn numbers_and_times_are_the_columns_types() {
    let record: WorkflowStepRecord = serde_json::from_value(json!({
        "step": "a", "execution_order": 3, "finished_at": "2026-01-01T00:00:00+01:00"
    }))
    .expect("reads");
    // The same types as workflow_steps.execution_order and a timestamptz column.
    let _: i64 = record.execution_order;
    let _: sea_orm::prelude::DateTimeWithTimeZone = record.finished_at;
    assert_eq!(record.finished_at.to_rfc3339(), "2026-01-01T00:00:00+01:00");
}
