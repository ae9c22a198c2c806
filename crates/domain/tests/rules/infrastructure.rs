//! Cases for the tables of the `infrastructure` domain (`migration/src/infrastructure/`).

use super::{Case, case};

pub const CASES: &[Case] = &[
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
];
