//! Creates `users`, the one global table of people; membership of a tenant is `tenant_users`.

use crate::{Column, Ddl, Default, EnumType, IndexSpec, SchemaChange, Table};
use sea_orm_migration::prelude::DeriveMigrationName;

/// The lifecycle of a user account.
pub const USER_STATUS: EnumType = EnumType {
    name: "user_status",
    values: &["pending_verification", "active", "locked", "disabled"],
};

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.create_enum(&USER_STATUS);
        ddl.create_table(
            &Table::new("users")
                .comment("A person who can sign in. Global: a user joins tenants through tenant_users.")
                .id()
                .col(Column::text("email").comment("Unique case-insensitively (an index on lower(email))."))
                .col(Column::text("username").comment("3 to 30 of a-z, A-Z, 0-9, '_' and '-'."))
                .col(Column::text("password_hash").nullable().comment("Argon2id PHC string; NULL until the user sets a password."))
                .col(Column::varchar("first_name", 100))
                .col(Column::varchar("last_name", 100))
                .col(Column::varchar("phone", 32).nullable())
                .col(Column::varchar("timezone", 64).default(Default::Text("UTC")).comment("IANA time zone name."))
                .col(Column::varchar("locale", 16).default(Default::Text("en")).comment("BCP 47 language tag."))
                .col(Column::enumeration("status", &USER_STATUS).default(Default::Enum("pending_verification")))
                .col(Column::timestamptz("email_verified_at").nullable())
                .col(Column::timestamptz("last_login_at").nullable())
                .col(Column::big_integer("failed_login_count").default(Default::Int(0)))
                .col(Column::json("preferences").default(Default::JsonObject).comment("Typed: entity::json::UserPreferences."))
                .col(Column::boolean("is_platform_admin").default(Default::Bool(false)))
                .timestamps()
                .check_per_backend(
                    "email",
                    "length(email) <= 320 AND email ~ '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$'",
                    "length(email) <= 320 AND email NOT GLOB '*[^A-Za-z0-9._%+@-]*' \
                     AND email GLOB '?*@?*.[A-Za-z][A-Za-z]*' \
                     AND instr(substr(email, instr(email, '@') + 1), '@') = 0",
                )
                .check_per_backend(
                    "username",
                    "username ~ '^[a-zA-Z0-9_-]{3,30}$'",
                    "length(username) BETWEEN 3 AND 30 AND username NOT GLOB '*[^a-zA-Z0-9_-]*'",
                )
                .check("failed_login_count_non_negative", "failed_login_count >= 0")
                .index_spec(IndexSpec::unique("users", &["lower(email)"]))
                .unique(&["username"])
                .index(&["status"]),
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.drop_table("users");
        ddl.drop_enum(&USER_STATUS);
    }
}
