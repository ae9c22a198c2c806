//! Cases for the tenancy, identity and plans tables.

use super::{Case, case};

pub const CASES: &[Case] = &[
    case(
        "ck_tenants_slug",
        "UPDATE tenants SET slug = 'Not A Slug' WHERE slug = 'acme'",
    ),
    case(
        "ck_tenants_domain",
        "UPDATE tenants SET domain = 'no domain' WHERE slug = 'acme'",
    ),
    case(
        "ck_tenants_limits_non_negative",
        "UPDATE tenants SET max_reports = -1 WHERE slug = 'acme'",
    ),
    case(
        "ck_users_email",
        "UPDATE users SET email = 'not-an-email' WHERE username = 'ada_lovelace'",
    ),
    case(
        "ck_users_username",
        "UPDATE users SET username = 'a b' WHERE username = 'ada_lovelace'",
    ),
    case(
        "ck_users_failed_login_count_non_negative",
        "UPDATE users SET failed_login_count = -1 WHERE username = 'ada_lovelace'",
    ),
    case(
        "ck_tenant_roles_name_not_blank",
        "UPDATE tenant_roles SET name = '  ' WHERE name = 'member'",
    ),
    case(
        "ck_tenant_users_joined_when_active",
        "UPDATE tenant_users SET joined_at = NULL WHERE status = 'active'",
    ),
    case(
        "ck_onboardings_started_unless_not_started",
        "UPDATE onboardings SET started_at = NULL WHERE status = 'completed'",
    ),
    case(
        "ck_onboardings_completed_at_iff_completed",
        "UPDATE onboardings SET completed_at = NULL WHERE status = 'completed'",
    ),
    case(
        "ck_onboardings_completed_after_started",
        "UPDATE onboardings SET completed_at = '2000-01-01T00:00:00+00:00' WHERE status = 'completed'",
    ),
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
        "ck_subscriptions_seats_positive",
        "UPDATE subscriptions SET seats = 0 WHERE status = 'active'",
    ),
    case(
        "ck_subscriptions_period_end_after_start",
        "UPDATE subscriptions SET current_period_end = current_period_start WHERE status = 'active'",
    ),
    case(
        "ck_subscriptions_canceled_at_when_canceled",
        "UPDATE subscriptions SET canceled_at = NULL WHERE status = 'canceled'",
    ),
    case(
        "ck_subscriptions_trial_ends_at_when_trialing",
        "UPDATE subscriptions SET trial_ends_at = NULL WHERE status = 'trialing'",
    ),
    case(
        "ck_permissions_resource_action",
        "UPDATE permissions SET resource = 'Reports', code = 'Reports.read' WHERE code = 'reports.read'",
    ),
    case(
        "ck_permissions_code_is_resource_dot_action",
        "UPDATE permissions SET code = 'reports.write' WHERE code = 'reports.read'",
    ),
    case(
        "ck_roles_name_not_blank",
        "UPDATE roles SET name = '' WHERE name = 'report_viewer'",
    ),
    case(
        "ck_user_roles_expires_after_granted",
        "UPDATE user_roles SET expires_at = granted_at WHERE tenant_id IS NULL",
    ),
    case(
        "ck_api_keys_key_hash",
        "UPDATE api_keys SET key_hash = 'plaintext' WHERE name = 'CI pipeline'",
    ),
    case(
        "ck_api_keys_key_prefix_length",
        "UPDATE api_keys SET key_prefix = 'sk' WHERE name = 'CI pipeline'",
    ),
    case(
        "ck_sessions_token_hash",
        "UPDATE sessions SET token_hash = 'plaintext-token' WHERE revoked_at IS NULL",
    ),
    case(
        "ck_sessions_expires_after_created",
        "UPDATE sessions SET expires_at = created_at WHERE revoked_at IS NULL",
    ),
    case(
        "ck_login_logs_failure_reason_iff_failed",
        "UPDATE login_logs SET failure_reason = NULL WHERE succeeded = FALSE",
    ),
];
