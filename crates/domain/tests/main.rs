//! The domain layer on real databases.

mod constraints;
mod ownership;
mod pool;
mod query;
mod rules;
mod scope;
mod sealed;
mod view;
