//! Notifications: what tenants and their people are told, and how far each message got
//! (templates and campaigns are the `dev` scenarios' own).

use chrono::{DateTime, Duration, FixedOffset};
use entity::notifications;
use entity::sea_orm_active_enums::{
    NotificationChannel, NotificationPriority, NotificationStatus, NotificationTargetType,
};
use serde_json::{Value, json};
use uuid::Uuid;

use super::at;
use crate::Gen;

type Time = DateTime<FixedOffset>;

/// A message to send, for [`notification_of`].
#[derive(Debug, Clone)]
pub struct Message {
    /// The tenant it is sent in.
    pub tenant: Uuid,
    /// Whom it addresses.
    pub target: NotificationTargetType,
    /// The person it is for, when it addresses a user or an admin.
    pub recipient: Option<Uuid>,
    /// How it is sent.
    pub channel: NotificationChannel,
    /// How urgent it is.
    pub priority: NotificationPriority,
    /// Its title.
    pub title: String,
    /// Its text.
    pub body: String,
    /// What it is about, for the client.
    pub data: Value,
    /// Whether it asks for action within a week.
    pub action_required: bool,
    /// When it stops being shown, if it does.
    pub expires: Option<Time>,
}

/// How far an ordinary message on `channel` got once sent, `expired` when its expiry has
/// passed: most are delivered, 5 % fail, some emails have no receipt yet, and some expired
/// before being read.
pub fn delivery(g: &mut Gen, channel: NotificationChannel, expired: bool) -> NotificationStatus {
    if expired && g.chance(0.4) {
        NotificationStatus::Expired
    } else if g.chance(0.05) {
        NotificationStatus::Failed
    } else if channel == NotificationChannel::Email && g.chance(0.15) {
        // No delivery receipt (yet).
        NotificationStatus::Sent
    } else {
        NotificationStatus::Delivered
    }
}

/// The message `m` written at `created` that reached `status`: sent within seconds, delivered
/// within seconds more, read by most recipients within two days (but not after `until`, the
/// tenant's last moment of activity, nor after now); a failed one was retried three times.
pub fn notification_of(
    g: &mut Gen,
    m: Message,
    status: NotificationStatus,
    created: Time,
    until: Time,
) -> notifications::Model {
    let now = g.now();
    let after = |g: &mut Gen, t: Time, ms: std::ops::RangeInclusive<i64>| {
        (t + Duration::milliseconds(g.range(ms))).min(now)
    };
    let sent = matches!(
        status,
        NotificationStatus::Sent | NotificationStatus::Delivered | NotificationStatus::Expired
    )
    .then(|| after(g, created, 300..=9_000));
    let delivered = sent
        .filter(|_| status == NotificationStatus::Delivered)
        .map(|s| after(g, s, 200..=4_000));
    let read = match delivered {
        Some(d) if m.recipient.is_some() && g.chance(0.6) => {
            Some(after(g, d, 86_400..=172_800_000).min(until.max(d)))
        }
        _ => None,
    };
    let retry_count = match status {
        NotificationStatus::Failed => 3,
        NotificationStatus::Pending => 0,
        _ => i64::from(g.chance(0.1)),
    };
    notifications::Model {
        id: g.id_at(created),
        tenant_id: m.tenant,
        target_type: m.target,
        recipient_user_id: m.recipient,
        channel: m.channel,
        status,
        priority: m.priority,
        title: m.title,
        body: m.body,
        data: m.data,
        action_required: m.action_required,
        action_deadline: m.action_required.then(|| created + Duration::days(7)),
        retry_count,
        sent_at: sent,
        delivered_at: delivered,
        read_at: read,
        expires_at: m.expires,
        created_at: created,
        updated_at: read.or(delivered).or(sent).unwrap_or(created),
    }
}

/// Any valid notification: a delivered in-app message to `recipient` in `tenant`.
pub fn notification(g: &mut Gen, tenant: Uuid, recipient: Uuid) -> notifications::Model {
    let m = Message {
        tenant,
        target: NotificationTargetType::User,
        recipient: Some(recipient),
        channel: NotificationChannel::InApp,
        priority: NotificationPriority::Medium,
        title: "Report ready".into(),
        body: "Monthly revenue finished and is ready to download.".into(),
        data: json!({"kind": "report"}),
        action_required: false,
        expires: None,
    };
    notification_of(g, m, NotificationStatus::Delivered, at(0), at(0))
}
