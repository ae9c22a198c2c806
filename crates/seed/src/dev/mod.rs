//! The `dev` profile: a handful of tenants in different states (active, trialing, suspended,
//! churned), with every table populated, so that a developer browsing the dev database sees every
//! feature in use. One module per group of domains; each loads its tables in foreign-key order
//! and leaves in [`Context`] what later domains build on.

mod identity_tenancy;

use entity::{tenants, users};
use sea_orm::IntoActiveModel;

use crate::{Gen, Loader, Result};

pub use identity_tenancy::DEV_PASSWORD;

/// A seeded tenant and its members, for the domains that follow.
#[derive(Debug, Clone)]
pub struct TenantContext {
    /// The tenant row.
    pub tenant: tenants::Model,
    /// Its members; the first is its owner.
    pub members: Vec<users::Model>,
    /// How many days before the anchor the tenant signed up.
    pub age_days: f64,
}

/// What the domains loaded so far made, for the domains that follow.
#[derive(Debug, Default, Clone)]
pub struct Context {
    /// The platform operator (a member of no tenant).
    pub admin: Option<users::Model>,
    /// Every seeded tenant, in a fixed order.
    pub tenants: Vec<TenantContext>,
}

/// Loads the whole profile.
pub async fn load(loader: &mut Loader<'_>, g: &mut Gen) -> Result<()> {
    let mut ctx = Context::default();
    identity_tenancy::load(loader, g, &mut ctx).await?;
    Ok(())
}

/// Models into active models, for `insert_many`.
pub fn active<M, A>(models: Vec<M>) -> Vec<A>
where
    M: IntoActiveModel<A>,
    A: sea_orm::ActiveModelTrait,
{
    models
        .into_iter()
        .map(IntoActiveModel::into_active_model)
        .collect()
}
