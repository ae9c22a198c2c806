//! One case per rule of the model: each `CHECK` is broken on a seeded row by an `UPDATE`, and the
//! database must reject it with [`domain::Error::Constraint`] naming that check, on both
//! backends. The length limits of bounded text columns, which the migration vocabulary generates
//! uniformly, are broken generically. A coverage test requires one or the other for every check in
//! the Postgres catalog, so a rule added without a test fails the build.
//!
//! Each case runs in a transaction that is rolled back, so cases do not affect one another. An
//! `UPDATE` that matches no row is a failure too: it means the dev data does not exercise the rule.

mod analytics;
mod audit;
mod automation;
mod backup;
mod billing;
mod configuration;
mod handover;
mod identity;
mod infrastructure;
mod integrations;
mod marketplace;
mod monitoring;
mod notifications;
mod reporting;
mod support;
mod tenancy;

use domain::{ConstraintKind, Error};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};

/// A rule and an `UPDATE` that breaks it on a seeded row.
#[derive(Debug, Clone, Copy)]
pub struct Case {
    /// The check the database must name.
    pub constraint: &'static str,
    /// One statement, valid on both backends, that updates exactly the rows it breaks.
    pub sql: &'static str,
}

/// Shorthand for a [`Case`].
pub const fn case(constraint: &'static str, sql: &'static str) -> Case {
    Case { constraint, sql }
}

/// Each domain's cases, one module per migration domain.
const DOMAINS: &[(&str, &[Case])] = &[
    ("analytics", analytics::CASES),
    ("audit", audit::CASES),
    ("automation", automation::CASES),
    ("backup", backup::CASES),
    ("billing", billing::CASES),
    ("configuration", configuration::CASES),
    ("handover", handover::CASES),
    ("identity", identity::CASES),
    ("infrastructure", infrastructure::CASES),
    ("integrations", integrations::CASES),
    ("marketplace", marketplace::CASES),
    ("monitoring", monitoring::CASES),
    ("notifications", notifications::CASES),
    ("reporting", reporting::CASES),
    ("support", support::CASES),
    ("tenancy", tenancy::CASES),
];

fn all_cases() -> Vec<Case> {
    DOMAINS
        .iter()
        .flat_map(|(_, cases)| cases.iter().copied())
        .collect()
}

#[test]
fn cases_are_grouped_by_the_domains_of_the_migrations() {
    let tables = migration::table_domains(&migration::Migrator::changes());
    let mut domains: Vec<&str> = tables.values().copied().collect();
    domains.sort_unstable();
    domains.dedup();
    let modules: Vec<&str> = DOMAINS.iter().map(|(d, _)| *d).collect();
    assert_eq!(modules, domains, "one module per domain that has tables");
    for (domain, cases) in DOMAINS {
        for c in *cases {
            let table = tables
                .keys()
                .filter(|t| c.constraint.starts_with(&format!("ck_{t}_")))
                .max_by_key(|t| t.len());
            assert_eq!(
                table.map(|t| tables[t]),
                Some(*domain),
                "{}: in the module of its table's domain",
                c.constraint
            );
        }
    }
}

#[tokio::test]
async fn every_rule_rejects_its_bad_row_by_name() {
    let cases = all_cases();
    for db in test_support::all_backends().await {
        let label = db.label();
        test_support::fixtures::seed_dev(&db).await;
        let mut failures = Vec::new();
        for c in &cases {
            let txn = db.begin().await.expect("begin");
            let result = txn
                .execute_raw(Statement::from_string(db.backend(), c.sql))
                .await;
            txn.rollback().await.expect("rollback");
            match result {
                Ok(done) if done.rows_affected() == 0 => {
                    failures.push(format!(
                        "{}: the UPDATE matched no row (the dev data does not exercise it)",
                        c.constraint
                    ));
                }
                Ok(_) => failures.push(format!(
                    "{}: the database accepted the bad row",
                    c.constraint
                )),
                Err(e) => match Error::from(e) {
                    Error::Constraint(v)
                        if v.kind == ConstraintKind::Check
                            && v.constraint.as_deref() == Some(c.constraint) => {}
                    other => failures.push(format!(
                        "{}: expected that check, got {other}",
                        c.constraint
                    )),
                },
            }
        }
        assert!(
            failures.is_empty(),
            "{label}: {} of {} cases failed:\n{}",
            failures.len(),
            cases.len(),
            failures.join("\n")
        );
    }
}

/// Every bounded-text column's `ck_<table>_<column>_length` check, read from the migrations'
/// Postgres SQL: (check, table, column, limit).
fn length_checks() -> Vec<(String, String, String, usize)> {
    let mut found = Vec::new();
    for change in migration::Migrator::changes() {
        for statement in migration::up_statements(change.as_ref(), DbBackend::Postgres) {
            let Some(table) = statement
                .strip_prefix("CREATE TABLE \"")
                .and_then(|rest| rest.split('"').next())
            else {
                continue;
            };
            for part in statement.split("CONSTRAINT \"").skip(1) {
                let Some((name, rest)) = part.split_once("\" CHECK (length(\"") else {
                    continue;
                };
                let Some((column, rest)) = rest.split_once("\") <= ") else {
                    continue;
                };
                let Some(limit) = rest.split(')').next().and_then(|n| n.parse().ok()) else {
                    continue;
                };
                found.push((name.to_owned(), table.to_owned(), column.to_owned(), limit));
            }
        }
    }
    found
}

#[tokio::test]
async fn every_length_limit_rejects_an_over_long_value() {
    let checks = length_checks();
    assert!(
        checks.len() > 50,
        "the bounded columns are found ({})",
        checks.len()
    );
    for db in test_support::all_backends().await {
        let label = db.label();
        test_support::fixtures::seed_dev(&db).await;
        let mut failures = Vec::new();
        for (name, table, column, limit) in &checks {
            // Appending letters keeps the value valid for its other rules (names, hostnames,
            // slugs) while making it one character too long whatever it was.
            let pad = "m".repeat(limit + 1);
            let sql = format!(
                "UPDATE \"{table}\" SET \"{column}\" = \"{column}\" || '{pad}' \
                 WHERE \"{column}\" = (SELECT \"{column}\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL LIMIT 1)"
            );
            let txn = db.begin().await.expect("begin");
            let result = txn
                .execute_raw(Statement::from_string(db.backend(), sql))
                .await;
            txn.rollback().await.expect("rollback");
            match result {
                Ok(done) if done.rows_affected() == 0 => {
                    failures.push(format!("{name}: no seeded row has a {table}.{column}"))
                }
                Ok(_) => failures.push(format!("{name}: the database accepted an over-long value")),
                Err(e) => match Error::from(e) {
                    Error::Constraint(v)
                        if v.kind == ConstraintKind::Check
                            && v.constraint.as_deref() == Some(name.as_str()) => {}
                    other => failures.push(format!("{name}: expected that check, got {other}")),
                },
            }
        }
        assert!(
            failures.is_empty(),
            "{label}: {} of {} length limits failed:\n{}",
            failures.len(),
            checks.len(),
            failures.join("\n")
        );
    }
}

#[tokio::test]
async fn every_check_in_the_schema_has_a_case() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT con.conname::text AS name FROM pg_constraint con \
             JOIN pg_namespace n ON n.oid = con.connamespace \
             WHERE n.nspname = current_schema() AND con.contype = 'c' AND con.conparentid = 0 ORDER BY 1",
        ))
        .await
        .expect("catalog");
    let cases = all_cases();
    let lengths: Vec<String> = length_checks().into_iter().map(|(name, ..)| name).collect();
    let missing: Vec<String> = rows
        .iter()
        .map(|r| r.try_get::<String>("", "name").expect("name"))
        .filter(|name| !cases.iter().any(|c| c.constraint == name) && !lengths.contains(name))
        .collect();
    assert!(
        missing.is_empty(),
        "{} check(s) without a case:\n{}",
        missing.len(),
        missing.join("\n")
    );
    let mut names: Vec<&str> = cases.iter().map(|c| c.constraint).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len(), "each check has one case");
}
