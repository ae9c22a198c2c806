//! Creates `certificate_renewals`, the scheduled and past renewal attempts of a certificate.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The lifecycle of a renewal attempt: scheduled → running → succeeded | failed.
pub const CERTIFICATE_RENEWAL_STATUS: EnumType = EnumType {
    name: "certificate_renewal_status",
    values: &["scheduled", "running", "succeeded", "failed"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&CERTIFICATE_RENEWAL_STATUS);
        ddl.create_table(
            &Table::new("certificate_renewals")
                .comment(
                    "One attempt to renew a certificate, from scheduling to its outcome: attempted_at is \
                     set once it runs, completed_at exactly when it succeeded or failed, error exactly \
                     when it failed. Deleted with its certificate.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(Column::uuid("certificate_id"), "certificates", OnDelete::Cascade)
                .col(
                    Column::enumeration("status", &CERTIFICATE_RENEWAL_STATUS)
                        .default(Default::Enum("scheduled")),
                )
                .col(
                    Column::timestamptz("scheduled_at")
                        .default(Default::Now)
                        .comment("When the attempt is due to run."),
                )
                .col(Column::timestamptz("attempted_at").nullable().comment("When the attempt started."))
                .col(Column::timestamptz("completed_at").nullable())
                .col(Column::text("error").nullable().comment("Why the attempt failed."))
                .timestamps()
                .check("attempted_unless_scheduled", "(status = 'scheduled') = (attempted_at IS NULL)")
                .set_exactly_when(
                    "completed_at_iff_finished",
                    "completed_at",
                    "status IN ('succeeded', 'failed')",
                )
                .check("completed_after_attempted", "completed_at IS NULL OR completed_at >= attempted_at")
                .set_exactly_when("error_iff_failed", "error", "status = 'failed'")
                .index(&["certificate_id", "created_at DESC"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("certificate_renewals");
        ddl.drop_enum(&CERTIFICATE_RENEWAL_STATUS);
    }
}
