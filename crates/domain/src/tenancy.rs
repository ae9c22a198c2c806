//! Tenant-scoped database access: the way a service reads and writes a tenant's rows.
//!
//! A request of a tenant opens a [`TenantTxn`] for its [`TenantId`]. The transaction keeps every
//! statement it runs within that tenant, on both backends:
//!
//! - on Postgres its first statement is `set_config('app.current_tenant_id', $1, true)`, so the
//!   row-level security policies apply to everything it runs (when the service connects as the
//!   application role, `app_user`); the setting is transaction-local, so a pooled connection never
//!   carries one tenant's id into another request;
//! - on both backends (SQLite has no row-level security) the API itself filters reads to the
//!   tenant (and the platform rows of tables that mix them), stamps inserts with the tenant,
//!   refuses a row of another tenant with [`Error::CrossTenant`], and limits updates and deletes
//!   to the tenant's rows.
//!
//! Only entities with a `tenant_id` ([`TenantScoped`], implemented by codegen) can go through it;
//! anything else does not compile:
//!
//! ```compile_fail
//! # async fn f(db: &sea_orm::DatabaseConnection, tenant: domain::tenancy::TenantId) {
//! let txn = domain::tenancy::TenantTxn::begin(db, tenant).await.unwrap();
//! // `users` has no tenant_id: users are global.
//! let users = txn.find::<entity::users::Entity>().all().await;
//! # }
//! ```
//!
//! nor does opening a transaction without a tenant:
//!
//! ```compile_fail
//! # async fn f(db: &sea_orm::DatabaseConnection) {
//! let txn = domain::tenancy::TenantTxn::begin(db, Default::default()).await.unwrap();
//! # }
//! ```
//!
//! Jobs that span tenants (billing runs, backups) use [`PlatformTxn`], which says so.
//!
//! ```no_run
//! # async fn f(db: &sea_orm::DatabaseConnection, id: sea_orm::prelude::Uuid) -> domain::Result<()> {
//! use domain::tenancy::{TenantId, TenantTxn};
//! use entity::tickets;
//! use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
//!
//! let txn = TenantTxn::begin(db, TenantId::new(id)).await?;
//! let open = txn
//!     .find::<tickets::Entity>()
//!     .filter(tickets::Column::Subject.contains("invoice"))
//!     .order_by_desc(tickets::Column::CreatedAt)
//!     .all()
//!     .await?;
//! txn.commit().await?;
//! # let _ = open;
//! # Ok(())
//! # }
//! ```

use entity::scope::TenantScoped;
use sea_orm::prelude::Uuid;
use sea_orm::sea_query::{IntoCondition, IntoValueTuple, ValueTuple, ValueType};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ActiveValue, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, EntityTrait, IntoActiveModel,
    Iterable, ModelTrait, PrimaryKeyToColumn, PrimaryKeyTrait, QueryFilter, Related, Statement,
    TransactionTrait, Value,
};

use crate::error::{ConcurrencyConflict, Error, Result};

mod cursor;
mod guard;
mod select;
mod write;

pub use cursor::{Cursor, Page};
pub use select::{RowLock, ScopedSelect, ScopedSelectTwo};
pub use write::{ScopedDeleteMany, ScopedUpdateMany};

/// The id of the tenant a transaction acts for.
///
/// Made from a UUID explicitly ([`TenantId::new`]), typically the tenant the authenticated
/// request belongs to; there is no default, so a tenant cannot be forgotten.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TenantId(Uuid);

impl TenantId {
    /// The tenant with this id (`tenants.id`).
    pub const fn new(id: Uuid) -> Self {
        Self(id)
    }

    /// The id as a UUID.
    pub const fn as_uuid(self) -> Uuid {
        self.0
    }
}

impl std::fmt::Display for TenantId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Sets the tenant (or, with `""`, no tenant) of the current Postgres transaction.
async fn set_tenant(txn: &DatabaseTransaction, value: String) -> Result<()> {
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT set_config('app.current_tenant_id', $1, true)",
            [value.into()],
        ))
        .await?;
    }
    Ok(())
}

/// The tenant setting of the current Postgres transaction (`""` when none).
async fn current_tenant_setting(txn: &DatabaseTransaction) -> Result<String> {
    let row = txn
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT coalesce(current_setting('app.current_tenant_id', true), '')",
        ))
        .await?;
    Ok(row
        .map(|r| r.try_get_by_index::<String>(0))
        .transpose()?
        .unwrap_or_default())
}

/// A transaction acting for one tenant: everything it reads and writes is that tenant's (and, on
/// tables that mix them, the platform rows it may read).
///
/// Dropping it without [`commit`](Self::commit) rolls it back.
pub struct TenantTxn {
    txn: DatabaseTransaction,
    tenant: TenantId,
    /// When joined to a transaction of the service ([`join`](Self::join)): the tenant setting to
    /// put back on commit, so the outer transaction does not go on acting for this tenant.
    restore: Option<String>,
    /// The outbox event this transaction reacts to ([`caused_by`](Self::caused_by)): the
    /// `causation_id` of the events it writes.
    causation: Option<Uuid>,
}

impl std::fmt::Debug for TenantTxn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TenantTxn")
            .field("tenant", &self.tenant)
            .field("joined", &self.restore.is_some())
            .finish_non_exhaustive()
    }
}

/// What a scoped write says about `tenant_id`.
enum Claim {
    /// Not set: the scope stamps it.
    Unset,
    /// Set to the transaction's tenant.
    Own,
}

impl TenantTxn {
    /// Opens a transaction for `tenant`. On Postgres its first statement sets
    /// `app.current_tenant_id` for this transaction only.
    ///
    /// # Errors
    ///
    /// When the transaction cannot be opened or the setting fails.
    pub async fn begin(db: &DatabaseConnection, tenant: TenantId) -> Result<Self> {
        let txn = db.begin().await?;
        set_tenant(&txn, tenant.to_string()).await?;
        Ok(Self {
            txn,
            tenant,
            restore: None,
            causation: None,
        })
    }

    /// Joins a transaction the service already holds: everything this `TenantTxn` does runs in
    /// `outer`, inside a savepoint. [`commit`](Self::commit) releases the savepoint (the work
    /// becomes durable when `outer` commits) and, on Postgres, puts back the tenant setting
    /// `outer` had, so `outer` does not go on acting for this tenant; dropping or
    /// [`rollback`](Self::rollback) undoes the savepoint's work and the setting with it.
    ///
    /// # Errors
    ///
    /// When the savepoint or the setting fails.
    pub async fn join(outer: &DatabaseTransaction, tenant: TenantId) -> Result<Self> {
        let txn = outer.begin().await?;
        let restore = if txn.get_database_backend() == DbBackend::Postgres {
            current_tenant_setting(&txn).await?
        } else {
            String::new()
        };
        set_tenant(&txn, tenant.to_string()).await?;
        Ok(Self {
            txn,
            tenant,
            restore: Some(restore),
            causation: None,
        })
    }

    /// Marks this transaction as the reaction to the outbox event `event` (an event handler's):
    /// the events it writes name `event` as their `causation_id`.
    #[must_use]
    pub fn caused_by(mut self, event: Uuid) -> Self {
        self.causation = Some(event);
        self
    }

    /// The event this transaction reacts to, if any ([`caused_by`](Self::caused_by)).
    pub fn causation(&self) -> Option<Uuid> {
        self.causation
    }

    /// The tenant this transaction acts for.
    pub fn tenant(&self) -> TenantId {
        self.tenant
    }

    /// The rows of `E` this tenant may read: its own, and the platform rows of tables that mix
    /// them. Refine it with [`ScopedSelect::filter`], ordering, locks, projections, then run it
    /// with [`ScopedSelect::all`] and friends; the tenant filter is added when it runs.
    pub fn find<E: TenantScoped>(&self) -> ScopedSelect<'_, E> {
        ScopedSelect::new(self, E::find())
    }

    /// The row of `E` with this primary key, if this tenant may read it.
    pub fn find_by_id<E: TenantScoped>(
        &self,
        id: impl Into<<E::PrimaryKey as PrimaryKeyTrait>::ValueType>,
    ) -> ScopedSelect<'_, E> {
        self.find::<E>()
            .filter(primary_key::<E>(id.into().into_value_tuple()))
    }

    /// The row of `E` whose `id` column is `id`, for tables whose primary key holds more than
    /// the id: the partitioned tables (`report_executions`, `audit_logs`, …) have `(id, <time>)`
    /// keys, and a client knows only the id. UUIDv7 ids are unique on their own.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] (field `id`) when `E` has no `id` column.
    pub fn find_by_uuid<E: TenantScoped>(&self, id: Uuid) -> Result<ScopedSelect<'_, E>> {
        let column = column_named::<E>("id")?;
        Ok(self.find::<E>().filter(column.eq(id)))
    }

    /// The rows of `R` related to `model` (`model.find_related(R)`), confined to this tenant.
    pub fn find_related<M, R>(&self, model: &M) -> ScopedSelect<'_, R>
    where
        M: ModelTrait,
        M::Entity: Related<R>,
        R: TenantScoped,
    {
        ScopedSelect::new(self, model.find_related(R::default()))
    }

    /// For each of `models`, its related `R` rows (SeaORM's loader, one query for all of them),
    /// read through `related`, a query of this transaction (`txn.find::<R>()`, perhaps filtered
    /// or ordered), so confined to this tenant.
    ///
    /// # Errors
    ///
    /// The database's, and the refusals of [`ScopedSelect`].
    pub async fn load_many<M, R>(
        &self,
        models: &[M],
        related: ScopedSelect<'_, R>,
    ) -> Result<Vec<Vec<R::Model>>>
    where
        M: ModelTrait + Sync,
        M::Entity: Related<R>,
        R: TenantScoped,
        R::Model: Send + Sync,
    {
        use sea_orm::LoaderTrait;
        let select = related.into_checked_select()?;
        Ok(models.load_many(select, &self.txn).await?)
    }

    /// For each of `models`, its one related `R` row, if this tenant may read it (SeaORM's
    /// loader for `belongs_to`/`has_one`), read through `related` as in
    /// [`load_many`](Self::load_many).
    ///
    /// # Errors
    ///
    /// The database's, and the refusals of [`ScopedSelect`].
    pub async fn load_one<M, R>(
        &self,
        models: &[M],
        related: ScopedSelect<'_, R>,
    ) -> Result<Vec<Option<R::Model>>>
    where
        M: ModelTrait + Sync,
        M::Entity: Related<R>,
        R: TenantScoped,
        R::Model: Send + Sync,
    {
        use sea_orm::LoaderTrait;
        let select = related.into_checked_select()?;
        Ok(models.load_one(select, &self.txn).await?)
    }

    /// Inserts a row for this tenant: `tenant_id`, when not set, is set to the tenant. The entity's
    /// `before_save`/`after_save` hooks run as for `ActiveModel::insert`.
    ///
    /// # Errors
    ///
    /// [`Error::CrossTenant`], before anything reaches the database, when `tenant_id` is set to
    /// another tenant or (on tables that mix them) to NULL, a platform row; otherwise the errors of
    /// the insert.
    pub async fn insert<A>(&self, model: A) -> Result<<A::Entity as EntityTrait>::Model>
    where
        A: ActiveModelTrait + ActiveModelBehavior + Send,
        A::Entity: TenantScoped,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        let model = self.prepare_insert(model).await?;
        let row = <A::Entity as EntityTrait>::insert(model)
            .exec_with_returning(&self.txn)
            .await?;
        Ok(A::after_save(row, &self.txn, true).await?)
    }

    /// Inserts several rows for this tenant in one statement, each stamped and checked as by
    /// [`insert`](Self::insert), with each entity's `before_save`/`after_save` hooks; returns
    /// the rows as written, in order.
    ///
    /// # Errors
    ///
    /// As [`insert`](Self::insert); on any refusal nothing is written.
    pub async fn insert_many<A>(
        &self,
        models: impl IntoIterator<Item = A>,
    ) -> Result<Vec<<A::Entity as EntityTrait>::Model>>
    where
        A: ActiveModelTrait + ActiveModelBehavior + Send,
        A::Entity: TenantScoped,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        let mut prepared = Vec::new();
        for model in models {
            prepared.push(self.prepare_insert(model).await?);
        }
        if prepared.is_empty() {
            return Ok(Vec::new());
        }
        let rows = <A::Entity as EntityTrait>::insert_many(prepared)
            .exec_with_returning(&self.txn)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            out.push(A::after_save(row, &self.txn, true).await?);
        }
        Ok(out)
    }

    /// Stamps and checks the tenant of a row to insert, and runs `before_save`.
    async fn prepare_insert<A>(&self, mut model: A) -> Result<A>
    where
        A: ActiveModelTrait + ActiveModelBehavior + Send,
        A::Entity: TenantScoped,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        let column = <A::Entity as TenantScoped>::tenant_column();
        if let Claim::Unset = self.claim::<A::Entity>(&model.get(column))? {
            model.try_set(column, self.tenant.as_uuid().into())?;
        }
        // As `ActiveModel::insert`, with the tenant checked again after the hook.
        let model = A::before_save(model, &self.txn, true).await?;
        self.claim::<A::Entity>(&model.get(column))?;
        Ok(model)
    }

    /// Updates one of this tenant's rows (`UPDATE … WHERE <primary key> AND tenant_id = <tenant>`),
    /// running the entity's `before_save`/`after_save` hooks as `ActiveModel::update` does.
    ///
    /// # Errors
    ///
    /// [`Error::CrossTenant`] when the model's `tenant_id` names another tenant (moving a row) or
    /// a platform row; [`Error::NotFound`] when the tenant has no row with that key (a row of
    /// another tenant is not found either); otherwise the errors of the update.
    pub async fn update<A>(&self, model: A) -> Result<<A::Entity as EntityTrait>::Model>
    where
        A: ActiveModelTrait + ActiveModelBehavior + Send,
        A::Entity: TenantScoped,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        self.update_where(model, None).await
    }

    /// Updates one of this tenant's rows only if it still matches `expected`
    /// (`UPDATE … WHERE <primary key> AND tenant_id = <tenant> AND <expected>`), typically the
    /// state it was read in (`reports::Column::Status.eq(ReportStatus::Draft)`). Of two
    /// transactions that race from the same state exactly one wins: on Postgres the loser's
    /// `UPDATE` waits for the winner's row lock and then no longer matches; SQLite serialises
    /// writers.
    ///
    /// # Errors
    ///
    /// [`Error::Concurrent`] with [`ConcurrencyConflict::StateChanged`] when the row exists but
    /// no longer matches `expected`; otherwise those of [`update`](Self::update).
    pub async fn update_if<A>(
        &self,
        model: A,
        expected: impl IntoCondition,
    ) -> Result<<A::Entity as EntityTrait>::Model>
    where
        A: ActiveModelTrait + ActiveModelBehavior + Send,
        A::Entity: TenantScoped,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        self.update_where(model, Some(expected.into_condition()))
            .await
    }

    async fn update_where<A>(
        &self,
        mut model: A,
        expected: Option<Condition>,
    ) -> Result<<A::Entity as EntityTrait>::Model>
    where
        A: ActiveModelTrait + ActiveModelBehavior + Send,
        A::Entity: TenantScoped,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        let column = <A::Entity as TenantScoped>::tenant_column();
        if let Claim::Unset = self.claim::<A::Entity>(&model.get(column))?
            && <A::Entity as EntityTrait>::PrimaryKey::from_column(column).is_some()
        {
            // The key contains tenant_id (`tenant_features`): it is the tenant's.
            model.try_set(column, self.tenant.as_uuid().into())?;
        }
        let model = A::before_save(model, &self.txn, false).await?;
        // A hook must not move the row either.
        self.claim::<A::Entity>(&model.get(column))?;
        let key = model.get_primary_key_value().ok_or_else(|| {
            Error::Db(DbErr::PrimaryKeyNotSet {
                ctx: "TenantTxn::update",
            })
        })?;
        let changes = <A::Entity as EntityTrait>::Column::iter().any(|c| {
            <A::Entity as EntityTrait>::PrimaryKey::from_column(c).is_none()
                && matches!(model.get(c), ActiveValue::Set(_))
        });
        let expected_cond = expected.clone().unwrap_or_else(Condition::all);
        if !changes {
            // Nothing to write: SeaORM would read the row back by key alone, so read it in scope.
            let current = <A::Entity as EntityTrait>::find()
                .filter(primary_key::<A::Entity>(key.clone()))
                .filter(self.own::<A::Entity>())
                .filter(expected_cond)
                .one(&self.txn)
                .await?;
            return match current {
                Some(row) => Ok(row),
                None => Err(self.missing::<A::Entity>(key, expected.is_some()).await),
            };
        }
        let mut update = <A::Entity as EntityTrait>::update(model)
            .validate()?
            .filter(self.own::<A::Entity>());
        if let Some(expected) = expected.clone() {
            update = update.filter(expected);
        }
        match update.exec(&self.txn).await {
            Ok(row) => Ok(A::after_save(row, &self.txn, false).await?),
            Err(DbErr::RecordNotUpdated) => {
                Err(self.missing::<A::Entity>(key, expected.is_some()).await)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// An `UPDATE` of many of this tenant's rows: set columns with
    /// [`ScopedUpdateMany::col_expr`], narrow with [`ScopedUpdateMany::filter`], run with
    /// [`ScopedUpdateMany::exec`]. It never reaches another tenant's or a platform row, and
    /// refuses to set `tenant_id`.
    pub fn update_many<E: TenantScoped>(&self) -> ScopedUpdateMany<'_, E> {
        ScopedUpdateMany::new(self)
    }

    /// A `DELETE` of many of this tenant's rows: narrow with [`ScopedDeleteMany::filter`], run
    /// with [`ScopedDeleteMany::exec`]. It never reaches another tenant's or a platform row.
    pub fn delete_many<E: TenantScoped>(&self) -> ScopedDeleteMany<'_, E> {
        ScopedDeleteMany::new(self)
    }

    /// Deletes one of this tenant's rows (`DELETE … WHERE <primary key> AND tenant_id = <tenant>`).
    ///
    /// # Errors
    ///
    /// [`Error::NotFound`] when the tenant has no row with that key (a row of another tenant is
    /// not found either), [`Error::CrossTenant`] for a platform row, otherwise the errors of the
    /// delete.
    pub async fn delete_by_id<E: TenantScoped>(
        &self,
        id: impl Into<<E::PrimaryKey as PrimaryKeyTrait>::ValueType>,
    ) -> Result<()> {
        let key = id.into().into_value_tuple();
        let deleted = E::delete_many()
            .filter(primary_key::<E>(key.clone()))
            .filter(self.own::<E>())
            .exec(&self.txn)
            .await?;
        if deleted.rows_affected == 0 {
            return Err(self.missing::<E>(key, false).await);
        }
        Ok(())
    }

    /// Commits the transaction (for a [joined](Self::join) one: releases its savepoint, after
    /// putting back the outer transaction's tenant setting).
    ///
    /// # Errors
    ///
    /// When the commit fails (nothing is then written).
    pub async fn commit(self) -> Result<()> {
        if let Some(previous) = &self.restore {
            set_tenant(&self.txn, previous.clone()).await?;
        }
        Ok(self.txn.commit().await?)
    }

    /// Rolls the transaction back (dropping it does the same).
    ///
    /// # Errors
    ///
    /// When the rollback fails.
    pub async fn rollback(self) -> Result<()> {
        Ok(self.txn.rollback().await?)
    }

    /// The transaction itself, for statements this API does not cover, such as reading global
    /// tables (`users`, `plans`, `feature_flags`) within the request.
    ///
    /// **Nothing here is filtered by this API.** On Postgres, when the service connects as the
    /// application role, row-level security still keeps these statements within the tenant
    /// (`app.current_tenant_id` is set); on SQLite nothing does. Never read or write a table with
    /// `tenant_id` through it: use [`find`](Self::find), [`insert`](Self::insert),
    /// [`update`](Self::update) and the rest of this API.
    pub fn unscoped_connection(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// Rows this tenant may read.
    fn readable<E: TenantScoped>(&self) -> Condition {
        let column = E::tenant_column();
        let own = column.eq(self.tenant.as_uuid());
        if E::PLATFORM_ROWS {
            Condition::any().add(own).add(column.is_null())
        } else {
            Condition::all().add(own)
        }
    }

    /// Rows this tenant may write (and lock).
    fn own<E: TenantScoped>(&self) -> Condition {
        Condition::all().add(E::tenant_column().eq(self.tenant.as_uuid()))
    }

    /// Checks the `tenant_id` a write carries.
    fn claim<E: TenantScoped>(&self, value: &ActiveValue<Value>) -> Result<Claim> {
        let value = match value {
            ActiveValue::NotSet => return Ok(Claim::Unset),
            ActiveValue::Set(v) | ActiveValue::Unchanged(v) => v.clone(),
        };
        let found = <Option<Uuid> as ValueType>::try_from(value).map_err(|_| {
            Error::validation(
                format!("{}.tenant_id", E::default().table_name()),
                "is not a UUID",
            )
        })?;
        if found == Some(self.tenant.as_uuid()) {
            Ok(Claim::Own)
        } else {
            Err(Error::CrossTenant {
                table: E::default().table_name().to_owned(),
                expected: self.tenant.as_uuid(),
                found,
            })
        }
    }

    /// The error for a write that matched none of this tenant's rows: the key names a platform
    /// row it may read but not write, a row of the tenant no longer in the expected state
    /// (`conditional`), or no row it can see.
    async fn missing<E: TenantScoped>(&self, key: ValueTuple, conditional: bool) -> Error {
        let table = E::default().table_name();
        let visible = E::find()
            .filter(primary_key::<E>(key.clone()))
            .filter(self.readable::<E>())
            .one(&self.txn)
            .await;
        let column = E::tenant_column();
        match visible {
            Ok(Some(row)) => {
                let tenant = <Option<Uuid> as ValueType>::try_from(row.get(column)).ok();
                if tenant == Some(None) {
                    return Error::CrossTenant {
                        table: table.to_owned(),
                        expected: self.tenant.as_uuid(),
                        found: None,
                    };
                }
                if conditional {
                    return Error::Concurrent {
                        conflict: ConcurrencyConflict::StateChanged,
                        table: Some(table.to_owned()),
                        detail: format!(
                            "{table} row {} of tenant {} no longer matches the expected state",
                            describe(&key),
                            self.tenant
                        ),
                    };
                }
            }
            Ok(None) => {}
            Err(e) => return e.into(),
        }
        Error::NotFound {
            table: table.to_owned(),
            detail: format!("row {} of tenant {}", describe(&key), self.tenant),
        }
    }
}

fn describe(key: &ValueTuple) -> String {
    let key: Vec<String> = key.clone().into_iter().map(|v| v.to_string()).collect();
    key.join(", ")
}

/// `<primary key> = key`.
fn primary_key<E: EntityTrait>(key: ValueTuple) -> Condition {
    E::PrimaryKey::iter()
        .zip(key)
        .fold(Condition::all(), |c, (k, v)| c.add(k.into_column().eq(v)))
}

/// The column of `E` called `name`.
fn column_named<E: EntityTrait>(name: &str) -> Result<E::Column> {
    name.parse::<E::Column>().map_err(|_| {
        Error::validation(
            name,
            format!(
                "`{}` has no `{name}` column, which this query needs",
                E::default().table_name()
            ),
        )
    })
}

/// A transaction of a platform-wide job (billing runs, backups, monitoring) that acts for no
/// tenant and may reach every tenant's rows.
///
/// Opening one says so in the code, with the job's purpose. On Postgres it sets no tenant and
/// needs a role that bypasses row-level security (the platform role `platform_ops`, `BYPASSRLS`,
/// or a superuser): [`begin`](Self::begin) refuses any other role with [`Error::Forbidden`],
/// since under the policies the job would silently see no tenant's rows. Never use it for a
/// tenant's request: use [`TenantTxn`].
pub struct PlatformTxn {
    txn: DatabaseTransaction,
    purpose: &'static str,
}

impl std::fmt::Debug for PlatformTxn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlatformTxn")
            .field("purpose", &self.purpose)
            .finish_non_exhaustive()
    }
}

impl PlatformTxn {
    /// Opens a cross-tenant transaction for `purpose` (for example `"monthly billing run"`). On
    /// Postgres it checks the role, then clears `app.current_tenant_id` for this transaction.
    ///
    /// # Errors
    ///
    /// [`Error::Forbidden`] on Postgres when the connection's role is subject to row-level
    /// security; otherwise when the transaction cannot be opened.
    pub async fn begin(db: &DatabaseConnection, purpose: &'static str) -> Result<Self> {
        let txn = db.begin().await?;
        if txn.get_database_backend() == DbBackend::Postgres {
            let row = txn
                .query_one_raw(Statement::from_string(
                    DbBackend::Postgres,
                    "SELECT current_user::text, rolsuper OR rolbypassrls FROM pg_roles \
                     WHERE rolname = current_user",
                ))
                .await?;
            let (role, bypass) = match row {
                Some(row) => (
                    row.try_get_by_index::<String>(0)?,
                    row.try_get_by_index::<bool>(1)?,
                ),
                None => (String::new(), false),
            };
            if !bypass {
                return Err(Error::Forbidden {
                    reason: "a platform transaction needs a database role that bypasses \
                             row-level security (the platform role, `cargo xtask roles`); as \
                             this role it would silently see no tenant's rows"
                        .into(),
                    detail: format!("PlatformTxn `{purpose}` opened as role `{role}`"),
                });
            }
        }
        set_tenant(&txn, String::new()).await?;
        Ok(Self { txn, purpose })
    }

    /// What the job is for.
    pub fn purpose(&self) -> &'static str {
        self.purpose
    }

    /// The transaction, unfiltered: every statement may span tenants.
    pub fn connection(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// Commits the transaction.
    ///
    /// # Errors
    ///
    /// When the commit fails.
    pub async fn commit(self) -> Result<()> {
        Ok(self.txn.commit().await?)
    }

    /// Rolls the transaction back (dropping it does the same).
    ///
    /// # Errors
    ///
    /// When the rollback fails.
    pub async fn rollback(self) -> Result<()> {
        Ok(self.txn.rollback().await?)
    }
}
