//! Cases for the tables of the `billing` domain (`migration/src/billing/`).

use super::{Case, case};

pub const CASES: &[Case] = &[
    case(
        "ck_plans_code",
        "UPDATE plans SET code = 'Pro Plan' WHERE code = 'free'",
    ),
    case(
        "ck_plans_price_non_negative",
        "UPDATE plans SET price_cents = -1 WHERE code = 'free'",
    ),
    case(
        "ck_plans_currency",
        "UPDATE plans SET currency = 'usd' WHERE code = 'free'",
    ),
    case(
        "ck_invoices_currency",
        "UPDATE invoices SET currency = 'usd' WHERE status = 'paid'",
    ),
    case(
        "ck_invoices_amounts_non_negative",
        "UPDATE invoices SET subtotal_cents = -1, tax_cents = 0, total_cents = -1 WHERE status = 'paid'",
    ),
    case(
        "ck_invoices_total_is_subtotal_plus_tax",
        "UPDATE invoices SET total_cents = total_cents + 1 WHERE status = 'paid'",
    ),
    case(
        "ck_invoices_issued_at_unless_draft",
        "UPDATE invoices SET issued_at = NULL WHERE status = 'paid'",
    ),
    case(
        "ck_invoices_paid_at_iff_paid",
        "UPDATE invoices SET paid_at = NULL WHERE status = 'paid'",
    ),
    case(
        "ck_invoices_due_after_issued",
        "UPDATE invoices SET due_at = '2000-01-01T00:00:00+00:00' WHERE status = 'paid'",
    ),
    case(
        "ck_invoices_paid_after_issued",
        "UPDATE invoices SET paid_at = '2000-01-01T00:00:00+00:00' WHERE status = 'paid'",
    ),
    case(
        "ck_transactions_currency",
        "UPDATE transactions SET currency = 'usd' WHERE status = 'succeeded'",
    ),
    case(
        "ck_transactions_amount_non_negative",
        "UPDATE transactions SET amount_cents = -1 WHERE status = 'succeeded'",
    ),
    case(
        "ck_transactions_failure_reason_iff_failed",
        "UPDATE transactions SET failure_reason = 'card_declined' WHERE status = 'succeeded'",
    ),
    case(
        "ck_transactions_provider_ref_needs_provider",
        "UPDATE transactions SET provider = NULL WHERE provider_ref IS NOT NULL",
    ),
];
