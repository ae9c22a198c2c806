//! Cases for the tables of the `support` domain (`migration/src/support/`).

use super::{Case, case};

pub const CASES: &[Case] = &[
    case(
        "ck_tickets_number_positive",
        "UPDATE tickets SET number = -number WHERE status = 'open'",
    ),
    case(
        "ck_tickets_subject_not_blank",
        "UPDATE tickets SET subject = '  ' WHERE status = 'open'",
    ),
    case(
        "ck_tickets_resolved_at_iff_solved_or_closed",
        "UPDATE tickets SET resolved_at = NULL WHERE status = 'closed'",
    ),
    case(
        "ck_tickets_resolved_after_created",
        "UPDATE tickets SET resolved_at = '2000-01-01T00:00:00+00:00' WHERE status = 'closed'",
    ),
    case(
        "ck_ticket_comments_body_not_blank",
        "UPDATE ticket_comments SET body = '  ' WHERE id = (SELECT id FROM ticket_comments LIMIT 1)",
    ),
    case(
        "ck_feedbacks_rating_range",
        "UPDATE feedbacks SET rating = 6 WHERE rating = 5",
    ),
];
