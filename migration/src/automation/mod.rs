//! Automation and orchestration: versioned workflow definitions, their runs, and the steps of
//! each run.

pub mod m20261122_080000_create_workflows;
pub mod m20261122_080100_create_workflow_runs;
pub mod m20261122_080200_create_workflow_steps;
