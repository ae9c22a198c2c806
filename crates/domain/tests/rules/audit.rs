//! Cases for the tables of the `audit` domain (`migration/src/audit/`).

use super::{Case, case};

pub const CASES: &[Case] = &[
    case(
        "ck_audit_logs_resource_type_not_blank",
        "UPDATE audit_logs SET resource_type = '  ' WHERE resource_type = 'tickets'",
    ),
    case(
        "ck_compliances_assessed_when_result",
        "UPDATE compliances SET last_assessed_at = NULL WHERE status = 'compliant'",
    ),
    case(
        "ck_compliances_review_after_assessment",
        "UPDATE compliances SET next_review_at = last_assessed_at WHERE status = 'compliant'",
    ),
    case(
        "ck_policies_name_not_blank",
        "UPDATE policies SET name = '  ' WHERE name = 'Acceptable use'",
    ),
    case(
        "ck_policies_version_positive",
        "UPDATE policies SET version = 0 WHERE name = 'Acceptable use'",
    ),
];
