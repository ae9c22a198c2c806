//! Batched, idempotent loading: multi-row inserts that skip rows whose primary key exists.

use sea_orm::{
    ActiveModelTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, TryInsertResult,
};

use crate::{Error, Result};

/// Rows per multi-row `INSERT`: large enough to amortise round trips, small enough to stay far
/// below SQLite's limit of 32,766 bound parameters for the widest table.
const BATCH: usize = 500;

/// Rows of one table after seeding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCount {
    /// The table.
    pub table: &'static str,
    /// The domain the table belongs to.
    pub domain: &'static str,
    /// Rows this run inserted.
    pub inserted: u64,
    /// Rows in the table after this run.
    pub total: u64,
}

/// Loads tables inside one transaction and keeps count.
#[derive(Debug)]
pub struct Loader<'a> {
    txn: &'a DatabaseTransaction,
    counts: Vec<TableCount>,
}

impl<'a> Loader<'a> {
    /// A loader writing through `txn`.
    pub fn new(txn: &'a DatabaseTransaction) -> Self {
        Self {
            txn,
            counts: Vec::new(),
        }
    }

    /// Inserts `rows` into `table` in batches, skipping rows whose primary key already exists.
    ///
    /// # Errors
    ///
    /// [`Error::Table`] naming the table and the constraint a row broke.
    pub async fn load<A>(
        &mut self,
        domain: &'static str,
        table: &'static str,
        rows: Vec<A>,
    ) -> Result<()>
    where
        A: ActiveModelTrait + Send,
        <A::Entity as EntityTrait>::Model: Sync,
    {
        let mut inserted = 0;
        for chunk in rows.chunks(BATCH) {
            let result = <A::Entity as EntityTrait>::insert_many(chunk.to_vec())
                .on_conflict_do_nothing()
                .exec_without_returning(self.txn)
                .await
                .map_err(|e| Error::Table {
                    table,
                    source: e.into(),
                })?;
            if let TryInsertResult::Inserted(n) = result {
                inserted += n;
            }
        }
        let total = <A::Entity as EntityTrait>::find()
            .count(self.txn)
            .await
            .map_err(|e| Error::Table {
                table,
                source: e.into(),
            })?;
        self.counts.push(TableCount {
            table,
            domain,
            inserted,
            total,
        });
        Ok(())
    }

    /// The counts, in load order.
    ///
    /// # Errors
    ///
    /// None today; kept fallible for loaders that flush on finish.
    pub async fn finish(self) -> Result<Vec<TableCount>> {
        Ok(self.counts)
    }
}
