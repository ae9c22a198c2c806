//! The `module_integrations` view: one row per module installation with its module, status, app
//! override and licence (never the licence key).
//!
//! Read-only: inserting, updating or deleting through this entity fails with an error instead of
//! reaching the database.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sea_orm_active_enums::{
    AppOverrideActivationStatus, MarketplaceModulePricingModel, ModuleInstallationStatus,
    ModuleLicenseStatus,
};

/// One installation's row.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "module_integrations")]
pub struct Model {
    /// The installation.
    #[sea_orm(primary_key, auto_increment = false)]
    pub module_installation_id: Uuid,
    /// Its tenant.
    pub tenant_id: Uuid,
    /// The module installed.
    pub marketplace_module_id: Uuid,
    /// The module's slug.
    pub module_slug: String,
    /// The module's name.
    pub module_name: String,
    /// The module's current version in the catalogue.
    pub module_version: String,
    /// The module's category.
    pub module_category: String,
    /// How the module is priced.
    pub pricing_model: MarketplaceModulePricingModel,
    /// The module's average rating, 0 to 5.
    pub rating_average: f64,
    /// How often the module is installed.
    pub install_count: i64,
    /// The version installed.
    pub installed_version: String,
    /// The installation's status.
    pub installation_status: ModuleInstallationStatus,
    /// When it became active.
    pub installed_at: Option<DateTimeWithTimeZone>,
    /// The latest app override of the installation, if any.
    pub app_override_id: Option<Uuid>,
    /// Its app key.
    pub app_key: Option<String>,
    /// Whether the app is enabled.
    pub app_enabled: Option<bool>,
    /// Its settings.
    pub override_settings: Option<Json>,
    /// Its activation status.
    pub activation_status: Option<AppOverrideActivationStatus>,
    /// The tenant's latest licence of the module, if any (its key stays sealed in
    /// `module_licenses`).
    pub module_license_id: Option<Uuid>,
    /// The licence's status.
    pub license_status: Option<ModuleLicenseStatus>,
    /// When the licence expires.
    pub license_expires_at: Option<DateTimeWithTimeZone>,
    /// When the installation was created.
    pub created_at: DateTimeWithTimeZone,
    /// When the installation was last updated.
    pub updated_at: DateTimeWithTimeZone,
}

/// The view has no relations of its own; join through the ids when needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl Related<crate::module_installations::Entity> for Entity {
    fn to() -> RelationDef {
        Entity::belongs_to(crate::module_installations::Entity)
            .from(Column::ModuleInstallationId)
            .to(crate::module_installations::Column::Id)
            .into()
    }
}

read_only_tenant_view!("module_integrations");
