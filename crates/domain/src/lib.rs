//! Domain services on top of the entities: typed errors that name the database constraint a
//! write broke, the handling of secrets (password hashes, token and API key hashes), and
//! tenant-scoped transactions ([`tenancy`]), the way services reach a tenant's rows.

pub mod auth;
pub mod error;
pub mod events;
pub mod integrations;
pub mod lifecycle;
pub mod orchestration;
pub mod pool;
pub mod relay;
pub mod sealing;
pub mod secrets;
pub mod tenancy;

pub use error::{ConstraintKind, ConstraintViolation, Error, Result};
pub use tenancy::{PlatformTxn, TenantId, TenantTxn};
