//! A generated tenant's billing: its subscriptions (some upgraded from the free plan), an
//! invoice per paid billing period with the payments it took, and a draft for a trial's first
//! period.

use chrono::Duration;
use entity::sea_orm_active_enums::{
    BillingCycle, SubscriptionStatus, TenantTier, TenantUserStatus,
};
use entity::subscriptions;

use super::{Phase, Rows, Shared, Tenant, Time, days, plus_days};
use crate::Gen;
use crate::factory::billing::{self, Bill, Outcome};
use crate::factory::tenancy;

/// Generates the subscriptions, invoices and transactions; the end of the current period of the
/// subscription that has not ended, if any (the tenant's `subscription_expires_at`).
pub(super) fn generate(g: &mut Gen, shared: &Shared, t: &Tenant, rows: &mut Rows) -> Option<Time> {
    let told = t
        .scenario
        .and_then(|s| shared.plans.iter().find(|p| p.code == s.plan));
    let plan = match t.tier {
        _ if told.is_some() => told,
        TenantTier::Free => shared.plan(TenantTier::Free, BillingCycle::Monthly),
        TenantTier::Pro if g.chance(0.3) => shared.plan(TenantTier::Pro, BillingCycle::Yearly),
        TenantTier::Pro => shared.plan(TenantTier::Pro, BillingCycle::Monthly),
        TenantTier::Enterprise => shared.plan(TenantTier::Enterprise, BillingCycle::Yearly),
    }?;
    let seats = t
        .members
        .iter()
        .filter(|m| m.status == TenantUserStatus::Active)
        .count()
        .max(1) as i64;
    let mut invoices = Vec::new();

    // Some paying tenants started on the free plan and upgraded.
    let mut start = t.born;
    if t.tier != TenantTier::Free
        && matches!(
            t.life.phase,
            Phase::Active | Phase::Suspended | Phase::Churned
        )
        && t.active_days() > 45.0
        && g.chance(0.4)
        && let Some(free) = shared.plan(TenantTier::Free, BillingCycle::Monthly)
    {
        let switch = plus_days(t.born, g.float(14.0..(t.active_days() / 2.0).min(120.0)));
        let (from, to) = period(t.born, 30.0, switch);
        rows.subscriptions.push(subscriptions::Model {
            status: SubscriptionStatus::Canceled,
            current_period_start: from,
            current_period_end: to,
            canceled_at: Some(switch),
            updated_at: switch,
            ..tenancy::subscribed_at(g, t.id, free.id, free.billing_cycle, t.born)
        });
        start = switch;
    }

    let cycle_days = billing::cycle_days(plan.billing_cycle) as f64;
    let trialing = matches!(t.life.phase, Phase::Pending | Phase::Trial) && plan.price_cents > 0;
    let (status, canceled) = match t.life.phase {
        _ if trialing => (SubscriptionStatus::Trialing, None),
        Phase::Suspended => (SubscriptionStatus::PastDue, None),
        Phase::Churned => (SubscriptionStatus::Canceled, Some(t.until)),
        _ => (SubscriptionStatus::Active, None),
    };
    let trial_end = trialing.then(|| plus_days(t.born, 14.0));
    let (from, to) = match trial_end {
        Some(end) => (t.born, end),
        None => period(start, cycle_days, canceled.unwrap_or(t.now)),
    };
    let sub = subscriptions::Model {
        status,
        seats,
        current_period_start: from,
        current_period_end: to,
        trial_ends_at: trial_end,
        canceled_at: canceled,
        updated_at: canceled.unwrap_or(from).max(start),
        ..tenancy::subscribed_at(g, t.id, plan.id, plan.billing_cycle, start)
    };

    if plan.price_cents > 0 {
        let mut push = |g: &mut Gen, lines, issued, outcome| {
            let b = Bill {
                tenant: t.id,
                subscription: Some(sub.id),
                lines,
                tax_percent: billing::tax_percent(t.locale),
                net_days: if t.tier == TenantTier::Enterprise {
                    30
                } else {
                    14
                },
                issued,
                until: t.until,
            };
            let (invoice, txns) = billing::bill(g, b, outcome);
            invoices.push(invoice);
            rows.transactions.extend(txns);
        };
        if let Some(end) = trial_end {
            // The first paid period's invoice, drafted a few days before the trial ends.
            let drafted = plus_days(end, -3.0);
            if drafted <= t.now {
                let lines = vec![billing::plan_line(plan, end, plus_days(end, cycle_days))];
                push(g, lines, drafted.max(t.born), Outcome::Draft);
            }
        } else {
            let stop = canceled.unwrap_or(t.now).min(t.until);
            let mut starts = Vec::new();
            let mut p = start;
            while p <= stop {
                starts.push(p);
                p = plus_days(p, cycle_days);
            }
            let n = starts.len();
            for (k, p) in starts.into_iter().enumerate() {
                let end = plus_days(p, cycle_days);
                let mut lines = vec![billing::plan_line(plan, p, end)];
                if plan.tier == TenantTier::Enterprise && g.chance(0.5) {
                    let qty = g.range(1..=20);
                    lines.push(billing::line(
                        "Additional seats",
                        "seat",
                        qty,
                        8_000,
                        p,
                        end,
                    ));
                } else if plan.billing_cycle == BillingCycle::Monthly && k > 0 && g.chance(0.25) {
                    let qty = g.range(1..=6);
                    let storage = "Additional storage, per 10 GB-month";
                    let from = plus_days(p, -cycle_days);
                    lines.push(billing::line(storage, "storage-10gb", qty, 500, from, p));
                }
                let issued = (p + Duration::minutes(g.range(1..=10))).min(stop);
                let last = k + 1 == n;
                let outcome = match t.life.phase {
                    Phase::Suspended if k + 2 >= n => Outcome::Failing,
                    Phase::Churned if last && g.chance(0.2) => Outcome::Void,
                    _ if last && days(issued, t.now) < 3.0 => Outcome::Pending,
                    _ => Outcome::Paid {
                        retried: days(issued, t.now) > 3.0 && g.chance(0.04),
                    },
                };
                push(g, lines, issued, outcome);
            }
        }
    }
    rows.subscriptions.push(sub);
    billing::number_invoices(&mut invoices, &t.invoice_prefix());
    rows.invoices.extend(invoices);
    (canceled.is_none()).then_some(to)
}

/// The billing period of a subscription started at `start` with periods of `cycle_days` that
/// contains `at`.
fn period(start: Time, cycle_days: f64, at: Time) -> (Time, Time) {
    let k = (days(start, at) / cycle_days).floor().max(0.0);
    let from = plus_days(start, k * cycle_days);
    (from, plus_days(from, cycle_days))
}
