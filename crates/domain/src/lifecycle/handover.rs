//! Handover packages: pending → preparing → ready → delivering → delivered | failed;
//! `delivered_at` is set exactly when delivered. A package references only its own tenant's run,
//! module installations and configurations, and its admin credentials are sealed
//! ([`crate::sealing`]) before they are written.

use entity::sea_orm_active_enums::{
    HandoverPackageDeliveryMethod, HandoverPackageDeliveryStatus, HandoverPackageType,
};
use entity::{
    configurations, handover_package_configurations, handover_package_modules, handover_packages,
    module_installations, workflow_runs,
};
use sea_orm::prelude::Uuid;
use sea_orm::{ActiveModelBehavior, ColumnTrait, IntoActiveModel, Set};

use super::{Lifecycle, locked, now, outbox};
use crate::error::{Error, Result};
use crate::events::{Event, HandoverPackageCreated, StatusChanged};
use crate::sealing::Sealer;
use crate::tenancy::TenantTxn;

impl Lifecycle for HandoverPackageDeliveryStatus {
    const TABLE: &'static str = "handover_packages";

    fn next(self) -> &'static [Self] {
        use HandoverPackageDeliveryStatus::*;
        match self {
            Pending => &[Preparing],
            Preparing => &[Ready],
            Ready => &[Delivering],
            Delivering => &[Delivered, Failed],
            Delivered | Failed => &[],
        }
    }

    fn name(self) -> String {
        super::state_name(&self)
    }
}

/// What a new package is made of.
#[derive(Debug, Clone)]
pub struct NewPackage {
    /// Its name.
    pub name: String,
    /// `complete` (default), `partial` or `update`.
    pub package_type: Option<HandoverPackageType>,
    /// The run it hands over, one of the tenant's.
    pub workflow_run_id: Option<Uuid>,
    /// The tenant's module installations it includes.
    pub module_installation_ids: Vec<Uuid>,
    /// The configurations it includes (the tenant's, or platform defaults).
    pub configuration_ids: Vec<Uuid>,
    /// The administrator credentials to hand over (an object), sealed before writing.
    pub admin_credentials: Option<serde_json::Value>,
}

/// A package with the ids of what it includes.
#[derive(Debug, Clone)]
pub struct Package {
    /// The package (its `admin_credentials` sealed).
    pub package: handover_packages::Model,
    /// Its module installations.
    pub module_installation_ids: Vec<Uuid>,
    /// Its configurations.
    pub configuration_ids: Vec<Uuid>,
}

fn not_found(table: &str, id: Uuid, txn: &TenantTxn) -> Error {
    Error::NotFound {
        table: table.into(),
        detail: format!("{table} row {id} of tenant {}", txn.tenant()),
    }
}

/// Creates a `pending` package and its `handover_package.created` event.
///
/// # Errors
///
/// [`Error::Validation`] (`name`, `admin_credentials`); [`Error::NotFound`] for a run,
/// installation or configuration the tenant cannot see (another tenant's is not found either);
/// the database's.
pub async fn create(txn: &TenantTxn, sealer: &Sealer, new: NewPackage) -> Result<Package> {
    if new.name.trim().is_empty() {
        return Err(Error::validation("name", "must not be empty"));
    }
    let sealed = match &new.admin_credentials {
        None => None,
        Some(v @ serde_json::Value::Object(_)) => Some(sealer.seal(&v.to_string())),
        Some(_) => {
            return Err(Error::validation(
                "admin_credentials",
                "must be a JSON object",
            ));
        }
    };
    if let Some(run) = new.workflow_run_id
        && txn
            .find_by_id::<workflow_runs::Entity>(run)
            .one()
            .await?
            .is_none()
    {
        return Err(not_found("workflow_runs", run, txn));
    }
    let mut modules = new.module_installation_ids.clone();
    modules.sort_unstable();
    modules.dedup();
    for id in &modules {
        let own = txn
            .find_by_id::<module_installations::Entity>(*id)
            .one()
            .await?;
        if own.is_none() {
            return Err(not_found("module_installations", *id, txn));
        }
    }
    let mut configs = new.configuration_ids.clone();
    configs.sort_unstable();
    configs.dedup();
    for id in &configs {
        if txn
            .find_by_id::<configurations::Entity>(*id)
            .one()
            .await?
            .is_none()
        {
            return Err(not_found("configurations", *id, txn));
        }
    }
    let package = txn
        .insert(handover_packages::ActiveModel {
            workflow_run_id: Set(new.workflow_run_id),
            name: Set(new.name),
            package_type: Set(new.package_type.unwrap_or(HandoverPackageType::Complete)),
            delivery_status: Set(HandoverPackageDeliveryStatus::Pending),
            module_configurations: Set(Default::default()),
            sop_documents: Set(Default::default()),
            tutorial_videos: Set(Default::default()),
            admin_credentials: Set(sealed),
            metadata: Set(serde_json::json!({})),
            ..ActiveModelBehavior::new()
        })
        .await?;
    let module_rows: Vec<_> = modules
        .iter()
        .map(|id| handover_package_modules::ActiveModel {
            handover_package_id: Set(package.id),
            module_installation_id: Set(*id),
            ..ActiveModelBehavior::new()
        })
        .collect();
    txn.insert_many(module_rows).await?;
    let config_rows: Vec<_> = configs
        .iter()
        .map(|id| handover_package_configurations::ActiveModel {
            handover_package_id: Set(package.id),
            configuration_id: Set(*id),
            ..ActiveModelBehavior::new()
        })
        .collect();
    txn.insert_many(config_rows).await?;
    outbox::record(
        txn,
        &Event::HandoverPackageCreated(HandoverPackageCreated {
            id: package.id,
            workflow_run_id: package.workflow_run_id,
            modules: modules.len() as i64,
            configurations: configs.len() as i64,
        }),
    )
    .await?;
    Ok(Package {
        package,
        module_installation_ids: modules,
        configuration_ids: configs,
    })
}

/// The tenant's package `id`.
///
/// # Errors
///
/// [`Error::NotFound`] when the tenant has none with that id.
pub async fn get(txn: &TenantTxn, id: Uuid) -> Result<Package> {
    let package = txn
        .find_by_id::<handover_packages::Entity>(id)
        .one()
        .await?
        .ok_or_else(|| not_found("handover_packages", id, txn))?;
    let modules = txn
        .find::<handover_package_modules::Entity>()
        .filter(handover_package_modules::Column::HandoverPackageId.eq(id))
        .all()
        .await?;
    let configs = txn
        .find::<handover_package_configurations::Entity>()
        .filter(handover_package_configurations::Column::HandoverPackageId.eq(id))
        .all()
        .await?;
    Ok(Package {
        package,
        module_installation_ids: modules
            .into_iter()
            .map(|m| m.module_installation_id)
            .collect(),
        configuration_ids: configs.into_iter().map(|c| c.configuration_id).collect(),
    })
}

/// Moves package `id` to `to`; moving to `delivering` needs a `delivery_method` (given, or set
/// before), `delivered` sets `delivered_at`. Writes `handover_package.status_changed`.
///
/// # Errors
///
/// [`Error::NotFound`], [`Error::IllegalTransition`], [`Error::Validation`]
/// (`delivery_method`), [`Error::Concurrent`]; the database's.
pub async fn transition(
    txn: &TenantTxn,
    id: Uuid,
    to: HandoverPackageDeliveryStatus,
    delivery_method: Option<HandoverPackageDeliveryMethod>,
) -> Result<Package> {
    locked::<handover_packages::Entity>(txn, id).await?;
    let current = get(txn, id).await?;
    let package = current.package.clone();
    let from = package.delivery_status;
    from.check(to)?;
    let method = delivery_method.or(package.delivery_method);
    if to == HandoverPackageDeliveryStatus::Delivering && method.is_none() {
        return Err(Error::validation(
            "delivery_method",
            "is required to start delivering: email, portal, download or api",
        ));
    }
    let mut change = package.into_active_model();
    change.delivery_status = Set(to);
    if delivery_method.is_some() {
        change.delivery_method = Set(delivery_method);
    }
    if to == HandoverPackageDeliveryStatus::Delivered {
        change.delivered_at = Set(Some(now()));
    }
    let package = txn
        .update_if(change, handover_packages::Column::DeliveryStatus.eq(from))
        .await?;
    outbox::record(
        txn,
        &Event::HandoverPackageStatusChanged(StatusChanged { id, from, to }),
    )
    .await?;
    Ok(Package {
        package,
        module_installation_ids: current.module_installation_ids,
        configuration_ids: current.configuration_ids,
    })
}

/// Readies the packages of the completed run `run_id` (pending or preparing → ready, each move
/// with its event): the orchestration's reaction to a completed handover run
/// ([`crate::orchestration`]). Packages already further along are left as they are. Returns the
/// packages readied.
///
/// # Errors
///
/// [`Error::Concurrent`] when another transaction moved one of them first; the database's.
pub async fn ready_for_run(txn: &TenantTxn, run_id: Uuid) -> Result<Vec<Package>> {
    use HandoverPackageDeliveryStatus::{Pending, Preparing, Ready};
    let packages = txn
        .find::<handover_packages::Entity>()
        .filter(handover_packages::Column::WorkflowRunId.eq(run_id))
        .filter(handover_packages::Column::DeliveryStatus.is_in([Pending, Preparing]))
        .order_by_asc(handover_packages::Column::Id)
        .all()
        .await?;
    let mut readied = Vec::with_capacity(packages.len());
    for package in packages {
        if package.delivery_status == Pending {
            transition(txn, package.id, Preparing, None).await?;
        }
        readied.push(transition(txn, package.id, Ready, None).await?);
    }
    Ok(readied)
}
