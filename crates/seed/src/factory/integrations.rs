//! Integrations: tenants' API integrations and the outbox of integration events (webhooks and
//! rate limits are the `dev` scenarios' own).

use chrono::{DateTime, Duration, FixedOffset};
use entity::sea_orm_active_enums::{
    ApiIntegrationAuthType, ApiIntegrationStatus, IntegrationEventSource, IntegrationEventStatus,
};
use entity::{api_integrations, integration_events};
use serde_json::{Value, json};
use uuid::Uuid;

use super::at;
use crate::Gen;

type Time = DateTime<FixedOffset>;

/// The chance that a processed event needed a second attempt.
pub const RETRY_CHANCE: f64 = 0.05;

/// An active integration `name` with `provider` at `base_url`, made in `tenant` at `created`,
/// with an empty configuration.
pub fn integration_of(
    g: &mut Gen,
    tenant: Uuid,
    (name, provider): (&str, &str),
    base_url: String,
    auth_type: ApiIntegrationAuthType,
    created: Time,
) -> api_integrations::Model {
    api_integrations::Model {
        id: g.id_at(created),
        tenant_id: tenant,
        name: name.into(),
        provider: provider.into(),
        base_url,
        auth_type,
        status: ApiIntegrationStatus::Active,
        config: json!({}),
        created_at: created,
        updated_at: created,
    }
}

/// Any valid integration of `tenant`: a webhook-style one without credentials.
pub fn api_integration(g: &mut Gen, tenant: Uuid) -> api_integrations::Model {
    let url = "https://hooks.slack.com/services".to_owned();
    let auth = ApiIntegrationAuthType::None;
    integration_of(g, tenant, ("Slack alerts", "slack"), url, auth, at(0))
}

/// Where an event is in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// Waiting for the relay.
    Pending,
    /// Claimed by a relay, not yet done.
    Processing,
    /// Delivered (sometimes at the second attempt, see [`RETRY_CHANCE`]).
    Processed,
    /// Given up on after several attempts, for this reason.
    Failed(String),
}

/// The service that produces events of `source`.
pub fn producer(source: IntegrationEventSource) -> &'static str {
    match source {
        IntegrationEventSource::Orchestration => "orchestrator@1.14.2",
        IntegrationEventSource::Marketplace => "marketplace@0.9.7",
        IntegrationEventSource::Modules => "module-manager@2.1.0",
        IntegrationEventSource::Handover => "handover@1.3.4",
        IntegrationEventSource::Billing => "billing@3.2.1",
        IntegrationEventSource::Identity => "identity@2.6.0",
        IntegrationEventSource::Reporting => "reporting@1.0.0",
        IntegrationEventSource::Support => "support@1.0.0",
    }
}

/// The event `event_type` from `source` (of `tenant`, or of the platform with `None`) written
/// to the outbox at `at` (no later than now) with `payload`, as far as `delivery` says it got;
/// it starts no chain (override `correlation_id` and `causation_id`) and names no target.
pub fn event_of(
    g: &mut Gen,
    tenant: Option<Uuid>,
    (event_type, source): (String, IntegrationEventSource),
    payload: Value,
    at: Time,
    delivery: Delivery,
) -> integration_events::Model {
    let now = g.now();
    let at = at.min(now);
    let id = g.id_at(at);
    let metadata = json!({
        "schema_version": 1,
        "producer": producer(source),
        "trace_id": hex::encode(g.bytes::<16>()),
    });
    let (status, attempts, error, processed_at, updated) = match delivery {
        Delivery::Pending => (IntegrationEventStatus::Pending, 0, None, None, at),
        Delivery::Processing => {
            let claimed = (at + Duration::seconds(2)).min(now);
            (IntegrationEventStatus::Processing, 1, None, None, claimed)
        }
        Delivery::Processed => {
            let retried = g.chance(RETRY_CHANCE);
            let took = Duration::milliseconds(g.range(40..=2_500));
            let wait = Duration::seconds(if retried { 30 } else { 0 });
            let done = (at + took + wait).min(now);
            let attempts = if retried { 2 } else { 1 };
            (
                IntegrationEventStatus::Processed,
                attempts,
                None,
                Some(done),
                done,
            )
        }
        Delivery::Failed(reason) => {
            let attempts = g.range(5..=8);
            let last = (at + Duration::minutes(attempts * attempts * 2)).min(now);
            (
                IntegrationEventStatus::Failed,
                attempts,
                Some(reason),
                None,
                last,
            )
        }
    };
    integration_events::Model {
        id,
        tenant_id: tenant,
        event_type,
        source,
        target: None,
        payload,
        metadata,
        status,
        attempts,
        processing_error: error,
        processed_at,
        correlation_id: None,
        causation_id: None,
        next_attempt_at: None,
        created_at: at,
        updated_at: updated.max(at),
    }
}

/// Any valid event of `tenant`, pending in the outbox.
pub fn integration_event(g: &mut Gen, tenant: Option<Uuid>) -> integration_events::Model {
    let kind = (
        "billing.invoice.paid".to_owned(),
        IntegrationEventSource::Billing,
    );
    event_of(g, tenant, kind, json!({}), at(0), Delivery::Pending)
}
