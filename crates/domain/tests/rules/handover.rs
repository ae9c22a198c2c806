//! Cases for the tables of the `handover` domain (`migration/src/handover/`).

use super::{Case, case};

pub const CASES: &[Case] = &[
    case(
        "ck_handover_packages_delivered_at_iff_delivered",
        "UPDATE handover_packages SET delivered_at = NULL WHERE name = 'Hooli handover September 2026'",
    ),
    case(
        "ck_handover_packages_delivery_method_when_delivering",
        "UPDATE handover_packages SET delivery_method = NULL WHERE delivery_status = 'delivering'",
    ),
    case(
        "ck_handover_packages_delivery_confirmation_when_delivered",
        "UPDATE handover_packages SET delivery_confirmation = (SELECT delivery_confirmation FROM handover_packages WHERE delivery_confirmation IS NOT NULL LIMIT 1) WHERE delivery_status = 'ready'",
    ),
];
