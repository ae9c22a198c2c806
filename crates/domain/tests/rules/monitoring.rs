//! Cases for the tables of the `monitoring` domain (`migration/src/monitoring/`).

use super::{Case, case};

pub const CASES: &[Case] = &[
    case(
        "ck_health_checks_latency_non_negative",
        "UPDATE health_checks SET latency_ms = -1 WHERE status = 'healthy'",
    ),
    case(
        "ck_incidents_resolved_at_iff_resolved",
        "UPDATE incidents SET resolved_at = NULL WHERE status = 'resolved'",
    ),
    case(
        "ck_incidents_resolved_after_started",
        "UPDATE incidents SET resolved_at = '2000-01-01T00:00:00+00:00' WHERE status = 'resolved'",
    ),
];
