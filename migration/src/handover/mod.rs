//! Handover: the packages delivered to a tenant at the end of a workflow run, with the module
//! installations and configurations each package covers.

pub mod m20261122_140000_create_handover_packages;
pub mod m20261122_140100_create_handover_package_modules;
pub mod m20261122_140200_create_handover_package_configurations;
