//! Cases for the tables of the `tenancy` domain (`migration/src/tenancy/`).

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
];
