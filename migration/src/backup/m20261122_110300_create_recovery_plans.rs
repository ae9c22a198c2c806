//! Creates `recovery_plans`, the platform's and tenants' disaster recovery procedures, with their
//! type, scope, status and test result enums.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// What a recovery plan restores.
pub const RECOVERY_PLAN_TYPE: EnumType = EnumType {
    name: "recovery_plan_type",
    values: &["full_recovery", "partial_recovery", "tenant_recovery"],
};

/// Which systems a recovery plan covers.
pub const RECOVERY_PLAN_SCOPE: EnumType = EnumType {
    name: "recovery_plan_scope",
    values: &["all_systems", "specific_services", "tenant_data"],
};

/// The approval lifecycle of a recovery plan: draft → pending_approval → approved, then archived.
pub const RECOVERY_PLAN_STATUS: EnumType = EnumType {
    name: "recovery_plan_status",
    values: &["draft", "pending_approval", "approved", "archived"],
};

/// The outcome of a recovery plan's last test: every step met its target, some did not or
/// needed workarounds, or the recovery did not succeed.
pub const RECOVERY_PLAN_TEST_RESULT: EnumType = EnumType {
    name: "recovery_plan_test_result",
    values: &["passed", "partial", "failed"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&RECOVERY_PLAN_TYPE);
        ddl.create_enum(&RECOVERY_PLAN_SCOPE);
        ddl.create_enum(&RECOVERY_PLAN_STATUS);
        ddl.create_enum(&RECOVERY_PLAN_TEST_RESULT);
        ddl.create_table(
            &Table::new("recovery_plans")
                .comment(
                    "A disaster recovery plan: its recovery time and point objectives, its \
                     ordered steps (automated or manual), whom to escalate to, its approval \
                     and its last test. Mixes platform plans (tenant_id NULL) and a \
                     tenant's own plans. approved_at is set exactly while the plan is \
                     approved.",
                )
                .id()
                .references(
                    Column::uuid("tenant_id")
                        .nullable()
                        .comment("The tenant the plan is for; NULL for a platform plan."),
                    "tenants",
                    OnDelete::Cascade,
                )
                .col(Column::varchar("name", 200))
                .col(Column::text("description").nullable())
                .col(Column::enumeration("plan_type", &RECOVERY_PLAN_TYPE))
                .col(Column::enumeration("scope", &RECOVERY_PLAN_SCOPE))
                .col(
                    Column::big_integer("rto_minutes").comment(
                        "Recovery time objective: the longest acceptable outage, in minutes.",
                    ),
                )
                .col(Column::big_integer("rpo_minutes").comment(
                    "Recovery point objective: the most data loss acceptable, in minutes.",
                ))
                .col(
                    Column::json("steps")
                        .default(Default::JsonArray)
                        .comment("Typed: entity::json::RecoverySteps."),
                )
                .col(
                    Column::enumeration("status", &RECOVERY_PLAN_STATUS)
                        .default(Default::Enum("draft")),
                )
                .references(
                    Column::uuid("approved_by_user_id")
                        .nullable()
                        .comment("Who approved the plan."),
                    "users",
                    OnDelete::SetNull,
                )
                .col(Column::timestamptz("approved_at").nullable())
                .col(Column::timestamptz("last_tested_at").nullable())
                .col(
                    Column::enumeration("test_result", &RECOVERY_PLAN_TEST_RESULT)
                        .nullable()
                        .comment("Outcome of the last test; set exactly when last_tested_at is."),
                )
                .col(
                    Column::timestamptz("next_test_at")
                        .nullable()
                        .comment("When the plan is next due to be tested."),
                )
                .col(
                    Column::json("escalation_contacts")
                        .default(Default::JsonArray)
                        .comment("Typed: entity::json::EscalationContacts."),
                )
                .timestamps()
                .check("rto_rpo_positive", "rto_minutes > 0 AND rpo_minutes > 0")
                .set_exactly_when(
                    "approved_at_iff_approved",
                    "approved_at",
                    "status = 'approved'",
                )
                .check(
                    "test_result_iff_tested",
                    "(last_tested_at IS NULL) = (test_result IS NULL)",
                ),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("recovery_plans");
        ddl.drop_enum(&RECOVERY_PLAN_TEST_RESULT);
        ddl.drop_enum(&RECOVERY_PLAN_STATUS);
        ddl.drop_enum(&RECOVERY_PLAN_SCOPE);
        ddl.drop_enum(&RECOVERY_PLAN_TYPE);
    }
}
