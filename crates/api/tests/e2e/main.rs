//! End to end: the service over HTTP on an ephemeral port, against a Postgres database of the
//! test's own, connected as an application role the test creates (`cargo xtask roles`' code),
//! with the dev data seeded and an API key for each of two tenants.

mod support;

mod auth;
mod handover;
mod isolation;
mod reports;
mod tenant;
mod workflows;
