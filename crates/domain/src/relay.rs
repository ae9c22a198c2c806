//! The outbox relay: delivers the `integration_events` the lifecycles write to a [`Handler`].
//!
//! - **Claiming.** A worker claims the oldest due pending events (`created_at`, then `id`) in
//!   batches, `FOR UPDATE SKIP LOCKED` on Postgres, in a transaction of the relay's own role
//!   that holds the claimed rows locked until the batch is marked. Workers in parallel therefore
//!   never hand one event to two handlers at once, and they do not wait on each other.
//! - **Handing off.** Each event goes to the handler with a [`TenantTxn`] for the event's
//!   tenant, opened on the *application* connection (its role reaches the tenant's rows under
//!   row-level security, as a request would) and marked as caused by the event
//!   ([`TenantTxn::caused_by`]), so the events the handler writes name it. The handler's
//!   transaction commits when it returns `Ok`, and the event is then marked `processed`.
//! - **Failures.** A handler error rolls its transaction back; the event stays `pending` with
//!   the error in `processing_error`, one more attempt counted and `next_attempt_at` pushed back
//!   exponentially ([`RelayConfig::backoff`]). After [`RelayConfig::max_attempts`] the event is
//!   dead-lettered: `failed`, with its last error, and never tried again.
//! - **Delivery semantics: at least once.** The marks of a batch commit together after its last
//!   event. If a worker dies (or its connection drops) after a handler committed but before the
//!   batch's marks did, those events are pending again and are delivered again. Handlers must
//!   be idempotent: [`Delivery::idempotency_key`] (the event's id) is the key to deduplicate on.
//!   Without such a crash, each event reaches the handler once.
//! - **Waking.** On Postgres the migration's trigger sends `NOTIFY integration_events` after
//!   each insert; an idle worker `LISTEN`s and wakes when the writing transaction commits. It
//!   also polls every [`RelayConfig::poll_interval`], which delivers retries whose backoff has
//!   passed and covers a lost listening connection.
//! - **SQLite.** No row locks and no notifications: run a single worker, which polls; each
//!   mark is its own statement.
//! - **Its role.** The relay connects as its own role (`app_relay`, `cargo xtask roles`): it
//!   reads `integration_events` and updates only their delivery columns, across tenants. Started
//!   on a role that row-level security confines or that may not read and mark the events, it
//!   fails at once ([`Relay::new`]) instead of idling on an outbox it cannot see.
//!
//! Platform events (`tenant_id` NULL) have no tenant to hand a transaction for; none of the
//! lifecycles writes them, and this relay leaves them alone. Nor does it use the status
//! `processing`: its claim is the row lock, which a crash releases, so no event is left claimed
//! by a worker that is gone; a row some other process left `processing` is not this relay's.

use std::future::Future;
use std::time::Duration;

use chrono::Utc;
use entity::integration_events;
use entity::sea_orm_active_enums::IntegrationEventStatus;
use sea_orm::prelude::{DateTimeWithTimeZone, Uuid};
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement,
};

use crate::error::{Error, Result};
use crate::events::Event;
use crate::tenancy::{PlatformTxn, TenantId, TenantTxn};

/// The channel the outbox trigger notifies.
pub const CHANNEL: &str = "integration_events";

/// How a relay worker claims, retries and waits.
#[derive(Debug, Clone)]
pub struct RelayConfig {
    /// Events claimed per batch (default 32).
    pub batch_size: u64,
    /// Attempts before an event is dead-lettered (default 8).
    pub max_attempts: i64,
    /// The wait after the first failed attempt, doubled after each further one (default 1 s).
    pub base_backoff: Duration,
    /// The longest wait between attempts (default 10 min).
    pub max_backoff: Duration,
    /// How often an idle worker looks for due events without a notification (default 5 s).
    pub poll_interval: Duration,
}

impl Default for RelayConfig {
    fn default() -> Self {
        Self {
            batch_size: 32,
            max_attempts: 8,
            base_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(600),
            poll_interval: Duration::from_secs(5),
        }
    }
}

impl RelayConfig {
    /// The wait after failed attempt number `attempt` (1 for the first):
    /// `base_backoff × 2^(attempt − 1)`, at most `max_backoff`.
    pub fn backoff(&self, attempt: i64) -> Duration {
        let doublings = u32::try_from(attempt.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
        self.base_backoff
            .saturating_mul(2u32.saturating_pow(doublings))
            .min(self.max_backoff)
    }
}

/// One event handed to a [`Handler`].
#[derive(Debug, Clone)]
pub struct Delivery {
    /// The stored row.
    pub row: integration_events::Model,
    /// The event's tenant.
    pub tenant: TenantId,
    /// Which attempt this is (1 for the first).
    pub attempt: i64,
}

impl Delivery {
    /// The key to deduplicate on: the event's id, the same on every attempt.
    pub fn idempotency_key(&self) -> Uuid {
        self.row.id
    }

    /// The event, decoded from the catalogue ([`Event::decode`]).
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] for an event this build does not know.
    pub fn event(&self) -> Result<Event> {
        Event::decode(&self.row)
    }
}

/// What a handler's failure is: any error; its `Display` is stored as `processing_error`, so it
/// must not hold secrets.
pub type HandlerError = Box<dyn std::error::Error + Send + Sync>;

/// Receives the relay's events.
pub trait Handler: Send + Sync {
    /// Handles `delivery` in `txn`, a transaction of the event's tenant that commits when this
    /// returns `Ok` (and rolls back otherwise). Called at least once per event: deduplicate on
    /// [`Delivery::idempotency_key`] when an effect must not repeat.
    fn handle(
        &self,
        delivery: &Delivery,
        txn: &TenantTxn,
    ) -> impl Future<Output = std::result::Result<(), HandlerError>> + Send;
}

/// What one batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    /// Events claimed.
    pub claimed: usize,
    /// Handled and marked processed.
    pub processed: usize,
    /// Failed and left for a later attempt.
    pub retried: usize,
    /// Failed for the last time: dead-lettered.
    pub dead: usize,
}

/// An outbox relay worker. Run several on Postgres (each with its own connections' share of the
/// pools); one on SQLite.
#[derive(Debug)]
pub struct Relay<H> {
    events: DatabaseConnection,
    app: DatabaseConnection,
    handler: H,
    config: RelayConfig,
}

impl<H: Handler> Relay<H> {
    /// A worker that claims and marks events on `events` (the relay role's connection) and hands
    /// them to `handler` in tenant transactions on `app` (the application role's).
    ///
    /// # Errors
    ///
    /// [`Error::Forbidden`] when the role of `events` is confined by row-level security (it
    /// would see no events), or may not read `integration_events` or update their delivery
    /// columns; the database's.
    pub async fn new(
        events: DatabaseConnection,
        app: DatabaseConnection,
        handler: H,
        config: RelayConfig,
    ) -> Result<Self> {
        if events.get_database_backend() == DbBackend::Postgres {
            let txn = PlatformTxn::begin(&events, "outbox relay").await?;
            let row = txn
                .connection()
                .query_one_raw(Statement::from_string(
                    DbBackend::Postgres,
                    "SELECT current_user::text, \
                     has_table_privilege('integration_events', 'SELECT') \
                     AND has_column_privilege('integration_events', 'status', 'UPDATE') \
                     AND has_column_privilege('integration_events', 'attempts', 'UPDATE') \
                     AND has_column_privilege('integration_events', 'processing_error', 'UPDATE') \
                     AND has_column_privilege('integration_events', 'processed_at', 'UPDATE') \
                     AND has_column_privilege('integration_events', 'next_attempt_at', 'UPDATE')",
                ))
                .await?;
            let (role, granted) = match row {
                Some(row) => (
                    row.try_get_by_index::<String>(0)?,
                    row.try_get_by_index::<bool>(1)?,
                ),
                None => (String::new(), false),
            };
            txn.rollback().await?;
            if !granted {
                return Err(Error::Forbidden {
                    reason: "the outbox relay's role may not read integration_events or mark \
                             their delivery: run it as the relay role (`cargo xtask roles`)"
                        .into(),
                    detail: format!("relay started as role `{role}`"),
                });
            }
        }
        Ok(Self {
            events,
            app,
            handler,
            config,
        })
    }

    /// The worker's configuration.
    pub fn config(&self) -> &RelayConfig {
        &self.config
    }

    /// Claims one batch of due events, hands each to the handler and marks it.
    ///
    /// # Errors
    ///
    /// The database's, for the claim and the marks (a handler's failure is the event's, not
    /// this call's).
    pub async fn run_once(&self) -> Result<BatchOutcome> {
        let now = Utc::now().fixed_offset();
        let mut claim = integration_events::Entity::find()
            .filter(integration_events::Column::Status.eq(IntegrationEventStatus::Pending))
            .filter(integration_events::Column::TenantId.is_not_null())
            .filter(
                sea_orm::Condition::any()
                    .add(integration_events::Column::NextAttemptAt.is_null())
                    .add(integration_events::Column::NextAttemptAt.lte(now)),
            )
            .order_by_asc(integration_events::Column::CreatedAt)
            .order_by_asc(integration_events::Column::Id)
            .limit(self.config.batch_size);
        if self.events.get_database_backend() == DbBackend::Postgres {
            claim = claim.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
            let txn = PlatformTxn::begin(&self.events, "outbox relay").await?;
            let rows = claim.all(txn.connection()).await?;
            let outcome = self.deliver(rows, txn.connection()).await?;
            txn.commit().await?;
            Ok(outcome)
        } else {
            let rows = claim.all(&self.events).await?;
            self.deliver(rows, &self.events).await
        }
    }

    async fn deliver(
        &self,
        rows: Vec<integration_events::Model>,
        marks: &impl ConnectionTrait,
    ) -> Result<BatchOutcome> {
        let mut outcome = BatchOutcome {
            claimed: rows.len(),
            ..BatchOutcome::default()
        };
        for row in rows {
            let Some(tenant) = row.tenant_id.map(TenantId::new) else {
                continue;
            };
            let id = row.id;
            let attempt = row.attempts + 1;
            let delivery = Delivery {
                row,
                tenant,
                attempt,
            };
            let result = self.hand_off(&delivery).await;
            let now = Utc::now().fixed_offset();
            match result {
                Ok(()) => {
                    mark(marks, id, attempt, Mark::Processed(now)).await?;
                    outcome.processed += 1;
                }
                Err(error) if attempt >= self.config.max_attempts => {
                    mark(marks, id, attempt, Mark::Dead(error)).await?;
                    outcome.dead += 1;
                }
                Err(error) => {
                    let wait = chrono::Duration::from_std(self.config.backoff(attempt))
                        .unwrap_or(chrono::Duration::MAX);
                    mark(marks, id, attempt, Mark::Retry(error, now + wait)).await?;
                    outcome.retried += 1;
                }
            }
        }
        Ok(outcome)
    }

    async fn hand_off(&self, delivery: &Delivery) -> std::result::Result<(), String> {
        let txn = TenantTxn::begin(&self.app, delivery.tenant)
            .await
            .map_err(|e| e.to_string())?
            .caused_by(delivery.row.id);
        match self.handler.handle(delivery, &txn).await {
            Ok(()) => txn.commit().await.map_err(|e| e.to_string()),
            Err(e) => {
                // Dropping rolls back too; an explicit rollback reports nothing more useful.
                let _ = txn.rollback().await;
                Err(e.to_string())
            }
        }
    }

    /// Runs until `shutdown` completes: a batch after another while they come back full, then
    /// waits for a notification (Postgres) or the poll interval.
    ///
    /// # Errors
    ///
    /// The database's, from a claim or a mark.
    pub async fn run(&self, shutdown: impl Future<Output = ()>) -> Result<()> {
        let mut shutdown = std::pin::pin!(shutdown);
        let mut listener = self.listen().await;
        loop {
            let outcome = self.run_once().await?;
            if outcome.claimed as u64 >= self.config.batch_size {
                continue;
            }
            let wait = tokio::time::sleep(self.config.poll_interval);
            tokio::select! {
                () = &mut shutdown => return Ok(()),
                () = wait => {}
                lost = notified(&mut listener) => {
                    if lost {
                        // The listening connection dropped: poll, and listen again.
                        listener = self.listen().await;
                    }
                }
            }
        }
    }

    /// A connection listening on [`CHANNEL`], on Postgres; `None` elsewhere, or when it cannot
    /// be opened (the worker then polls).
    async fn listen(&self) -> Option<Listener> {
        #[cfg(feature = "postgres")]
        if self.events.get_database_backend() == DbBackend::Postgres {
            let pool = self.events.get_postgres_connection_pool();
            let mut listener = sqlx::postgres::PgListener::connect_with(pool).await.ok()?;
            listener.listen(CHANNEL).await.ok()?;
            return Some(listener);
        }
        None
    }
}

#[cfg(feature = "postgres")]
type Listener = sqlx::postgres::PgListener;

/// Without Postgres there is nothing to listen on.
#[cfg(not(feature = "postgres"))]
#[derive(Debug)]
enum Listener {}

/// Waits for a notification; `true` when the listener failed (and should be replaced). Never
/// completes without a listener.
async fn notified(listener: &mut Option<Listener>) -> bool {
    match listener {
        #[cfg(feature = "postgres")]
        Some(l) => l.recv().await.is_err(),
        #[cfg(not(feature = "postgres"))]
        Some(l) => match *l {},
        None => std::future::pending().await,
    }
}

enum Mark {
    Processed(DateTimeWithTimeZone),
    Retry(String, DateTimeWithTimeZone),
    Dead(String),
}

/// Marks event `id` after attempt `attempt`, touching only the delivery columns.
async fn mark(db: &impl ConnectionTrait, id: Uuid, attempt: i64, mark: Mark) -> Result<()> {
    use integration_events::Column as C;
    let mut update = integration_events::Entity::update_many()
        .col_expr(C::Attempts, Expr::value(attempt))
        .col_expr(C::UpdatedAt, Expr::value(Utc::now().fixed_offset()))
        .filter(C::Id.eq(id));
    update = match mark {
        Mark::Processed(at) => update
            .col_expr(C::Status, Expr::value(IntegrationEventStatus::Processed))
            .col_expr(C::ProcessedAt, Expr::value(at))
            .col_expr(C::ProcessingError, Expr::value(Option::<String>::None))
            .col_expr(
                C::NextAttemptAt,
                Expr::value(Option::<DateTimeWithTimeZone>::None),
            ),
        Mark::Retry(error, at) => update
            .col_expr(C::ProcessingError, Expr::value(truncate(error)))
            .col_expr(C::NextAttemptAt, Expr::value(at)),
        Mark::Dead(error) => update
            .col_expr(C::Status, Expr::value(IntegrationEventStatus::Failed))
            .col_expr(C::ProcessingError, Expr::value(truncate(error)))
            .col_expr(
                C::NextAttemptAt,
                Expr::value(Option::<DateTimeWithTimeZone>::None),
            ),
    };
    update.exec(db).await?;
    Ok(())
}

/// An error as stored: at most 2,000 characters.
fn truncate(mut error: String) -> String {
    if let Some((at, _)) = error.char_indices().nth(2000) {
        error.truncate(at);
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_its_bound() {
        let config = RelayConfig {
            base_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(1),
            ..RelayConfig::default()
        };
        let waits: Vec<u128> = (1..=6).map(|a| config.backoff(a).as_millis()).collect();
        assert_eq!(waits, [100, 200, 400, 800, 1000, 1000]);
    }
}
