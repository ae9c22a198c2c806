//! Domain services on top of the entities: typed errors that name the database constraint a
//! write broke, and the handling of secrets (password hashes, token and API key hashes).

pub mod error;
pub mod sealing;
pub mod secrets;

pub use error::{ConstraintKind, ConstraintViolation, Error, Result};
