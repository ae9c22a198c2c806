-- The SQL m20261201_153734_create_module_integrations runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE VIEW "module_integrations" WITH (security_invoker = true) AS SELECT
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
     ORDER BY y.issued_at DESC, y.id DESC LIMIT 1);
-- @statement
COMMENT ON VIEW "module_integrations" IS 'One row per module installation: its module, status, app override and licence (without the key). Read-only.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP VIEW "module_integrations";

-- @sqlite up
-- @statement
CREATE VIEW "module_integrations" AS SELECT
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
     ORDER BY y.issued_at DESC, y.id DESC LIMIT 1);

-- @sqlite down
-- @statement
DROP VIEW "module_integrations";
