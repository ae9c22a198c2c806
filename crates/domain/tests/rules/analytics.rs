//! Cases for the tables of the `analytics` domain (`migration/src/analytics/`).

use super::{Case, case};

pub const CASES: &[Case] = &[
    case(
        "ck_tenant_stats_counters_non_negative",
        "UPDATE tenant_stats SET api_calls = -1 WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'acme')",
    ),
    case(
        "ck_usage_stats_value_non_negative",
        "UPDATE usage_stats SET value = -1 WHERE metric = 'api_calls'",
    ),
];
