//! The error type of the domain layer, shaped for a service to map to HTTP.
//!
//! Every failure has a [`kind`](Error::kind) (not found, conflict, validation, forbidden,
//! row-level-security refusal, unavailable, or internal for what is a bug), a stable machine
//! [`code`](Error::code) (`conflict.unique`, `forbidden.row_level_security`, …), and a message
//! safe to show a client: its `Display` never contains a tenant id, a key value or driver text.
//! What a log needs stays available through [`Error::detail`] (and `Debug`).
//!
//! A database constraint violation surfaces as [`Error::Constraint`] naming the constraint
//! (`uq_users_email`, `ck_tenants_slug`, …), on Postgres and on SQLite alike. Constraint names
//! follow the rule `pk_/fk_/uq_/ck_/idx_<table>_<columns>`. A tenant-scoped transaction refuses a
//! row of another tenant with [`Error::CrossTenant`], and Postgres' row-level security refusing a
//! row comes back as [`Error::RowLevelSecurity`].

use sea_orm::prelude::Uuid;
use sea_orm::{ConnAcquireErr, DbErr, RuntimeErr};

/// How a service should treat an error (for HTTP: 404, 409, 422, 403, 403, 503, 500).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The row does not exist, or is not the caller's to see.
    NotFound,
    /// The write collides with the current state: a taken value, a row still referenced, a
    /// concurrent change, a lock held by another transaction.
    Conflict,
    /// The input breaks a rule; [`Error::field`] names where.
    Validation,
    /// The caller may not do this (a cross-tenant write, a job on a role that cannot do its work).
    Forbidden,
    /// Postgres' row-level security refused the row.
    RowLevelSecurity,
    /// The database cannot be reached or is overloaded; retrying later may succeed.
    Unavailable,
    /// Anything else: a bug in the caller or in this crate.
    Internal,
}

impl ErrorKind {
    /// The HTTP status a service would answer with.
    pub const fn http_status(self) -> u16 {
        match self {
            Self::NotFound => 404,
            Self::Conflict => 409,
            Self::Validation => 422,
            Self::Forbidden | Self::RowLevelSecurity => 403,
            Self::Unavailable => 503,
            Self::Internal => 500,
        }
    }
}

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
    /// What the database said (for logs: it may contain values).
    pub message: String,
}

impl ConstraintViolation {
    /// The column a `NOT NULL` violation is about, as `table.column`, from the database's
    /// message (Postgres: `null value in column "c" of relation "t"`; SQLite:
    /// `NOT NULL constraint failed: t.c`).
    pub fn field(&self) -> Option<String> {
        if self.kind != ConstraintKind::NotNull {
            return None;
        }
        if let Some(rest) = self.message.strip_prefix("NOT NULL constraint failed: ") {
            return Some(rest.trim().to_owned());
        }
        let column = quoted_after(&self.message, "column \"")?;
        match quoted_after(&self.message, "relation \"") {
            Some(table) => Some(format!("{table}.{column}")),
            None => Some(column.to_owned()),
        }
    }
}

/// The text between `"` after `prefix`, as in `column "email"`.
fn quoted_after<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let start = message.find(prefix)? + prefix.len();
    let rest = &message[start..];
    rest.find('"').map(|end| &rest[..end])
}

impl std::fmt::Display for ConstraintViolation {
    /// Names the rule and, where known, the constraint or column; never the database's text,
    /// which can contain the rejected values.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.kind {
            ConstraintKind::Unique => "the value is already taken",
            ConstraintKind::Check => "the value breaks a rule of the model",
            ConstraintKind::ForeignKey => "a referenced row is missing or still referenced",
            ConstraintKind::NotNull => "a required value is missing",
        };
        match (&self.constraint, self.field()) {
            (Some(name), _) => write!(f, "{what} ({name})"),
            (None, Some(field)) => write!(f, "{what} ({field})"),
            (None, None) => f.write_str(what),
        }
    }
}

/// Why a write lost to a concurrent transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConcurrencyConflict {
    /// A conditional update ([`TenantTxn::update_if`](crate::tenancy::TenantTxn::update_if))
    /// found the row, but no longer in the state it expected: another transaction changed it.
    StateChanged,
    /// The row is locked by another transaction (`FOR UPDATE NOWAIT`, or SQLite's database lock).
    Locked,
    /// Postgres aborted the transaction as a serialization failure or deadlock; retry it whole.
    Serialization,
}

impl ConcurrencyConflict {
    const fn code(self) -> &'static str {
        match self {
            Self::StateChanged => "conflict.state_changed",
            Self::Locked => "conflict.locked",
            Self::Serialization => "conflict.serialization",
        }
    }
}

/// The error of every fallible function of this crate.
///
/// `Display` is the client-safe message; [`detail`](Self::detail) is the text for logs.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// No row matched (a row of another tenant is not found either).
    NotFound {
        /// The table looked in.
        table: String,
        /// For logs: the key and the tenant looked for.
        detail: String,
    },
    /// A write broke a database constraint.
    Constraint(ConstraintViolation),
    /// A write lost to a concurrent transaction; nothing was written.
    Concurrent {
        /// Why.
        conflict: ConcurrencyConflict,
        /// The table, when known.
        table: Option<String>,
        /// For logs.
        detail: String,
    },
    /// Input was rejected before reaching the database.
    Validation {
        /// Where the problem is, as a dotted path (`settings.branding.primary_color`,
        /// `tenant_roles.tenant_id`, `APP_ENCRYPTION_KEY`).
        field: String,
        /// What is wrong and how to fix it (client-safe: it never quotes a secret).
        message: String,
    },
    /// A tenant-scoped transaction ([`crate::tenancy::TenantTxn`]) was asked to write a row of
    /// another tenant, or a platform row (`found` is `None`); nothing was written.
    CrossTenant {
        /// The table written to.
        table: String,
        /// The tenant of the transaction.
        expected: Uuid,
        /// The tenant the row names; `None` for a platform row (`tenant_id` NULL).
        found: Option<Uuid>,
    },
    /// The caller may not do this, for example a [`PlatformTxn`](crate::tenancy::PlatformTxn)
    /// on a role that row-level security confines.
    Forbidden {
        /// What was refused and what to do instead (client-safe).
        reason: String,
        /// For logs.
        detail: String,
    },
    /// Postgres' row-level security refused a row (`new row violates row-level security
    /// policy`): the row is not the current tenant's.
    RowLevelSecurity {
        /// The table, as the database named it.
        table: Option<String>,
        /// For logs: the database's message.
        detail: String,
    },
    /// The database could not be reached, the pool had no connection, or the server is
    /// shutting down or overloaded.
    Unavailable {
        /// For logs: the driver's message.
        detail: String,
    },
    /// A lifecycle ([`crate::lifecycle`]) was asked for a move its state machine does not allow
    /// from the row's current state; nothing was written.
    IllegalTransition {
        /// The table of the row (`reports`, `handover_packages`, …).
        table: String,
        /// The row's current state.
        from: String,
        /// The state asked for.
        to: String,
        /// The states the row may move to from `from` (empty when `from` is final).
        allowed: Vec<String>,
    },
    /// Any other database error: a bug (a malformed statement, a type mismatch).
    Db(DbErr),
}

impl Error {
    /// A [`Error::Validation`] of `field`.
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    /// How a service should treat this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::NotFound { .. } => ErrorKind::NotFound,
            Self::Constraint(v) => match v.kind {
                ConstraintKind::Unique | ConstraintKind::ForeignKey => ErrorKind::Conflict,
                ConstraintKind::Check | ConstraintKind::NotNull => ErrorKind::Validation,
            },
            Self::Concurrent { .. } | Self::IllegalTransition { .. } => ErrorKind::Conflict,
            Self::Validation { .. } => ErrorKind::Validation,
            Self::CrossTenant { .. } | Self::Forbidden { .. } => ErrorKind::Forbidden,
            Self::RowLevelSecurity { .. } => ErrorKind::RowLevelSecurity,
            Self::Unavailable { .. } => ErrorKind::Unavailable,
            Self::Db(_) => ErrorKind::Internal,
        }
    }

    /// A stable machine code, `<kind>.<reason>`; codes are never renamed once released.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound { .. } => "not_found",
            Self::Constraint(v) => match v.kind {
                ConstraintKind::Unique => "conflict.unique",
                ConstraintKind::ForeignKey => "conflict.foreign_key",
                ConstraintKind::Check => "validation.check",
                ConstraintKind::NotNull => "validation.required",
            },
            Self::Concurrent { conflict, .. } => conflict.code(),
            Self::IllegalTransition { .. } => "conflict.illegal_transition",
            Self::Validation { .. } => "validation.invalid",
            Self::CrossTenant { .. } => "forbidden.cross_tenant",
            Self::Forbidden { .. } => "forbidden",
            Self::RowLevelSecurity { .. } => "forbidden.row_level_security",
            Self::Unavailable { .. } => "unavailable",
            Self::Db(_) => "internal",
        }
    }

    /// The field a validation error is about, as a dotted path, when known.
    pub fn field(&self) -> Option<String> {
        match self {
            Self::Validation { field, .. } => Some(field.clone()),
            Self::Constraint(v) => v.field(),
            _ => None,
        }
    }

    /// The constraint this error names, if it is a constraint violation.
    pub fn constraint(&self) -> Option<&str> {
        match self {
            Self::Constraint(v) => v.constraint.as_deref(),
            _ => None,
        }
    }

    /// Everything known about the error, for logs (never for a client: it can contain tenant
    /// ids, key values and the driver's text).
    pub fn detail(&self) -> String {
        match self {
            Self::NotFound { table, detail } => format!("{table}: {detail}"),
            Self::Constraint(v) => format!("{v}: {}", v.message),
            Self::Concurrent { detail, .. }
            | Self::Forbidden { detail, .. }
            | Self::RowLevelSecurity { detail, .. }
            | Self::Unavailable { detail } => format!("{self}: {detail}"),
            Self::Validation { .. } | Self::IllegalTransition { .. } => self.to_string(),
            Self::CrossTenant {
                table,
                expected,
                found,
            } => match found {
                Some(found) => format!(
                    "{self} (table {table}: the row's tenant is {found}, the transaction's {expected})"
                ),
                None => format!("{self} (table {table}: platform row, transaction of {expected})"),
            },
            Self::Db(e) => format!("{e:?}"),
        }
    }
}

impl std::fmt::Display for Error {
    /// The client-safe message: names the table, the rule or the field and what to do, never a
    /// tenant id, a key value or driver text.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotFound { table, .. } => write!(f, "no such row in `{table}`"),
            Self::Constraint(v) => write!(f, "constraint violated: {v}"),
            Self::Concurrent {
                conflict, table, ..
            } => {
                let table = table.as_deref().unwrap_or("the table");
                match conflict {
                    ConcurrencyConflict::StateChanged => write!(
                        f,
                        "the row of `{table}` was changed by another request meanwhile; read it \
                         again and retry"
                    ),
                    ConcurrencyConflict::Locked => write!(
                        f,
                        "the row of `{table}` is being changed by another request; retry shortly"
                    ),
                    ConcurrencyConflict::Serialization => f.write_str(
                        "the request collided with a concurrent one and was rolled back; retry it",
                    ),
                }
            }
            Self::Validation { field, message } => write!(f, "invalid `{field}`: {message}"),
            Self::IllegalTransition {
                table,
                from,
                to,
                allowed,
            } => {
                write!(f, "a row of `{table}` cannot move from `{from}` to `{to}`")?;
                if allowed.is_empty() {
                    write!(f, ": `{from}` is final")
                } else {
                    write!(f, "; from `{from}` it may move to: {}", allowed.join(", "))
                }
            }
            Self::CrossTenant { table, found, .. } => match found {
                Some(_) => write!(
                    f,
                    "cross-tenant write refused on `{table}`: the row belongs to another tenant \
                     than the transaction's; leave tenant_id unset (the scope sets it) or open the \
                     transaction for that tenant, and use PlatformTxn for jobs that span tenants"
                ),
                None => write!(
                    f,
                    "cross-tenant write refused on `{table}`: the row is a platform row \
                     (tenant_id NULL), which a tenant may read but not write; leave tenant_id \
                     unset to write a row of the tenant, and change platform rows from a platform \
                     job (PlatformTxn)"
                ),
            },
            Self::Forbidden { reason, .. } => write!(f, "forbidden: {reason}"),
            Self::RowLevelSecurity { table, .. } => write!(
                f,
                "row-level security refused the row{}: it is not the current tenant's",
                table
                    .as_deref()
                    .map(|t| format!(" of `{t}`"))
                    .unwrap_or_default()
            ),
            Self::Unavailable { .. } => f.write_str("the database is unavailable; retry later"),
            Self::Db(_) => f.write_str("internal database error"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Db(e) => Some(e),
            _ => None,
        }
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<DbErr> for Error {
    fn from(err: DbErr) -> Self {
        if let Some(v) = violation(&err) {
            return Self::Constraint(v);
        }
        // A typed JSON column refused by the entity's before_save hook.
        if let Some(invalid) = entity::json::Invalid::from_db_err(&err) {
            return invalid.into();
        }
        let detail = err.to_string();
        match &err {
            DbErr::ConnectionAcquire(
                ConnAcquireErr::Timeout | ConnAcquireErr::ConnectionClosed,
            )
            | DbErr::Conn(_) => return Self::Unavailable { detail },
            DbErr::RecordNotFound(what) => {
                return Self::NotFound {
                    table: what.clone(),
                    detail,
                };
            }
            _ => {}
        }
        let Some(sqlx_err) = sqlx_error(&err) else {
            return Self::Db(err);
        };
        match sqlx_err {
            sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::WorkerCrashed => Self::Unavailable { detail },
            sqlx::Error::Database(db) => {
                let code = db.code().map(|c| c.into_owned()).unwrap_or_default();
                let message = db.message();
                let table = db.table().map(str::to_owned);
                classify_database(&code, message, table).unwrap_or(Self::Db(err))
            }
            _ => Self::Db(err),
        }
    }
}

impl From<entity::json::Invalid> for Error {
    /// A typed JSON value a writer was about to save broke a rule: a validation error of its
    /// path (prefix the column with [`Error::in_column`]).
    fn from(invalid: entity::json::Invalid) -> Self {
        Self::Validation {
            field: invalid.path,
            message: invalid.message,
        }
    }
}

impl Error {
    /// A typed JSON value of `column` (`tenants.settings`) broke a rule: a validation error of
    /// `column.<path>`.
    pub fn in_column(column: &str, invalid: entity::json::Invalid) -> Self {
        let separator = if invalid.path.starts_with('[') {
            ""
        } else {
            "."
        };
        Self::Validation {
            field: format!("{column}{separator}{}", invalid.path),
            message: invalid.message,
        }
    }
}

/// Classifies a database's refusal by its SQLSTATE (Postgres) or result code (SQLite).
fn classify_database(code: &str, message: &str, table: Option<String>) -> Option<Error> {
    let detail = format!("{message} ({code})");
    let concurrent = |conflict| {
        Some(Error::Concurrent {
            conflict,
            table: table.clone(),
            detail: detail.clone(),
        })
    };
    match code {
        "42501" if message.contains("row-level security") => Some(Error::RowLevelSecurity {
            table: table
                .clone()
                .or_else(|| quoted_after(message, "for table \"").map(str::to_owned)),
            detail,
        }),
        "42501" => Some(Error::Forbidden {
            reason: "the database role may not do this; connect with the role made for it".into(),
            detail,
        }),
        "40001" | "40P01" => concurrent(ConcurrencyConflict::Serialization),
        // lock_not_available (NOWAIT); SQLITE_BUSY and SQLITE_LOCKED.
        "55P03" | "5" | "6" | "517" | "262" => concurrent(ConcurrencyConflict::Locked),
        // connection_exception, insufficient_resources, operator intervention (shutdown).
        c if c.starts_with("08") || c.starts_with("53") || c.starts_with("57P") => {
            Some(Error::Unavailable { detail })
        }
        _ => None,
    }
}

fn sqlx_error(err: &DbErr) -> Option<&sqlx::Error> {
    match err {
        DbErr::Exec(RuntimeErr::SqlxError(e))
        | DbErr::Query(RuntimeErr::SqlxError(e))
        | DbErr::Conn(RuntimeErr::SqlxError(e)) => Some(e.as_ref()),
        _ => None,
    }
}

/// Classifies a database error as a constraint violation, if it is one.
pub fn violation(err: &DbErr) -> Option<ConstraintViolation> {
    let sqlx::Error::Database(db) = sqlx_error(err)? else {
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
