//! Reading what a database holds, for assertions: the shared helpers of
//! [`test_support::catalog`], under the name these tests use.

pub use test_support::catalog::{enum_types, functions, tables};
