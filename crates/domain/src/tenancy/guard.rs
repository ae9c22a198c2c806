//! The check that keeps a scoped statement on its own table.
//!
//! The tenant filter is `AND`ed into every statement of a [`TenantTxn`](super::TenantTxn), so no
//! condition can remove it. What could still read past it is a part of the statement that reads
//! another table or another copy of the table: a subquery (`IN (SELECT …)`, `EXISTS`, a scalar
//! subquery in a column), a set operation (`UNION`, `INTERSECT`, `EXCEPT`), a CTE, or raw SQL
//! (`Expr::cust`) that ends the statement or comments out the rest. On Postgres as the
//! application role row-level security would still confine those; on SQLite, and on a
//! connection that bypasses row-level security, nothing would. So every statement is checked as
//! the database will receive it, outside quoted identifiers and string literals (values are bound
//! parameters and never appear in the text), and refused if it contains any of them.

use sea_orm::Statement;

use crate::error::{Error, Result};

/// Words that start a second read or a second statement.
const WIDENING: &[&str] = &["SELECT", "UNION", "INTERSECT", "EXCEPT", "WITH", "VALUES"];

/// Checks a scoped `SELECT`: exactly one `SELECT`, none of the rest.
pub(super) fn single_table_read(statement: &Statement) -> Result<()> {
    check(&statement.sql, 1)
}

/// Checks a scoped `UPDATE` or `DELETE`: no `SELECT` at all.
pub(super) fn single_table_write(statement: &Statement) -> Result<()> {
    check(&statement.sql, 0)
}

fn check(sql: &str, selects: usize) -> Result<()> {
    let mut seen = 0;
    for word in words(sql)? {
        let upper = word.to_ascii_uppercase();
        if upper == "SELECT" {
            seen += 1;
            if seen <= selects {
                continue;
            }
        }
        if WIDENING.contains(&upper.as_str()) {
            return Err(refused(&upper, sql));
        }
    }
    Ok(())
}

fn refused(what: &str, sql: &str) -> Error {
    Error::Forbidden {
        reason: format!(
            "a tenant-scoped query may read only its own table: it cannot contain {what} (a \
             subquery, set operation, CTE or raw SQL reading past the tenant filter); run two \
             scoped queries instead"
        ),
        detail: sql.to_owned(),
    }
}

/// The bare words of `sql`, skipping quoted identifiers and literals; a statement separator or a
/// comment is itself refused.
fn words(sql: &str) -> Result<Vec<&str>> {
    let bytes = sql.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'"' | b'\'' | b'`' => {
                // Skip to the closing quote; a doubled quote is an escaped one.
                i += 1;
                loop {
                    match bytes.get(i) {
                        None => return Err(refused("an unterminated quote", sql)),
                        Some(&q) if q == c => {
                            if bytes.get(i + 1) == Some(&c) {
                                i += 2;
                            } else {
                                i += 1;
                                break;
                            }
                        }
                        Some(_) => i += 1,
                    }
                }
            }
            b';' => return Err(refused("a statement separator", sql)),
            b'-' if bytes.get(i + 1) == Some(&b'-') => return Err(refused("a comment", sql)),
            b'/' if bytes.get(i + 1) == Some(&b'*') => return Err(refused("a comment", sql)),
            b'$' if bytes.get(i + 1).is_some_and(|n| !n.is_ascii_digit()) => {
                return Err(refused("a dollar-quoted string", sql));
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                out.push(&sql[start..i]);
            }
            _ => i += 1,
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_words_are_not_keywords_and_widening_words_are_refused() {
        assert!(check(r#"SELECT "select", 'union' FROM "t" WHERE "t"."a" = $1"#, 1).is_ok());
        assert!(check(r#"SELECT "a""select" FROM t"#, 1).is_ok());
        for bad in [
            "SELECT a FROM t WHERE a IN (SELECT a FROM t)",
            "SELECT a FROM t WHERE 1=1 UNION SELECT a FROM t",
            "SELECT a FROM t WHERE 1=1 union all select a from t",
            "SELECT a FROM t; DELETE FROM t",
            "SELECT a FROM t WHERE a = 1 -- AND tenant_id = $1",
            "SELECT a FROM t WHERE a = 1 /* AND tenant_id = $1 */",
            "SELECT a FROM t WHERE a = $$x$$",
            "SELECT a FROM t WHERE 'unterminated",
        ] {
            let err = check(bad, 1).expect_err(bad);
            assert_eq!(err.code(), "forbidden", "{bad}");
        }
        assert!(check("UPDATE t SET a = (SELECT 1)", 0).is_err());
        assert!(check("UPDATE t SET a = $1 WHERE b = $2", 0).is_ok());
    }
}
