//! The `tenant_dashboard` view: one row per tenant with its status, tier, current subscription,
//! active modules, configured apps, current workflow run and step, open handover package, and
//! report and open ticket counts.
//!
//! Read-only: inserting, updating or deleting through this entity fails with an error instead of
//! reaching the database.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sea_orm_active_enums::{
    HandoverPackageDeliveryStatus, SubscriptionStatus, TenantStatus, TenantTier, WorkflowRunStatus,
};

/// One tenant's row of the dashboard.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "tenant_dashboard")]
pub struct Model {
    /// The tenant.
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    /// The tenant's slug.
    pub slug: String,
    /// The tenant's name.
    pub tenant_name: String,
    /// The tenant's status.
    pub tenant_status: TenantStatus,
    /// The tenant's tier.
    pub tier: TenantTier,
    /// The status of the subscription that has not ended, if any.
    pub subscription_status: Option<SubscriptionStatus>,
    /// Module installations that are active.
    pub active_modules: i64,
    /// App overrides configured.
    pub configured_apps: i64,
    /// The latest workflow run that is pending or in progress.
    pub current_workflow_run_id: Option<Uuid>,
    /// Its workflow's name.
    pub current_workflow_name: Option<String>,
    /// Its status.
    pub current_workflow_status: Option<WorkflowRunStatus>,
    /// The step it is on.
    pub current_step: Option<String>,
    /// The latest handover package not yet delivered.
    pub open_handover_package_id: Option<Uuid>,
    /// Its name.
    pub open_handover_package_name: Option<String>,
    /// Its delivery status.
    pub handover_delivery_status: Option<HandoverPackageDeliveryStatus>,
    /// Reports the tenant has.
    pub report_count: i64,
    /// Tickets that are open, pending or on hold.
    pub open_ticket_count: i64,
    /// When the tenant was created.
    pub created_at: DateTimeWithTimeZone,
    /// When the tenant was last updated.
    pub updated_at: DateTimeWithTimeZone,
}

/// The view has no relations of its own; join through `tenant_id` when needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl Related<crate::tenants::Entity> for Entity {
    fn to() -> RelationDef {
        Entity::belongs_to(crate::tenants::Entity)
            .from(Column::TenantId)
            .to(crate::tenants::Column::Id)
            .into()
    }
}

read_only_tenant_view!("tenant_dashboard");
