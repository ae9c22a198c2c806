//! Which entities belong to a tenant.
//!
//! Every entity whose table has a `tenant_id` column implements [`TenantScoped`]. The impls are
//! written by `cargo xtask codegen` from the column itself (nullable `tenant_id` → the table mixes
//! platform rows), so a new tenant table can never be left without one; `domain::tenancy` uses
//! the trait to filter, stamp and check rows, and a test compares
//! [`tenant_scoped_tables`] with the database's catalog.

use sea_orm::EntityTrait;

/// An entity whose rows belong to one tenant (or, when [`PLATFORM_ROWS`](Self::PLATFORM_ROWS),
/// to the platform).
///
/// Implemented by codegen for every generated entity with a `tenant_id` column; do not implement
/// it by hand for a table.
pub trait TenantScoped: EntityTrait {
    /// Whether `tenant_id` is nullable: the table then also holds platform rows (`tenant_id`
    /// NULL), readable by every tenant and writable by none.
    const PLATFORM_ROWS: bool;

    /// The `tenant_id` column.
    fn tenant_column() -> Self::Column;
}

/// Visits tenant-scoped entities one type at a time (see
/// [`visit_tenant_scoped`](crate::generated::visit_tenant_scoped)).
pub trait TenantScopedVisitor {
    /// Called once per tenant-scoped entity.
    fn visit<E: TenantScoped>(&mut self);
}

/// Every generated tenant-scoped entity as `(table, platform rows)`, in table order.
pub fn tenant_scoped_tables() -> Vec<(&'static str, bool)> {
    struct Collect(Vec<(&'static str, bool)>);
    impl TenantScopedVisitor for Collect {
        fn visit<E: TenantScoped>(&mut self) {
            self.0.push((
                sea_orm::EntityName::table_name(&E::default()),
                E::PLATFORM_ROWS,
            ));
        }
    }
    let mut collect = Collect(Vec::new());
    crate::generated::visit_tenant_scoped(&mut collect);
    collect.0
}
