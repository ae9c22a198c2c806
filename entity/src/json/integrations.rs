//! Typed JSON of the integrations tables: the events a webhook is sent.

use sea_orm::FromJsonQueryResult;
use serde::{Deserialize, Serialize};

/// `webhooks.events`: the event types a webhook is sent, as in `integration_events.event_type`
/// (for example `workflow_run.completed`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct WebhookEvents(pub Vec<String>);
