//! Who may do what: one declared rule for every table and view, for each role the components
//! connect as. This is the single place the access matrix lives:
//!
//! - `cargo xtask roles` (`xtask/src/roles.rs`) grants each role exactly what its rule says and
//!   revokes the rest (and refuses to run while a table of the database has no rule);
//! - `cargo xtask codegen` writes the matrix into `docs/security.md` (`xtask/src/codegen/access.rs`)
//!   and fails while a table has no rule or a rule names no table;
//! - the access test (`xtask/tests/access.rs`) reads the tables from the catalog and, for every
//!   table, role and operation, checks that what the rule allows succeeds and the rest is refused.
//!
//! Grants say which operations and columns a role may touch; the rows it then reaches are limited
//! by row-level security (the policies the migrations create, summarised by [`Rows`]).
//!
//! The owner (the role that runs the migrations) owns every table and is not listed: it can do
//! everything, and no service or job connects as it.

/// The roles of the matrix, besides the owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// The application role (`app_user`): backend services, one tenant per transaction,
    /// `NOBYPASSRLS`.
    App,
    /// The platform role (`platform_ops`): jobs that truly span tenants (billing runs, backups,
    /// monitoring), `BYPASSRLS`.
    Platform,
    /// The authentication role (`app_auth`): `NOLOGIN`, owns the `SECURITY DEFINER` functions
    /// through which the application role verifies API keys, sessions and logins before it knows
    /// the tenant. It reads exactly the columns verification needs.
    Auth,
    /// The outbox relay's role (`app_relay`, `domain::relay`): `BYPASSRLS` so it sees every
    /// tenant's events, and granted nothing but reading `integration_events` and writing their
    /// delivery columns. The handlers it calls run as the application role.
    Relay,
}

impl Role {
    /// Every role of the matrix, in column order.
    pub const ALL: [Role; 4] = [Role::App, Role::Platform, Role::Auth, Role::Relay];

    /// The default name of the role (`cargo xtask roles` can name them differently).
    pub const fn default_name(self) -> &'static str {
        match self {
            Role::App => "app_user",
            Role::Platform => "platform_ops",
            Role::Auth => "app_auth",
            Role::Relay => "app_relay",
        }
    }
}

/// The columns an operation may touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Columns {
    /// The operation is refused.
    None,
    /// Every column.
    All,
    /// Only these columns.
    Only(&'static [&'static str]),
    /// Every column but these.
    AllBut(&'static [&'static str]),
}

impl Columns {
    /// Whether the operation is allowed on at least one column.
    pub const fn any(self) -> bool {
        !matches!(self, Columns::None)
    }

    /// Whether `column` may be touched.
    pub fn allows(self, column: &str) -> bool {
        match self {
            Columns::None => false,
            Columns::All => true,
            Columns::Only(list) => list.contains(&column),
            Columns::AllBut(list) => !list.contains(&column),
        }
    }
}

/// What one role may do on one table: per operation, the columns (`DELETE` has none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    /// `SELECT`.
    pub select: Columns,
    /// `INSERT`.
    pub insert: Columns,
    /// `UPDATE`.
    pub update: Columns,
    /// `DELETE`.
    pub delete: bool,
}

/// Nothing.
pub const NONE: Access = Access {
    select: Columns::None,
    insert: Columns::None,
    update: Columns::None,
    delete: false,
};
/// Read every column.
pub const READ: Access = Access {
    select: Columns::All,
    ..NONE
};
/// Read and append (no update, no delete): the append-only logs.
pub const APPEND: Access = Access {
    select: Columns::All,
    insert: Columns::All,
    ..NONE
};
/// Read, insert, update and delete every column.
pub const WRITE: Access = Access {
    select: Columns::All,
    insert: Columns::All,
    update: Columns::All,
    delete: true,
};

/// Which rows a role reaches, once granted, as row-level security decides (the platform, auth
/// and relay roles bypass it: their grants alone bound them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    /// The current tenant's rows (`tenant_id` NOT NULL; policy `tenant_isolation`).
    Tenant,
    /// The current tenant's rows, plus platform rows (`tenant_id` NULL) read-only.
    TenantAndPlatform,
    /// The current tenant's rows only: platform rows (`tenant_id` NULL) are hidden.
    TenantOnly,
    /// The current tenant's own row of `tenants`.
    OwnTenant,
    /// Users with a `tenant_users` row in the current tenant.
    TenantMembers,
    /// Permissions of the roles the tenant sees (its own and the platform's); it adds and removes
    /// them only for its own roles.
    TenantRolePermissions,
    /// Every row: a catalogue all tenants share.
    Catalogue,
    /// The application role has no access at all.
    Platform,
    /// Through the view, what its tables' policies let the caller see (`security_invoker`).
    Invoker,
}

impl Rows {
    /// The matrix's wording.
    pub const fn describe(self) -> &'static str {
        match self {
            Rows::Tenant => "own tenant",
            Rows::TenantAndPlatform => "own tenant; platform rows read-only",
            Rows::TenantOnly => "own tenant; platform rows hidden",
            Rows::OwnTenant => "own tenant row only",
            Rows::TenantMembers => "users of own tenant",
            Rows::TenantRolePermissions => "visible roles; writes to own roles only",
            Rows::Catalogue => "all (shared catalogue)",
            Rows::Platform => "none",
            Rows::Invoker => "as its tables: own tenant",
        }
    }
}

/// The rule of one table or view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The table or view.
    pub table: &'static str,
    /// What the application role may do.
    pub app: Access,
    /// What the platform role may do.
    pub platform: Access,
    /// What the authentication role may do.
    pub auth: Access,
    /// What the relay role may do.
    pub relay: Access,
    /// The rows the application role reaches.
    pub rows: Rows,
}

impl Rule {
    /// What `role` may do.
    pub const fn access(&self, role: Role) -> Access {
        match role {
            Role::App => self.app,
            Role::Platform => self.platform,
            Role::Auth => self.auth,
            Role::Relay => self.relay,
        }
    }
}

/// A tenant table: the application role reads and writes its tenant's rows, the platform role
/// every row.
const fn tenant(table: &'static str) -> Rule {
    Rule {
        table,
        app: WRITE,
        platform: WRITE,
        auth: NONE,
        relay: NONE,
        rows: Rows::Tenant,
    }
}

/// A table mixing platform rows (`tenant_id` NULL) with tenant rows.
const fn mixed(table: &'static str) -> Rule {
    Rule {
        rows: Rows::TenantAndPlatform,
        ..tenant(table)
    }
}

/// A catalogue every tenant reads and only platform jobs change.
const fn catalogue(table: &'static str) -> Rule {
    Rule {
        table,
        app: READ,
        platform: WRITE,
        auth: NONE,
        relay: NONE,
        rows: Rows::Catalogue,
    }
}

/// A platform table the application role cannot reach.
const fn platform(table: &'static str) -> Rule {
    Rule {
        table,
        app: NONE,
        platform: WRITE,
        auth: NONE,
        relay: NONE,
        rows: Rows::Platform,
    }
}

/// The columns of `users` that hold credentials: never readable by the application role.
pub const USER_CREDENTIALS: &[&str] = &["password_hash"];

/// The columns of `integration_events` the relay marks a delivery in.
pub const RELAY_DELIVERY_COLUMNS: &[&str] = &[
    "status",
    "attempts",
    "processing_error",
    "processed_at",
    "next_attempt_at",
    "updated_at",
];

/// Every rule, by table name.
pub const RULES: &[Rule] = &[
    // tenancy
    Rule {
        table: "tenants",
        // A tenant renames and describes itself; it cannot create, delete, suspend or re-tier
        // itself, nor change its limits (platform jobs do).
        app: Access {
            select: Columns::All,
            update: Columns::Only(&["name", "domain", "description", "settings"]),
            ..NONE
        },
        platform: WRITE,
        auth: NONE,
        relay: NONE,
        rows: Rows::OwnTenant,
    },
    tenant("tenant_roles"),
    tenant("tenant_users"),
    tenant("onboardings"),
    tenant("subscriptions"),
    Rule {
        table: "tenant_dashboard",
        app: READ,
        platform: READ,
        auth: NONE,
        relay: NONE,
        rows: Rows::Invoker,
    },
    // identity
    Rule {
        table: "users",
        // Users are global. A tenant reads its members without their credentials and edits their
        // profile; creating users, credentials, status and platform-admin rights are platform
        // paths (sign-up, password reset and verification run as platform jobs).
        app: Access {
            select: Columns::AllBut(USER_CREDENTIALS),
            update: Columns::Only(&[
                "first_name",
                "last_name",
                "phone",
                "timezone",
                "locale",
                "preferences",
            ]),
            ..NONE
        },
        platform: WRITE,
        auth: Access {
            select: Columns::Only(&["id", "email", "password_hash", "status"]),
            ..NONE
        },
        relay: NONE,
        rows: Rows::TenantMembers,
    },
    catalogue("permissions"),
    mixed("roles"),
    Rule {
        table: "role_permissions",
        app: Access {
            select: Columns::All,
            insert: Columns::All,
            delete: true,
            ..NONE
        },
        platform: WRITE,
        auth: NONE,
        relay: NONE,
        rows: Rows::TenantRolePermissions,
    },
    mixed("user_roles"),
    Rule {
        auth: Access {
            select: Columns::Only(&[
                "id",
                "tenant_id",
                "key_prefix",
                "key_hash",
                "scopes",
                "expires_at",
                "revoked_at",
            ]),
            ..NONE
        },
        ..tenant("api_keys")
    },
    Rule {
        auth: Access {
            select: Columns::Only(&[
                "id",
                "user_id",
                "tenant_id",
                "token_hash",
                "expires_at",
                "revoked_at",
            ]),
            ..NONE
        },
        rows: Rows::TenantOnly,
        ..mixed("sessions")
    },
    platform("login_logs"),
    // billing
    catalogue("plans"),
    tenant("invoices"),
    tenant("transactions"),
    // infrastructure
    tenant("resources"),
    tenant("resource_usages"),
    tenant("domains"),
    tenant("dns_records"),
    tenant("certificates"),
    tenant("certificate_renewals"),
    // analytics
    tenant("tenant_stats"),
    tenant("usage_stats"),
    // monitoring
    platform("health_checks"),
    tenant("incidents"),
    platform("system_metrics"),
    // integrations
    tenant("api_integrations"),
    tenant("webhooks"),
    tenant("rate_limits"),
    Rule {
        rows: Rows::TenantOnly,
        relay: Access {
            select: Columns::All,
            update: Columns::Only(RELAY_DELIVERY_COLUMNS),
            ..NONE
        },
        ..tenant("integration_events")
    },
    // support
    tenant("tickets"),
    tenant("ticket_comments"),
    tenant("feedbacks"),
    // audit
    Rule {
        app: APPEND,
        ..tenant("audit_logs")
    },
    tenant("compliances"),
    mixed("policies"),
    // automation
    tenant("workflows"),
    tenant("workflow_runs"),
    tenant("workflow_steps"),
    // configuration
    mixed("configurations"),
    catalogue("feature_flags"),
    tenant("tenant_features"),
    tenant("service_quotas"),
    // notifications
    tenant("notification_templates"),
    tenant("notifications"),
    tenant("campaigns"),
    // backup
    platform("backup_schedules"),
    tenant("backup_schedule_tenants"),
    tenant("backup_runs"),
    tenant("recovery_plans"),
    // reporting
    tenant("report_templates"),
    tenant("template_fields"),
    tenant("reports"),
    tenant("report_executions"),
    tenant("report_shares"),
    Rule {
        app: APPEND,
        ..tenant("execution_logs")
    },
    // marketplace
    catalogue("marketplace_modules"),
    tenant("module_installations"),
    tenant("module_licenses"),
    tenant("app_overrides"),
    Rule {
        table: "module_integrations",
        app: READ,
        platform: READ,
        auth: NONE,
        relay: NONE,
        rows: Rows::Invoker,
    },
    // handover
    tenant("handover_packages"),
    tenant("handover_package_modules"),
    tenant("handover_package_configurations"),
];

/// The rule of `table`, if it has one.
pub fn rule(table: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.table == table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_one_rule() {
        let mut names: Vec<&str> = RULES.iter().map(|r| r.table).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "a table has two rules");
    }

    #[test]
    fn credentials_are_never_readable_by_the_application_role() {
        let users = rule("users").expect("users has a rule");
        for column in USER_CREDENTIALS {
            assert!(!users.app.select.allows(column), "{column}");
        }
    }
}
