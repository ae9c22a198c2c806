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
use sea_orm::sea_query::{IntoValueTuple, SelectStatement, ValueTuple, ValueType};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ActiveValue, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, EntityTrait, IntoActiveModel,
    Iterable, PaginatorTrait, PrimaryKeyToColumn, PrimaryKeyTrait, QueryFilter, QueryOrder,
    QuerySelect, Select, Statement, TransactionTrait, Value,
};

use crate::error::{Error, Result};

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

/// A transaction acting for one tenant: everything it reads and writes is that tenant's (and, on
/// tables that mix them, the platform rows it may read).
///
/// Dropping it without [`commit`](Self::commit) rolls it back.
pub struct TenantTxn {
    txn: DatabaseTransaction,
    tenant: TenantId,
}

impl std::fmt::Debug for TenantTxn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TenantTxn")
            .field("tenant", &self.tenant)
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
        Ok(Self { txn, tenant })
    }

    /// The tenant this transaction acts for.
    pub fn tenant(&self) -> TenantId {
        self.tenant
    }

    /// The rows of `E` this tenant may read: its own, and the platform rows of tables that mix
    /// them. Add filters and ordering, then run it with [`ScopedSelect::all`] and friends.
    pub fn find<E: TenantScoped>(&self) -> ScopedSelect<'_, E> {
        ScopedSelect {
            txn: self,
            select: E::find().filter(self.readable::<E>()),
        }
    }

    /// The row of `E` with this primary key, if this tenant may read it.
    pub fn find_by_id<E: TenantScoped>(
        &self,
        id: impl Into<<E::PrimaryKey as PrimaryKeyTrait>::ValueType>,
    ) -> ScopedSelect<'_, E> {
        ScopedSelect {
            txn: self,
            select: E::find()
                .filter(primary_key::<E>(id.into().into_value_tuple()))
                .filter(self.readable::<E>()),
        }
    }

    /// Inserts a row for this tenant: `tenant_id`, when not set, is set to the tenant. The entity's
    /// `before_save`/`after_save` hooks run as for `ActiveModel::insert`.
    ///
    /// # Errors
    ///
    /// [`Error::CrossTenant`], before anything reaches the database, when `tenant_id` is set to
    /// another tenant or (on tables that mix them) to NULL, a platform row; otherwise the errors of
    /// the insert.
    pub async fn insert<A>(&self, mut model: A) -> Result<<A::Entity as EntityTrait>::Model>
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
        let row = <A::Entity as EntityTrait>::insert(model)
            .exec_with_returning(&self.txn)
            .await?;
        Ok(A::after_save(row, &self.txn, true).await?)
    }

    /// Updates one of this tenant's rows (`UPDATE … WHERE <primary key> AND tenant_id = <tenant>`),
    /// running the entity's `before_save`/`after_save` hooks as `ActiveModel::update` does.
    ///
    /// # Errors
    ///
    /// [`Error::CrossTenant`] when the model's `tenant_id` names another tenant (moving a row) or
    /// a platform row; [`Error::NotFound`] when the tenant has no row with that key (a row of
    /// another tenant is not found either); otherwise the errors of the update.
    pub async fn update<A>(&self, mut model: A) -> Result<<A::Entity as EntityTrait>::Model>
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
        if !changes {
            // Nothing to write: SeaORM would read the row back by key alone, so read it in scope.
            let current = <A::Entity as EntityTrait>::find()
                .filter(primary_key::<A::Entity>(key.clone()))
                .filter(self.own::<A::Entity>())
                .one(&self.txn)
                .await?;
            return match current {
                Some(row) => Ok(row),
                None => Err(self.missing::<A::Entity>(key).await),
            };
        }
        let updated = <A::Entity as EntityTrait>::update(model)
            .validate()?
            .filter(self.own::<A::Entity>())
            .exec(&self.txn)
            .await;
        match updated {
            Ok(row) => Ok(A::after_save(row, &self.txn, false).await?),
            Err(DbErr::RecordNotUpdated) => Err(self.missing::<A::Entity>(key).await),
            Err(e) => Err(e.into()),
        }
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
            return Err(self.missing::<E>(key).await);
        }
        Ok(())
    }

    /// Commits the transaction.
    ///
    /// # Errors
    ///
    /// When the commit fails (nothing is then written).
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

    /// The transaction itself, for statements this API does not cover, such as reading global
    /// tables (`users`, `plans`, `feature_flags`) within the request.
    ///
    /// **Nothing here is filtered by this API.** On Postgres, when the service connects as the
    /// application role, row-level security still keeps these statements within the tenant
    /// (`app.current_tenant_id` is set); on SQLite nothing does. Never read or write a table with
    /// `tenant_id` through it: use [`find`](Self::find), [`insert`](Self::insert),
    /// [`update`](Self::update) and [`delete_by_id`](Self::delete_by_id).
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

    /// Rows this tenant may write.
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
            Error::Validation(format!(
                "{}.tenant_id is not a UUID",
                E::default().table_name()
            ))
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
    /// row it may read but not write, or no row it can see.
    async fn missing<E: TenantScoped>(&self, key: ValueTuple) -> Error {
        let table = E::default().table_name();
        if E::PLATFORM_ROWS {
            let platform = E::find()
                .filter(primary_key::<E>(key.clone()))
                .filter(E::tenant_column().is_null())
                .one(&self.txn)
                .await;
            match platform {
                Ok(Some(_)) => {
                    return Error::CrossTenant {
                        table: table.to_owned(),
                        expected: self.tenant.as_uuid(),
                        found: None,
                    };
                }
                Ok(None) => {}
                Err(e) => return e.into(),
            }
        }
        let key: Vec<String> = key.into_iter().map(|v| v.to_string()).collect();
        Error::NotFound(format!(
            "{table} row {} of tenant {}",
            key.join(", "),
            self.tenant
        ))
    }
}

/// `<primary key> = key`.
fn primary_key<E: EntityTrait>(key: ValueTuple) -> Condition {
    E::PrimaryKey::iter()
        .zip(key)
        .fold(Condition::all(), |c, (k, v)| c.add(k.into_column().eq(v)))
}

/// A query of a [`TenantTxn`], already limited to the rows its tenant may read. Refine it with
/// [`QueryFilter`] and [`QueryOrder`] (each filter narrows it further), then run it with
/// [`all`](Self::all), [`one`](Self::one) or [`count`](Self::count), in that transaction.
#[derive(Debug)]
pub struct ScopedSelect<'t, E: TenantScoped> {
    txn: &'t TenantTxn,
    select: Select<E>,
}

impl<E: TenantScoped> QueryFilter for ScopedSelect<'_, E> {
    type QueryStatement = SelectStatement;

    fn query(&mut self) -> &mut SelectStatement {
        QueryFilter::query(&mut self.select)
    }
}

impl<E: TenantScoped> QueryOrder for ScopedSelect<'_, E> {
    type QueryStatement = SelectStatement;

    fn query(&mut self) -> &mut SelectStatement {
        QueryOrder::query(&mut self.select)
    }
}

impl<E: TenantScoped> ScopedSelect<'_, E> {
    /// At most `limit` rows.
    pub fn limit(mut self, limit: u64) -> Self {
        self.select = self.select.limit(limit);
        self
    }

    /// Skips the first `offset` rows.
    pub fn offset(mut self, offset: u64) -> Self {
        self.select = self.select.offset(offset);
        self
    }

    /// Every matching row.
    ///
    /// # Errors
    ///
    /// The database's.
    pub async fn all(self) -> Result<Vec<E::Model>> {
        Ok(self.select.all(&self.txn.txn).await?)
    }

    /// The first matching row, if any.
    ///
    /// # Errors
    ///
    /// The database's.
    pub async fn one(self) -> Result<Option<E::Model>> {
        Ok(self.select.one(&self.txn.txn).await?)
    }

    /// How many rows match.
    ///
    /// # Errors
    ///
    /// The database's.
    pub async fn count(self) -> Result<u64>
    where
        E::Model: Sync,
    {
        Ok(self.select.count(&self.txn.txn).await?)
    }
}

/// A transaction of a platform-wide job (billing runs, backups, monitoring) that acts for no
/// tenant and may reach every tenant's rows.
///
/// Opening one says so in the code, with the job's purpose. On Postgres it sets no tenant, so it
/// reaches tenant rows only when the job connects as the platform role (`platform_ops`,
/// `BYPASSRLS`); as the application role it sees only platform rows. Never use it for a tenant's
/// request: use [`TenantTxn`].
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
    /// Postgres its first statement clears `app.current_tenant_id` for this transaction.
    ///
    /// # Errors
    ///
    /// When the transaction cannot be opened.
    pub async fn begin(db: &DatabaseConnection, purpose: &'static str) -> Result<Self> {
        let txn = db.begin().await?;
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
