//! Infrastructure: the resources run for tenants and their metered usage (domains, DNS records
//! and certificates are the `dev` scenarios' own).

use chrono::{DateTime, Duration, FixedOffset};
use entity::sea_orm_active_enums::{ResourceKind, ResourceStatus};
use entity::{resource_usages, resources};
use serde_json::{Value, json};
use uuid::Uuid;

use super::at;
use crate::Gen;

type Time = DateTime<FixedOffset>;

/// The capacity of a resource of `kind` sized by `scale` (1 for a typical pro tenant).
pub fn capacity(kind: ResourceKind, scale: f64) -> Value {
    let tiered = |base: f64| ((base * scale).ceil() as i64).max(1);
    match kind {
        ResourceKind::Compute => json!({"vcpus": tiered(2.0), "memory_gb": tiered(4.0)}),
        ResourceKind::Storage => json!({"quota_gb": tiered(50.0)}),
        ResourceKind::Database => {
            json!({"vcpus": tiered(2.0), "storage_gb": tiered(20.0), "replicas": 1})
        }
        ResourceKind::Cache => json!({"memory_gb": tiered(1.0)}),
        ResourceKind::Cdn => json!({"bandwidth_gbps": tiered(1.0)}),
        ResourceKind::Queue => json!({"max_messages_per_second": tiered(100.0)}),
    }
}

/// An active resource `name` of `kind` in `region` (a CDN has none) for `tenant`, sized by
/// `scale` (see [`capacity`]), made at `created`.
pub fn resource_of(
    g: &mut Gen,
    tenant: Uuid,
    kind: ResourceKind,
    name: String,
    region: &str,
    scale: f64,
    created: Time,
) -> resources::Model {
    resources::Model {
        id: g.id_at(created),
        tenant_id: tenant,
        kind,
        name,
        region: (kind != ResourceKind::Cdn).then(|| region.to_owned()),
        status: ResourceStatus::Active,
        capacity: capacity(kind, scale),
        created_at: created,
        updated_at: created,
    }
}

/// Any valid resource of `tenant`: its database.
pub fn resource(g: &mut Gen, tenant: Uuid) -> resources::Model {
    let name = super::unique(g, "db");
    resource_of(
        g,
        tenant,
        ResourceKind::Database,
        name,
        "eu-west-2",
        1.0,
        at(0),
    )
}

/// `quantity` `unit` of `metric` used by `resource` over `start..end`, recorded within half an
/// hour of its end (and no later than now).
pub fn usage(
    g: &mut Gen,
    resource: &resources::Model,
    (metric, unit): (&str, &str),
    quantity: f64,
    start: Time,
    end: Time,
) -> resource_usages::Model {
    let recorded = (end + Duration::seconds(g.range(60..=1_800))).min(g.now());
    resource_usages::Model {
        id: g.id_at(recorded),
        tenant_id: resource.tenant_id,
        resource_id: resource.id,
        metric: metric.into(),
        quantity,
        unit: unit.into(),
        period_start: start,
        period_end: end,
        recorded_at: recorded,
    }
}

/// A day of `resource`'s CPU use, the day after the anchor.
pub fn resource_usage(g: &mut Gen, resource: &resources::Model) -> resource_usages::Model {
    usage(g, resource, ("cpu_hours", "hours"), 12.5, at(0), at(1))
}
