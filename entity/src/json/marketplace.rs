//! Typed JSON of the marketplace tables: a module installation's configuration.

use sea_orm::FromJsonQueryResult;
use serde::{Deserialize, Serialize};

use super::Extra;

/// `module_installations.config`: an installed module's settings, an object whose keys each
/// module defines (`channel`, `sync_interval_minutes`, …). Every value is kept as read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct ModuleConfig(pub Extra);
