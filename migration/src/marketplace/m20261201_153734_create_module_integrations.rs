//! Creates the `module_integrations` view (seed 001's `module_integration_view` on the unified
//! tables): one row per module installation with its module (name, version, category, pricing
//! model, rating, install count), the installation (tenant, status, installed version and time),
//! its app override (enabled, settings, activation status) and its licence (status, expiry; the
//! sealed key is not in the view).
//!
//! The override and the licence are picked by correlated subqueries (the latest of each), so the
//! view has exactly one row per installation even where a tenant holds several licences of a
//! module, and runs the same on SQLite. On Postgres it is `security_invoker`: the row-level
//! security of the underlying tables applies to whoever queries it, so the application role sees
//! only its tenant's installations.

use crate::{Ddl, SchemaChange};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

const BODY: &str = "SELECT
    mi.id AS module_installation_id,
    mi.tenant_id,
    mi.marketplace_module_id,
    m.slug AS module_slug,
    m.name AS module_name,
    m.version AS module_version,
    m.category AS module_category,
    m.pricing_model,
    m.rating_average,
    m.install_count,
    mi.version AS installed_version,
    mi.status AS installation_status,
    mi.installed_at,
    ao.id AS app_override_id,
    ao.app_key,
    ao.enabled AS app_enabled,
    ao.override_settings,
    ao.activation_status,
    ml.id AS module_license_id,
    ml.status AS license_status,
    ml.expires_at AS license_expires_at,
    mi.created_at,
    mi.updated_at
FROM module_installations mi
JOIN marketplace_modules m ON m.id = mi.marketplace_module_id
LEFT JOIN app_overrides ao ON ao.id = (
    SELECT x.id FROM app_overrides x
     WHERE x.module_installation_id = mi.id
     ORDER BY x.created_at DESC, x.id DESC LIMIT 1)
LEFT JOIN module_licenses ml ON ml.id = (
    SELECT y.id FROM module_licenses y
     WHERE y.tenant_id = mi.tenant_id AND y.marketplace_module_id = mi.marketplace_module_id
     ORDER BY y.issued_at DESC, y.id DESC LIMIT 1)";

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.postgres(format!(
            "CREATE VIEW \"module_integrations\" WITH (security_invoker = true) AS {BODY}"
        ));
        ddl.sqlite(format!("CREATE VIEW \"module_integrations\" AS {BODY}"));
        ddl.postgres(
            "COMMENT ON VIEW \"module_integrations\" IS 'One row per module installation: its \
             module, status, app override and licence (without the key). Read-only.'",
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.sql("DROP VIEW \"module_integrations\"");
    }
}
