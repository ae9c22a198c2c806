//! Cases for the tables of the `configuration` domain (`migration/src/configuration/`).

use super::{Case, case};

pub const CASES: &[Case] = &[
    case(
        "ck_configurations_namespace_not_blank",
        "UPDATE configurations SET namespace = '  ' WHERE tenant_id IS NULL AND key = 'step_timeout_seconds'",
    ),
    case(
        "ck_configurations_key_not_blank",
        "UPDATE configurations SET key = '  ' WHERE tenant_id IS NULL AND key = 'step_timeout_seconds'",
    ),
    case(
        "ck_configurations_version_positive",
        "UPDATE configurations SET version = 0 WHERE tenant_id IS NULL AND key = 'step_timeout_seconds'",
    ),
    case(
        "ck_feature_flags_key_not_blank",
        "UPDATE feature_flags SET key = '  ' WHERE key = 'dark_mode'",
    ),
    case(
        "ck_feature_flags_rollout_percentage_range",
        "UPDATE feature_flags SET rollout_percentage = 101 WHERE key = 'dark_mode'",
    ),
    case(
        "ck_service_quotas_limit_value_non_negative",
        "UPDATE service_quotas SET limit_value = -1 WHERE resource = 'seats'",
    ),
    case(
        "ck_service_quotas_used_value_non_negative",
        "UPDATE service_quotas SET used_value = -1 WHERE resource = 'seats'",
    ),
    case(
        "ck_service_quotas_resets_at_iff_periodic",
        "UPDATE service_quotas SET resets_at = NULL WHERE period = 'month'",
    ),
];
