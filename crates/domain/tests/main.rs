//! The domain layer on real databases.

mod constraints;
mod lifecycle;
mod ownership;
mod pool;
mod query;
mod relay;
mod rules;
mod scope;
mod sealed;
mod view;
