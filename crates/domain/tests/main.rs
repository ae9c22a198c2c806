//! The domain layer on real databases.

mod constraints;
mod ownership;
mod query;
mod rules;
mod scope;
mod sealed;
mod view;
