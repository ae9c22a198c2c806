//! Integrations: a tenant's connections to outside APIs, its webhooks and rate limits, and the
//! outbox of integration events every state change writes.

pub mod m20261122_050000_create_api_integrations;
pub mod m20261122_050100_create_webhooks;
pub mod m20261122_050200_create_rate_limits;
pub mod m20261122_050300_create_integration_events;
pub mod m20261201_130000_add_webhooks_signing_secret;
pub mod m20261201_130100_validate_webhooks_signing_secret;
pub mod m20261201_145510_add_integration_event_sources;
pub mod m20261201_145600_add_integration_events_delivery;
