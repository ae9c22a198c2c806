//! Creates `marketplace_modules`, the platform's catalogue of installable modules, with the
//! pricing model and status enums.

use crate::{Column, Ddl, Default, EnumType, IndexSpec, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// How a module is charged for.
pub const MARKETPLACE_MODULE_PRICING_MODEL: EnumType = EnumType {
    name: "marketplace_module_pricing_model",
    values: &["free", "one_time", "subscription", "usage"],
};

/// The catalogue lifecycle of a module: draft → published → deprecated.
pub const MARKETPLACE_MODULE_STATUS: EnumType = EnumType {
    name: "marketplace_module_status",
    values: &["draft", "published", "deprecated"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&MARKETPLACE_MODULE_PRICING_MODEL);
        ddl.create_enum(&MARKETPLACE_MODULE_STATUS);
        ddl.create_table(
            &Table::new("marketplace_modules")
                .comment(
                    "A module of the platform's marketplace catalogue (platform data: \
                     no tenant_id): what it is, who publishes it, how it is priced, \
                     its average rating (0 to 5) and how often it has been installed.",
                )
                .id()
                .col(
                    Column::varchar("slug", 100)
                        .comment("URL-safe unique handle: a-z, 0-9 and '-'."),
                )
                .col(Column::varchar("name", 200))
                .col(
                    Column::varchar("version", 50)
                        .comment("The current published version, for example 1.4.2."),
                )
                .col(Column::varchar("category", 100))
                .col(Column::text("description").nullable())
                .col(
                    Column::enumeration("pricing_model", &MARKETPLACE_MODULE_PRICING_MODEL)
                        .default(Default::Enum("free")),
                )
                .col(
                    Column::big_integer("price_cents")
                        .default(Default::Int(0))
                        .comment(
                            "Price in minor units of currency: per purchase, \
                             per billing period or per unit by pricing model.",
                        ),
                )
                .col(
                    Column::text("currency")
                        .default(Default::Text("USD"))
                        .comment("ISO 4217 code."),
                )
                .col(Column::varchar("publisher", 200))
                .col(
                    Column::enumeration("status", &MARKETPLACE_MODULE_STATUS)
                        .default(Default::Enum("draft")),
                )
                .col(
                    Column::double("rating_average")
                        .default(Default::Int(0))
                        .comment("Mean review rating, 0 to 5."),
                )
                .col(Column::big_integer("install_count").default(Default::Int(0)))
                .timestamps()
                .check_per_backend(
                    "slug",
                    "slug ~ '^[a-z0-9-]+$'",
                    "length(slug) > 0 AND slug NOT GLOB '*[^a-z0-9-]*'",
                )
                .check("price_non_negative", "price_cents >= 0")
                .check(
                    "free_costs_nothing",
                    "pricing_model <> 'free' OR price_cents = 0",
                )
                .check_per_backend(
                    "currency",
                    "currency ~ '^[A-Z]{3}$'",
                    "length(currency) = 3 AND currency NOT GLOB '*[^A-Z]*'",
                )
                .check("rating_average_range", "rating_average BETWEEN 0 AND 5")
                .check("install_count_non_negative", "install_count >= 0")
                .unique(&["slug"])
                // Catalogue browsing: published modules by category.
                .index_spec(
                    IndexSpec::new("marketplace_modules", &["category"])
                        .named("marketplace_modules", "published_category")
                        .filter("status = 'published'"),
                ),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("marketplace_modules");
        ddl.drop_enum(&MARKETPLACE_MODULE_STATUS);
        ddl.drop_enum(&MARKETPLACE_MODULE_PRICING_MODEL);
    }
}
