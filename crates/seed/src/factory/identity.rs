//! Identity: users, permissions and roles and their grants, API keys, sessions and sign-ins.

use chrono::{DateTime, FixedOffset};
use entity::json::UserPreferences;
use entity::sea_orm_active_enums::UserStatus;
use entity::{
    api_keys, login_logs, permissions, role_permissions, roles, sessions, user_roles, users,
};
use uuid::Uuid;

use super::{at, unique};
use crate::Gen;

type Time = DateTime<FixedOffset>;

/// A fixed Argon2id hash, for rows whose password nobody signs in with.
pub const SOME_PASSWORD_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA";

/// An active, verified user `first last` at `email_domain`, created at `created`. The address
/// keeps the name's mixed case on purpose: lookups and uniqueness ignore case.
pub fn person(
    g: &mut Gen,
    first: &str,
    last: &str,
    email_domain: &str,
    created: Time,
) -> users::Model {
    let local = format!("{}.{}", first.to_lowercase(), last.to_lowercase());
    users::Model {
        id: g.id_at(created),
        email: format!("{first}.{last}@{email_domain}"),
        username: local.replace('.', "_"),
        password_hash: Some(SOME_PASSWORD_HASH.into()),
        first_name: first.into(),
        last_name: last.into(),
        phone: None,
        timezone: "UTC".into(),
        locale: "en".into(),
        status: UserStatus::Active,
        email_verified_at: Some(created),
        last_login_at: None,
        failed_login_count: 0,
        preferences: UserPreferences::default(),
        is_platform_admin: false,
        created_at: created,
        updated_at: created,
    }
}

/// Any valid user, with a unique username and address.
pub fn user(g: &mut Gen) -> users::Model {
    let name = unique(g, "u").replace('-', "_");
    users::Model {
        email: format!("{name}@Example.com"),
        username: name,
        email_verified_at: Some(at(1)),
        ..person(g, "Test", "User", "Example.com", at(0))
    }
}

/// A permission `resource.action`.
pub fn permission_on(
    g: &mut Gen,
    resource: &str,
    action: &str,
    created: Time,
) -> permissions::Model {
    permissions::Model {
        id: g.id_at(created),
        code: format!("{resource}.{action}"),
        resource: resource.into(),
        action: action.into(),
        description: None,
        created_at: created,
        updated_at: created,
    }
}

/// Any valid permission on reports, with a unique action.
pub fn permission(g: &mut Gen) -> permissions::Model {
    let action = unique(g, "act").replace('-', "_");
    permission_on(g, "reports", &action, at(0))
}

/// The role `name`, of `tenant` or (with `None`) of the platform, where it is a system role.
pub fn named_role(g: &mut Gen, tenant: Option<Uuid>, name: &str, created: Time) -> roles::Model {
    roles::Model {
        id: g.id_at(created),
        tenant_id: tenant,
        name: name.into(),
        description: Some(format!("The {name} role")),
        is_system: tenant.is_none(),
        created_at: created,
        updated_at: created,
    }
}

/// Any valid role, of a tenant or of the platform, with a unique name.
pub fn role(g: &mut Gen, tenant: Option<Uuid>) -> roles::Model {
    let name = unique(g, "role");
    named_role(g, tenant, &name, at(0))
}

/// The grant of `permission` to `role`.
pub fn role_permission(role: Uuid, permission: Uuid) -> role_permissions::Model {
    role_permissions::Model {
        role_id: role,
        permission_id: permission,
        created_at: at(0),
    }
}

/// The grant of `role` to `user` (in `tenant`, or platform-wide), at `granted`, without expiry.
pub fn grant(
    g: &mut Gen,
    user: Uuid,
    role: Uuid,
    tenant: Option<Uuid>,
    granted: Time,
) -> user_roles::Model {
    user_roles::Model {
        id: g.id_at(granted),
        user_id: user,
        role_id: role,
        tenant_id: tenant,
        granted_by_user_id: None,
        granted_at: granted,
        expires_at: None,
        created_at: granted,
        updated_at: granted,
    }
}

/// A grant of `role` to `user` that expires ten days after the anchor.
pub fn user_role(g: &mut Gen, user: Uuid, role: Uuid, tenant: Option<Uuid>) -> user_roles::Model {
    user_roles::Model {
        expires_at: Some(at(10)),
        ..grant(g, user, role, tenant, at(0))
    }
}

/// An API key of `tenant` named `name`, stored as what [`domain::secrets::api_key_from_bytes`]
/// makes of seeded bytes; the plaintext key is returned beside the row, never stored.
pub fn issued_api_key(
    g: &mut Gen,
    tenant: Uuid,
    name: &str,
    created: Time,
) -> (api_keys::Model, String) {
    let key = domain::secrets::api_key_from_bytes(g.bytes::<20>());
    let row = api_keys::Model {
        id: g.id_at(created),
        tenant_id: tenant,
        created_by_user_id: None,
        name: name.into(),
        key_prefix: key.prefix,
        key_hash: key.hash,
        scopes: entity::json::ApiKeyScopes(vec!["reports.read".into()]),
        last_used_at: None,
        expires_at: Some(created + chrono::Duration::days(365)),
        revoked_at: None,
        created_at: created,
        updated_at: created,
    };
    (row, key.key)
}

/// Any valid API key of `tenant`.
pub fn api_key(g: &mut Gen, tenant: Uuid) -> api_keys::Model {
    issued_api_key(g, tenant, "CI", at(0)).0
}

/// A session of `user` (in `tenant`), signed in at `at` for two weeks, stored as the SHA-256
/// of a seeded token; the plaintext token is returned beside the row, never stored.
pub fn signed_in(
    g: &mut Gen,
    user: Uuid,
    tenant: Option<Uuid>,
    signed_in: Time,
) -> (sessions::Model, String) {
    let token = hex::encode(g.bytes::<32>());
    let row = sessions::Model {
        id: g.id_at(signed_in),
        user_id: user,
        tenant_id: tenant,
        token_hash: domain::secrets::sha256_hex(&token),
        ip_address: Some("2001:db8::1".into()),
        user_agent: Some("test".into()),
        last_seen_at: Some(signed_in),
        expires_at: signed_in + chrono::Duration::days(14),
        revoked_at: None,
        created_at: signed_in,
        updated_at: signed_in,
    };
    (row, token)
}

/// Any valid session of `user` (in `tenant`).
pub fn session(g: &mut Gen, user: Uuid, tenant: Option<Uuid>) -> sessions::Model {
    signed_in(g, user, tenant, at(0)).0
}

/// A sign-in attempt as `email` at `occurred` (by `user`, when the address is one); a failed one
/// gives its reason.
pub fn attempt(
    g: &mut Gen,
    user: Option<Uuid>,
    email: &str,
    succeeded: bool,
    occurred: Time,
) -> login_logs::Model {
    login_logs::Model {
        id: g.id_at(occurred),
        user_id: user,
        email_attempted: email.into(),
        succeeded,
        failure_reason: (!succeeded).then(|| "invalid_password".into()),
        ip_address: Some("192.0.2.1".into()),
        user_agent: None,
        occurred_at: occurred,
    }
}

/// A failed sign-in (by `user`, when the address is one).
pub fn login_log(g: &mut Gen, user: Option<Uuid>) -> login_logs::Model {
    attempt(g, user, "Someone@Example.com", false, at(2))
}
