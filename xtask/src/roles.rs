//! `cargo xtask roles`: creates (or updates) the database roles the components connect as, and
//! grants each exactly what its rule in the access matrix (`migration::access::RULES`) says.
//! Idempotent: run it after every `migrate up`.
//!
//! - the application role (default `app_user`): owns nothing, cannot bypass row-level security;
//! - the platform role (default `platform_ops`): `BYPASSRLS`, for platform-wide jobs (billing
//!   runs, backups, monitoring), never used for tenant requests;
//! - the authentication role (default `app_auth`): `NOLOGIN`, `BYPASSRLS`, reads only the columns
//!   verification needs and owns the `SECURITY DEFINER` functions the application role calls to
//!   verify an API key, a session or a login before it knows the tenant;
//! - the relay role (default `app_relay`): `BYPASSRLS`, reads `integration_events` and writes
//!   only their delivery columns, for the outbox relay (`domain::relay`, `cargo xtask relay`).
//!
//! Migrations run as the owner role (the one `DATABASE_URL` names for `cargo xtask migrate`).
//!
//! It cannot hurt: it alters only roles it created itself (it marks them with
//! `COMMENT ON ROLE … IS 'managed by cargo xtask roles'`), never a superuser and never the role
//! it is connected as, and it checks all of that before it changes anything. Everything runs in
//! one transaction. The application, platform and relay roles get `LOGIN` only with a password,
//! from `APP_USER_PASSWORD`, `PLATFORM_OPS_PASSWORD` and `APP_RELAY_PASSWORD`, stored as a SCRAM-SHA-256 verifier computed
//! here, so the password itself never reaches the server or its logs.

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};
use migration::access::{self, Access, Columns, Role};
use migration::identity::m20261201_120000_create_auth_functions::FUNCTIONS as AUTH_FUNCTIONS;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, Statement,
    TransactionTrait,
};

use crate::{db, workspace};
use migration::migrator::TOOLING_TABLES;

/// The comment that marks a role as created by `cargo xtask roles`.
pub const MARK: &str = "managed by cargo xtask roles";

/// Arguments of `cargo xtask roles`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The role backend services connect as (password: `APP_USER_PASSWORD`).
    #[arg(long, default_value = Role::App.default_name())]
    pub app_role: String,
    /// The role platform-wide jobs connect as (password: `PLATFORM_OPS_PASSWORD`).
    #[arg(long, default_value = Role::Platform.default_name())]
    pub platform_role: String,
    /// The role that owns the authentication functions (never logs in).
    #[arg(long, default_value = Role::Auth.default_name())]
    pub auth_role: String,
    /// The role the outbox relay connects as.
    #[arg(long, default_value = Role::Relay.default_name())]
    pub relay_role: String,
    /// The database (overrides DATABASE_URL).
    #[arg(long)]
    pub database_url: Option<String>,
}

/// The roles to create or update, and the passwords of those that log in.
#[derive(Clone)]
pub struct Roles {
    /// The application role.
    pub app: String,
    /// The platform role.
    pub platform: String,
    /// The authentication role.
    pub auth: String,
    /// The outbox relay's role.
    pub relay: String,
    /// The application role's password; without one it gets `NOLOGIN`.
    pub app_password: Option<String>,
    /// The platform role's password; without one it gets `NOLOGIN`.
    pub platform_password: Option<String>,
    /// The relay role's password; without one it gets `NOLOGIN`.
    pub relay_password: Option<String>,
}

impl std::fmt::Debug for Roles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Roles")
            .field("app", &self.app)
            .field("platform", &self.platform)
            .field("auth", &self.auth)
            .field("relay", &self.relay)
            .field("app_password", &self.app_password.as_ref().map(|_| "…"))
            .field(
                "platform_password",
                &self.platform_password.as_ref().map(|_| "…"),
            )
            .field("relay_password", &self.relay_password.as_ref().map(|_| "…"))
            .finish()
    }
}

impl Roles {
    /// `app`, `<app>_ops` and `<app>_auth`, without passwords (tests name their roles so).
    pub fn prefixed(app: &str) -> Self {
        Self {
            app: app.to_owned(),
            platform: format!("{app}_ops"),
            auth: format!("{app}_auth"),
            relay: format!("{app}_relay"),
            app_password: None,
            platform_password: None,
            relay_password: None,
        }
    }

    /// The name of `role`.
    pub fn name(&self, role: Role) -> &str {
        match role {
            Role::App => &self.app,
            Role::Platform => &self.platform,
            Role::Auth => &self.auth,
            Role::Relay => &self.relay,
        }
    }

    fn password(&self, role: Role) -> Option<&str> {
        match role {
            Role::App => self.app_password.as_deref(),
            Role::Platform => self.platform_password.as_deref(),
            Role::Relay => self.relay_password.as_deref(),
            Role::Auth => None,
        }
        .filter(|p| !p.is_empty())
    }
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

fn attributes(role: Role) -> &'static str {
    match role {
        Role::App => "NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION",
        Role::Platform | Role::Auth | Role::Relay => {
            "NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION"
        }
    }
}

/// The grant statements of one table for one role, `columns` being the table's columns.
pub fn grants(table: &str, role: &str, access: Access, columns: &[String]) -> Vec<String> {
    let mut out = vec![format!("REVOKE ALL ON \"{table}\" FROM \"{role}\"")];
    for (privilege, cols) in [
        ("SELECT", access.select),
        ("INSERT", access.insert),
        ("UPDATE", access.update),
    ] {
        match cols {
            Columns::None => {}
            Columns::All => out.push(format!("GRANT {privilege} ON \"{table}\" TO \"{role}\"")),
            Columns::Only(_) | Columns::AllBut(_) => {
                let list: Vec<String> = columns
                    .iter()
                    .filter(|c| cols.allows(c))
                    .map(|c| format!("\"{c}\""))
                    .collect();
                if !list.is_empty() {
                    out.push(format!(
                        "GRANT {privilege} ({}) ON \"{table}\" TO \"{role}\"",
                        list.join(", ")
                    ));
                }
            }
        }
    }
    if access.delete {
        out.push(format!("GRANT DELETE ON \"{table}\" TO \"{role}\""));
    }
    out
}

async fn rows(
    txn: &DatabaseTransaction,
    sql: &str,
    values: Vec<sea_orm::Value>,
) -> Result<Vec<sea_orm::QueryResult>> {
    txn.query_all_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        sql,
        values,
    ))
    .await
    .with_context(|| format!("catalog query failed: {sql}"))
}

/// Refuses a role this tool must not alter: the connected role, a superuser, or an existing
/// role without the mark.
async fn check_role(txn: &DatabaseTransaction, name: &str) -> Result<bool> {
    let me = rows(
        txn,
        "SELECT current_user::text AS cu, session_user::text AS su",
        vec![],
    )
    .await?;
    let me = me.first().context("no current user")?;
    let (current, session): (String, String) = (me.try_get("", "cu")?, me.try_get("", "su")?);
    if name == current || name == session {
        bail!(
            "refusing to manage role `{name}`: it is the role this connection uses; \
             pick another name for the service role"
        );
    }
    let found = rows(
        txn,
        "SELECT rolsuper, coalesce(shobj_description(oid, 'pg_authid'), '') AS comment \
         FROM pg_roles WHERE rolname = $1",
        vec![name.into()],
    )
    .await?;
    let Some(row) = found.first() else {
        return Ok(false);
    };
    if row.try_get::<bool>("", "rolsuper")? {
        bail!(
            "refusing to manage role `{name}`: it is a superuser; pick another name for the service role"
        );
    }
    if row.try_get::<String>("", "comment")? != MARK {
        bail!(
            "refusing to manage role `{name}`: it exists and was not created by `cargo xtask roles` \
             (its comment is not '{MARK}'); pick another name, or drop the role first"
        );
    }
    Ok(true)
}

/// The domain tables and views of the current schema with their columns, and the relations
/// no role may touch (partitions, which could be read around their parent's policies, and the
/// tooling's tables).
async fn relations(
    txn: &DatabaseTransaction,
) -> Result<(BTreeMap<String, Vec<String>>, Vec<String>)> {
    let found = rows(
        txn,
        "SELECT c.relname AS name, c.relispartition AS part, \
                coalesce(array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attnum > 0), '{}') AS cols \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped \
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v') \
         GROUP BY c.relname, c.relispartition ORDER BY 1",
        vec![],
    )
    .await?;
    let mut domain = BTreeMap::new();
    let mut closed = Vec::new();
    for row in found {
        let name: String = row.try_get("", "name")?;
        if row.try_get::<bool>("", "part")? || TOOLING_TABLES.contains(&name.as_str()) {
            closed.push(name);
        } else {
            domain.insert(name, row.try_get::<Vec<String>>("", "cols")?);
        }
    }
    Ok((domain, closed))
}

/// Creates or updates the roles and grants each exactly what the access matrix says, in one
/// transaction, after checking every role may be touched and every table has a rule.
///
/// # Errors
///
/// When the database is not Postgres, a role name is invalid or must not be touched (the
/// connected role, a superuser, a role this tool did not create), a table has no rule, or a
/// statement fails.
pub async fn apply(db: &DatabaseConnection, roles: &Roles) -> Result<()> {
    for role in Role::ALL {
        valid(roles.name(role))?;
    }
    let mut names: Vec<&str> = Role::ALL.iter().map(|r| roles.name(*r)).collect();
    names.sort_unstable();
    names.dedup();
    if names.len() != Role::ALL.len() {
        bail!(
            "the application, platform, authentication and relay roles must be four different roles"
        );
    }
    if db.get_database_backend() != DbBackend::Postgres {
        bail!("roles exist only on Postgres: point DATABASE_URL at a Postgres database");
    }
    let txn = db.begin().await?;
    let mut exists = BTreeMap::new();
    for role in Role::ALL {
        exists.insert(role, check_role(&txn, roles.name(role)).await?);
    }
    let (tables, closed) = relations(&txn).await?;
    let unruled: Vec<&str> = tables
        .keys()
        .map(String::as_str)
        .filter(|t| access::rule(t).is_none())
        .collect();
    if !unruled.is_empty() {
        bail!(
            "no access rule for {}: add one to migration/src/access.rs (RULES)",
            unruled.join(", ")
        );
    }
    let functions = AUTH_FUNCTIONS.iter().map(|(signature, _)| *signature);
    for signature in functions.clone() {
        let found = rows(
            &txn,
            "SELECT to_regprocedure($1) IS NOT NULL AS found",
            vec![signature.into()],
        )
        .await?;
        if !found
            .first()
            .is_some_and(|r| r.try_get::<bool>("", "found").unwrap_or(false))
        {
            bail!("the function {signature} is missing: run `cargo xtask migrate up` first");
        }
    }
    let mut statements = Vec::new();
    for role in Role::ALL {
        let name = roles.name(role);
        if !exists[&role] {
            statements.push(format!("CREATE ROLE \"{name}\" NOLOGIN"));
            statements.push(format!("COMMENT ON ROLE \"{name}\" IS '{MARK}'"));
        }
        let login = match roles.password(role) {
            Some(password) => format!(
                "LOGIN PASSWORD '{}'",
                postgres_protocol::password::scram_sha_256(password.as_bytes())
            ),
            None => "NOLOGIN PASSWORD NULL".to_owned(),
        };
        statements.push(format!(
            "ALTER ROLE \"{name}\" {} {login}",
            attributes(role)
        ));
        statements.push(format!("GRANT USAGE ON SCHEMA public TO \"{name}\""));
        for (table, columns) in &tables {
            let rule = access::rule(table).expect("checked above");
            statements.extend(grants(table, name, rule.access(role), columns));
        }
        for table in &closed {
            statements.push(format!("REVOKE ALL ON \"{table}\" FROM \"{name}\""));
        }
    }
    // The authentication functions belong to the authentication role, which needs CREATE on
    // the schema only for the moment it takes them over, and only the application role may call
    // them.
    let (app, platform, auth) = (&roles.app, &roles.platform, &roles.auth);
    statements.push(format!("GRANT CREATE ON SCHEMA public TO \"{auth}\""));
    for signature in functions {
        statements.push(format!("ALTER FUNCTION {signature} OWNER TO \"{auth}\""));
        statements.push(format!(
            "REVOKE ALL ON FUNCTION {signature} FROM PUBLIC, \"{platform}\""
        ));
        statements.push(format!(
            "GRANT EXECUTE ON FUNCTION {signature} TO \"{app}\""
        ));
    }
    statements.push(format!("REVOKE CREATE ON SCHEMA public FROM \"{auth}\""));
    for statement in &statements {
        txn.execute_unprepared(statement).await.with_context(|| {
            // Never print a password verifier.
            let shown = statement.split(" PASSWORD ").next().unwrap_or(statement);
            format!("statement failed: {shown}")
        })?;
    }
    txn.commit().await?;
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
    let roles = Roles {
        app: args.app_role,
        platform: args.platform_role,
        auth: args.auth_role,
        relay: args.relay_role,
        app_password: std::env::var("APP_USER_PASSWORD").ok(),
        platform_password: std::env::var("PLATFORM_OPS_PASSWORD").ok(),
        relay_password: std::env::var("APP_RELAY_PASSWORD").ok(),
    };
    apply(&db, &roles).await?;
    let login = |role: Role| {
        if roles.password(role).is_some() {
            "LOGIN"
        } else {
            "NOLOGIN: no password given"
        }
    };
    println!(
        "roles ready: services connect as {} ({}), platform jobs as {} ({}), the outbox relay as {} ({}); {} owns the authentication functions (NOLOGIN)",
        roles.app,
        login(Role::App),
        roles.platform,
        login(Role::Platform),
        roles.relay,
        login(Role::Relay),
        roles.auth
    );
    Ok(())
}
