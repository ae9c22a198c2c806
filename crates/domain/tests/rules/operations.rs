//! Cases for the billing (invoices, transactions), infrastructure, analytics and monitoring
//! tables.

use super::{Case, case};

pub const CASES: &[Case] = &[
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
    case(
        "ck_resource_usages_quantity_non_negative",
        "UPDATE resource_usages SET quantity = -1 WHERE metric = 'cpu_hours'",
    ),
    case(
        "ck_resource_usages_period_end_after_start",
        "UPDATE resource_usages SET period_end = period_start WHERE metric = 'cpu_hours'",
    ),
    case(
        "ck_domains_hostname",
        "UPDATE domains SET hostname = 'Not A Host' WHERE hostname = 'acme.example.com'",
    ),
    case(
        "ck_domains_verified_at_when_verified",
        "UPDATE domains SET verified_at = NULL WHERE hostname = 'acme.example.com'",
    ),
    case(
        "ck_dns_records_ttl_range",
        "UPDATE dns_records SET ttl = 30 WHERE record_type = 'a'",
    ),
    case(
        "ck_dns_records_priority_range",
        "UPDATE dns_records SET priority = 70000 WHERE record_type = 'mx'",
    ),
    case(
        "ck_dns_records_priority_iff_mx_or_srv",
        "UPDATE dns_records SET priority = NULL WHERE record_type = 'mx'",
    ),
    case(
        "ck_certificates_not_after_after_not_before",
        "UPDATE certificates SET not_after = not_before WHERE common_name = 'acme.example.com'",
    ),
    case(
        "ck_certificates_validity_once_issued",
        "UPDATE certificates SET fingerprint_sha256 = NULL WHERE common_name = 'acme.example.com'",
    ),
    case(
        "ck_certificates_fingerprint_sha256",
        "UPDATE certificates SET fingerprint_sha256 = 'NOT-A-FINGERPRINT' WHERE common_name = 'acme.example.com'",
    ),
    case(
        "ck_certificate_renewals_attempted_unless_scheduled",
        "UPDATE certificate_renewals SET attempted_at = scheduled_at WHERE status = 'scheduled'",
    ),
    case(
        "ck_certificate_renewals_completed_at_iff_finished",
        "UPDATE certificate_renewals SET completed_at = scheduled_at WHERE status = 'scheduled'",
    ),
    case(
        "ck_certificate_renewals_completed_after_attempted",
        "UPDATE certificate_renewals SET completed_at = '2000-01-01T00:00:00+00:00' WHERE status = 'succeeded'",
    ),
    case(
        "ck_certificate_renewals_error_iff_failed",
        "UPDATE certificate_renewals SET error = 'DNS-01 challenge failed' WHERE status = 'scheduled'",
    ),
    case(
        "ck_tenant_stats_counters_non_negative",
        "UPDATE tenant_stats SET api_calls = -1 WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'acme')",
    ),
    case(
        "ck_usage_stats_value_non_negative",
        "UPDATE usage_stats SET value = -1 WHERE metric = 'api_calls'",
    ),
    case(
        "ck_health_checks_latency_non_negative",
        "UPDATE health_checks SET latency_ms = -1 WHERE status = 'healthy'",
    ),
    case(
        "ck_incidents_resolved_at_iff_resolved",
        "UPDATE incidents SET resolved_at = NULL WHERE status = 'resolved'",
    ),
    case(
        "ck_incidents_resolved_after_started",
        "UPDATE incidents SET resolved_at = '2000-01-01T00:00:00+00:00' WHERE status = 'resolved'",
    ),
];
