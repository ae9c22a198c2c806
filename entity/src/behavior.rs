//! `ActiveModelBehavior` for every entity, written by hand because codegen leaves it out.
//!
//! Three shapes exist:
//! - mutable tables: an `id` assigned as a UUIDv7 when not set, `created_at` set on insert, and
//!   `updated_at` set on every save (Postgres also has a trigger for writes that bypass this);
//! - append-only tables: an `id` and one timestamp set on insert;
//! - join tables with a composite key: `created_at` set on insert.
//!
//! Forgetting an entity here is a compile error: SeaORM requires the trait for every entity.
//!
//! These hooks run for `ActiveModel::insert`, `update` and `save`. Bulk `insert_many` does not call
//! them, so bulk writers set ids and timestamps themselves (the seeder does).

use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue, ConnectionTrait, DbErr};

/// The current time, as stored in `timestamptz` columns.
fn now() -> DateTimeWithTimeZone {
    chrono::Utc::now().fixed_offset()
}

macro_rules! mutable {
    ($($table:ident),* $(,)?) => {$(
        #[async_trait::async_trait]
        impl ActiveModelBehavior for crate::generated::$table::ActiveModel {
            fn new() -> Self {
                Self {
                    id: ActiveValue::Set(Uuid::now_v7()),
                    ..<Self as ActiveModelTrait>::default()
                }
            }

            async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, DbErr>
            where
                C: ConnectionTrait,
            {
                let now = now();
                if insert {
                    if self.id.is_not_set() {
                        self.id = ActiveValue::Set(Uuid::now_v7());
                    }
                    if self.created_at.is_not_set() {
                        self.created_at = ActiveValue::Set(now);
                    }
                    if self.updated_at.is_not_set() {
                        self.updated_at = ActiveValue::Set(now);
                    }
                } else {
                    self.updated_at = ActiveValue::Set(now);
                }
                Ok(self)
            }
        }
    )*};
}

macro_rules! append_only {
    ($($table:ident . $at:ident),* $(,)?) => {$(
        #[async_trait::async_trait]
        impl ActiveModelBehavior for crate::generated::$table::ActiveModel {
            fn new() -> Self {
                Self {
                    id: ActiveValue::Set(Uuid::now_v7()),
                    ..<Self as ActiveModelTrait>::default()
                }
            }

            async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, DbErr>
            where
                C: ConnectionTrait,
            {
                if insert {
                    if self.id.is_not_set() {
                        self.id = ActiveValue::Set(Uuid::now_v7());
                    }
                    if self.$at.is_not_set() {
                        self.$at = ActiveValue::Set(now());
                    }
                }
                Ok(self)
            }
        }
    )*};
}

macro_rules! join_table {
    ($($table:ident),* $(,)?) => {$(
        #[async_trait::async_trait]
        impl ActiveModelBehavior for crate::generated::$table::ActiveModel {
            async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, DbErr>
            where
                C: ConnectionTrait,
            {
                if insert && self.created_at.is_not_set() {
                    self.created_at = ActiveValue::Set(now());
                }
                Ok(self)
            }
        }
    )*};
}

mutable!(
    api_keys,
    onboardings,
    permissions,
    plans,
    roles,
    sessions,
    subscriptions,
    tenant_roles,
    tenant_users,
    tenants,
    user_roles,
    users,
);

append_only!(login_logs.occurred_at);

join_table!(role_permissions);
