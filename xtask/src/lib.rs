//! The developer command line of the workspace, as a library so that its behaviour is tested
//! like any other code. `main.rs` only parses arguments and prints.

#[cfg(feature = "seed")]
pub mod api_key;
#[cfg(feature = "seed")]
pub mod backfill;
#[cfg(feature = "seed")]
pub mod bench;
#[cfg(feature = "seed")]
pub mod bench_domain;
pub mod codegen;
pub mod db;
pub mod lint;
pub mod migrate;
pub mod new_migration;
pub mod partitions;
#[cfg(feature = "seed")]
pub mod relay;
pub mod roles;
pub mod safety;
#[cfg(feature = "seed")]
pub mod seed;
pub mod workspace;
