//! Platform-wide support objects that several domains' tables rely on.

pub mod m20261122_000000_create_set_updated_at;
