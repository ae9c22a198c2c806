//! The access matrix (`migration::access::RULES`), proved on Postgres: for every table and view
//! of the catalog, every role of `cargo xtask roles` and every operation (per column where
//! columns are granted), what the rule allows succeeds and the rest is refused. Then the rows the
//! application role reaches on the global tables, attacked on seeded data.

use migration::access::{self, Columns, Role};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, TransactionTrait};

use crate::support::{self, TestRoles, attempt, count_as, refused};

/// A table or view of the catalog, with its columns.
struct Relation {
    name: String,
    view: bool,
    columns: Vec<String>,
}

async fn relations(db: &DatabaseConnection) -> Vec<Relation> {
    db.query_all_raw(Statement::from_string(
        DbBackend::Postgres,
        "SELECT c.relname AS name, c.relkind = 'v' AS view, \
                array_agg(a.attname::text ORDER BY a.attnum) AS cols \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped \
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v') AND NOT c.relispartition \
         GROUP BY c.relname, c.relkind ORDER BY 1",
    ))
    .await
    .expect("catalog")
    .iter()
    .map(|r| Relation {
        name: r.try_get("", "name").expect("name"),
        view: r.try_get("", "view").expect("view"),
        columns: r.try_get("", "cols").expect("cols"),
    })
    .filter(|r| !test_support::catalog::is_tooling_table(&r.name))
    .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Select,
    Insert,
    Update,
    Delete,
}

impl Op {
    const ALL: [Op; 4] = [Op::Select, Op::Insert, Op::Update, Op::Delete];

    fn privilege(self) -> &'static str {
        match self {
            Op::Select => "SELECT",
            Op::Insert => "INSERT",
            Op::Update => "UPDATE",
            Op::Delete => "DELETE",
        }
    }

    /// A statement that does this operation on `column` of `table` and touches no row, so it
    /// succeeds exactly when the role holds the privilege.
    fn sql(self, table: &str, column: &str) -> String {
        match self {
            Op::Select => format!("SELECT \"{column}\" FROM \"{table}\" WHERE false"),
            Op::Insert => format!("INSERT INTO \"{table}\" (\"{column}\") SELECT NULL WHERE false"),
            Op::Update => format!("UPDATE \"{table}\" SET \"{column}\" = DEFAULT WHERE false"),
            Op::Delete => format!("DELETE FROM \"{table}\" WHERE false"),
        }
    }
}

/// Tries `sql` inside `txn` under a savepoint: `Ok(true)` if it ran, `Ok(false)` if refused for
/// want of a privilege, `Err` for any other failure.
async fn allowed(txn: &sea_orm::DatabaseTransaction, sql: &str) -> Result<bool, String> {
    txn.execute_unprepared("SAVEPOINT cell")
        .await
        .map_err(|e| e.to_string())?;
    let outcome = txn.execute_unprepared(sql).await;
    txn.execute_unprepared("ROLLBACK TO SAVEPOINT cell")
        .await
        .map_err(|e| e.to_string())?;
    match outcome {
        Ok(_) => Ok(true),
        Err(e) if e.to_string().contains("permission denied") => Ok(false),
        Err(e) => Err(e.to_string()),
    }
}

/// Whether `role` holds `privilege` on `column` of the view `table`, from the catalog: a
/// view's writes fail for want of rules whatever the grants, so its write cells are read from
/// the grants themselves.
async fn view_privilege(
    txn: &sea_orm::DatabaseTransaction,
    role: &str,
    table: &str,
    column: Option<&str>,
    privilege: &str,
) -> Result<bool, String> {
    let (sql, values): (&str, Vec<sea_orm::Value>) = match column {
        Some(c) => (
            "SELECT has_column_privilege($1, $2, $3, $4)::int::int8",
            vec![role.into(), table.into(), c.into(), privilege.into()],
        ),
        None => (
            "SELECT has_table_privilege($1, $2, $3)::int::int8",
            vec![role.into(), table.into(), privilege.into()],
        ),
    };
    support::scalar(txn, sql, values).await.map(|n| n == 1)
}

#[tokio::test]
async fn every_role_can_do_exactly_what_its_rule_allows() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    let roles = TestRoles::create(&db).await;
    let relations = relations(&db).await;
    assert!(
        relations.len() > 60,
        "the tables are found ({})",
        relations.len()
    );
    let (mut cells, mut column_cells) = (0, 0);
    let mut wrong = Vec::new();
    for relation in &relations {
        if access::rule(&relation.name).is_none() {
            wrong.push(format!(
                "{}: no rule in migration/src/access.rs",
                relation.name
            ));
        }
    }
    for role in Role::ALL {
        let name = roles.roles.name(role).to_owned();
        let txn = db.begin().await.expect("begin");
        // Checked from the superuser's session, before switching role.
        let mut view_grants = Vec::new();
        for relation in relations.iter().filter(|r| r.view) {
            for op in [Op::Insert, Op::Update, Op::Delete] {
                let column = (op != Op::Delete).then(|| relation.columns[0].as_str());
                let held = view_privilege(&txn, &name, &relation.name, column, op.privilege())
                    .await
                    .expect("privilege");
                view_grants.push((relation.name.clone(), op, held));
            }
        }
        txn.execute_unprepared(&format!("SET LOCAL ROLE \"{name}\""))
            .await
            .expect("set role");
        for relation in &relations {
            let Some(rule) = access::rule(&relation.name) else {
                continue;
            };
            let access = rule.access(role);
            for op in Op::ALL {
                cells += 1;
                let columns: Columns = match op {
                    Op::Select => access.select,
                    Op::Insert => access.insert,
                    Op::Update => access.update,
                    Op::Delete => {
                        if access.delete {
                            Columns::All
                        } else {
                            Columns::None
                        }
                    }
                };
                let targets: Vec<&str> = if op == Op::Delete {
                    vec![relation.columns[0].as_str()]
                } else {
                    relation.columns.iter().map(String::as_str).collect()
                };
                for column in targets {
                    column_cells += 1;
                    let expected = columns.allows(column);
                    let got = if relation.view && op != Op::Select {
                        view_grants
                            .iter()
                            .find(|(t, o, _)| t == &relation.name && *o == op)
                            .map(|(_, _, held)| Ok(*held))
                            .expect("checked above")
                    } else {
                        allowed(&txn, &op.sql(&relation.name, column)).await
                    };
                    let what = if op == Op::Delete {
                        format!("{} {}", op.privilege(), relation.name)
                    } else {
                        format!("{} {}.{column}", op.privilege(), relation.name)
                    };
                    match got {
                        Ok(got) if got == expected => {}
                        Ok(got) => wrong.push(format!(
                            "{name} ({role:?}): {what} is {} but the rule says {}",
                            if got { "allowed" } else { "refused" },
                            if expected { "allowed" } else { "refused" },
                        )),
                        Err(e) => wrong.push(format!("{name} ({role:?}): {what} failed: {e}")),
                    }
                }
            }
        }
        txn.rollback().await.expect("rollback");
    }
    roles.drop(&db).await;
    assert!(
        wrong.is_empty(),
        "{} cell(s) differ from the access matrix:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    eprintln!(
        "access matrix: {} relations x {} roles x 4 operations = {cells} cells ({column_cells} per column) as declared",
        relations.len(),
        Role::ALL.len()
    );
}

/// `cargo xtask roles` refuses while a table has no rule, and changes nothing then.
#[tokio::test]
async fn a_table_without_a_rule_stops_the_grants() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    db.execute_unprepared("CREATE TABLE unruled (id uuid PRIMARY KEY)")
        .await
        .expect("create");
    let roles = TestRoles::named();
    let err = xtask::roles::apply(&db, &roles)
        .await
        .expect_err("refused")
        .to_string();
    assert!(err.contains("no access rule for unruled"), "{err}");
    assert!(err.contains("migration/src/access.rs"), "{err}");
    let created = support::scalar(
        &*db,
        "SELECT count(*) FROM pg_roles WHERE rolname = $1",
        vec![roles.app.clone().into()],
    )
    .await
    .expect("count");
    assert_eq!(created, 0, "nothing was created");
}

/// The rows of the global tables the application role reaches, on seeded data, as tenant A.
#[tokio::test]
async fn global_tables_show_a_tenant_only_its_own() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    test_support::fixtures::seed_dev(&db).await;
    // A platform row of the outbox and of sessions, which no tenant may read.
    db.execute_unprepared(
        "INSERT INTO integration_events (id, tenant_id, event_type, source, payload) \
         VALUES ('01900000-0000-7000-8000-000000000001', NULL, 'platform.test', 'billing', '{}')",
    )
    .await
    .expect("platform event");
    db.execute_unprepared(
        "INSERT INTO sessions (id, user_id, tenant_id, token_hash, expires_at) \
         SELECT '01900000-0000-7000-8000-000000000002', id, NULL, repeat('a', 64), now() + interval '1 day' \
         FROM users ORDER BY id LIMIT 1",
    )
    .await
    .expect("platform session");
    let roles = TestRoles::create(&db).await;
    let app = roles.app().to_owned();
    let a = support::tenant_id(&db, "acme").await;
    let b = support::tenant_id(&db, "globex").await;
    let owner = |sql: &'static str| {
        let db = &db;
        async move {
            support::scalar(&**db, sql, vec![a.into()])
                .await
                .expect(sql)
        }
    };
    let mut leaks = Vec::new();
    let mut check = |what: &str, ok: bool, detail: String| {
        if !ok {
            leaks.push(format!("{what}: {detail}"));
        }
    };

    // tenants: only its own row, renamed but not re-tiered, created or deleted.
    let seen = count_as(&db, &app, Some(a), "SELECT count(*) FROM tenants", vec![]).await;
    check("tenants visible", seen == Ok(1), format!("{seen:?}"));
    let seen = count_as(
        &db,
        &app,
        Some(a),
        "SELECT count(*) FROM tenants WHERE id = $1",
        vec![a.into()],
    )
    .await;
    check("own tenant visible", seen == Ok(1), format!("{seen:?}"));
    let seen = count_as(&db, &app, None, "SELECT count(*) FROM tenants", vec![]).await;
    check(
        "tenants with no tenant set",
        seen == Ok(0),
        format!("{seen:?}"),
    );
    let r = attempt(
        &db,
        &app,
        Some(a),
        "UPDATE tenants SET name = 'renamed' WHERE id = $1",
        vec![b.into()],
    )
    .await;
    check("rename tenant B", r == Ok(0), format!("{r:?}"));
    let r = attempt(
        &db,
        &app,
        Some(a),
        "UPDATE tenants SET name = 'renamed' WHERE id = $1",
        vec![a.into()],
    )
    .await;
    check("rename own tenant", r == Ok(1), format!("{r:?}"));
    for sql in [
        "UPDATE tenants SET status = 'suspended'",
        "UPDATE tenants SET tier = 'enterprise'",
        "DELETE FROM tenants",
        "INSERT INTO tenants (id, slug, name) VALUES (gen_random_uuid(), 'new-one', 'New')",
    ] {
        let r = attempt(&db, &app, Some(a), sql, vec![]).await;
        check(sql, matches!(&r, Err(e) if refused(e)), format!("{r:?}"));
    }

    // The dashboard lists only the tenant itself.
    let seen = count_as(
        &db,
        &app,
        Some(a),
        "SELECT count(*) FROM tenant_dashboard WHERE tenant_id <> $1",
        vec![a.into()],
    )
    .await;
    check(
        "dashboard rows of other tenants",
        seen == Ok(0),
        format!("{seen:?}"),
    );
    let seen = count_as(
        &db,
        &app,
        Some(a),
        "SELECT count(*) FROM tenant_dashboard",
        vec![],
    )
    .await;
    check("own dashboard row", seen == Ok(1), format!("{seen:?}"));

    // users: the tenant's members, without credentials.
    let members =
        owner("SELECT count(DISTINCT user_id) FROM tenant_users WHERE tenant_id = $1").await;
    let seen = count_as(&db, &app, Some(a), "SELECT count(id) FROM users", vec![]).await;
    check(
        "users visible",
        seen == Ok(members) && members > 0,
        format!("{seen:?}, {members} members"),
    );
    let seen = count_as(&db, &app, None, "SELECT count(id) FROM users", vec![]).await;
    check(
        "users with no tenant set",
        seen == Ok(0),
        format!("{seen:?}"),
    );
    for sql in [
        "SELECT count(password_hash) FROM users",
        "SELECT * FROM users",
    ] {
        let r = count_as(&db, &app, Some(a), sql, vec![]).await;
        check(sql, matches!(&r, Err(e) if refused(e)), format!("{r:?}"));
    }
    for sql in [
        "UPDATE users SET password_hash = 'x'",
        "UPDATE users SET is_platform_admin = true",
        "UPDATE users SET email = 'taken@example.com'",
        "DELETE FROM users",
    ] {
        let r = attempt(&db, &app, Some(a), sql, vec![]).await;
        check(sql, matches!(&r, Err(e) if refused(e)), format!("{r:?}"));
    }
    let r = attempt(
        &db,
        &app,
        Some(a),
        "UPDATE users SET first_name = 'X' WHERE NOT EXISTS \
         (SELECT 1 FROM tenant_users tu WHERE tu.user_id = users.id AND tu.tenant_id = $1)",
        vec![a.into()],
    )
    .await;
    check("edit users of other tenants", r == Ok(0), format!("{r:?}"));
    let r = attempt(
        &db,
        &app,
        Some(a),
        "UPDATE users SET first_name = 'X'",
        vec![],
    )
    .await;
    check(
        "edit own members' profile",
        r == Ok(u64::try_from(members).expect("count")),
        format!("{r:?}"),
    );

    // role_permissions: the platform roles' permissions are read-only.
    let visible = owner(
        "SELECT count(*) FROM role_permissions rp JOIN roles r ON r.id = rp.role_id \
         WHERE r.tenant_id IS NULL OR r.tenant_id = $1",
    )
    .await;
    let seen = count_as(
        &db,
        &app,
        Some(a),
        "SELECT count(*) FROM role_permissions",
        vec![],
    )
    .await;
    check(
        "role_permissions visible",
        seen == Ok(visible),
        format!("{seen:?} of {visible}"),
    );
    let r = attempt(
        &db,
        &app,
        Some(a),
        "DELETE FROM role_permissions WHERE role_id IN (SELECT id FROM roles WHERE tenant_id IS NULL)",
        vec![],
    )
    .await;
    check(
        "delete platform roles' permissions",
        r == Ok(0),
        format!("{r:?}"),
    );
    let r = attempt(
        &db,
        &app,
        Some(a),
        "INSERT INTO role_permissions (role_id, permission_id) \
         SELECT r.id, p.id FROM roles r, permissions p WHERE r.tenant_id IS NULL \
         AND NOT EXISTS (SELECT 1 FROM role_permissions x WHERE x.role_id = r.id AND x.permission_id = p.id) LIMIT 1",
        vec![],
    )
    .await;
    check(
        "grant a platform role a permission",
        matches!(&r, Err(e) if refused(e)),
        format!("{r:?}"),
    );
    let r = attempt(
        &db,
        &app,
        Some(a),
        "UPDATE plans SET price_cents = 0",
        vec![],
    )
    .await;
    check(
        "set every plan's price",
        matches!(&r, Err(e) if refused(e)),
        format!("{r:?}"),
    );

    // Login logs and platform metrics are never readable.
    for sql in [
        "SELECT count(*) FROM login_logs",
        "SELECT count(*) FROM system_metrics",
    ] {
        let r = count_as(&db, &app, Some(a), sql, vec![]).await;
        check(sql, matches!(&r, Err(e) if refused(e)), format!("{r:?}"));
    }

    // Platform rows of the outbox and of sessions are hidden.
    for (table, sql) in [
        (
            "integration_events",
            "SELECT count(*) FROM integration_events WHERE tenant_id IS NULL",
        ),
        (
            "sessions",
            "SELECT count(*) FROM sessions WHERE tenant_id IS NULL",
        ),
    ] {
        let seen = count_as(&db, &app, Some(a), sql, vec![]).await;
        check(
            &format!("platform rows of {table}"),
            seen == Ok(0),
            format!("{seen:?}"),
        );
    }
    let platform_events = support::scalar(
        &*db,
        "SELECT count(*) FROM integration_events WHERE tenant_id IS NULL",
        vec![],
    )
    .await
    .expect("count");
    assert!(
        platform_events > 0,
        "the outbox holds platform rows to hide"
    );

    roles.drop(&db).await;
    assert!(
        leaks.is_empty(),
        "{} leak(s):\n{}",
        leaks.len(),
        leaks.join("\n")
    );
}
