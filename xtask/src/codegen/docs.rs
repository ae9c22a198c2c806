//! The schema reference in `docs/schema/`: an index page, and one page per domain with a
//! Mermaid ER diagram and every column, constraint and index, all read from the catalog of the
//! migrated throwaway database, so the pages cannot disagree with the migrations.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::PathBuf;

use anyhow::Result;
use migration::SchemaChange;
use sqlx::{PgPool, Row};

use super::Files;

/// Where the pages are written, relative to the workspace root.
pub fn docs_dir() -> PathBuf {
    PathBuf::from("docs/schema")
}

/// One column.
#[derive(Debug, Clone)]
struct Column {
    name: String,
    ty: String,
    not_null: bool,
    default: Option<String>,
    comment: Option<String>,
}

/// One constraint.
#[derive(Debug, Clone)]
struct Constraint {
    name: String,
    kind: char,
    definition: String,
    columns: Vec<String>,
    references: Option<String>,
}

/// One index.
#[derive(Debug, Clone)]
struct Index {
    name: String,
    definition: String,
}

/// One table or view.
#[derive(Debug, Clone)]
struct Relation {
    name: String,
    kind: char,
    comment: Option<String>,
    columns: Vec<Column>,
    constraints: Vec<Constraint>,
    indexes: Vec<Index>,
    triggers: Vec<String>,
    policies: Vec<String>,
}

/// Reads the catalog and renders every page.
///
/// # Errors
///
/// When the catalog cannot be read.
pub async fn render(
    pool: &PgPool,
    changes: &[Box<dyn SchemaChange>],
    tooling: &[&str],
) -> Result<Files> {
    let relations = read(pool, tooling).await?;
    let enums = read_enums(pool).await?;
    let domains = domains_of(changes);
    let mut by_domain: BTreeMap<String, Vec<&Relation>> = BTreeMap::new();
    for r in relations.values() {
        let domain = domains
            .get(&r.name)
            .cloned()
            .unwrap_or_else(|| "other".to_owned());
        by_domain.entry(domain).or_default().push(r);
    }
    let mut files = Files::new();
    files.insert(docs_dir().join("README.md"), index_page(&by_domain, &enums));
    for (domain, tables) in &by_domain {
        files.insert(
            docs_dir().join(format!("{domain}.md")),
            domain_page(domain, tables, &relations, &domains),
        );
    }
    Ok(files)
}

/// Table or view name → the domain folder of the migration that creates it.
fn domains_of(changes: &[Box<dyn SchemaChange>]) -> BTreeMap<String, String> {
    migration::table_domains(changes)
        .into_iter()
        .map(|(table, domain)| (table, domain.to_owned()))
        .collect()
}

async fn read(pool: &PgPool, tooling: &[&str]) -> Result<BTreeMap<String, Relation>> {
    let mut relations = BTreeMap::new();
    let rows = sqlx::query(
        "SELECT c.relname, c.relkind::text, obj_description(c.oid, 'pg_class') FROM pg_class c \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v') AND NOT c.relispartition \
         ORDER BY 1",
    )
    .fetch_all(pool)
    .await?;
    for row in rows {
        let name: String = row.get(0);
        if tooling.contains(&name.as_str()) {
            continue;
        }
        let kind: String = row.get(1);
        relations.insert(
            name.clone(),
            Relation {
                name,
                kind: kind.chars().next().unwrap_or('r'),
                comment: row.get(2),
                columns: Vec::new(),
                constraints: Vec::new(),
                indexes: Vec::new(),
                triggers: Vec::new(),
                policies: Vec::new(),
            },
        );
    }
    let columns = sqlx::query(
        "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, \
                pg_get_expr(d.adbin, d.adrelid), col_description(c.oid, a.attnum) \
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
         WHERE n.nspname = current_schema() AND a.attnum > 0 AND NOT a.attisdropped \
         ORDER BY c.relname, a.attnum",
    )
    .fetch_all(pool)
    .await?;
    for row in columns {
        let table: String = row.get(0);
        if let Some(r) = relations.get_mut(&table) {
            r.columns.push(Column {
                name: row.get(1),
                ty: row.get(2),
                not_null: row.get(3),
                default: row.get(4),
                comment: row.get(5),
            });
        }
    }
    let constraints = sqlx::query(
        "SELECT c.relname, con.conname, con.contype::text, pg_get_constraintdef(con.oid), \
                ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i) \
                      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i), \
                rc.relname \
         FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         LEFT JOIN pg_class rc ON rc.oid = con.confrelid \
         WHERE n.nspname = current_schema() AND con.contype IN ('p', 'f', 'u', 'c', 'x') \
           AND con.conparentid = 0 \
         ORDER BY c.relname, con.contype, con.conname",
    )
    .fetch_all(pool)
    .await?;
    for row in constraints {
        let table: String = row.get(0);
        if let Some(r) = relations.get_mut(&table) {
            let kind: String = row.get(2);
            r.constraints.push(Constraint {
                name: row.get(1),
                kind: kind.chars().next().unwrap_or('c'),
                definition: row.get(3),
                columns: row.get(4),
                references: row.get(5),
            });
        }
    }
    let indexes = sqlx::query(
        "SELECT t.relname, i.relname, pg_get_indexdef(i.oid) FROM pg_index x \
         JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = current_schema() AND NOT t.relispartition \
           AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.oid AND con.contype = 'p') \
         ORDER BY t.relname, i.relname",
    )
    .fetch_all(pool)
    .await?;
    for row in indexes {
        let table: String = row.get(0);
        if let Some(r) = relations.get_mut(&table) {
            r.indexes.push(Index {
                name: row.get(1),
                definition: row.get(2),
            });
        }
    }
    let triggers = sqlx::query(
        "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = current_schema() AND NOT t.tgisinternal AND NOT c.relispartition \
         ORDER BY 1, 2",
    )
    .fetch_all(pool)
    .await?;
    for row in triggers {
        let table: String = row.get(0);
        if let Some(r) = relations.get_mut(&table) {
            r.triggers.push(row.get(1));
        }
    }
    let policies = sqlx::query(
        "SELECT tablename::text, policyname::text, cmd::text, coalesce(qual, ''), coalesce(with_check, '') \
         FROM pg_policies WHERE schemaname = current_schema() ORDER BY 1, 2",
    )
    .fetch_all(pool)
    .await?;
    for row in policies {
        let table: String = row.get(0);
        if let Some(r) = relations.get_mut(&table) {
            let (name, cmd, using, check): (String, String, String, String) =
                (row.get(1), row.get(2), row.get(3), row.get(4));
            let mut text = format!("`{name}` ({})", cmd.to_lowercase());
            if !using.is_empty() {
                text.push_str(&format!(" using `{using}`"));
            }
            if !check.is_empty() {
                text.push_str(&format!(" with check `{check}`"));
            }
            r.policies.push(text);
        }
    }
    Ok(relations)
}

async fn read_enums(pool: &PgPool) -> Result<BTreeMap<String, Vec<String>>> {
    let rows = sqlx::query(
        "SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid \
         JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = current_schema() \
         ORDER BY t.typname, e.enumsortorder",
    )
    .fetch_all(pool)
    .await?;
    let mut enums: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in rows {
        enums.entry(row.get(0)).or_default().push(row.get(1));
    }
    Ok(enums)
}

const GENERATED: &str = "<!-- @generated by cargo xtask codegen — do not edit -->";

fn title(domain: &str) -> String {
    let mut chars = domain.replace('_', " ").chars().collect::<Vec<_>>();
    if let Some(first) = chars.first_mut() {
        *first = first.to_ascii_uppercase();
    }
    chars.into_iter().collect()
}

fn index_page(
    by_domain: &BTreeMap<String, Vec<&Relation>>,
    enums: &BTreeMap<String, Vec<String>>,
) -> String {
    let mut out = String::new();
    let tables: usize = by_domain
        .values()
        .map(|t| t.iter().filter(|r| r.kind != 'v').count())
        .sum();
    let views: usize = by_domain
        .values()
        .map(|t| t.iter().filter(|r| r.kind == 'v').count())
        .sum();
    let _ = writeln!(out, "{GENERATED}\n");
    let _ = writeln!(out, "# Schema reference\n");
    let _ = writeln!(
        out,
        "{tables} tables and {views} view(s) in {} domains, read from a Postgres database migrated by \
         `cargo xtask codegen`. SQLite has the same tables and columns; the Postgres-only parts \
         (enum types, triggers, partitions, GIN and other Postgres-only indexes) are marked on each page.\n",
        by_domain.len()
    );
    let _ = writeln!(
        out,
        "Names follow one rule: `pk_<table>`, `fk_<table>_<column>`, `uq_<table>_<columns>`, `ck_<table>_<rule>`, `idx_<table>_<columns>`.\n"
    );
    let _ = writeln!(out, "| domain | tables |");
    let _ = writeln!(out, "|---|---|");
    for (domain, rels) in by_domain {
        let names: Vec<String> = rels
            .iter()
            .map(|r| format!("[`{}`]({domain}.md#{})", r.name, r.name))
            .collect();
        let _ = writeln!(
            out,
            "| [{}]({domain}.md) | {} |",
            title(domain),
            names.join(", ")
        );
    }
    let _ = writeln!(out, "\n## Enum types\n");
    let _ = writeln!(
        out,
        "Native enum types on Postgres; a `CHECK` listing the same values on SQLite; a Rust enum in `entity::sea_orm_active_enums`.\n"
    );
    let _ = writeln!(out, "| type | values |");
    let _ = writeln!(out, "|---|---|");
    for (name, values) in enums {
        let _ = writeln!(
            out,
            "| `{name}` | {} |",
            values
                .iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    out
}

fn mermaid_type(ty: &str) -> String {
    let base = ty.split('(').next().unwrap_or(ty).trim();
    match base {
        "timestamp with time zone" => "timestamptz".to_owned(),
        "character varying" => "varchar".to_owned(),
        "character" => "char".to_owned(),
        "double precision" => "double".to_owned(),
        other => other.replace(' ', "_"),
    }
}

fn domain_page(
    domain: &str,
    rels: &[&Relation],
    all: &BTreeMap<String, Relation>,
    domains: &BTreeMap<String, String>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{GENERATED}\n");
    let _ = writeln!(out, "# {}\n", title(domain));
    let _ = writeln!(out, "[All domains](README.md)\n");
    for r in rels {
        let what = if r.kind == 'v' { " (view)" } else { "" };
        let summary = r
            .comment
            .as_deref()
            .unwrap_or("")
            .split(". ")
            .next()
            .unwrap_or("");
        let _ = writeln!(
            out,
            "- [`{}`](#{}){what}: {}",
            r.name,
            r.name,
            summary.trim_end_matches('.')
        );
    }
    let _ = writeln!(out);

    // The diagram: this domain's tables in full, their neighbours in other domains as names only.
    let here: BTreeSet<&str> = rels.iter().map(|r| r.name.as_str()).collect();
    let mut edges = Vec::new();
    let mut neighbours = BTreeSet::new();
    for r in rels {
        for c in r.constraints.iter().filter(|c| c.kind == 'f') {
            let Some(target) = &c.references else {
                continue;
            };
            let nullable = c
                .columns
                .iter()
                .any(|col| r.columns.iter().any(|rc| &rc.name == col && !rc.not_null));
            let left = if nullable { "|o" } else { "||" };
            edges.push(format!(
                "    {target} {left}--o{{ {} : \"{}\"",
                r.name,
                c.columns.join(", ")
            ));
            if !here.contains(target.as_str()) {
                neighbours.insert(target.clone());
            }
        }
    }
    for (name, other) in all {
        if here.contains(name.as_str()) {
            continue;
        }
        for c in other.constraints.iter().filter(|c| c.kind == 'f') {
            if let Some(target) = &c.references
                && here.contains(target.as_str())
            {
                edges.push(format!(
                    "    {target} ||--o{{ {name} : \"{}\"",
                    c.columns.join(", ")
                ));
                neighbours.insert(name.clone());
            }
        }
    }
    let _ = writeln!(out, "```mermaid\nerDiagram");
    for r in rels {
        let _ = writeln!(out, "    {} {{", r.name);
        for col in &r.columns {
            let mut keys = Vec::new();
            if r.constraints
                .iter()
                .any(|c| c.kind == 'p' && c.columns.contains(&col.name))
            {
                keys.push("PK");
            }
            if r.constraints
                .iter()
                .any(|c| c.kind == 'f' && c.columns.contains(&col.name))
            {
                keys.push("FK");
            }
            let line = format!("{} {} {}", mermaid_type(&col.ty), col.name, keys.join(", "));
            let _ = writeln!(out, "        {}", line.trim_end());
        }
        let _ = writeln!(out, "    }}");
    }
    for n in &neighbours {
        let other = domains.get(n).map(String::as_str).unwrap_or("other");
        let _ = writeln!(out, "    {n} {{\n        uuid id PK \"in {other}\"\n    }}");
    }
    for e in edges {
        let _ = writeln!(out, "{e}");
    }
    let _ = writeln!(out, "```\n");

    for r in rels {
        write_relation(&mut out, r, domains);
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn write_relation(out: &mut String, r: &Relation, domains: &BTreeMap<String, String>) {
    let kind = match r.kind {
        'v' => " (view)",
        'p' => " (partitioned monthly on Postgres)",
        _ => "",
    };
    let _ = writeln!(out, "## `{}`{kind}\n", r.name);
    if let Some(comment) = &r.comment {
        let _ = writeln!(out, "{comment}\n");
    }
    let _ = writeln!(
        out,
        "| column | type | null | default | constraints | description |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for col in &r.columns {
        let mut notes = Vec::new();
        for c in &r.constraints {
            if !c.columns.contains(&col.name) {
                continue;
            }
            match c.kind {
                'p' => notes.push("PK".to_owned()),
                'f' => {
                    let target = c.references.clone().unwrap_or_default();
                    let page = domains.get(&target).cloned().unwrap_or_default();
                    let action = c
                        .definition
                        .split("ON DELETE ")
                        .nth(1)
                        .map(|a| a.split(" ON ").next().unwrap_or(a).to_owned())
                        .unwrap_or_else(|| "NO ACTION".to_owned());
                    notes.push(format!(
                        "→ [`{target}`]({page}.md#{target}) on delete {}",
                        action.to_lowercase()
                    ));
                }
                'u' if c.columns.len() == 1 => notes.push("unique".to_owned()),
                _ => {}
            }
        }
        let _ = writeln!(
            out,
            "| `{}` | `{}` | {} | {} | {} | {} |",
            col.name,
            col.ty,
            if col.not_null { "no" } else { "yes" },
            col.default
                .as_deref()
                .map(|d| format!("`{}`", escape(d)))
                .unwrap_or_default(),
            notes.join("; "),
            col.comment.as_deref().map(escape).unwrap_or_default()
        );
    }
    let checks: Vec<&Constraint> = r.constraints.iter().filter(|c| c.kind == 'c').collect();
    if !checks.is_empty() {
        let _ = writeln!(out, "\nChecks:\n");
        for c in checks {
            let _ = writeln!(out, "- `{}`: `{}`", c.name, escape(&c.definition));
        }
    }
    if !r.indexes.is_empty() {
        let _ = writeln!(out, "\nIndexes:\n");
        for i in &r.indexes {
            let def = i
                .definition
                .split_once(" USING ")
                .map(|(_, rest)| rest.to_owned())
                .unwrap_or_else(|| i.definition.clone());
            let unique = if i.definition.starts_with("CREATE UNIQUE") {
                "unique "
            } else {
                ""
            };
            let _ = writeln!(out, "- `{}`: {unique}`{}`", i.name, escape(&def));
        }
    }
    if !r.policies.is_empty() {
        let _ = writeln!(
            out,
            "\nRow-level security (Postgres, enabled and forced; see [security](../security.md)):\n"
        );
        for p in &r.policies {
            let _ = writeln!(out, "- {}", escape(p));
        }
    }
    if !r.triggers.is_empty() {
        let _ = writeln!(
            out,
            "\nTriggers (Postgres): {}",
            r.triggers
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let _ = writeln!(out);
}
