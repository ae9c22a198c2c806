//! Audit: the tenants' audit trail (compliance records and policies are the `dev` scenarios'
//! own).

use chrono::{DateTime, FixedOffset};
use entity::audit_logs;
use entity::sea_orm_active_enums::AuditLogAction;
use serde_json::Value;
use uuid::Uuid;

use super::at;
use crate::Gen;

type Time = DateTime<FixedOffset>;

/// What an audited action did to which resource.
#[derive(Debug, Clone)]
pub struct Change {
    /// The action.
    pub action: AuditLogAction,
    /// The table of the resource acted on.
    pub resource_type: &'static str,
    /// The resource, when the action had one.
    pub resource_id: Option<Uuid>,
    /// What changed, before.
    pub old_values: Option<Value>,
    /// What changed, after (or what was made).
    pub new_values: Option<Value>,
}

/// A person who acted, from where.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    /// The user.
    pub user: Uuid,
    /// The address they worked from.
    pub ip: &'a str,
    /// Their browser.
    pub user_agent: &'a str,
    /// The session they acted in; a fresh id when unknown.
    pub session: Option<Uuid>,
}

/// The audit entry of `change` in `tenant` at `at` (no later than now), by `actor` or, with
/// `None`, by the platform's own workers (from their internal addresses, in no session).
pub fn entry(
    g: &mut Gen,
    tenant: Uuid,
    actor: Option<Actor<'_>>,
    change: Change,
    at: Time,
) -> audit_logs::Model {
    let at = at.min(g.now());
    let (ip, user_agent, session_id) = match actor {
        Some(a) => (
            a.ip.to_owned(),
            a.user_agent.to_owned(),
            Some(a.session.unwrap_or_else(|| g.id_at(at))),
        ),
        None => (
            format!("10.20.{}.{}", g.range(0..=3), g.range(2..=250)),
            "platform-worker/1.14.2".to_owned(),
            None,
        ),
    };
    audit_logs::Model {
        id: g.id_at(at),
        tenant_id: tenant,
        actor_user_id: actor.map(|a| a.user),
        action: change.action,
        resource_type: change.resource_type.into(),
        resource_id: change.resource_id,
        old_values: change.old_values,
        new_values: change.new_values,
        ip_address: Some(ip),
        user_agent: Some(user_agent),
        session_id,
        occurred_at: at,
    }
}

/// Any valid entry: `user` of `tenant` read the tenant's settings.
pub fn audit_log(g: &mut Gen, tenant: Uuid, user: Uuid) -> audit_logs::Model {
    let actor = Actor {
        user,
        ip: "203.0.113.7",
        user_agent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0",
        session: None,
    };
    let change = Change {
        action: AuditLogAction::Read,
        resource_type: "tenants",
        resource_id: Some(tenant),
        old_values: None,
        new_values: None,
    };
    entry(g, tenant, Some(actor), change, at(0))
}
