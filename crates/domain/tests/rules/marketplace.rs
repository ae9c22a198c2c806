//! Cases for the tables of the `marketplace` domain (`migration/src/marketplace/`).

use super::{Case, case};

pub const CASES: &[Case] = &[
    case(
        "ck_marketplace_modules_slug",
        "UPDATE marketplace_modules SET slug = 'Not A Slug' WHERE slug = 'sso-saml'",
    ),
    case(
        "ck_marketplace_modules_price_non_negative",
        "UPDATE marketplace_modules SET price_cents = -1 WHERE slug = 'sso-saml'",
    ),
    case(
        "ck_marketplace_modules_free_costs_nothing",
        "UPDATE marketplace_modules SET price_cents = 100 WHERE slug = 'jira-tickets'",
    ),
    case(
        "ck_marketplace_modules_currency",
        "UPDATE marketplace_modules SET currency = 'usd' WHERE slug = 'sso-saml'",
    ),
    case(
        "ck_marketplace_modules_rating_average_range",
        "UPDATE marketplace_modules SET rating_average = 6 WHERE slug = 'sso-saml'",
    ),
    case(
        "ck_marketplace_modules_install_count_non_negative",
        "UPDATE marketplace_modules SET install_count = -1 WHERE slug = 'sso-saml'",
    ),
    case(
        "ck_module_installations_installed_at_when_active",
        "UPDATE module_installations SET installed_at = NULL WHERE status = 'active'",
    ),
    case(
        "ck_module_installations_uninstalled_at_iff_uninstalled",
        "UPDATE module_installations SET uninstalled_at = NULL WHERE status = 'uninstalled'",
    ),
    case(
        "ck_module_installations_uninstalled_after_installed",
        "UPDATE module_installations SET uninstalled_at = '2000-01-01T00:00:00+00:00' WHERE status = 'uninstalled'",
    ),
    case(
        "ck_module_licenses_license_key_not_blank",
        "UPDATE module_licenses SET license_key = '' WHERE status = 'revoked'",
    ),
    case(
        "ck_module_licenses_expires_after_issued",
        "UPDATE module_licenses SET expires_at = issued_at WHERE status = 'revoked'",
    ),
    case(
        "ck_module_licenses_expires_at_when_expired",
        "UPDATE module_licenses SET expires_at = NULL WHERE status = 'expired'",
    ),
];
