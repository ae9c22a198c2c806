//! Cases for the tables of the `notifications` domain (`migration/src/notifications/`).

use super::{Case, case};

pub const CASES: &[Case] = &[
    case(
        "ck_notification_templates_code_not_blank",
        "UPDATE notification_templates SET code = '  ' WHERE code = 'password.reset' AND channel = 'sms'",
    ),
    case(
        "ck_notification_templates_version_positive",
        "UPDATE notification_templates SET version = 0 WHERE code = 'password.reset' AND channel = 'sms'",
    ),
    case(
        "ck_notifications_retry_count_non_negative",
        "UPDATE notifications SET retry_count = -1 WHERE status = 'pending'",
    ),
    case(
        "ck_notifications_delivered_at_iff_delivered",
        "UPDATE notifications SET delivered_at = NULL WHERE status = 'delivered'",
    ),
    case(
        "ck_notifications_sent_at_when_sent",
        "UPDATE notifications SET sent_at = NULL WHERE status = 'sent'",
    ),
    case(
        "ck_notifications_expires_at_when_expired",
        "UPDATE notifications SET expires_at = NULL WHERE status = 'expired'",
    ),
    case(
        "ck_notifications_action_deadline_needs_action",
        "UPDATE notifications SET action_required = FALSE WHERE action_deadline IS NOT NULL",
    ),
    case(
        "ck_notifications_sent_after_created",
        "UPDATE notifications SET sent_at = '2000-01-01T00:00:00+00:00' WHERE status = 'sent'",
    ),
    case(
        "ck_notifications_delivered_after_sent",
        "UPDATE notifications SET delivered_at = '2000-01-01T00:00:00+00:00' WHERE status = 'delivered'",
    ),
    case(
        "ck_notifications_read_after_created",
        "UPDATE notifications SET read_at = '2000-01-01T00:00:00+00:00' WHERE read_at IS NOT NULL",
    ),
    case(
        "ck_notifications_expires_after_created",
        "UPDATE notifications SET expires_at = created_at WHERE status = 'expired'",
    ),
    case(
        "ck_campaigns_counts_non_negative",
        "UPDATE campaigns SET bounce_count = -1 WHERE name = 'October newsletter'",
    ),
    case(
        "ck_campaigns_opens_and_clicks_within_sent",
        "UPDATE campaigns SET open_count = sent_count + 1 WHERE name = 'Spring product newsletter'",
    ),
    case(
        "ck_campaigns_bounces_within_sent",
        "UPDATE campaigns SET bounce_count = sent_count + 1 WHERE name = 'Spring product newsletter'",
    ),
    case(
        "ck_campaigns_scheduled_at_when_scheduled",
        "UPDATE campaigns SET scheduled_at = NULL WHERE status = 'scheduled'",
    ),
];
