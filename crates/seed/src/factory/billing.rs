//! Billing: the price list, invoices and payments.

use chrono::{DateTime, FixedOffset};
use entity::json::PlanLimits;
use entity::plans;
use entity::sea_orm_active_enums::{BillingCycle, TenantTier};

use super::{at, unique};
use crate::Gen;

/// The plan `code` (`name`) of `tier`, billed every `cycle` at `price_cents` US cents; its
/// features and limits follow its tier.
pub fn plan_of(
    g: &mut Gen,
    code: &str,
    name: &str,
    tier: TenantTier,
    price_cents: i64,
    cycle: BillingCycle,
    created: DateTime<FixedOffset>,
) -> plans::Model {
    plans::Model {
        id: g.id_at(created),
        code: code.into(),
        name: name.into(),
        tier,
        price_cents,
        currency: "USD".into(),
        billing_cycle: cycle,
        features: serde_json::json!(match tier {
            TenantTier::Free => vec!["reports"],
            TenantTier::Pro => vec!["reports", "schedules", "api"],
            TenantTier::Enterprise => vec!["reports", "schedules", "api", "sso", "audit_export"],
        }),
        limits: match tier {
            TenantTier::Free => PlanLimits {
                max_users: Some(3),
                max_reports: Some(20),
                storage_gb: Some(1),
                api_calls_per_month: Some(1_000),
                extra: Default::default(),
            },
            TenantTier::Pro => PlanLimits {
                max_users: Some(50),
                max_reports: Some(1_000),
                storage_gb: Some(100),
                api_calls_per_month: Some(1_000_000),
                extra: Default::default(),
            },
            TenantTier::Enterprise => PlanLimits::default(),
        },
        is_active: true,
        created_at: created,
        updated_at: created,
    }
}

/// Any valid plan: Pro, monthly, with a unique code.
pub fn plan(g: &mut Gen) -> plans::Model {
    let code = unique(g, "plan");
    plan_of(
        g,
        &code,
        "Pro",
        TenantTier::Pro,
        4_900,
        BillingCycle::Monthly,
        at(0),
    )
}
