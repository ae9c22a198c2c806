//! Module installations: pending → installing → active | failed; a failed installation is tried
//! again (→ installing) or given up; any installation not yet uninstalled → uninstalled.
//! Becoming active stamps `installed_at`; `uninstalled_at` is set exactly when uninstalled. At
//! most one installation of a module is active per tenant (a second activation is refused by
//! the database's unique index, as a conflict).

use entity::module_installations;
use entity::sea_orm_active_enums::ModuleInstallationStatus;
use sea_orm::prelude::Uuid;
use sea_orm::{ColumnTrait, IntoActiveModel, Set};

use super::{Lifecycle, locked, now, outbox};
use crate::error::Result;
use crate::events::{Event, StatusChanged};
use crate::tenancy::TenantTxn;

impl Lifecycle for ModuleInstallationStatus {
    const TABLE: &'static str = "module_installations";

    fn next(self) -> &'static [Self] {
        use ModuleInstallationStatus::*;
        match self {
            Pending => &[Installing, Uninstalled],
            Installing => &[Active, Failed],
            Active => &[Uninstalled],
            Failed => &[Installing, Uninstalled],
            Uninstalled => &[],
        }
    }

    fn name(self) -> String {
        super::state_name(&self)
    }
}

/// Moves installation `id` to `to`: `active` stamps `installed_at`, `uninstalled` stamps
/// `uninstalled_at`. Writes `module_installation.status_changed`.
///
/// # Errors
///
/// [`Error::NotFound`](crate::Error::NotFound),
/// [`Error::IllegalTransition`](crate::Error::IllegalTransition),
/// [`Error::Concurrent`](crate::Error::Concurrent), a unique violation when the tenant already
/// has an active installation of the module; the database's.
pub async fn transition(
    txn: &TenantTxn,
    id: Uuid,
    to: ModuleInstallationStatus,
) -> Result<module_installations::Model> {
    let installation = locked::<module_installations::Entity>(txn, id).await?;
    let from = installation.status;
    from.check(to)?;
    let mut change = installation.into_active_model();
    change.status = Set(to);
    match to {
        ModuleInstallationStatus::Active => change.installed_at = Set(Some(now())),
        ModuleInstallationStatus::Uninstalled => change.uninstalled_at = Set(Some(now())),
        _ => {}
    }
    let moved = txn
        .update_if(change, module_installations::Column::Status.eq(from))
        .await?;
    outbox::record(
        txn,
        &Event::ModuleInstallationStatusChanged(StatusChanged { id, from, to }),
    )
    .await?;
    Ok(moved)
}
