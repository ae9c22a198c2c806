//! Creates `workflow_steps`, the steps of a workflow run (seed 001 `workflow_executions`, seed
//! 000 `auto.tasks`), with the step status enum.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The lifecycle of a step: pending → running → completed | failed, or skipped. A failing
/// attempt goes back to pending or running until `max_retries` is used up.
pub const WORKFLOW_STEP_STATUS: EnumType = EnumType {
    name: "workflow_step_status",
    values: &["pending", "running", "completed", "failed", "skipped"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&WORKFLOW_STEP_STATUS);
        ddl.create_table(
            &Table::new("workflow_steps")
                .comment(
                    "One step of a workflow run, at its place in execution_order. A failing step \
                     is retried up to max_retries times; it is failed only once its retries are \
                     used up. Belongs to the run's tenant (kept equal by the domain layer).",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(
                    Column::uuid("workflow_run_id"),
                    "workflow_runs",
                    OnDelete::Cascade,
                )
                .col(
                    Column::varchar("step_name", 255)
                        .comment("The step's name in the workflow definition."),
                )
                .col(
                    Column::varchar("step_type", 100)
                        .comment("The step's type in the workflow definition."),
                )
                .col(
                    Column::big_integer("execution_order")
                        .comment("The step's place in the run, from 0 or 1."),
                )
                .col(
                    Column::enumeration("status", &WORKFLOW_STEP_STATUS)
                        .default(Default::Enum("pending")),
                )
                .col(
                    Column::json("input")
                        .default(Default::JsonObject)
                        .comment("The step's input; shape depends on step_type."),
                )
                .col(
                    Column::json("output")
                        .nullable()
                        .comment("The step's output once completed; shape depends on step_type."),
                )
                .col(
                    Column::json("error")
                        .nullable()
                        .comment("The error of the last failed attempt."),
                )
                .col(
                    Column::big_integer("execution_time_ms")
                        .nullable()
                        .comment("How long the step ran, in milliseconds, once finished."),
                )
                .col(
                    Column::big_integer("retry_count")
                        .default(Default::Int(0))
                        .comment("Retries used so far (attempts minus one)."),
                )
                .col(Column::big_integer("max_retries").default(Default::Int(3)))
                .col(Column::timestamptz("started_at").nullable())
                .col(Column::timestamptz("completed_at").nullable())
                .timestamps()
                .check("execution_order_non_negative", "execution_order >= 0")
                .check("execution_time_non_negative", "execution_time_ms >= 0")
                .check(
                    "retry_count_within_max",
                    "0 <= retry_count AND retry_count <= max_retries",
                )
                .check(
                    "failed_after_max_retries",
                    "status <> 'failed' OR retry_count = max_retries",
                )
                .check(
                    "error_when_failed",
                    "status <> 'failed' OR error IS NOT NULL",
                )
                .check(
                    "started_when_run",
                    "status NOT IN ('running', 'completed', 'failed') OR started_at IS NOT NULL",
                )
                .set_exactly_when(
                    "completed_at_iff_finished",
                    "completed_at",
                    "status IN ('completed', 'failed', 'skipped')",
                )
                .check(
                    "completed_after_started",
                    "completed_at IS NULL OR completed_at >= started_at",
                )
                .unique(&["workflow_run_id", "execution_order"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("workflow_steps");
        ddl.drop_enum(&WORKFLOW_STEP_STATUS);
    }
}
