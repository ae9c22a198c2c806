//! Cases for the tables of the `identity` domain (`migration/src/identity/`).

use super::{Case, case};

pub const CASES: &[Case] = &[
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
        "UPDATE api_keys SET key_hash = 'plaintext' WHERE revoked_at IS NULL",
    ),
    case(
        "ck_api_keys_key_prefix_length",
        "UPDATE api_keys SET key_prefix = 'sk' WHERE revoked_at IS NULL",
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
