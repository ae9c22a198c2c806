-- The SQL m20261122_150000_create_tenant_dashboard runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE VIEW "tenant_dashboard" WITH (security_invoker = true) AS SELECT
    t.id AS tenant_id,
    t.slug,
    t.name AS tenant_name,
    t.status AS tenant_status,
    t.tier,
    (SELECT s.status FROM subscriptions s
      WHERE s.tenant_id = t.id AND s.status NOT IN ('canceled', 'expired')
      ORDER BY s.created_at DESC, s.id DESC LIMIT 1) AS subscription_status,
    (SELECT count(*) FROM module_installations mi
      WHERE mi.tenant_id = t.id AND mi.status = 'active') AS active_modules,
    (SELECT count(*) FROM app_overrides ao WHERE ao.tenant_id = t.id) AS configured_apps,
    wr.id AS current_workflow_run_id,
    w.name AS current_workflow_name,
    wr.status AS current_workflow_status,
    wr.current_step,
    hp.id AS open_handover_package_id,
    hp.name AS open_handover_package_name,
    hp.delivery_status AS handover_delivery_status,
    (SELECT count(*) FROM reports r WHERE r.tenant_id = t.id) AS report_count,
    (SELECT count(*) FROM tickets tk
      WHERE tk.tenant_id = t.id AND tk.status IN ('open', 'pending', 'on_hold')) AS open_ticket_count,
    t.created_at,
    t.updated_at
FROM tenants t
LEFT JOIN workflow_runs wr ON wr.id = (
    SELECT x.id FROM workflow_runs x
     WHERE x.tenant_id = t.id AND x.status IN ('pending', 'in_progress')
     ORDER BY x.created_at DESC, x.id DESC LIMIT 1)
LEFT JOIN workflows w ON w.id = wr.workflow_id
LEFT JOIN handover_packages hp ON hp.id = (
    SELECT y.id FROM handover_packages y
     WHERE y.tenant_id = t.id AND y.delivery_status <> 'delivered'
     ORDER BY y.created_at DESC, y.id DESC LIMIT 1);
-- @statement
COMMENT ON VIEW "tenant_dashboard" IS 'One row per tenant: status, tier, current subscription, active modules, configured apps, current workflow run and step, open handover package and its delivery status, report and open ticket counts. Read-only.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP VIEW "tenant_dashboard";

-- @sqlite up
-- @statement
CREATE VIEW "tenant_dashboard" AS SELECT
    t.id AS tenant_id,
    t.slug,
    t.name AS tenant_name,
    t.status AS tenant_status,
    t.tier,
    (SELECT s.status FROM subscriptions s
      WHERE s.tenant_id = t.id AND s.status NOT IN ('canceled', 'expired')
      ORDER BY s.created_at DESC, s.id DESC LIMIT 1) AS subscription_status,
    (SELECT count(*) FROM module_installations mi
      WHERE mi.tenant_id = t.id AND mi.status = 'active') AS active_modules,
    (SELECT count(*) FROM app_overrides ao WHERE ao.tenant_id = t.id) AS configured_apps,
    wr.id AS current_workflow_run_id,
    w.name AS current_workflow_name,
    wr.status AS current_workflow_status,
    wr.current_step,
    hp.id AS open_handover_package_id,
    hp.name AS open_handover_package_name,
    hp.delivery_status AS handover_delivery_status,
    (SELECT count(*) FROM reports r WHERE r.tenant_id = t.id) AS report_count,
    (SELECT count(*) FROM tickets tk
      WHERE tk.tenant_id = t.id AND tk.status IN ('open', 'pending', 'on_hold')) AS open_ticket_count,
    t.created_at,
    t.updated_at
FROM tenants t
LEFT JOIN workflow_runs wr ON wr.id = (
    SELECT x.id FROM workflow_runs x
     WHERE x.tenant_id = t.id AND x.status IN ('pending', 'in_progress')
     ORDER BY x.created_at DESC, x.id DESC LIMIT 1)
LEFT JOIN workflows w ON w.id = wr.workflow_id
LEFT JOIN handover_packages hp ON hp.id = (
    SELECT y.id FROM handover_packages y
     WHERE y.tenant_id = t.id AND y.delivery_status <> 'delivered'
     ORDER BY y.created_at DESC, y.id DESC LIMIT 1);

-- @sqlite down
-- @statement
DROP VIEW "tenant_dashboard";
