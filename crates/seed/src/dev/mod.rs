//! The `dev` profile: five tenants in different states (active, trialing, suspended, churned),
//! with every table populated, so that a developer browsing the dev database sees every feature in
//! use. The tenants are [`SCENARIOS`], each told by the tenant generator (`crate::population`);
//! the modules here add the platform's rows and the tables only `dev` fills, in foreign-key order,
//! leaving in [`Context`] what later modules build on.

mod automation;
mod delivery;
mod identity_tenancy;
mod operations;

use domain::sealing::Sealer;
use entity::{
    configurations, module_installations, plans, subscriptions, tenants, users, workflow_runs,
};

use crate::{Gen, Loader, Result};

pub use identity_tenancy::{DEV_PASSWORD, SCENARIOS};

/// A seeded tenant and its members, for the domains that follow.
#[derive(Debug, Clone)]
pub struct TenantContext {
    /// The tenant row.
    pub tenant: tenants::Model,
    /// Its members; the first is its owner.
    pub members: Vec<users::Model>,
    /// When it signed up, was active and stopped.
    pub life: crate::TenantLife,
}

/// What the domains loaded so far made, for the domains that follow.
#[derive(Debug)]
pub struct Context {
    /// Seals `module_licenses.license_key` and `handover_packages.admin_credentials`; nonces come
    /// from the seeded generator so that sealed values are deterministic too.
    pub sealer: Sealer,
    /// The platform operator (a member of no tenant).
    pub admin: Option<users::Model>,
    /// Every seeded tenant, in a fixed order.
    pub tenants: Vec<TenantContext>,
    /// The price list.
    pub plans: Vec<plans::Model>,
    /// The platform roles (platform_admin, support_agent, report_viewer, report_manager).
    pub roles: Vec<entity::roles::Model>,
    /// Every tenant's subscriptions.
    pub subscriptions: Vec<subscriptions::Model>,
    /// Configurations (platform defaults and tenant overrides), for handover packages.
    pub configurations: Vec<configurations::Model>,
    /// Workflow runs, for handover packages.
    pub workflow_runs: Vec<workflow_runs::Model>,
    /// Module installations, for app overrides and handover packages.
    pub module_installations: Vec<module_installations::Model>,
    /// The dev password's hash, which every seeded user shares (Argon2id is slow by design,
    /// and dev data needs no per-user salt).
    pub password_hash: String,
    /// Every plaintext secret the profile generated (API keys, tokens, credentials, licence
    /// keys); only hashes or sealed values are written. Kept so a test can prove it.
    plaintext_secrets: std::cell::RefCell<Vec<String>>,
}

impl Context {
    fn new(sealer: Sealer) -> Self {
        Self {
            sealer,
            admin: None,
            tenants: Vec::new(),
            plans: Vec::new(),
            roles: Vec::new(),
            subscriptions: Vec::new(),
            configurations: Vec::new(),
            workflow_runs: Vec::new(),
            module_installations: Vec::new(),
            password_hash: String::new(),
            plaintext_secrets: std::cell::RefCell::new(vec![DEV_PASSWORD.to_owned()]),
        }
    }

    /// Records a plaintext secret the profile generated (see [`Context::plaintext_secrets`]).
    pub fn generated_secret(&self, secret: &str) {
        self.plaintext_secrets.borrow_mut().push(secret.to_owned());
    }

    /// Every plaintext secret the profile generated, the dev password first. None of them is
    /// written to the database: only their hashes or sealed values are.
    pub fn plaintext_secrets(&self) -> Vec<String> {
        self.plaintext_secrets.borrow().clone()
    }
}

/// Loads the whole profile for `seed` (with the platform admin when `platform_admin`); what it
/// made, for the generated tenants that follow.
pub async fn load(
    loader: &mut Loader<'_>,
    seed: u64,
    sealer: Sealer,
    platform_admin: bool,
) -> Result<Context> {
    let g = &mut Gen::new(seed);
    let mut ctx = Context::new(sealer);
    identity_tenancy::load(loader, g, &mut ctx, (seed, platform_admin)).await?;
    operations::load(loader, g, &mut ctx).await?;
    automation::load(loader, g, &mut ctx).await?;
    delivery::load(loader, g, &mut ctx).await?;
    Ok(ctx)
}
