//! `ActiveModelBehavior` for every entity: the behaviour is written here by hand; codegen wires
//! each generated entity to one of these macros by the entity's shape, so a new table can never
//! be left without it.
//!
//! - [`mutable!`]: an `id` assigned as a UUIDv7 when not set, `created_at` set on insert and
//!   `updated_at` on every save (Postgres also has a trigger for writes that bypass this);
//! - [`append_only!`]: an `id`, and the one timestamp column set on insert;
//! - [`join_table!`]: a composite key; `created_at` (and `updated_at` when present) kept.
//!
//! Every hook first validates the entity's typed JSON columns ([`crate::json::ValidateColumns`]).
//!
//! These hooks run for `ActiveModel::insert`, `update` and `save`. Bulk `insert_many` does not call
//! them, so bulk writers set ids and timestamps themselves (the seeder does).

/// The current time, as stored in `timestamptz` columns.
pub fn now() -> sea_orm::prelude::DateTimeWithTimeZone {
    chrono::Utc::now().fixed_offset()
}

/// Behaviour of a mutable table with `id`, `created_at` and `updated_at`.
macro_rules! mutable {
    () => {
        #[async_trait::async_trait]
        impl sea_orm::ActiveModelBehavior for ActiveModel {
            fn new() -> Self {
                Self {
                    id: sea_orm::ActiveValue::Set(uuid::Uuid::now_v7()),
                    ..<Self as sea_orm::ActiveModelTrait>::default()
                }
            }

            async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, sea_orm::DbErr>
            where
                C: sea_orm::ConnectionTrait,
            {
                $crate::json::ValidateColumns::validate_columns(&self)
                    .map_err($crate::json::Invalid::into_db_err)?;
                let now = $crate::behavior::now();
                if insert {
                    if self.id.is_not_set() {
                        self.id = sea_orm::ActiveValue::Set(uuid::Uuid::now_v7());
                    }
                    if self.created_at.is_not_set() {
                        self.created_at = sea_orm::ActiveValue::Set(now);
                    }
                    if self.updated_at.is_not_set() {
                        self.updated_at = sea_orm::ActiveValue::Set(now);
                    }
                } else {
                    self.updated_at = sea_orm::ActiveValue::Set(now);
                }
                Ok(self)
            }
        }
    };
}

/// Behaviour of an append-only table with `id` and one timestamp column.
macro_rules! append_only {
    ($at:ident) => {
        #[async_trait::async_trait]
        impl sea_orm::ActiveModelBehavior for ActiveModel {
            fn new() -> Self {
                Self {
                    id: sea_orm::ActiveValue::Set(uuid::Uuid::now_v7()),
                    ..<Self as sea_orm::ActiveModelTrait>::default()
                }
            }

            async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, sea_orm::DbErr>
            where
                C: sea_orm::ConnectionTrait,
            {
                $crate::json::ValidateColumns::validate_columns(&self)
                    .map_err($crate::json::Invalid::into_db_err)?;
                if insert {
                    if self.id.is_not_set() {
                        self.id = sea_orm::ActiveValue::Set(uuid::Uuid::now_v7());
                    }
                    if self.$at.is_not_set() {
                        self.$at = sea_orm::ActiveValue::Set($crate::behavior::now());
                    }
                }
                Ok(self)
            }
        }
    };
}

/// Behaviour of a join table with a composite key and `created_at` (and maybe `updated_at`).
macro_rules! join_table {
    ($($updated_at:ident)?) => {
        #[async_trait::async_trait]
        impl sea_orm::ActiveModelBehavior for ActiveModel {
            async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, sea_orm::DbErr>
            where
                C: sea_orm::ConnectionTrait,
            {
                $crate::json::ValidateColumns::validate_columns(&self)
                    .map_err($crate::json::Invalid::into_db_err)?;
                let now = $crate::behavior::now();
                if insert && self.created_at.is_not_set() {
                    self.created_at = sea_orm::ActiveValue::Set(now);
                }
                $(
                    if !insert || self.$updated_at.is_not_set() {
                        self.$updated_at = sea_orm::ActiveValue::Set(now);
                    }
                )?
                Ok(self)
            }
        }
    };
}

pub(crate) use {append_only, join_table, mutable};
