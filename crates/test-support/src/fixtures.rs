//! Test fixtures are the seed's factories ([`seed::factory`]): one per table, grouped by domain
//! and flattened here, so a test inserts the rows it needs, as they are or with the one field
//! it breaks overridden (`tenants::Model { slug: "Bad".into(), ..fx::tenant(g) }`), rather than
//! seeding a whole profile.

use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, ModelTrait};

pub use seed::factory::audit::*;
pub use seed::factory::billing::*;
pub use seed::factory::identity::*;
pub use seed::factory::infrastructure::*;
pub use seed::factory::integrations::*;
pub use seed::factory::notifications::*;
pub use seed::factory::reporting::*;
pub use seed::factory::tenancy::*;
pub use seed::factory::{at, unique};
pub use seed::{Gen, Phase, TenantLife};

/// A generator for one test's rows: deterministic, so a failing test fails the same way again.
pub fn generator() -> Gen {
    Gen::new(seed::DEFAULT_SEED)
}

/// Seeds the whole `dev` profile with the default seed into `db`, for the tests that need every
/// table filled (rule coverage, ownership, views, isolation); a test that needs a few rows inserts
/// them with the factories instead. Returns what seeding did.
///
/// # Panics
///
/// When seeding fails: the test has nothing to run on.
pub async fn seed_dev(db: &crate::TestDb) -> seed::Summary {
    let target = seed::Target::new(db, db.url());
    seed::seed(target, seed::Profile::Dev, seed::DEFAULT_SEED)
        .await
        .expect("the dev profile seeds")
}

/// Inserts `model` through its entity's active model (so the entity's `before_save` and
/// `after_save` run) and returns the row the database returned.
///
/// # Errors
///
/// The database's error, for tests that expect one.
pub async fn insert<M>(db: &impl ConnectionTrait, model: M) -> Result<M, DbErr>
where
    M: ModelTrait + IntoActiveModel<<M::Entity as EntityTrait>::ActiveModel>,
    M::Entity: EntityTrait<Model = M>,
    <M::Entity as EntityTrait>::ActiveModel: Send,
{
    model.into_active_model().insert(db).await
}
