//! Creates `set_updated_at()`, the Postgres trigger function that keeps `updated_at` current on
//! every mutable table. SQLite has no such function; the entities' `before_save` does the work.

use crate::{Ddl, SchemaChange};
use sea_orm_migration::prelude::DeriveMigrationName;

#[derive(Debug, DeriveMigrationName)]
pub struct Migration;

impl SchemaChange for Migration {
    fn up(&self, ddl: &mut Ddl) {
        ddl.postgres(
            "CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN NEW.updated_at := now(); RETURN NEW; END $$",
        );
        ddl.postgres(
            "COMMENT ON FUNCTION set_updated_at() IS \
             'Trigger function: sets updated_at to the current time on every UPDATE.'",
        );
    }

    fn down(&self, ddl: &mut Ddl) {
        ddl.postgres("DROP FUNCTION set_updated_at()");
    }
}
