//! Scoped reads: [`ScopedSelect`], built by [`TenantTxn::find`] and its relatives.

use entity::scope::TenantScoped;
use futures_util::{Stream, StreamExt};
use sea_orm::sea_query::{IntoCondition, JoinType, LockBehavior, LockType, Order};
use sea_orm::{
    ColumnAsExpr, ConnectionTrait, FromQueryResult, IdenStatic, IntoIdentity, IntoSimpleExpr,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Related, Select, SelectTwo,
    TryGetableMany,
};

use super::guard;
use super::{TenantTxn, column_named};
use crate::error::Result;

/// A row lock for a [`ScopedSelect`] (`FOR UPDATE` and its variants, `FOR SHARE`).
///
/// A locking read is limited to the tenant's **own** rows: a platform row of a mixed table is
/// not the tenant's to write, so not its to lock. On SQLite the lock clause is not written, since
/// SQLite has no row locks: its transactions take the database lock on their first write and
/// writers run one at a time, so a lock taken there would add nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowLock {
    /// `FOR UPDATE`: wait for other transactions' locks.
    Update,
    /// `FOR UPDATE SKIP LOCKED`: leave out rows other transactions hold (work queues).
    UpdateSkipLocked,
    /// `FOR UPDATE NOWAIT`: fail at once with
    /// [`ConcurrencyConflict::Locked`](crate::error::ConcurrencyConflict::Locked) if a row is held.
    UpdateNowait,
    /// `FOR SHARE`: keep the rows from changing until this transaction ends.
    Share,
}

/// A query of a [`TenantTxn`]: a read of the rows its tenant may read.
///
/// Refine it with [`filter`](Self::filter) (each filter narrows it further), ordering, a
/// [`lock`](Self::lock), a projection ([`select_only`](Self::select_only),
/// [`column_as`](Self::column_as), [`group_by`](Self::group_by)), then run it with
/// [`all`](Self::all), [`one`](Self::one), [`count`](Self::count), [`page`](Self::page),
/// [`stream`](Self::stream), [`tuples`](Self::tuples) or [`models`](Self::models), in that
/// transaction.
///
/// **No widening.** The underlying statement is never handed out (there is no `QueryFilter` or
/// `QueryTrait` on this type), the tenant filter is added as the query runs, `AND`ed with
/// everything else, and before it runs the statement is checked ([`guard`](super::guard)) to
/// read from its own table only: a subquery, a set operation (`UNION` …), a CTE or a statement
/// separator, which could read other tenants' rows past the filter (say through
/// `Expr::cust`), is refused with [`Error::Forbidden`](crate::Error::Forbidden).
///
/// ```compile_fail
/// # fn f(txn: &domain::tenancy::TenantTxn) {
/// use sea_orm::QueryFilter;
/// let mut q = txn.find::<entity::tickets::Entity>();
/// // The statement is not reachable: `ScopedSelect` is no `QueryFilter`.
/// *QueryFilter::query(&mut q) = entity::tickets::Entity::find().into_query();
/// # }
/// ```
#[derive(Debug)]
pub struct ScopedSelect<'t, E: TenantScoped> {
    txn: &'t TenantTxn,
    select: Select<E>,
    lock: Option<RowLock>,
}

impl<'t, E: TenantScoped> ScopedSelect<'t, E> {
    pub(super) fn new(txn: &'t TenantTxn, select: Select<E>) -> Self {
        Self {
            txn,
            select,
            lock: None,
        }
    }

    /// Narrows the query to rows matching `condition` (`AND`ed with the tenant filter and every
    /// other filter).
    pub fn filter(mut self, condition: impl IntoCondition) -> Self {
        self.select = self.select.filter(condition);
        self
    }

    /// Orders by `column` (or expression) ascending.
    pub fn order_by_asc(mut self, column: impl IntoSimpleExpr) -> Self {
        self.select = self.select.order_by_asc(column);
        self
    }

    /// Orders by `column` (or expression) descending.
    pub fn order_by_desc(mut self, column: impl IntoSimpleExpr) -> Self {
        self.select = self.select.order_by_desc(column);
        self
    }

    /// Orders by `column` in `order`.
    pub fn order_by(mut self, column: impl IntoSimpleExpr, order: Order) -> Self {
        self.select = self.select.order_by(column, order);
        self
    }

    /// At most `limit` rows.
    pub fn limit(mut self, limit: u64) -> Self {
        self.select = QuerySelect::limit(self.select, limit);
        self
    }

    /// Skips the first `offset` rows (prefer [`page`](Self::page) for lists).
    pub fn offset(mut self, offset: u64) -> Self {
        self.select = QuerySelect::offset(self.select, offset);
        self
    }

    /// Locks the rows read until the transaction ends (see [`RowLock`]); the query then reads
    /// only the tenant's own rows.
    pub fn lock(mut self, lock: RowLock) -> Self {
        self.lock = Some(lock);
        self
    }

    /// Selects no columns but those added next ([`column`](Self::column),
    /// [`column_as`](Self::column_as)); run it with [`tuples`](Self::tuples) or
    /// [`models`](Self::models).
    pub fn select_only(mut self) -> Self {
        self.select = self.select.select_only();
        self
    }

    /// Adds `column` to the selected columns.
    pub fn column(mut self, column: E::Column) -> Self {
        self.select = self.select.column(column);
        self
    }

    /// Adds an expression (`tickets::Column::Id.count()`) under `alias`.
    pub fn column_as(mut self, expr: impl ColumnAsExpr, alias: impl IntoIdentity) -> Self {
        self.select = self.select.column_as(expr, alias);
        self
    }

    /// Groups by `column` (or expression).
    pub fn group_by(mut self, column: impl IntoSimpleExpr) -> Self {
        self.select = self.select.group_by(column);
        self
    }

    /// Keeps the groups matching `condition`.
    pub fn having(mut self, condition: impl IntoCondition) -> Self {
        self.select = self.select.having(condition);
        self
    }

    /// Each row with its related `R` row, if there is one this tenant may read (SeaORM's
    /// `find_also_related`: a `LEFT JOIN` whose `ON` clause carries `R`'s tenant filter, so a
    /// related row of another tenant reads as `None`).
    pub fn find_also_related<R>(self) -> ScopedSelectTwo<'t, E, R>
    where
        R: TenantScoped,
        E: Related<R>,
    {
        use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait};
        let tenant = self.txn.tenant.as_uuid();
        let name: &'static str = R::tenant_column().as_str();
        let mixed = R::PLATFORM_ROWS;
        let relation = <E as Related<R>>::to().on_condition(move |_left, right| {
            let column = || Expr::col((right.clone(), Alias::new(name)));
            if mixed {
                Condition::any()
                    .add(column().eq(tenant))
                    .add(column().is_null())
            } else {
                column().eq(tenant).into_condition()
            }
        });
        ScopedSelectTwo {
            inner: Self {
                select: self.select.join(JoinType::LeftJoin, relation),
                ..self
            },
            _related: std::marker::PhantomData,
        }
    }

    /// The statement as it will run: the caller's parts, the lock, and the tenant filter.
    pub(super) fn into_checked_select(self) -> Result<Select<E>> {
        let scope = if self.lock.is_some() {
            self.txn.own::<E>()
        } else {
            self.txn.readable::<E>()
        };
        let mut select = self.select.filter(scope);
        let backend = self.txn.txn.get_database_backend();
        if backend != sea_orm::DbBackend::Sqlite {
            select = match self.lock {
                None => select,
                Some(RowLock::Update) => select.lock(LockType::Update),
                Some(RowLock::Share) => select.lock(LockType::Share),
                Some(RowLock::UpdateSkipLocked) => {
                    select.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
                }
                Some(RowLock::UpdateNowait) => {
                    select.lock_with_behavior(LockType::Update, LockBehavior::Nowait)
                }
            };
        }
        guard::single_table_read(&select.build(backend))?;
        Ok(select)
    }

    /// Every matching row.
    ///
    /// # Errors
    ///
    /// The database's, and [`Error::Forbidden`](crate::Error::Forbidden) for a widening query.
    pub async fn all(self) -> Result<Vec<E::Model>> {
        let txn = self.txn;
        Ok(self.into_checked_select()?.all(&txn.txn).await?)
    }

    /// The first matching row, if any.
    ///
    /// # Errors
    ///
    /// As [`all`](Self::all).
    pub async fn one(self) -> Result<Option<E::Model>> {
        let txn = self.txn;
        Ok(self.into_checked_select()?.one(&txn.txn).await?)
    }

    /// How many rows match.
    ///
    /// # Errors
    ///
    /// As [`all`](Self::all).
    pub async fn count(self) -> Result<u64>
    where
        E::Model: Sync,
    {
        let txn = self.txn;
        Ok(self.into_checked_select()?.count(&txn.txn).await?)
    }

    /// The matching rows one at a time, as the database sends them, without holding them all in
    /// memory. The stream borrows the transaction until it is dropped.
    ///
    /// # Errors
    ///
    /// As [`all`](Self::all), for the query and for each row.
    pub async fn stream(self) -> Result<impl Stream<Item = Result<E::Model>> + Send + 't>
    where
        E::Model: Send,
    {
        let txn = self.txn;
        let stream = self.into_checked_select()?.stream(&txn.txn).await?;
        Ok(stream.map(|row| row.map_err(Into::into)))
    }

    /// The selected columns of every matching row as tuples, for
    /// [`select_only`](Self::select_only) projections and aggregates:
    /// `.select_only().column(Status).column_as(Id.count(), "n").group_by(Status).tuples::<(TicketStatus, i64)>()`.
    ///
    /// # Errors
    ///
    /// As [`all`](Self::all).
    pub async fn tuples<T: TryGetableMany>(self) -> Result<Vec<T>> {
        let txn = self.txn;
        Ok(self
            .into_checked_select()?
            .into_tuple::<T>()
            .all(&txn.txn)
            .await?)
    }

    /// Every matching row read into `M` (a `FromQueryResult` struct whose fields are the
    /// selected columns and aliases).
    ///
    /// # Errors
    ///
    /// As [`all`](Self::all).
    pub async fn models<M: FromQueryResult>(self) -> Result<Vec<M>> {
        let txn = self.txn;
        Ok(self
            .into_checked_select()?
            .into_model::<M>()
            .all(&txn.txn)
            .await?)
    }

    /// One page of at most `size` rows, newest first, by a seek on `(created_at, id)` (no
    /// `OFFSET`: a page costs the same wherever it is, and rows inserted meanwhile neither
    /// repeat nor go missing). Pass the previous page's [`Page::next`] as `after` for the next
    /// page; the cursor is opaque to clients.
    ///
    /// Any ordering given before is replaced by the seek's.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`](crate::Error::Validation) (field `cursor`) for a cursor that is not
    /// one of these, or when `E` has no `created_at`/`id`; otherwise as [`all`](Self::all).
    pub async fn page(
        self,
        size: u64,
        after: Option<&super::Cursor>,
    ) -> Result<super::Page<E::Model>> {
        self.page_in(size, after, Order::Desc).await
    }

    /// As [`page`](Self::page), oldest first: for logs and outboxes (`integration_events`),
    /// which a reader follows in the order they were written.
    ///
    /// # Errors
    ///
    /// As [`page`](Self::page).
    pub async fn page_oldest_first(
        self,
        size: u64,
        after: Option<&super::Cursor>,
    ) -> Result<super::Page<E::Model>> {
        self.page_in(size, after, Order::Asc).await
    }

    async fn page_in(
        self,
        size: u64,
        after: Option<&super::Cursor>,
        order: Order,
    ) -> Result<super::Page<E::Model>> {
        let created = column_named::<E>("created_at")?;
        let id = column_named::<E>("id")?;
        let mut query = self;
        if let Some(after) = after {
            query = query.filter(after.seek(created, id, &order));
        }
        QueryOrder::query(&mut query.select).clear_order_by();
        query.select = query
            .select
            .order_by(created, order.clone())
            .order_by(id, order);
        let size = size.max(1);
        let mut rows = query.limit(size + 1).all().await?;
        let next = if rows.len() as u64 > size {
            rows.truncate(usize::try_from(size).unwrap_or(usize::MAX));
            match rows.last() {
                Some(last) => Some(super::Cursor::of::<E>(last, created, id)?),
                None => None,
            }
        } else {
            None
        };
        Ok(super::Page { rows, next })
    }
}

/// A [`ScopedSelect`] with each row's related `R` row
/// ([`ScopedSelect::find_also_related`]).
#[derive(Debug)]
pub struct ScopedSelectTwo<'t, E: TenantScoped, R: TenantScoped> {
    inner: ScopedSelect<'t, E>,
    _related: std::marker::PhantomData<R>,
}

impl<E: TenantScoped, R: TenantScoped> ScopedSelectTwo<'_, E, R> {
    /// Narrows the query (conditions may name columns of either table).
    pub fn filter(mut self, condition: impl IntoCondition) -> Self {
        self.inner = self.inner.filter(condition);
        self
    }

    /// Orders by `column` ascending.
    pub fn order_by_asc(mut self, column: impl IntoSimpleExpr) -> Self {
        self.inner = self.inner.order_by_asc(column);
        self
    }

    /// Orders by `column` descending.
    pub fn order_by_desc(mut self, column: impl IntoSimpleExpr) -> Self {
        self.inner = self.inner.order_by_desc(column);
        self
    }

    /// At most `limit` rows.
    pub fn limit(mut self, limit: u64) -> Self {
        self.inner = self.inner.limit(limit);
        self
    }

    /// Every matching row with its related row, if this tenant may read one.
    ///
    /// # Errors
    ///
    /// As [`ScopedSelect::all`].
    pub async fn all(self) -> Result<Vec<(E::Model, Option<R::Model>)>> {
        let txn = self.inner.txn;
        let select: SelectTwo<E, R> = self.inner.into_checked_select()?.select_also(R::default());
        Ok(select.all(&txn.txn).await?)
    }
}
