//! Reporting: report templates and their fields, reports, their executions and execution logs,
//! and report shares.

pub mod m20261122_120000_create_report_templates;
pub mod m20261122_120100_create_template_fields;
pub mod m20261122_120200_create_reports;
pub mod m20261122_120300_create_report_executions;
pub mod m20261122_120400_create_report_shares;
pub mod m20261122_120500_create_execution_logs;
