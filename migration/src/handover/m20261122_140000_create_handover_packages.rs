//! Creates `handover_packages`, what is delivered to a tenant when its setup is handed over, with
//! the package type, delivery status and delivery method enums.

use crate::{Column, Ddl, Default, EnumType, IndexSpec, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// How much of a tenant's setup a package hands over.
pub const HANDOVER_PACKAGE_TYPE: EnumType = EnumType {
    name: "handover_package_type",
    values: &["complete", "partial", "update"],
};

/// The delivery lifecycle: pending → preparing → ready → delivering → delivered | failed.
pub const HANDOVER_PACKAGE_DELIVERY_STATUS: EnumType = EnumType {
    name: "handover_package_delivery_status",
    values: &[
        "pending",
        "preparing",
        "ready",
        "delivering",
        "delivered",
        "failed",
    ],
};

/// How a package reaches the tenant.
pub const HANDOVER_PACKAGE_DELIVERY_METHOD: EnumType = EnumType {
    name: "handover_package_delivery_method",
    values: &["email", "portal", "download", "api"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&HANDOVER_PACKAGE_TYPE);
        ddl.create_enum(&HANDOVER_PACKAGE_DELIVERY_STATUS);
        ddl.create_enum(&HANDOVER_PACKAGE_DELIVERY_METHOD);
        ddl.create_table(
            &Table::new("handover_packages")
                .comment(
                    "A handover package for a tenant, usually assembled by a workflow run: \
                     its documents and videos, module configurations and sealed \
                     administrator credentials, and its delivery. delivered_at is set \
                     exactly when delivered. The modules and configurations it covers are \
                     in handover_package_modules and handover_package_configurations; that \
                     they belong to the package's tenant is checked by the domain layer.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(
                    Column::uuid("workflow_run_id").nullable().comment(
                        "The workflow run that assembled the package; \
                         NULL if made by hand or the run is deleted.",
                    ),
                    "workflow_runs",
                    OnDelete::SetNull,
                )
                .col(Column::varchar("name", 255))
                .col(
                    Column::enumeration("package_type", &HANDOVER_PACKAGE_TYPE)
                        .default(Default::Enum("complete")),
                )
                .col(
                    Column::enumeration("delivery_status", &HANDOVER_PACKAGE_DELIVERY_STATUS)
                        .default(Default::Enum("pending")),
                )
                .col(
                    Column::enumeration("delivery_method", &HANDOVER_PACKAGE_DELIVERY_METHOD)
                        .nullable()
                        .comment("Chosen by the time delivery starts."),
                )
                .col(Column::timestamptz("delivered_at").nullable())
                .col(Column::json("delivery_confirmation").nullable().comment(
                    "Typed: entity::json::DeliveryConfirmation. \
                     NULL until the tenant confirms receipt.",
                ))
                .col(
                    Column::json("module_configurations")
                        .default(Default::JsonObject)
                        .comment(
                            "Snapshot of each included module's \
                             settings at packaging time, by app key.",
                        ),
                )
                .col(
                    Column::json("sop_documents")
                        .default(Default::JsonArray)
                        .comment("Typed: entity::json::SopDocuments."),
                )
                .col(
                    Column::json("tutorial_videos")
                        .default(Default::JsonArray)
                        .comment("Typed: entity::json::TutorialVideos."),
                )
                .col(Column::text("admin_credentials").nullable().comment(
                    "SEALED: the tenant administrator credentials handed over, \
                     as JSON encrypted with AES-256-GCM under an application \
                     key, stored with the id of that key and the nonce. Never \
                     plaintext; NULL when the package hands over no credentials.",
                ))
                .col(
                    Column::json("metadata")
                        .default(Default::JsonObject)
                        .comment("Free-form details of the package."),
                )
                .timestamps()
                .set_exactly_when(
                    "delivered_at_iff_delivered",
                    "delivered_at",
                    "delivery_status = 'delivered'",
                )
                .check(
                    "delivery_method_when_delivering",
                    "delivery_status NOT IN ('delivering', \
                     'delivered') OR delivery_method IS NOT NULL",
                )
                .check(
                    "delivery_confirmation_when_delivered",
                    "delivery_confirmation IS NULL OR delivery_status = 'delivered'",
                )
                // The dashboard's lookup: a tenant's undelivered packages, newest first.
                .index_spec(
                    IndexSpec::new("handover_packages", &["tenant_id", "created_at DESC"])
                        .named("handover_packages", "tenant_id_open")
                        .filter("delivery_status <> 'delivered'"),
                ),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("handover_packages");
        ddl.drop_enum(&HANDOVER_PACKAGE_DELIVERY_METHOD);
        ddl.drop_enum(&HANDOVER_PACKAGE_DELIVERY_STATUS);
        ddl.drop_enum(&HANDOVER_PACKAGE_TYPE);
    }
}
