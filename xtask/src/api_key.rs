//! `cargo xtask api-key create --tenant SLUG [--name NAME] [--scopes A,B] [--json]`: issues an API
//! key for a tenant of DATABASE_URL (default: the embedded SQLite dev file). Only the key's prefix
//! and its SHA-256 are stored (`domain::secrets::new_api_key`); the key itself is printed once,
//! on the last line, or as `{"key", "prefix", "id"}` with `--json`.

use anyhow::{Context, Result, bail};
use clap::{Args as ClapArgs, Subcommand};
use domain::tenancy::{TenantId, TenantTxn};
use entity::sea_orm_active_enums::TenantUserStatus;
use entity::{api_keys, tenant_users, tenants};
use sea_orm::{ActiveModelBehavior, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::{db, workspace};

/// `cargo xtask api-key …`.
#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Issue an API key for a tenant; the key is printed once and never stored.
    Create(CreateArgs),
}

/// `cargo xtask api-key create`.
#[derive(Debug, ClapArgs)]
pub struct CreateArgs {
    /// The tenant's slug (`tenants.slug`).
    #[arg(long)]
    pub tenant: String,
    /// A name for the key, shown in listings.
    #[arg(long, default_value = "cli")]
    pub name: String,
    /// The permission codes the key is limited to, comma-separated or repeated.
    #[arg(long, value_delimiter = ',', num_args = 1..)]
    pub scopes: Vec<String>,
    /// Print `{"key", "prefix", "id"}` instead of the key alone.
    #[arg(long)]
    pub json: bool,
    /// The database (overrides DATABASE_URL; default: the embedded SQLite file).
    #[arg(long)]
    pub database_url: Option<String>,
}

/// What was issued: the key (never stored) and the stored row's id.
#[derive(Debug, Clone)]
pub struct Issued {
    /// The whole key.
    pub key: String,
    /// Its stored prefix.
    pub prefix: String,
    /// `api_keys.id`.
    pub id: uuid::Uuid,
    /// The tenant.
    pub tenant_id: uuid::Uuid,
}

/// Runs `cargo xtask api-key`.
///
/// # Errors
///
/// An unknown tenant, a bad URL or connection, or a refused insert.
pub async fn run(args: Args) -> Result<()> {
    let Command::Create(args) = args.command;
    let url = workspace::database_url(args.database_url.as_deref())?;
    let conn = db::connect(&url).await?;
    let issued = create(&conn, &args.tenant, &args.name, &args.scopes).await?;
    if args.json {
        println!(
            "{}",
            serde_json::json!({"key": issued.key, "prefix": issued.prefix, "id": issued.id})
        );
    } else {
        eprintln!(
            "issued API key {} (prefix {}) for tenant {}; it is shown once, on the next line:",
            issued.id, issued.prefix, args.tenant
        );
        println!("{}", issued.key);
    }
    Ok(())
}

/// Issues a key for the tenant `slug`, acting as (`created_by_user_id`) its earliest active
/// member, through the tenant's scoped transaction.
///
/// # Errors
///
/// An unknown tenant, or the database's.
pub async fn create(
    conn: &sea_orm::DatabaseConnection,
    slug: &str,
    name: &str,
    scopes: &[String],
) -> Result<Issued> {
    let tenant = tenants::Entity::find()
        .filter(tenants::Column::Slug.eq(slug))
        .one(conn)
        .await
        .context("reading tenants")?;
    let Some(tenant) = tenant else {
        bail!(
            "no tenant with slug `{slug}`: pass the slug of an existing tenant (`cargo xtask seed` loads acme, globex, …)"
        );
    };
    if name.trim().is_empty() {
        bail!("--name must not be empty");
    }
    let txn = TenantTxn::begin(conn, TenantId::new(tenant.id)).await?;
    let member = txn
        .find::<tenant_users::Entity>()
        .filter(tenant_users::Column::Status.eq(TenantUserStatus::Active))
        .order_by_asc(tenant_users::Column::CreatedAt)
        .one()
        .await?;
    let key = domain::secrets::new_api_key();
    let row = txn
        .insert(api_keys::ActiveModel {
            name: Set(name.to_owned()),
            key_prefix: Set(key.prefix.clone()),
            key_hash: Set(key.hash.clone()),
            scopes: Set(entity::json::ApiKeyScopes(scopes.to_vec())),
            created_by_user_id: Set(member.map(|m| m.user_id)),
            ..ActiveModelBehavior::new()
        })
        .await?;
    txn.commit().await?;
    Ok(Issued {
        key: key.key,
        prefix: key.prefix,
        id: row.id,
        tenant_id: tenant.id,
    })
}
