//! Creates `app_overrides`, a tenant's per-app switches and settings, linked to the marketplace
//! module and installation behind the app, with the activation status enum.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// Where activating an app for a tenant stands.
pub const APP_OVERRIDE_ACTIVATION_STATUS: EnumType = EnumType {
    name: "app_override_activation_status",
    values: &["pending", "active", "failed", "deactivated"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&APP_OVERRIDE_ACTIVATION_STATUS);
        ddl.create_table(
            &Table::new("app_overrides")
                .comment(
                    "A tenant's override for one app (seed 001 client_app_overrides): \
                     whether it is enabled, its settings, and the marketplace module \
                     and installation that provide it. Unique by (tenant_id, app_key).",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .col(
                    Column::varchar("app_key", 100)
                        .comment("The app's stable key within the platform."),
                )
                .col(Column::boolean("enabled").default(Default::Bool(true)))
                .col(
                    Column::json("override_settings")
                        .default(Default::JsonObject)
                        .comment("Settings that replace the app's defaults for this tenant."),
                )
                .references(
                    Column::uuid("marketplace_module_id").nullable().comment(
                        "The marketplace module behind the app; NULL for \
                         a built-in app or once the module is deleted.",
                    ),
                    "marketplace_modules",
                    OnDelete::SetNull,
                )
                .references(
                    Column::uuid("module_installation_id").nullable().comment(
                        "The tenant's installation behind the app; \
                         deleting the installation deletes the override.",
                    ),
                    "module_installations",
                    OnDelete::Cascade,
                )
                .col(
                    Column::enumeration("activation_status", &APP_OVERRIDE_ACTIVATION_STATUS)
                        .default(Default::Enum("pending")),
                )
                .col(
                    Column::json("activation_metadata")
                        .default(Default::JsonObject)
                        .comment(
                            "Free-form details of the last activation attempt, such as its error.",
                        ),
                )
                .timestamps()
                .unique(&["tenant_id", "app_key"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("app_overrides");
        ddl.drop_enum(&APP_OVERRIDE_ACTIVATION_STATUS);
    }
}
