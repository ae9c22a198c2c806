//! Creates `workflow_runs`, the executions of a workflow (seed 001 `orchestration_workflows` as
//! run, seed 000 `auto.executions`), with the run status enum.

use crate::{Column, Ddl, Default, EnumType, IndexSpec, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The lifecycle of a run: pending → in_progress → completed | failed | cancelled.
pub const WORKFLOW_RUN_STATUS: EnumType = EnumType {
    name: "workflow_run_status",
    values: &["pending", "in_progress", "completed", "failed", "cancelled"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&WORKFLOW_RUN_STATUS);
        ddl.create_table(
            &Table::new("workflow_runs")
                .comment(
                    "One execution of a workflow version for its tenant: pending → in_progress → \
                     completed | failed | cancelled. Its steps (workflow_steps) run in \
                     execution_order; a step that fails after its last retry fails the run. \
                     completed_at is set exactly when the run has ended.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(Column::uuid("workflow_id"), "workflows", OnDelete::Cascade)
                .col(
                    Column::enumeration("status", &WORKFLOW_RUN_STATUS)
                        .default(Default::Enum("pending")),
                )
                .col(
                    Column::varchar("current_step", 255)
                        .nullable()
                        .comment("The name of the step running now, or last run."),
                )
                .col(Column::varchar("trigger", 100).nullable().comment(
                    "What started the run, for example manual or an integration event type.",
                ))
                .col(
                    Column::json("input")
                        .default(Default::JsonObject)
                        .comment("The run's input; shape depends on the workflow."),
                )
                .col(
                    Column::json("steps_completed")
                        .default(Default::JsonArray)
                        .comment("Typed: entity::json::WorkflowStepRecords."),
                )
                .col(
                    Column::json("steps_failed")
                        .default(Default::JsonArray)
                        .comment("Typed: entity::json::WorkflowStepRecords."),
                )
                .col(Column::timestamptz("started_at").nullable())
                .col(Column::timestamptz("completed_at").nullable())
                .col(
                    Column::text("error")
                        .nullable()
                        .comment("Why the run failed."),
                )
                .timestamps()
                .check(
                    "started_at_matches_status",
                    "(status <> 'pending' OR started_at IS NULL) AND (status NOT IN \
                     ('in_progress', 'completed', 'failed') OR started_at IS NOT NULL)",
                )
                .set_exactly_when(
                    "completed_at_iff_ended",
                    "completed_at",
                    "status IN ('completed', 'failed', 'cancelled')",
                )
                .check(
                    "completed_after_started",
                    "completed_at IS NULL OR completed_at >= started_at",
                )
                .check(
                    "error_when_failed",
                    "status <> 'failed' OR error IS NOT NULL",
                )
                .index(&["tenant_id", "created_at DESC"])
                .index(&["workflow_id", "created_at DESC"])
                .index_spec(
                    IndexSpec::new("workflow_runs", &["tenant_id", "status"])
                        .named("workflow_runs", "tenant_id_running")
                        .filter("status IN ('pending', 'in_progress')"),
                ),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("workflow_runs");
        ddl.drop_enum(&WORKFLOW_RUN_STATUS);
    }
}
