//! Notifications: message templates, the notifications sent to users and tenants, and campaigns.

pub mod m20261122_100000_create_notification_templates;
pub mod m20261122_100100_create_notifications;
pub mod m20261122_100200_create_campaigns;
