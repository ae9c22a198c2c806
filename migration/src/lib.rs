//! Every table of the platform, as SeaORM migrations grouped by domain.
//!
//! Each migration is a unit `struct Migration` implementing [`SchemaChange`]: it writes the SQL
//! it needs into a [`Ddl`] plan for the backend at hand and never talks to the database itself.
//! What a migration renders is pinned at review time in `migration/pinned/` ([`pin`]), and
//! [`migrator`] runs the pinned SQL under the migration lock, recording the pinned bytes'
//! checksum. [`Migrator::changes`] lists the migrations for `cargo xtask` (dry runs, linting,
//! codegen). SeaORM's `MigratorTrait` is deliberately not implemented: it would skip the lock and
//! the checksums.
//!
//! This crate depends on no other crate of the workspace.

pub use sea_orm_migration;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

pub mod access;
pub mod alter;
pub mod analytics;
pub mod audit;
pub mod automation;
pub mod backup;
pub mod configuration;
pub mod ddl;
pub mod handover;
pub mod infrastructure;
pub mod integrations;
pub mod marketplace;
pub mod migrator;
pub mod monitoring;
pub mod notifications;
pub mod pin;
mod pinned;
pub mod reporting;
pub mod support;
pub use alter::ForeignKeySpec;
pub use ddl::{Column, Ddl, Default, EnumType, IndexSpec, OnDelete, Schema, Table, Type};

/// `docs/migrations.md`, included so that `cargo test --doc` compiles and runs its examples.
#[cfg(doctest)]
#[doc = include_str!("../../docs/migrations.md")]
pub struct MigrationsGuide;

pub mod billing;
pub mod identity;
pub mod platform;
pub mod tenancy;

/// One schema change: the SQL to apply it and the SQL to revert it, per backend.
pub trait SchemaChange: MigrationName + Send + Sync {
    /// Writes the statements that apply the change.
    fn up(&self, ddl: &mut Ddl);

    /// Writes the statements that revert the change exactly.
    fn down(&self, ddl: &mut Ddl);

    /// Whether the change runs inside a transaction (the default). A change that cannot, such as
    /// `CREATE INDEX CONCURRENTLY` on a large table, returns `false` and must be safe to re-run
    /// after a failure part way.
    fn transactional(&self) -> bool {
        true
    }

    /// The domain the change belongs to: the folder of `migration/src/` it lives in.
    fn domain(&self) -> &'static str {
        let path = std::any::type_name::<Self>();
        path.split("::").nth(1).unwrap_or("unknown")
    }
}

/// How long a migration on Postgres waits for a lock before giving up. A schema change waiting
/// behind a long transaction blocks every query queued after it, so it is better to fail and retry.
pub const LOCK_TIMEOUT: &str = "5s";

/// How long one statement of a migration on Postgres may run. A change that legitimately needs
/// longer (a large backfill) sets its own `SET LOCAL statement_timeout` first.
pub const STATEMENT_TIMEOUT: &str = "10min";

/// Every table and view `changes` create (see [`Migrator::changes`]), with the domain of the
/// migration that creates it (its folder): the one list of which table belongs to which domain,
/// for the seed, the docs and the tests. Partitions are left out.
pub fn table_domains(
    changes: &[Box<dyn SchemaChange>],
) -> std::collections::BTreeMap<String, &'static str> {
    let mut map = std::collections::BTreeMap::new();
    for change in changes {
        for statement in up_statements(change.as_ref(), DbBackend::Postgres) {
            for prefix in [
                "CREATE TABLE \"",
                "CREATE VIEW \"",
                "CREATE OR REPLACE VIEW \"",
            ] {
                if let Some(rest) = statement.strip_prefix(prefix)
                    && let Some(name) = rest.split('"').next()
                    && !statement.contains(" PARTITION OF ")
                {
                    map.entry(name.to_owned())
                        .or_insert_with(|| change.domain());
                }
            }
        }
    }
    map
}

/// The statements `change` runs on `backend` when applied, rendered on its own (knowing no earlier
/// table: the ALTER vocabulary's SQLite rebuilds need [`render_all`]).
pub fn up_statements(change: &dyn SchemaChange, backend: DbBackend) -> Vec<String> {
    let mut ddl = Ddl::new(backend);
    change.up(&mut ddl);
    with_timeouts(change, ddl)
}

/// The statements `change` runs on `backend` when reverted, rendered on its own.
pub fn down_statements(change: &dyn SchemaChange, backend: DbBackend) -> Vec<String> {
    let mut ddl = Ddl::new(backend);
    change.down(&mut ddl);
    with_timeouts(change, ddl)
}

/// Every change's `(up, down)` statements on `backend`, rendered in order so that each knows the
/// tables as the changes before it left them (`down` is rendered from the schema after `up`).
pub fn render_all(
    changes: &[Box<dyn SchemaChange>],
    backend: DbBackend,
) -> Vec<(Vec<String>, Vec<String>)> {
    let mut schema = Schema::default();
    let mut out = Vec::with_capacity(changes.len());
    for change in changes {
        let mut up = Ddl::with_schema(backend, schema);
        change.up(&mut up);
        let after = up.schema.clone();
        let mut down = Ddl::with_schema(backend, after.clone());
        change.down(&mut down);
        out.push((
            with_timeouts(change.as_ref(), up),
            with_timeouts(change.as_ref(), down),
        ));
        schema = after;
    }
    out
}

/// On Postgres, a change starts by bounding its lock waits and statement times: a transactional
/// one for its own transaction only (`SET LOCAL`), one that runs outside a transaction for the
/// session the migrator runs such changes on, which is the migration lock's own connection and
/// ends with the command (`migrator.rs`).
fn with_timeouts(change: &dyn SchemaChange, ddl: Ddl) -> Vec<String> {
    let is_postgres = ddl.is_postgres();
    let statements = ddl.into_statements();
    if !is_postgres || statements.is_empty() {
        return statements;
    }
    let set = if change.transactional() {
        "SET LOCAL"
    } else {
        "SET"
    };
    let mut out = vec![
        format!("{set} lock_timeout = '{LOCK_TIMEOUT}'"),
        format!("{set} statement_timeout = '{STATEMENT_TIMEOUT}'"),
    ];
    out.extend(statements);
    out
}

/// The migrator: every schema change, oldest first.
#[derive(Debug)]
pub struct Migrator;

impl Migrator {
    /// Every schema change in the order it is applied. `cargo xtask new-migration` appends here,
    /// and a test checks this list against the files on disk.
    pub fn changes() -> Vec<Box<dyn SchemaChange>> {
        vec![
            Box::new(platform::m20261122_000000_create_set_updated_at::Migration),
            Box::new(tenancy::m20261122_000100_create_tenants::Migration),
            Box::new(identity::m20261122_000200_create_users::Migration),
            Box::new(tenancy::m20261122_000300_create_tenant_roles::Migration),
            Box::new(tenancy::m20261122_000400_create_tenant_users::Migration),
            Box::new(tenancy::m20261122_000500_create_onboardings::Migration),
            Box::new(billing::m20261122_000600_create_plans::Migration),
            Box::new(tenancy::m20261122_000700_create_subscriptions::Migration),
            Box::new(identity::m20261122_000800_create_permissions::Migration),
            Box::new(identity::m20261122_000900_create_roles::Migration),
            Box::new(identity::m20261122_001000_create_role_permissions::Migration),
            Box::new(identity::m20261122_001100_create_user_roles::Migration),
            Box::new(identity::m20261122_001200_create_api_keys::Migration),
            Box::new(identity::m20261122_001300_create_sessions::Migration),
            Box::new(identity::m20261122_001400_create_login_logs::Migration),
            Box::new(billing::m20261122_010000_create_invoices::Migration),
            Box::new(billing::m20261122_010100_create_transactions::Migration),
            Box::new(infrastructure::m20261122_020000_create_resources::Migration),
            Box::new(infrastructure::m20261122_020100_create_resource_usages::Migration),
            Box::new(infrastructure::m20261122_020200_create_domains::Migration),
            Box::new(infrastructure::m20261122_020300_create_dns_records::Migration),
            Box::new(infrastructure::m20261122_020400_create_certificates::Migration),
            Box::new(infrastructure::m20261122_020500_create_certificate_renewals::Migration),
            Box::new(analytics::m20261122_030000_create_tenant_stats::Migration),
            Box::new(analytics::m20261122_030100_create_usage_stats::Migration),
            Box::new(monitoring::m20261122_040000_create_health_checks::Migration),
            Box::new(monitoring::m20261122_040100_create_incidents::Migration),
            Box::new(monitoring::m20261122_040200_create_system_metrics::Migration),
            Box::new(integrations::m20261122_050000_create_api_integrations::Migration),
            Box::new(integrations::m20261122_050100_create_webhooks::Migration),
            Box::new(integrations::m20261122_050200_create_rate_limits::Migration),
            Box::new(integrations::m20261122_050300_create_integration_events::Migration),
            Box::new(support::m20261122_060000_create_tickets::Migration),
            Box::new(support::m20261122_060100_create_ticket_comments::Migration),
            Box::new(support::m20261122_060200_create_feedbacks::Migration),
            Box::new(audit::m20261122_070000_create_audit_logs::Migration),
            Box::new(audit::m20261122_070100_create_compliances::Migration),
            Box::new(audit::m20261122_070200_create_policies::Migration),
            Box::new(automation::m20261122_080000_create_workflows::Migration),
            Box::new(automation::m20261122_080100_create_workflow_runs::Migration),
            Box::new(automation::m20261122_080200_create_workflow_steps::Migration),
            Box::new(configuration::m20261122_090000_create_configurations::Migration),
            Box::new(configuration::m20261122_090100_create_feature_flags::Migration),
            Box::new(configuration::m20261122_090200_create_tenant_features::Migration),
            Box::new(configuration::m20261122_090300_create_service_quotas::Migration),
            Box::new(notifications::m20261122_100000_create_notification_templates::Migration),
            Box::new(notifications::m20261122_100100_create_notifications::Migration),
            Box::new(notifications::m20261122_100200_create_campaigns::Migration),
            Box::new(backup::m20261122_110000_create_backup_schedules::Migration),
            Box::new(backup::m20261122_110100_create_backup_schedule_tenants::Migration),
            Box::new(backup::m20261122_110200_create_backup_runs::Migration),
            Box::new(backup::m20261122_110300_create_recovery_plans::Migration),
            Box::new(reporting::m20261122_120000_create_report_templates::Migration),
            Box::new(reporting::m20261122_120100_create_template_fields::Migration),
            Box::new(reporting::m20261122_120200_create_reports::Migration),
            Box::new(reporting::m20261122_120300_create_report_executions::Migration),
            Box::new(reporting::m20261122_120400_create_report_shares::Migration),
            Box::new(reporting::m20261122_120500_create_execution_logs::Migration),
            Box::new(marketplace::m20261122_130000_create_marketplace_modules::Migration),
            Box::new(marketplace::m20261122_130100_create_module_installations::Migration),
            Box::new(marketplace::m20261122_130200_create_module_licenses::Migration),
            Box::new(marketplace::m20261122_130300_create_app_overrides::Migration),
            Box::new(handover::m20261122_140000_create_handover_packages::Migration),
            Box::new(handover::m20261122_140100_create_handover_package_modules::Migration),
            Box::new(handover::m20261122_140200_create_handover_package_configurations::Migration),
            Box::new(tenancy::m20261122_150000_create_tenant_dashboard::Migration),
            Box::new(platform::m20261122_160000_create_partition_functions::Migration),
            Box::new(identity::m20261201_110000_restrict_global_tables::Migration),
            Box::new(identity::m20261201_120000_create_auth_functions::Migration),
            Box::new(integrations::m20261201_130000_add_webhooks_signing_secret::Migration),
            Box::new(integrations::m20261201_130100_validate_webhooks_signing_secret::Migration),
            Box::new(integrations::m20261201_145510_add_integration_event_sources::Migration),
            Box::new(integrations::m20261201_145600_add_integration_events_delivery::Migration),
            Box::new(marketplace::m20261201_153734_create_module_integrations::Migration),
            // new-migration: insert above this line
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every constraint and index name a migration creates is unique, on both backends.
    #[test]
    fn constraint_and_index_names_are_unique() {
        for backend in [DbBackend::Postgres, DbBackend::Sqlite] {
            let mut seen = std::collections::BTreeMap::new();
            let changes = Migrator::changes();
            for (change, (up, _)) in changes.iter().zip(render_all(&changes, backend)) {
                // A SQLite table rebuild (between the two `legacy_alter_table` pragmas) recreates
                // the names the table already had; the names it adds are checked on Postgres.
                let mut rebuilding = false;
                for statement in up {
                    if statement.starts_with("PRAGMA legacy_alter_table") {
                        rebuilding = statement.ends_with("ON");
                        continue;
                    }
                    if rebuilding {
                        continue;
                    }
                    let mut rest = statement.as_str();
                    let mut names = Vec::new();
                    while let Some(i) = rest.find("CONSTRAINT \"") {
                        // VALIDATE and DROP name an existing constraint; they create none.
                        let refers =
                            rest[..i].ends_with("VALIDATE ") || rest[..i].ends_with("DROP ");
                        rest = &rest[i + 12..];
                        if !refers {
                            names.push(rest.split('"').next().unwrap_or_default().to_owned());
                        }
                    }
                    if let Some(index) = statement.split("INDEX \"").nth(1) {
                        names.push(index.split('"').next().unwrap_or_default().to_owned());
                    }
                    for name in names {
                        if let Some(other) = seen.insert(name.clone(), change.name().to_owned()) {
                            panic!(
                                "{backend:?}: `{name}` is created by {other} and again by {}",
                                change.name()
                            );
                        }
                    }
                }
            }
        }
    }
}
