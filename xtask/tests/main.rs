//! Tests of the developer command line: migrations, codegen, scaffolding and the CLI itself.

mod access;
mod alter;
mod auth;
mod backfill;
mod catalog;
mod cli;
mod codegen;
mod isolation;
mod lint;
mod migrations;
mod new_migration;
mod roles;
mod safety;
mod schema_rules;
mod seed;
mod support;
