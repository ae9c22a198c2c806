//! `cargo xtask roles`: creates (or updates) the database roles the components connect as, and
//! grants them what they need. Idempotent: run it after every `migrate up`.
//!
//! - the application role (default `app_user`): owns nothing, cannot bypass row-level security,
//!   may read and write the domain tables (row-level security then limits it to one tenant);
//! - the platform role (default `platform_ops`): `BYPASSRLS`, for platform-wide jobs (billing
//!   runs, backups, monitoring), granted separately and never used for tenant requests.
//!
//! Migrations run as the owner role (the one `DATABASE_URL` names for `cargo xtask migrate`).

use anyhow::{Context, Result, bail};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};

use crate::{db, workspace};

/// Arguments of `cargo xtask roles`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The role backend services connect as.
    #[arg(long, default_value = "app_user")]
    pub app_role: String,
    /// The role platform-wide jobs connect as.
    #[arg(long, default_value = "platform_ops")]
    pub platform_role: String,
    /// The database (overrides DATABASE_URL).
    #[arg(long)]
    pub database_url: Option<String>,
}

fn valid(role: &str) -> Result<()> {
    if role.is_empty()
        || role.len() > 63
        || !role.starts_with(|c: char| c.is_ascii_lowercase())
        || !role
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        bail!("role name `{role}` must be 1 to 63 of a-z, 0-9 and '_', starting with a letter");
    }
    Ok(())
}

/// The statements that create or update the roles and their grants: read and write on the
/// domain tables and the view, nothing on the tooling's tables, and nothing on partitions, which a
/// role could otherwise read directly, around the row-level security of their parent.
pub fn statements(app: &str, platform: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (role, attributes) in [
        (app, "NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE"),
        (platform, "NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE"),
    ] {
        out.push(format!(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') \
             THEN CREATE ROLE \"{role}\" LOGIN; END IF; END $$"
        ));
        out.push(format!("ALTER ROLE \"{role}\" {attributes}"));
        out.push(format!("GRANT USAGE ON SCHEMA public TO \"{role}\""));
        out.push(format!(
            "DO $$ DECLARE t record; BEGIN \
             FOR t IN SELECT c.relname, c.relispartition, c.relkind FROM pg_class c \
                 JOIN pg_namespace n ON n.oid = c.relnamespace \
                 WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v') LOOP \
               IF t.relispartition OR t.relname IN ('seaql_migrations', 'xtask_migration_checksums', 'xtask_dev_marks') THEN \
                 EXECUTE format('REVOKE ALL ON %I FROM %I', t.relname, '{role}'); \
               ELSIF t.relkind = 'v' THEN \
                 EXECUTE format('GRANT SELECT ON %I TO %I', t.relname, '{role}'); \
               ELSE \
                 EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO %I', t.relname, '{role}'); \
               END IF; \
             END LOOP; END $$"
        ));
    }
    out
}

/// Applies [`statements`] on `db`.
///
/// # Errors
///
/// When the database is not Postgres or a statement fails.
pub async fn apply(db: &DatabaseConnection, app: &str, platform: &str) -> Result<()> {
    valid(app)?;
    valid(platform)?;
    if db.get_database_backend() != DbBackend::Postgres {
        bail!("roles exist only on Postgres: point DATABASE_URL at a Postgres database");
    }
    for statement in statements(app, platform) {
        db.execute_unprepared(&statement)
            .await
            .with_context(|| format!("statement failed: {statement}"))?;
    }
    Ok(())
}

/// Runs `cargo xtask roles`.
///
/// # Errors
///
/// As [`apply`].
pub async fn run(args: Args) -> Result<()> {
    let url = workspace::database_url(args.database_url.as_deref())?;
    let db = db::connect(&url).await?;
    apply(&db, &args.app_role, &args.platform_role).await?;
    println!(
        "roles ready: services connect as {}, platform jobs as {}",
        args.app_role, args.platform_role
    );
    Ok(())
}
