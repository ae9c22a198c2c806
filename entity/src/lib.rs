//! Typed access to every table of the platform.
//!
//! - [`generated`]: one module per table, written by `cargo xtask codegen` from the migrations
//!   and never edited by hand. Its modules are re-exported here, so `entity::users::Entity`.
//! - [`views`]: hand-written read-only entities over views (`tenant_dashboard`, `module_integrations`).
//! - [`json`]: the typed structs of JSON columns whose shape the model describes.
//! - `behavior`: the `ActiveModelBehavior` of every entity (UUIDv7 ids, `created_at`/`updated_at`),
//!   which codegen wires to each entity by its shape.
//! - [`scope`]: [`TenantScoped`](scope::TenantScoped), implemented by codegen for every entity
//!   with a `tenant_id`, which `domain::tenancy` uses to keep a transaction within one tenant.
//! - `finders`: lookups that need more than a column comparison, such as
//!   [`users::Entity::find_by_email`](crate::users::Entity::find_by_email).
//!
//! The crate turns on no database driver and no async runtime: a service depends on `sea-orm`
//! with the features it wants (for example `sqlx-postgres` and `runtime-tokio-rustls`), and
//! Cargo unifies them.

pub(crate) mod behavior;
mod finders;
pub mod generated;
pub mod json;
pub mod scope;
pub mod views;

pub use generated::*;
pub use views::module_integrations;
pub use views::tenant_dashboard;
