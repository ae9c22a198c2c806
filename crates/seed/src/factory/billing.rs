//! Billing: the price list, invoices and payments.

use chrono::{DateTime, Duration, FixedOffset};
use entity::json::{InvoiceLineItem, InvoiceLineItems, LineItemPeriod, PlanLimits};
use entity::sea_orm_active_enums::{
    BillingCycle, InvoiceStatus, TenantTier, TransactionKind, TransactionStatus,
};
use entity::{invoices, plans, transactions};
use uuid::Uuid;

use super::{at, unique};
use crate::Gen;

type Time = DateTime<FixedOffset>;

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

/// The days of one billing period of `cycle`.
pub fn cycle_days(cycle: BillingCycle) -> i64 {
    match cycle {
        BillingCycle::Monthly => 30,
        BillingCycle::Yearly => 365,
    }
}

/// The period `start..end` of an invoice line.
pub fn period(start: Time, end: Time) -> LineItemPeriod {
    LineItemPeriod {
        start,
        end,
        extra: Default::default(),
    }
}

/// The line billing one period `start..end` of `plan`.
pub fn plan_line(plan: &plans::Model, start: Time, end: Time) -> InvoiceLineItem {
    InvoiceLineItem {
        plan_code: Some(plan.code.clone()),
        sku: None,
        ..line(
            &format!("{} plan", plan.name),
            "",
            1,
            plan.price_cents,
            start,
            end,
        )
    }
}

/// A line billing `quantity` units of `sku` at `unit_price_cents` each, for `start..end`.
pub fn line(
    description: &str,
    sku: &str,
    quantity: i64,
    unit_price_cents: i64,
    start: Time,
    end: Time,
) -> InvoiceLineItem {
    InvoiceLineItem {
        description: description.into(),
        quantity,
        unit_price_cents,
        amount_cents: quantity * unit_price_cents,
        period: Some(period(start, end)),
        plan_code: None,
        sku: Some(sku.into()),
        extra: Default::default(),
    }
}

/// Sales tax, in percent, for a tenant in `locale`'s country.
pub fn tax_percent(locale: &str) -> i64 {
    match locale {
        "en-GB" | "fr-FR" => 20,
        "de-DE" => 19,
        "es-ES" | "nl-NL" => 21,
        "en-AU" | "ja-JP" => 10,
        "en-IN" => 18,
        _ => 0,
    }
}

/// How an invoice ended up: the traits of [`bill`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Not yet issued.
    Draft,
    /// Paid by card; `retried` when the first charge was declined and a second one succeeded.
    Paid {
        /// Whether the first charge was declined.
        retried: bool,
    },
    /// Paid, then refunded in full.
    Refunded,
    /// Issued, the automatic charge in flight.
    Pending,
    /// Issued on payment terms, nothing charged yet.
    Open,
    /// Issued, every charge so far declined.
    Failing,
    /// Charges declined until it was written off.
    Uncollectible,
    /// Issued in error and voided.
    Void,
}

/// An invoice to make with [`bill`].
#[derive(Debug, Clone)]
pub struct Bill {
    /// The tenant billed.
    pub tenant: Uuid,
    /// The subscription billed, if any.
    pub subscription: Option<Uuid>,
    /// What is billed.
    pub lines: Vec<InvoiceLineItem>,
    /// Sales tax on the subtotal, in percent (see [`tax_percent`]).
    pub tax_percent: i64,
    /// Days from issue to due date.
    pub net_days: i64,
    /// When it was issued (for a draft, created); no later than now.
    pub issued: Time,
    /// The tenant's last moment of activity ([`crate::TenantLife::stopped_at`]): declined
    /// charges are retried until then.
    pub until: Time,
}

/// The invoice `b` as `outcome` left it, with the transactions that outcome implies (charges,
/// retries, a refund, a write-off), in time order. Its `number` is empty: [`number_invoices`]
/// numbers a tenant's invoices in issue order.
pub fn bill(g: &mut Gen, b: Bill, outcome: Outcome) -> (invoices::Model, Vec<transactions::Model>) {
    let now = g.now();
    let issued = b.issued.min(now);
    let subtotal: i64 = b.lines.iter().map(|l| l.amount_cents).sum();
    let tax = subtotal * b.tax_percent / 100;
    let total = subtotal + tax;
    let id = g.id_at(issued);
    let mut txns = Vec::new();
    let mut charge = |g: &mut Gen, kind, status, at| {
        txns.push(transaction(g, b.tenant, Some(id), kind, status, total, at));
        at
    };
    let (status, paid_at, updated) = match outcome {
        Outcome::Draft => (InvoiceStatus::Draft, None, issued),
        Outcome::Open => (InvoiceStatus::Open, None, issued),
        Outcome::Void => {
            let voided = (issued + minutes(g, 60, 300)).min(now);
            (InvoiceStatus::Void, None, voided)
        }
        Outcome::Paid { retried } => {
            let mut at = issued + minutes(g, 5, 60);
            if retried {
                charge(g, TransactionKind::Charge, TransactionStatus::Failed, at);
                at += Duration::days(2) + minutes(g, 0, 600);
            }
            let at = at.min(now);
            charge(g, TransactionKind::Charge, TransactionStatus::Succeeded, at);
            (InvoiceStatus::Paid, Some(at), at)
        }
        Outcome::Refunded => {
            let at = (issued + minutes(g, 5, 60)).min(now);
            charge(g, TransactionKind::Charge, TransactionStatus::Succeeded, at);
            let refunded = (at + Duration::days(4) + minutes(g, 0, 300)).min(now);
            charge(
                g,
                TransactionKind::Refund,
                TransactionStatus::Succeeded,
                refunded,
            );
            (InvoiceStatus::Paid, Some(at), refunded)
        }
        Outcome::Pending => {
            let at = (issued + minutes(g, 5, 30)).min(now);
            charge(g, TransactionKind::Charge, TransactionStatus::Pending, at);
            (InvoiceStatus::Open, None, issued)
        }
        Outcome::Failing | Outcome::Uncollectible => {
            let mut updated = issued;
            for days in [0, 3, 7] {
                let at = issued + Duration::days(days) + minutes(g, 5, 90);
                // The first charge follows the invoice even when the tenant stopped at once.
                let at = if days == 0 {
                    at.min(b.until.max(issued))
                } else {
                    at
                };
                if at > now || (days > 0 && at > b.until) {
                    break;
                }
                updated = charge(g, TransactionKind::Charge, TransactionStatus::Failed, at);
            }
            if outcome == Outcome::Uncollectible {
                // Written off after the last retry: an internal ledger adjustment.
                let at = (issued + Duration::days(30)).min(now).max(updated);
                updated = charge(
                    g,
                    TransactionKind::Adjustment,
                    TransactionStatus::Succeeded,
                    at,
                );
                (InvoiceStatus::Uncollectible, None, updated)
            } else {
                (InvoiceStatus::Open, None, updated)
            }
        }
    };
    let issued_at = (status != InvoiceStatus::Draft).then_some(issued);
    let invoice = invoices::Model {
        id,
        tenant_id: b.tenant,
        subscription_id: b.subscription,
        number: String::new(),
        status,
        currency: "USD".into(),
        subtotal_cents: subtotal,
        tax_cents: tax,
        total_cents: total,
        line_items: InvoiceLineItems(b.lines),
        issued_at,
        due_at: issued_at.map(|at| at + Duration::days(b.net_days)),
        paid_at,
        created_at: issued,
        updated_at: updated,
    };
    (invoice, txns)
}

/// Numbers one tenant's `invoices` `<prefix>-00001`, `<prefix>-00002` … in issue order (and
/// leaves them in that order).
pub fn number_invoices(invoices: &mut [invoices::Model], prefix: &str) {
    invoices.sort_by_key(|i| i.created_at);
    for (n, inv) in invoices.iter_mut().enumerate() {
        inv.number = format!("{prefix}-{:05}", n + 1);
    }
}

/// Any valid invoice of `tenant`: paid, for one month of `plan`, numbered `INV-00001`.
pub fn invoice(g: &mut Gen, tenant: Uuid, plan: &plans::Model) -> invoices::Model {
    let b = Bill {
        tenant,
        subscription: None,
        lines: vec![plan_line(plan, at(0), at(30))],
        tax_percent: 20,
        net_days: 14,
        issued: at(0),
        until: at(0),
    };
    let (mut invoice, _) = bill(g, b, Outcome::Paid { retried: false });
    invoice.number = "INV-00001".into();
    invoice
}

/// Why a card charge was declined.
const DECLINES: &[&str] = &[
    "card_declined: insufficient_funds",
    "card_declined: do_not_honor",
    "expired_card",
];

/// A transaction of `amount_cents` at `at`; charges and refunds go through Stripe, credits and
/// adjustments are internal, and a failed one says why.
pub fn transaction(
    g: &mut Gen,
    tenant: Uuid,
    invoice: Option<Uuid>,
    kind: TransactionKind,
    status: TransactionStatus,
    amount_cents: i64,
    at: Time,
) -> transactions::Model {
    let prefix = match kind {
        TransactionKind::Charge => Some("ch"),
        TransactionKind::Refund => Some("re"),
        TransactionKind::Credit | TransactionKind::Adjustment => None,
    };
    let provider_ref = prefix.map(|p| format!("{p}_{}", hex::encode(g.bytes::<12>())));
    let failure_reason = (status == TransactionStatus::Failed).then(|| (*g.pick(DECLINES)).into());
    transactions::Model {
        id: g.id_at(at),
        tenant_id: tenant,
        invoice_id: invoice,
        kind,
        status,
        amount_cents,
        currency: "USD".into(),
        provider: provider_ref.as_ref().map(|_| "stripe".to_owned()),
        provider_ref,
        failure_reason,
        occurred_at: at,
        created_at: at,
        updated_at: at,
    }
}

/// Between `lo` and `hi` whole minutes.
fn minutes(g: &mut Gen, lo: i64, hi: i64) -> Duration {
    Duration::minutes(g.range(lo..=hi))
}
