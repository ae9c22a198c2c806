//! Cases for the tables of the `integrations` domain (`migration/src/integrations/`).

use super::{Case, case};

pub const CASES: &[Case] = &[
    case(
        "ck_api_integrations_name_not_blank",
        "UPDATE api_integrations SET name = '  ' WHERE status = 'active'",
    ),
    case(
        "ck_api_integrations_base_url_http",
        "UPDATE api_integrations SET base_url = 'ftp://date.nager.at/api/v3' WHERE status = 'active'",
    ),
    case(
        "ck_webhooks_url_http",
        "UPDATE webhooks SET url = 'ftp://hooks.example.com/events' WHERE status = 'active'",
    ),
    case(
        "ck_webhooks_secret_hash",
        "UPDATE webhooks SET secret_hash = 'plaintext-secret' WHERE status = 'active'",
    ),
    case(
        "ck_webhooks_signing_secret_sealed",
        "UPDATE webhooks SET signing_secret = 'plaintext-secret' WHERE status = 'active'",
    ),
    case(
        "ck_webhooks_failure_count_non_negative",
        "UPDATE webhooks SET failure_count = -1 WHERE status = 'active'",
    ),
    case(
        "ck_rate_limits_max_requests_positive",
        "UPDATE rate_limits SET max_requests = 0 WHERE scope = 'api'",
    ),
    case(
        "ck_rate_limits_window_seconds_positive",
        "UPDATE rate_limits SET window_seconds = 0 WHERE scope = 'api'",
    ),
    case(
        "ck_integration_events_attempts_non_negative",
        "UPDATE integration_events SET attempts = -1 WHERE status = 'pending'",
    ),
    case(
        "ck_integration_events_processed_at_iff_processed",
        "UPDATE integration_events SET processed_at = NULL WHERE status = 'processed'",
    ),
    case(
        "ck_integration_events_error_when_failed",
        "UPDATE integration_events SET processing_error = NULL WHERE status = 'failed'",
    ),
];
