//! Creates `api_integrations`: a tenant's configured connections to outside APIs (seed 000
//! `intg.apis`), with their auth type and status enums.

use crate::{Column, Ddl, Default, EnumType, OnDelete, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// How the platform authenticates to the outside API.
pub const API_INTEGRATION_AUTH_TYPE: EnumType = EnumType {
    name: "api_integration_auth_type",
    values: &["none", "api_key", "oauth2", "basic"],
};

/// The state of an integration: `failing` while calls keep erroring, `paused` and `disabled`
/// by choice (a paused one is expected to resume).
pub const API_INTEGRATION_STATUS: EnumType = EnumType {
    name: "api_integration_status",
    values: &["active", "paused", "failing", "disabled"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&API_INTEGRATION_AUTH_TYPE);
        ddl.create_enum(&API_INTEGRATION_STATUS);
        ddl.create_table(
            &Table::new("api_integrations")
                .comment(
                    "A connection a tenant has configured to an outside API (a CRM, a payment \
                     provider, …): where it is, how the platform authenticates to it and whether \
                     it is working.",
                )
                .id()
                .references(Column::uuid("tenant_id"), "tenants", OnDelete::Cascade)
                .col(Column::varchar("name", 100).comment("The tenant's name for the connection."))
                .col(
                    Column::varchar("provider", 100)
                        .comment("Who runs the API, for example stripe or salesforce."),
                )
                .col(Column::text("base_url").comment("The API's base URL (http or https)."))
                .col(
                    Column::enumeration("auth_type", &API_INTEGRATION_AUTH_TYPE)
                        .default(Default::Enum("none")),
                )
                .col(
                    Column::enumeration("status", &API_INTEGRATION_STATUS)
                        .default(Default::Enum("active")),
                )
                .col(Column::json("config").default(Default::JsonObject).comment(
                    "Provider-specific settings; shape not fixed by the model. Never holds \
                             a credential in plaintext.",
                ))
                .timestamps()
                .check("name_not_blank", "length(trim(name)) > 0")
                .check(
                    "base_url_http",
                    "base_url LIKE 'https://%' OR base_url LIKE 'http://%'",
                ),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("api_integrations");
        ddl.drop_enum(&API_INTEGRATION_STATUS);
        ddl.drop_enum(&API_INTEGRATION_AUTH_TYPE);
    }
}
