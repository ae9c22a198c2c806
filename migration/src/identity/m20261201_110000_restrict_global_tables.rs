//! Row-level security on the global tables a tenant's request can reach, so that the application
//! role sees and changes only what belongs to its tenant there too (the grants of each role are
//! declared in `migration/src/access.rs` and given by `cargo xtask roles`):
//!
//! - `tenants`: a request sees and updates only its own tenant row (which columns it may update
//!   is a grant: name, domain, description, settings); no policy allows insert or delete;
//! - `users`: only users with a `tenant_users` row in the current tenant are visible or
//!   updatable (the credential columns are not granted at all);
//! - `role_permissions`: the permissions of the roles the tenant sees (its own and the
//!   platform's); it adds and removes permissions only of its own roles, so the platform roles
//!   every tenant shares are read-only;
//! - `integration_events` (the outbox) and `sessions`: platform rows (`tenant_id` NULL) are no
//!   longer visible to tenants; before, every tenant could read them.
//!
//! Row-level security is enabled and forced, like on the tenant tables; the platform and
//! authentication roles bypass it and are bounded by their grants. The current tenant is read
//! once per statement (the sub-select runs as an InitPlan). Postgres only: SQLite has no
//! row-level security, where the domain layer is the only guard.

use crate::{Ddl, SchemaChange};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

/// The current tenant, evaluated once per statement.
const TENANT: &str = "(SELECT NULLIF(current_setting('app.current_tenant_id', true), '')::uuid)";

fn member() -> String {
    format!(
        "EXISTS (SELECT 1 FROM \"tenant_users\" tu WHERE tu.\"user_id\" = \"users\".\"id\" AND tu.\"tenant_id\" = {TENANT})"
    )
}

fn own_role() -> String {
    format!(
        "EXISTS (SELECT 1 FROM \"roles\" r WHERE r.\"id\" = \"role_permissions\".\"role_id\" AND r.\"tenant_id\" = {TENANT})"
    )
}

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        for table in ["tenants", "users", "role_permissions"] {
            ddl.postgres(format!("ALTER TABLE \"{table}\" ENABLE ROW LEVEL SECURITY"));
            ddl.postgres(format!("ALTER TABLE \"{table}\" FORCE ROW LEVEL SECURITY"));
        }
        let own = format!("\"id\" = {TENANT}");
        ddl.postgres(format!(
            "CREATE POLICY \"own_tenant_read\" ON \"tenants\" FOR SELECT USING ({own})"
        ));
        ddl.postgres(format!(
            "CREATE POLICY \"own_tenant_update\" ON \"tenants\" FOR UPDATE USING ({own}) WITH CHECK ({own})"
        ));
        let member = member();
        ddl.postgres(format!(
            "CREATE POLICY \"tenant_members_read\" ON \"users\" FOR SELECT USING ({member})"
        ));
        ddl.postgres(format!(
            "CREATE POLICY \"tenant_members_update\" ON \"users\" FOR UPDATE USING ({member}) WITH CHECK ({member})"
        ));
        ddl.postgres(
            "CREATE POLICY \"visible_roles_read\" ON \"role_permissions\" FOR SELECT USING \
             (EXISTS (SELECT 1 FROM \"roles\" r WHERE r.\"id\" = \"role_permissions\".\"role_id\"))",
        );
        let own_role = own_role();
        ddl.postgres(format!(
            "CREATE POLICY \"own_roles_insert\" ON \"role_permissions\" FOR INSERT WITH CHECK ({own_role})"
        ));
        ddl.postgres(format!(
            "CREATE POLICY \"own_roles_delete\" ON \"role_permissions\" FOR DELETE USING ({own_role})"
        ));
        for table in ["integration_events", "sessions"] {
            ddl.postgres(format!(
                "ALTER POLICY \"tenant_read\" ON \"{table}\" USING (\"tenant_id\" = {TENANT})"
            ));
        }
    }

    fn down(&self, ddl: &mut Ddl) {
        for table in ["integration_events", "sessions"] {
            ddl.postgres(format!(
                "ALTER POLICY \"tenant_read\" ON \"{table}\" USING (\"tenant_id\" IS NULL OR \"tenant_id\" = {})",
                crate::ddl::CURRENT_TENANT
            ));
        }
        for (table, policy) in [
            ("role_permissions", "own_roles_delete"),
            ("role_permissions", "own_roles_insert"),
            ("role_permissions", "visible_roles_read"),
            ("users", "tenant_members_update"),
            ("users", "tenant_members_read"),
            ("tenants", "own_tenant_update"),
            ("tenants", "own_tenant_read"),
        ] {
            ddl.postgres(format!("DROP POLICY \"{policy}\" ON \"{table}\""));
        }
        for table in ["role_permissions", "users", "tenants"] {
            ddl.postgres(format!(
                "ALTER TABLE \"{table}\" NO FORCE ROW LEVEL SECURITY"
            ));
            ddl.postgres(format!(
                "ALTER TABLE \"{table}\" DISABLE ROW LEVEL SECURITY"
            ));
        }
    }
}
