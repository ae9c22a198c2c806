//! Platform-wide support objects that several domains' tables rely on.

pub mod m20261122_000000_create_set_updated_at;
pub mod m20261122_160000_create_partition_functions;
