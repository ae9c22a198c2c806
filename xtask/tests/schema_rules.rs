//! Rules that hold for the whole schema at once, read from the Postgres catalog rather than from
//! a hand-kept list, so a new table is covered the day it is added.

use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// Tables whose `tenant_id` may be NULL: the model's tables that mix platform rows (NULL) with
/// tenant rows, and the ones it lists with a nullable tenant (a platform-wide grant, a session
/// outside any tenant, a platform event in the outbox).
const NULLABLE_TENANT: &[&str] = &[
    "backup_runs",
    "configurations",
    "incidents",
    "integration_events",
    "notification_templates",
    "policies",
    "recovery_plans",
    "roles",
    "sessions",
    "user_roles",
];

async fn rows(db: &sea_orm::DatabaseConnection, sql: &str) -> Vec<Vec<String>> {
    db.query_all_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await
        .expect("catalog query")
        .iter()
        .map(|r| {
            (0..)
                .map_while(|i| r.try_get_by_index::<Option<String>>(i).ok())
                .map(Option::unwrap_or_default)
                .collect()
        })
        .collect()
}

/// Domain tables: ordinary and partitioned, not partitions, not the migrations record.
const TABLES: &str = "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition \
    AND c.relname <> 'seaql_migrations'";

#[tokio::test]
async fn the_schema_obeys_its_rules() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    let mut problems = Vec::new();

    for r in rows(&db, &format!(
        "SELECT c.relname::text FROM pg_class c WHERE c.oid IN ({TABLES}) \
         AND NOT EXISTS (SELECT 1 FROM pg_constraint p WHERE p.conrelid = c.oid AND p.contype = 'p')"
    )).await {
        problems.push(format!("{} has no primary key", r[0]));
    }

    for r in rows(&db, &format!(
        "SELECT c.relname::text, a.attname::text FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
         WHERE c.oid IN ({TABLES}) AND a.attnum > 0 AND NOT a.attisdropped \
         AND a.atttypid = 'timestamp without time zone'::regtype"
    )).await {
        problems.push(format!("{}.{} is timestamp without time zone", r[0], r[1]));
    }

    // Every foreign key is the leading column(s) of some index.
    for r in rows(&db, &format!(
        "SELECT c.relname::text, con.conname::text FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid \
         WHERE con.contype = 'f' AND con.conparentid = 0 AND c.oid IN ({TABLES}) \
         AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = con.conrelid AND i.indpred IS NULL \
             AND (i.indkey::int2[])[0:array_length(con.conkey, 1) - 1] = con.conkey)"
    )).await {
        problems.push(format!("{}: foreign key {} has no index leading with its columns", r[0], r[1]));
    }

    // Constraint names follow the rule.
    for r in rows(&db, &format!(
        "SELECT c.relname::text, con.conname::text, con.contype::text, \
                array_to_string(ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, o) \
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.o), '_') \
         FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid \
         WHERE con.conparentid = 0 AND c.oid IN ({TABLES}) AND con.contype IN ('p', 'f', 'u', 'c')"
    )).await {
        let (table, name, kind, columns) = (&r[0], &r[1], r[2].as_str(), &r[3]);
        let ok = match kind {
            "p" => name == &format!("pk_{table}"),
            "f" => name == &format!("fk_{table}_{columns}"),
            "u" => name == &format!("uq_{table}_{columns}"),
            _ => name.starts_with(&format!("ck_{table}_")),
        };
        if !ok {
            problems.push(format!("{table}: constraint {name} does not follow the naming rule"));
        }
    }

    // Index names follow the rule (indexes backing a primary key carry the key's name).
    for r in rows(
        &db,
        &format!(
            "SELECT t.relname::text, i.relname::text, x.indisunique::text FROM pg_index x \
         JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid \
         WHERE t.oid IN ({TABLES}) AND NOT x.indisprimary"
        ),
    )
    .await
    {
        let (table, name, unique) = (&r[0], &r[1], r[2] == "true");
        let prefix = if unique { "uq" } else { "idx" };
        if !name.starts_with(&format!("{prefix}_{table}_")) {
            problems.push(format!(
                "{table}: index {name} does not follow the naming rule ({prefix}_{table}_…)"
            ));
        }
    }

    // tenant_id is NOT NULL and cascades with its tenant, except where the model says otherwise.
    for r in rows(&db, &format!(
        "SELECT c.relname::text, a.attnotnull::text FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
         WHERE c.oid IN ({TABLES}) AND a.attname = 'tenant_id' AND c.relname <> 'tenants'"
    )).await {
        let nullable_allowed = NULLABLE_TENANT.contains(&r[0].as_str());
        if r[1] != "true" && !nullable_allowed {
            problems.push(format!("{}.tenant_id is nullable, but the table is not one that mixes platform rows", r[0]));
        }
        if r[1] == "true" && nullable_allowed {
            problems.push(format!("{}.tenant_id is NOT NULL, but the model says it mixes platform rows", r[0]));
        }
    }
    for r in rows(&db, &format!(
        "SELECT c.relname::text FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' \
         WHERE c.oid IN ({TABLES}) AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conrelid = c.oid \
             AND con.contype = 'f' AND con.confrelid = 'tenants'::regclass AND con.confdeltype = 'c' \
             AND con.conkey = ARRAY[a.attnum])"
    )).await {
        problems.push(format!("{}.tenant_id does not reference tenants ON DELETE CASCADE", r[0]));
    }

    // Every mutable table keeps updated_at with the trigger.
    for r in rows(&db, &format!(
        "SELECT c.relname::text FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'updated_at' \
         WHERE c.oid IN ({TABLES}) AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid \
             AND t.tgname = 'trg_' || c.relname || '_updated_at')"
    )).await {
        problems.push(format!("{} has updated_at but no trg_{}_updated_at trigger", r[0], r[0]));
    }

    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[tokio::test]
async fn the_catalog_rules_can_fail() {
    // The same queries flag a table that breaks them, so the test above is not vacuous.
    let Some(db) = test_support::postgres().await else {
        return;
    };
    db.execute_unprepared(
        "CREATE TABLE bad_things (id uuid, tenant_id uuid REFERENCES tenants (id), seen timestamp)",
    )
    .await
    .expect("create a bad table");
    let missing_pk = rows(&db, &format!(
        "SELECT c.relname::text FROM pg_class c WHERE c.oid IN ({TABLES}) \
         AND NOT EXISTS (SELECT 1 FROM pg_constraint p WHERE p.conrelid = c.oid AND p.contype = 'p')"
    )).await;
    assert_eq!(missing_pk, vec![vec!["bad_things".to_owned()]]);
    let unindexed = rows(&db, &format!(
        "SELECT c.relname::text FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid \
         WHERE con.contype = 'f' AND con.conparentid = 0 AND c.oid IN ({TABLES}) \
         AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = con.conrelid AND i.indpred IS NULL \
             AND (i.indkey::int2[])[0:array_length(con.conkey, 1) - 1] = con.conkey)"
    )).await;
    assert_eq!(unindexed, vec![vec!["bad_things".to_owned()]]);
}
