//! Creates `module_installations`, the marketplace modules a tenant has installed, with the
//! installation status enum.

use crate::{Column, Ddl, Default, EnumType, IndexSpec, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The lifecycle of an installation: pending → installing → active | failed, then uninstalled.
pub const MODULE_INSTALLATION_STATUS: EnumType = EnumType {
    name: "module_installation_status",
    values: &["pending", "installing", "active", "failed", "uninstalled"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&MODULE_INSTALLATION_STATUS);
        ddl.create_table(
            &Table::new("module_installations")
                .comment(
                    "A marketplace module installed (or being installed) by a \
                     tenant, at a version and with its configuration. At most one \
                     active installation per (tenant, module); uninstalled_at is \
                     set exactly when uninstalled, and the row is kept as history.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .references(
                    Column::uuid("marketplace_module_id").comment(
                        "The module installed; a module with \
                         installations cannot be deleted (deprecate it).",
                    ),
                    "marketplace_modules",
                    OnDelete::Restrict,
                )
                .col(Column::varchar("version", 50).comment("The module version installed."))
                .col(
                    Column::enumeration("status", &MODULE_INSTALLATION_STATUS)
                        .default(Default::Enum("pending")),
                )
                .col(
                    Column::json("config").default(Default::JsonObject).comment(
                        "The tenant's settings for the module, in the module's own schema.",
                    ),
                )
                .references(
                    Column::uuid("installed_by_user_id")
                        .nullable()
                        .comment("Who installed it."),
                    "users",
                    OnDelete::SetNull,
                )
                .col(
                    Column::timestamptz("installed_at")
                        .nullable()
                        .comment("When it became active."),
                )
                .col(Column::timestamptz("uninstalled_at").nullable())
                .timestamps()
                .check(
                    "installed_at_when_active",
                    "status <> 'active' OR installed_at IS NOT NULL",
                )
                .set_exactly_when(
                    "uninstalled_at_iff_uninstalled",
                    "uninstalled_at",
                    "status = 'uninstalled'",
                )
                .check(
                    "uninstalled_after_installed",
                    "uninstalled_at IS NULL OR uninstalled_at >= installed_at",
                )
                .index_spec(
                    IndexSpec::unique(
                        "module_installations",
                        &["tenant_id", "marketplace_module_id"],
                    )
                    .filter("status = 'active'"),
                ),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("module_installations");
        ddl.drop_enum(&MODULE_INSTALLATION_STATUS);
    }
}
