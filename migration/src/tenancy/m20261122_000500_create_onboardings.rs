//! Creates `onboardings`, a tenant's progress through first-run setup.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The lifecycle of an onboarding.
pub const ONBOARDING_STATUS: EnumType = EnumType {
    name: "onboarding_status",
    values: &["not_started", "in_progress", "completed", "abandoned"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&ONBOARDING_STATUS);
        ddl.create_table(
            &Table::new("onboardings")
                .comment("A tenant's progress through first-run setup: which steps are done, and who owns it.")
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .col(Column::enumeration("status", &ONBOARDING_STATUS).default(Default::Enum("not_started")))
                .col(Column::varchar("current_step", 100).nullable())
                .col(Column::json("steps_completed").default(Default::JsonArray).comment("Typed: entity::json::OnboardingSteps."))
                .references(Column::uuid("owner_user_id").nullable(), "users", OnDelete::SetNull)
                .col(Column::timestamptz("started_at").nullable())
                .col(Column::timestamptz("completed_at").nullable())
                .timestamps()
                .check("started_unless_not_started", "(status = 'not_started') = (started_at IS NULL)")
                .set_exactly_when("completed_at_iff_completed", "completed_at", "status = 'completed'")
                .check("completed_after_started", "completed_at IS NULL OR completed_at >= started_at"),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("onboardings");
        ddl.drop_enum(&ONBOARDING_STATUS);
    }
}
