//! Support: tenants' support tickets, the comments on them, and feedback from users.

pub mod m20261122_060000_create_tickets;
pub mod m20261122_060100_create_ticket_comments;
pub mod m20261122_060200_create_feedbacks;
