//! Scoped bulk writes: [`ScopedUpdateMany`] and [`ScopedDeleteMany`].

use entity::scope::TenantScoped;
use sea_orm::sea_query::{IntoCondition, SimpleExpr};
use sea_orm::{ConnectionTrait, IdenStatic, QueryFilter, QueryTrait};

use super::{TenantTxn, guard};
use crate::error::{Error, Result};

/// An `UPDATE` of many of a tenant's rows ([`TenantTxn::update_many`]).
#[derive(Debug)]
pub struct ScopedUpdateMany<'t, E: TenantScoped> {
    txn: &'t TenantTxn,
    update: sea_orm::UpdateMany<E>,
    sets_tenant: bool,
    empty: bool,
}

impl<'t, E: TenantScoped> ScopedUpdateMany<'t, E> {
    pub(super) fn new(txn: &'t TenantTxn) -> Self {
        Self {
            txn,
            update: E::update_many(),
            sets_tenant: false,
            empty: true,
        }
    }

    /// Sets `column` to `value` (a value or an expression such as `Expr::col(c).add(1)`).
    /// Setting `tenant_id` is refused when the update runs.
    pub fn col_expr(mut self, column: E::Column, value: impl Into<SimpleExpr>) -> Self {
        if column.as_str() == E::tenant_column().as_str() {
            self.sets_tenant = true;
        }
        self.update = self.update.col_expr(column, value.into());
        self.empty = false;
        self
    }

    /// Narrows the update to rows matching `condition`.
    pub fn filter(mut self, condition: impl IntoCondition) -> Self {
        self.update = self.update.filter(condition);
        self
    }

    /// Runs the update on the tenant's matching rows; returns how many changed.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] when it sets `tenant_id` (rows cannot move between tenants) or
    /// sets nothing, [`Error::Forbidden`] for a widening
    /// expression (see [`ScopedSelect`](super::ScopedSelect)), otherwise the database's.
    pub async fn exec(self) -> Result<u64> {
        let table = E::default().table_name().to_owned();
        if self.sets_tenant {
            return Err(Error::validation(
                format!("{table}.tenant_id"),
                "a row cannot move between tenants: update_many may not set tenant_id",
            ));
        }
        if self.empty {
            return Err(Error::validation(
                table,
                "update_many sets no column; add col_expr(column, value)",
            ));
        }
        let update = self.update.filter(self.txn.own::<E>());
        guard::single_table_write(&update.build(self.txn.txn.get_database_backend()))?;
        Ok(update.exec(&self.txn.txn).await?.rows_affected)
    }
}

/// A `DELETE` of many of a tenant's rows ([`TenantTxn::delete_many`]).
#[derive(Debug)]
pub struct ScopedDeleteMany<'t, E: TenantScoped> {
    txn: &'t TenantTxn,
    delete: sea_orm::DeleteMany<E>,
}

impl<'t, E: TenantScoped> ScopedDeleteMany<'t, E> {
    pub(super) fn new(txn: &'t TenantTxn) -> Self {
        Self {
            txn,
            delete: E::delete_many(),
        }
    }

    /// Narrows the delete to rows matching `condition`.
    pub fn filter(mut self, condition: impl IntoCondition) -> Self {
        self.delete = self.delete.filter(condition);
        self
    }

    /// Deletes the tenant's matching rows (never a platform row); returns how many.
    ///
    /// # Errors
    ///
    /// [`Error::Forbidden`] for a widening condition, otherwise the database's.
    pub async fn exec(self) -> Result<u64> {
        let delete = self.delete.filter(self.txn.own::<E>());
        guard::single_table_write(&delete.build(self.txn.txn.get_database_backend()))?;
        Ok(delete.exec(&self.txn.txn).await?.rows_affected)
    }
}
