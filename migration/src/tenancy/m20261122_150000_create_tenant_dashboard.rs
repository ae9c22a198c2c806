//! Creates the `tenant_dashboard` view (seed 001's `unified_client_dashboard` on the unified
//! tables): one row per tenant with its status, tier, current subscription, active modules,
//! configured apps, current workflow run and step, open handover package, and report and open
//! ticket counts.
//!
//! Correlated subqueries rather than the seed's joins and `GROUP BY`: they give exactly one row
//! per tenant (joins multiply rows before counting), run the same on SQLite, and each uses an
//! index on `tenant_id`. On Postgres the view is `security_invoker`, so the row-level security of
//! the underlying tables applies to whoever queries it.

use crate::{Ddl, SchemaChange};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

const BODY: &str = "SELECT
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
     ORDER BY y.created_at DESC, y.id DESC LIMIT 1)";

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.postgres(format!(
            "CREATE VIEW \"tenant_dashboard\" WITH (security_invoker = true) AS {BODY}"
        ));
        ddl.sqlite(format!("CREATE VIEW \"tenant_dashboard\" AS {BODY}"));
        ddl.postgres(
            "COMMENT ON VIEW \"tenant_dashboard\" IS 'One row per tenant: status, tier, current \
             subscription, active modules, configured apps, current workflow run and step, open \
             handover package and its delivery status, report and open ticket counts. Read-only.'",
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.sql("DROP VIEW \"tenant_dashboard\"");
    }
}
