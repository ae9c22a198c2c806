//! Read-only entities over database views. Codegen does not see views, so these are written by
//! hand; a test checks them against the view's columns on both backends.

pub mod module_integrations;
pub mod tenant_dashboard;
