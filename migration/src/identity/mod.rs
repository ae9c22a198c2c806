//! Identity and access: users, permissions, roles and their grants, API keys, sessions and the
//! login history.

pub mod m20261122_000200_create_users;
pub mod m20261122_000800_create_permissions;
pub mod m20261122_000900_create_roles;
pub mod m20261122_001000_create_role_permissions;
pub mod m20261122_001100_create_user_roles;
pub mod m20261122_001200_create_api_keys;
pub mod m20261122_001300_create_sessions;
pub mod m20261122_001400_create_login_logs;
pub mod m20261201_110000_restrict_global_tables;
pub mod m20261201_120000_create_auth_functions;
