//! The error type of the domain layer.
//!
//! A database constraint violation surfaces as [`Error::Constraint`] naming the constraint
//! (`uq_users_email`, `ck_tenants_slug`, …), on Postgres and on SQLite alike, instead of as raw
//! driver text. Constraint names follow the rule `pk_/fk_/uq_/ck_/idx_<table>_<columns>`. A
//! tenant-scoped transaction refuses a row of another tenant with [`Error::CrossTenant`].

use sea_orm::prelude::Uuid;
use sea_orm::{DbErr, RuntimeErr};

/// Which kind of constraint a write broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstraintKind {
    /// A unique index or primary key: the value is taken.
    Unique,
    /// A `CHECK`: the value breaks a rule of the model.
    Check,
    /// A foreign key: the referenced row is missing, or still referenced.
    ForeignKey,
    /// A `NOT NULL` column was left empty.
    NotNull,
}

/// A constraint a write broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstraintViolation {
    /// The kind of constraint.
    pub kind: ConstraintKind,
    /// The constraint's name, when the database reports one (SQLite does not name foreign keys
    /// or NOT NULL columns).
    pub constraint: Option<String>,
    /// What the database said.
    pub message: String,
}

impl std::fmt::Display for ConstraintViolation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.kind {
            ConstraintKind::Unique => "the value is already taken",
            ConstraintKind::Check => "the value breaks a rule of the model",
            ConstraintKind::ForeignKey => "a referenced row is missing or still referenced",
            ConstraintKind::NotNull => "a required value is missing",
        };
        match &self.constraint {
            Some(name) => write!(f, "{what} ({name})"),
            None => write!(f, "{what} ({})", self.message),
        }
    }
}

/// The error of every fallible function of this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No row matched.
    #[error("{0} not found")]
    NotFound(String),
    /// A write broke a database constraint.
    #[error("constraint violated: {0}")]
    Constraint(ConstraintViolation),
    /// Input was rejected before reaching the database.
    #[error("invalid input: {0}")]
    Validation(String),
    /// A tenant-scoped transaction ([`crate::tenancy::TenantTxn`]) was asked to write a row of
    /// another tenant, or a platform row (`found` is `None`); nothing was written.
    #[error("{}", cross_tenant_message(.table, .expected, .found))]
    CrossTenant {
        /// The table written to.
        table: String,
        /// The tenant of the transaction.
        expected: Uuid,
        /// The tenant the row names; `None` for a platform row (`tenant_id` NULL).
        found: Option<Uuid>,
    },
    /// Any other database error.
    #[error(transparent)]
    Db(DbErr),
}

fn cross_tenant_message(table: &str, expected: &Uuid, found: &Option<Uuid>) -> String {
    match found {
        Some(found) => format!(
            "cross-tenant write refused on `{table}`: the row belongs to tenant {found} but the \
             transaction is scoped to tenant {expected}; leave tenant_id unset (the scope sets it) \
             or open the transaction for that tenant, and use PlatformTxn for jobs that span tenants"
        ),
        None => format!(
            "cross-tenant write refused on `{table}`: the row is a platform row (tenant_id NULL), \
             which tenant {expected} may read but not write; leave tenant_id unset to write a row \
             of the tenant, and change platform rows from a platform job (PlatformTxn)"
        ),
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<DbErr> for Error {
    fn from(err: DbErr) -> Self {
        match violation(&err) {
            Some(v) => Self::Constraint(v),
            None => Self::Db(err),
        }
    }
}

impl Error {
    /// The constraint this error names, if it is a constraint violation.
    pub fn constraint(&self) -> Option<&str> {
        match self {
            Self::Constraint(v) => v.constraint.as_deref(),
            _ => None,
        }
    }
}

/// Classifies a database error as a constraint violation, if it is one.
pub fn violation(err: &DbErr) -> Option<ConstraintViolation> {
    let sqlx_err = match err {
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => e,
        _ => return None,
    };
    let sqlx::Error::Database(db) = sqlx_err.as_ref() else {
        return None;
    };
    let message = db.message().to_owned();
    let kind = match db.kind() {
        sqlx::error::ErrorKind::UniqueViolation => ConstraintKind::Unique,
        sqlx::error::ErrorKind::CheckViolation => ConstraintKind::Check,
        sqlx::error::ErrorKind::ForeignKeyViolation => ConstraintKind::ForeignKey,
        sqlx::error::ErrorKind::NotNullViolation => ConstraintKind::NotNull,
        // SQLite reports an ON DELETE RESTRICT refusal with the extended code
        // SQLITE_CONSTRAINT_TRIGGER (1811), which the driver does not classify.
        _ if message.starts_with("FOREIGN KEY constraint failed") => ConstraintKind::ForeignKey,
        _ => return None,
    };
    let constraint = db
        .constraint()
        .map(str::to_owned)
        .or_else(|| sqlite_constraint_name(kind, &message));
    Some(ConstraintViolation {
        kind,
        constraint,
        message,
    })
}

/// Recovers the constraint name from SQLite's message, which names a `CHECK` directly, an
/// expression index by name, and a column index by its `table.column` list (from which the
/// naming rule gives `uq_<table>_<columns>`, or `pk_<table>` for the primary key).
fn sqlite_constraint_name(kind: ConstraintKind, message: &str) -> Option<String> {
    let detail = message.split_once("constraint failed: ")?.1.trim();
    match kind {
        ConstraintKind::Check => Some(detail.to_owned()),
        ConstraintKind::Unique => {
            if let Some(index) = detail.strip_prefix("index '") {
                return index.strip_suffix('\'').map(str::to_owned);
            }
            let columns: Vec<(&str, &str)> = detail
                .split(',')
                .filter_map(|c| c.trim().split_once('.'))
                .collect();
            let table = columns.first()?.0;
            let names: Vec<&str> = columns.iter().map(|(_, c)| *c).collect();
            if names == ["id"] {
                return Some(format!("pk_{table}"));
            }
            Some(format!("uq_{table}_{}", names.join("_")))
        }
        ConstraintKind::ForeignKey | ConstraintKind::NotNull => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_messages_map_to_names_by_the_rule() {
        let name = |kind, msg| sqlite_constraint_name(kind, msg);
        assert_eq!(
            name(
                ConstraintKind::Check,
                "CHECK constraint failed: ck_tenants_slug"
            )
            .as_deref(),
            Some("ck_tenants_slug")
        );
        assert_eq!(
            name(
                ConstraintKind::Unique,
                "UNIQUE constraint failed: tenants.slug"
            )
            .as_deref(),
            Some("uq_tenants_slug")
        );
        assert_eq!(
            name(
                ConstraintKind::Unique,
                "UNIQUE constraint failed: tenant_roles.tenant_id, tenant_roles.name"
            )
            .as_deref(),
            Some("uq_tenant_roles_tenant_id_name")
        );
        assert_eq!(
            name(
                ConstraintKind::Unique,
                "UNIQUE constraint failed: index 'uq_users_email'"
            )
            .as_deref(),
            Some("uq_users_email")
        );
        assert_eq!(
            name(ConstraintKind::Unique, "UNIQUE constraint failed: users.id").as_deref(),
            Some("pk_users")
        );
    }
}
