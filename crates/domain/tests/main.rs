//! The domain layer on real databases.

mod constraints;
