//! A generated tenant's billing: its subscriptions (some upgraded from the free plan), an
//! invoice per paid billing period with the payments it took, and a draft for a trial's first
//! period.

use chrono::Duration;
use entity::json::{InvoiceLineItem, InvoiceLineItems, LineItemPeriod};
use entity::sea_orm_active_enums::{
    BillingCycle, InvoiceStatus, SubscriptionStatus, TenantTier, TenantUserStatus, TransactionKind,
    TransactionStatus,
};
use entity::{invoices, plans, subscriptions, transactions};
use uuid::Uuid;

use super::{Phase, Rows, Shared, Tenant, Time, between, days, plus_days};
use crate::Gen;

/// Generates the subscriptions, invoices and transactions; the end of the current period of the
/// subscription that has not ended, if any (the tenant's `subscription_expires_at`).
pub(super) fn generate(g: &mut Gen, shared: &Shared, t: &Tenant, rows: &mut Rows) -> Option<Time> {
    let plan = match t.tier {
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
            id: g.id_at(t.born),
            tenant_id: t.id,
            plan_id: free.id,
            status: SubscriptionStatus::Canceled,
            billing_cycle: free.billing_cycle,
            seats: 1,
            current_period_start: from,
            current_period_end: to,
            trial_ends_at: None,
            canceled_at: Some(switch),
            created_at: t.born,
            updated_at: switch,
        });
        start = switch;
    }

    let cycle_days = match plan.billing_cycle {
        BillingCycle::Monthly => 30.0,
        BillingCycle::Yearly => 365.0,
    };
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
        id: g.id_at(start),
        tenant_id: t.id,
        plan_id: plan.id,
        status,
        billing_cycle: plan.billing_cycle,
        seats,
        current_period_start: from,
        current_period_end: to,
        trial_ends_at: trial_end,
        canceled_at: canceled,
        created_at: start,
        updated_at: canceled.unwrap_or(from).max(start),
    };

    if plan.price_cents > 0 {
        let tax = tax_percent(t.locale);
        if let Some(end) = trial_end {
            // The first paid period's invoice, drafted a few days before the trial ends.
            let drafted = plus_days(end, -3.0);
            if drafted <= t.now {
                let lines = vec![plan_line(plan, end, plus_days(end, cycle_days))];
                let at = drafted.max(t.born);
                bill(
                    g,
                    t,
                    sub.id,
                    lines,
                    tax,
                    at,
                    Outcome::Draft,
                    &mut invoices,
                    rows,
                );
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
                let mut lines = vec![plan_line(plan, p, end)];
                if plan.tier == TenantTier::Enterprise && g.chance(0.5) {
                    let qty = g.range(1..=20) as u32;
                    lines.push(InvoiceLineItem {
                        description: "Additional seats".into(),
                        quantity: i64::from(qty),
                        unit_price_cents: 8_000,
                        amount_cents: 8_000 * i64::from(qty),
                        period: Some(line_period(p, end)),
                        plan_code: Some(plan.code.clone()),
                        sku: None,
                        extra: Default::default(),
                    });
                } else if plan.billing_cycle == BillingCycle::Monthly && k > 0 && g.chance(0.25) {
                    let qty = g.range(1..=6) as u32;
                    lines.push(InvoiceLineItem {
                        description: "Additional storage, per 10 GB-month".into(),
                        quantity: i64::from(qty),
                        unit_price_cents: 500,
                        amount_cents: 500 * i64::from(qty),
                        period: Some(line_period(plus_days(p, -cycle_days), p)),
                        plan_code: None,
                        sku: Some("storage-10gb".into()),
                        extra: Default::default(),
                    });
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
                bill(
                    g,
                    t,
                    sub.id,
                    lines,
                    tax,
                    issued,
                    outcome,
                    &mut invoices,
                    rows,
                );
            }
        }
    }
    rows.subscriptions.push(sub);
    // Numbers follow issue order within the tenant.
    invoices.sort_by_key(|i| i.created_at);
    for (n, inv) in invoices.iter_mut().enumerate() {
        inv.number = format!("G{}-{:05}", t.index, n + 1);
    }
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

/// Sales tax by the tenant's country.
fn tax_percent(locale: &str) -> i64 {
    match locale {
        "en-GB" | "fr-FR" => 20,
        "de-DE" => 19,
        "es-ES" | "nl-NL" => 21,
        "en-AU" | "ja-JP" => 10,
        "en-IN" => 18,
        _ => 0,
    }
}

fn line_period(start: Time, end: Time) -> LineItemPeriod {
    LineItemPeriod {
        start,
        end,
        extra: Default::default(),
    }
}

fn plan_line(plan: &plans::Model, start: Time, end: Time) -> InvoiceLineItem {
    InvoiceLineItem {
        description: plan.name.clone(),
        quantity: 1,
        unit_price_cents: plan.price_cents,
        amount_cents: plan.price_cents,
        period: Some(line_period(start, end)),
        plan_code: Some(plan.code.clone()),
        sku: None,
        extra: Default::default(),
    }
}

/// How an invoice ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Not yet issued.
    Draft,
    /// Paid by card; `retried` when the first charge was declined.
    Paid { retried: bool },
    /// Issued in the last days, the automatic charge in flight.
    Pending,
    /// Issued, every charge declined (what suspended the tenant).
    Failing,
    /// Issued in error and voided.
    Void,
}

/// An invoice issued (or, for a draft, created) at `issued`, with the transactions its outcome
/// implies.
#[allow(clippy::too_many_arguments)]
fn bill(
    g: &mut Gen,
    t: &Tenant,
    subscription_id: Uuid,
    lines: Vec<InvoiceLineItem>,
    tax_percent: i64,
    issued: Time,
    outcome: Outcome,
    out: &mut Vec<invoices::Model>,
    rows: &mut Rows,
) {
    let now = t.now;
    let subtotal: i64 = lines.iter().map(|l| l.amount_cents).sum();
    let tax = subtotal * tax_percent / 100;
    let total = subtotal + tax;
    let id = g.id_at(issued);
    let mut paid_at = None;
    let mut updated = issued;
    let status = match outcome {
        Outcome::Draft => InvoiceStatus::Draft,
        Outcome::Paid { retried } => {
            let mut at = issued + Duration::minutes(g.range(5..=60));
            if retried {
                rows.transactions
                    .push(charge(g, t, id, total, at, TransactionStatus::Failed));
                at += Duration::days(2) + Duration::minutes(g.range(0..=600));
            }
            let at = at.min(now);
            rows.transactions
                .push(charge(g, t, id, total, at, TransactionStatus::Succeeded));
            paid_at = Some(at);
            updated = at;
            InvoiceStatus::Paid
        }
        Outcome::Pending => {
            let at = (issued + Duration::minutes(g.range(5..=30))).min(now);
            rows.transactions
                .push(charge(g, t, id, total, at, TransactionStatus::Pending));
            InvoiceStatus::Open
        }
        Outcome::Failing => {
            for d in [0, 3, 7] {
                let at = issued + Duration::days(d) + Duration::minutes(g.range(5..=90));
                let at = if d == 0 { at.min(t.until) } else { at };
                if at > t.until {
                    break;
                }
                rows.transactions
                    .push(charge(g, t, id, total, at, TransactionStatus::Failed));
                updated = at;
            }
            InvoiceStatus::Open
        }
        Outcome::Void => {
            updated = between(g, issued, (issued + Duration::hours(5)).min(now));
            InvoiceStatus::Void
        }
    };
    let issued_at = (status != InvoiceStatus::Draft).then_some(issued);
    let net = if t.tier == TenantTier::Enterprise {
        30
    } else {
        14
    };
    out.push(invoices::Model {
        id,
        tenant_id: t.id,
        subscription_id: Some(subscription_id),
        number: String::new(),
        status,
        currency: "USD".into(),
        subtotal_cents: subtotal,
        tax_cents: tax,
        total_cents: total,
        line_items: InvoiceLineItems(lines),
        issued_at,
        due_at: issued_at.map(|at| at + Duration::days(net)),
        paid_at,
        created_at: issued,
        updated_at: updated,
    });
}

fn charge(
    g: &mut Gen,
    t: &Tenant,
    invoice_id: Uuid,
    amount_cents: i64,
    at: Time,
    status: TransactionStatus,
) -> transactions::Model {
    transactions::Model {
        id: g.id_at(at),
        tenant_id: t.id,
        invoice_id: Some(invoice_id),
        kind: TransactionKind::Charge,
        status,
        amount_cents,
        currency: "USD".into(),
        provider: Some("stripe".into()),
        provider_ref: Some(format!("ch_{}", hex::encode(g.bytes::<12>()))),
        failure_reason: (status == TransactionStatus::Failed).then(|| {
            (*g.pick(&[
                "card_declined: insufficient_funds",
                "card_declined: do_not_honor",
                "expired_card",
            ]))
            .to_owned()
        }),
        occurred_at: at,
        created_at: at,
        updated_at: at,
    }
}
