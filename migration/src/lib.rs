//! Every table of the platform, as SeaORM migrations grouped by domain.
//!
//! Each migration is a unit `struct Migration` implementing [`SchemaChange`]: it writes the SQL
//! it needs into a [`Ddl`] plan for the backend at hand and never talks to the database itself.
//! [`Migrator`] turns the plans into SeaORM [`MigrationTrait`] objects, so SeaORM's own tooling
//! works unchanged, and [`Migrator::changes`] exposes the plans to `cargo xtask` for dry runs,
//! checksums and linting.
//!
//! This crate depends on no other crate of the workspace.

pub use sea_orm_migration;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

pub mod ddl;
pub use ddl::{Column, Ddl, Default, EnumType, IndexSpec, OnDelete, Table, Type};

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
}

/// The statements `change` runs on `backend` when applied.
pub fn up_statements(change: &dyn SchemaChange, backend: DbBackend) -> Vec<String> {
    let mut ddl = Ddl::new(backend);
    change.up(&mut ddl);
    ddl.into_statements()
}

/// The statements `change` runs on `backend` when reverted.
pub fn down_statements(change: &dyn SchemaChange, backend: DbBackend) -> Vec<String> {
    let mut ddl = Ddl::new(backend);
    change.down(&mut ddl);
    ddl.into_statements()
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
            // new-migration: insert above this line
        ]
    }
}

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        Self::changes()
            .into_iter()
            .map(|change| Box::new(Apply(change)) as Box<dyn MigrationTrait>)
            .collect()
    }
}

/// Runs a [`SchemaChange`] through SeaORM's migration machinery.
struct Apply(Box<dyn SchemaChange>);

impl MigrationName for Apply {
    fn name(&self) -> &str {
        self.0.name()
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Apply {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let statements = up_statements(self.0.as_ref(), manager.get_database_backend());
        run(manager, &statements).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let statements = down_statements(self.0.as_ref(), manager.get_database_backend());
        run(manager, &statements).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(self.0.transactional())
    }
}

async fn run(manager: &SchemaManager<'_>, statements: &[String]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for statement in statements {
        db.execute_unprepared(statement).await?;
    }
    Ok(())
}
