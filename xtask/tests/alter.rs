//! Every operation of the ALTER vocabulary (`migration/src/alter.rs`), on both backends, on tables
//! holding rows: up, down and up again, with no row lost or changed, and the change itself seen
//! (a write the new rule refuses is refused after up and accepted after down).

use migration::migrator as runner;
use migration::{
    Column, Ddl, EnumType, ForeignKeySpec, IndexSpec, Migrator, OnDelete, SchemaChange, Table,
};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use sea_orm_migration::MigrationName;

/// A test-only migration from two functions.
struct Op {
    name: &'static str,
    up: fn(&mut Ddl),
    down: fn(&mut Ddl),
    transactional: bool,
}

impl MigrationName for Op {
    fn name(&self) -> &str {
        self.name
    }
}

impl SchemaChange for Op {
    fn up(&self, ddl: &mut Ddl) {
        (self.up)(ddl);
    }
    fn down(&self, ddl: &mut Ddl) {
        (self.down)(ddl);
    }
    fn transactional(&self) -> bool {
        self.transactional
    }
}

fn op(name: &'static str, up: fn(&mut Ddl), down: fn(&mut Ddl)) -> Box<dyn SchemaChange> {
    Box::new(Op {
        name,
        up,
        down,
        transactional: true,
    })
}

fn concurrent(name: &'static str, up: fn(&mut Ddl), down: fn(&mut Ddl)) -> Box<dyn SchemaChange> {
    Box::new(Op {
        name,
        up,
        down,
        transactional: false,
    })
}

/// Two tables with rows, after every real migration: `widgets`, and `gadgets` pointing at them
/// by two columns.
fn fixtures() -> Vec<Box<dyn SchemaChange>> {
    vec![op(
        "m99990101_000000_create_widgets",
        |ddl| {
            ddl.create_table(
                &Table::new("widgets")
                    .id()
                    .col(Column::text("name"))
                    .col(Column::big_integer("qty").nullable())
                    .col(Column::text("code").nullable())
                    .unique(&["id", "name"]),
            );
            ddl.create_table(
                &Table::new("gadgets")
                    .id()
                    .col(Column::uuid("widget_id").nullable())
                    .col(Column::text("widget_name").nullable()),
            );
        },
        |ddl| {
            ddl.drop_table("gadgets");
            ddl.drop_table("widgets");
        },
    )]
}

const WIDGETS: [&str; 4] = ["id", "name", "qty", "code"];
const GADGETS: [&str; 3] = ["id", "widget_id", "widget_name"];

async fn insert_rows(db: &DatabaseConnection) {
    for (i, (name, qty, code)) in [
        ("bolt", "3", "'B-1'"),
        ("nut", "7", "'N-1'"),
        ("gear", "1", "NULL"),
    ]
    .into_iter()
    .enumerate()
    {
        db.execute_unprepared(&format!(
            "INSERT INTO widgets (id, name, qty, code) VALUES ('0190c0de-0000-7000-8000-00000000000{i}', '{name}', {qty}, {code})"
        ))
        .await
        .expect("a widget");
        db.execute_unprepared(&format!(
            "INSERT INTO gadgets (id, widget_id, widget_name) VALUES ('0190c0de-0000-7000-8000-0000000000a{i}', '0190c0de-0000-7000-8000-00000000000{i}', '{name}')"
        ))
        .await
        .expect("a gadget");
    }
}

/// The rows of `table` as text, in id order, for the columns named.
async fn rows(db: &DatabaseConnection, table: &str, columns: &[&str]) -> Vec<String> {
    let expr = columns
        .iter()
        .map(|c| format!("coalesce(CAST(\"{c}\" AS TEXT), '<null>')"))
        .collect::<Vec<_>>()
        .join(" || '|' || ");
    db.query_all_raw(sea_orm::Statement::from_string(
        db.get_database_backend(),
        format!("SELECT {expr} AS x FROM \"{table}\" ORDER BY \"id\""),
    ))
    .await
    .expect("rows")
    .iter()
    .map(|r| r.try_get::<String>("", "x").expect("text"))
    .collect()
}

/// Whether `sql` succeeds (inside a transaction that is rolled back, so nothing stays).
async fn accepted(db: &DatabaseConnection, sql: &str) -> bool {
    let txn = db.begin().await.expect("begin");
    let ok = txn.execute_unprepared(sql).await.is_ok();
    txn.rollback().await.expect("rollback");
    ok
}

/// Applies `ops` after the fixtures on both backends, with rows: up, down, up. `kept` are the
/// columns of each table whose values every step must keep; `probe` a write and whether the
/// change makes it accepted (`true`) or refused (`false`): it must be the other way before up and
/// after down.
async fn round_trip(
    ops: fn() -> Vec<Box<dyn SchemaChange>>,
    kept: (&[&str], &[&str]),
    probe: Option<(&str, bool)>,
) {
    round_trip_after(Vec::new, &[], ops, kept, probe).await;
}

/// [`round_trip`] with `extra` fixtures applied after the usual ones, and `setup` run after the
/// rows are inserted.
async fn round_trip_after(
    extra: fn() -> Vec<Box<dyn SchemaChange>>,
    setup: &[&str],
    ops: fn() -> Vec<Box<dyn SchemaChange>>,
    kept: (&[&str], &[&str]),
    probe: Option<(&str, bool)>,
) {
    for db in test_support::all_backends_empty().await {
        let label = db.label();
        let mut base = Migrator::changes();
        base.extend(fixtures());
        base.extend(extra());
        runner::up(&db, &base, None)
            .await
            .expect("base and fixtures");
        insert_rows(&db).await;
        for sql in setup {
            db.execute_unprepared(sql).await.expect("setup");
        }
        let snapshot = async || {
            (
                rows(&db, "widgets", kept.0).await,
                rows(&db, "gadgets", kept.1).await,
            )
        };
        let before = snapshot().await;
        assert_eq!(before.0.len(), 3, "{label}: the rows are there");
        if let Some((sql, after_up)) = probe {
            assert_eq!(
                accepted(&db, sql).await,
                !after_up,
                "{label}: before up: {sql}"
            );
        }
        let ops = ops();
        let n = ops.len() as u32;
        let names: Vec<String> = ops.iter().map(|o| o.name().to_owned()).collect();
        let mut changes = base;
        changes.extend(ops);
        let applied = runner::up(&db, &changes, None).await.expect("up");
        assert_eq!(applied, names, "{label}");
        assert_eq!(snapshot().await, before, "{label}: up kept every row");
        if let Some((sql, after_up)) = probe {
            assert_eq!(
                accepted(&db, sql).await,
                after_up,
                "{label}: after up: {sql}"
            );
        }
        runner::down(&db, &changes, Some(n)).await.expect("down");
        assert_eq!(snapshot().await, before, "{label}: down kept every row");
        if let Some((sql, after_up)) = probe {
            assert_eq!(
                accepted(&db, sql).await,
                !after_up,
                "{label}: after down: {sql}"
            );
        }
        runner::up(&db, &changes, None).await.expect("up again");
        assert_eq!(snapshot().await, before, "{label}: up again kept every row");
        if let Some((sql, after_up)) = probe {
            assert_eq!(
                accepted(&db, sql).await,
                after_up,
                "{label}: after up again: {sql}"
            );
        }
    }
}

#[tokio::test]
async fn add_and_drop_a_column() {
    round_trip(
        || {
            vec![op(
                "m99990102_000000_add_widgets_color",
                |ddl| {
                    ddl.add_column("widgets", Column::varchar("color", 20).nullable());
                },
                |ddl| {
                    ddl.drop_column("widgets", "color");
                },
            )]
        },
        (&WIDGETS, &GADGETS),
        Some(("UPDATE widgets SET color = 'red'", true)),
    )
    .await;
}

#[tokio::test]
async fn drop_a_column_and_add_it_back() {
    round_trip(
        || {
            vec![op(
                "m99990102_000000_drop_widgets_code",
                |ddl| {
                    ddl.drop_column("widgets", "code");
                },
                |ddl| {
                    ddl.add_column("widgets", Column::text("code").nullable());
                },
            )]
        },
        // The dropped column's values go with it; every other value stays.
        (&["id", "name", "qty"], &GADGETS),
        Some(("UPDATE widgets SET code = 'x'", false)),
    )
    .await;
}

#[tokio::test]
async fn rename_a_column() {
    round_trip(
        || {
            vec![op(
                "m99990102_000000_rename_widgets_qty",
                |ddl| {
                    ddl.rename_column("widgets", "qty", "quantity");
                },
                |ddl| {
                    ddl.rename_column("widgets", "quantity", "qty");
                },
            )]
        },
        (&["id", "name", "code"], &GADGETS),
        Some(("UPDATE widgets SET qty = 1", false)),
    )
    .await;
}

#[tokio::test]
async fn set_and_drop_a_default() {
    round_trip(
        || {
            vec![op(
                "m99990102_000000_default_widgets_qty",
                |ddl| {
                    ddl.set_default("widgets", "qty", migration::Default::Int(1));
                },
                |ddl| {
                    ddl.drop_default("widgets", "qty");
                },
            )]
        },
        (&WIDGETS, &GADGETS),
        // A default refuses nothing; the rows it gives are read back below.
        None,
    )
    .await;
    for db in test_support::all_backends_empty().await {
        let mut changes = Migrator::changes();
        changes.extend(fixtures());
        changes.push(op(
            "m99990102_000000_default_widgets_qty",
            |ddl| {
                ddl.set_default("widgets", "qty", migration::Default::Int(1));
            },
            |ddl| {
                ddl.drop_default("widgets", "qty");
            },
        ));
        runner::up(&db, &changes, None).await.expect("up");
        db.execute_unprepared(
            "INSERT INTO widgets (id, name) VALUES ('0190c0de-0000-7000-8000-0000000000ff', 'spring')",
        )
        .await
        .expect("insert");
        assert_eq!(
            rows(&db, "widgets", &["qty"]).await,
            vec!["1".to_owned()],
            "{}: the default applies",
            db.label()
        );
    }
}

#[tokio::test]
async fn make_a_column_not_null_in_two_steps_and_back() {
    round_trip(
        || {
            vec![
                op(
                    "m99990102_000000_require_widgets_qty",
                    |ddl| {
                        ddl.set_not_null("widgets", "qty");
                    },
                    |ddl| {
                        ddl.drop_not_null("widgets", "qty");
                    },
                ),
                op(
                    "m99990102_000100_validate_widgets_qty",
                    |ddl| {
                        ddl.validate_not_null("widgets", "qty");
                    },
                    |ddl| {
                        ddl.unvalidate_not_null("widgets", "qty");
                    },
                ),
            ]
        },
        (&WIDGETS, &GADGETS),
        Some(("UPDATE widgets SET qty = NULL", false)),
    )
    .await;
}

#[tokio::test]
async fn add_validate_and_drop_a_check() {
    round_trip(
        || {
            vec![
                op(
                    "m99990102_000000_check_widgets_qty",
                    |ddl| {
                        ddl.add_check("widgets", "qty_positive", "qty > 0");
                    },
                    |ddl| {
                        ddl.drop_check("widgets", "qty_positive");
                    },
                ),
                op(
                    "m99990102_000100_validate_widgets_qty",
                    |ddl| {
                        ddl.validate_check("widgets", "qty_positive");
                    },
                    |_| {},
                ),
            ]
        },
        (&WIDGETS, &GADGETS),
        Some(("UPDATE widgets SET qty = 0", false)),
    )
    .await;
}

#[tokio::test]
async fn add_validate_and_drop_a_composite_foreign_key_with_its_index() {
    round_trip(
        || {
            vec![
                concurrent(
                    "m99990102_000000_index_gadgets_widget",
                    |ddl| {
                        ddl.create_index_concurrently(
                            "gadgets",
                            &IndexSpec::new("gadgets", &["widget_id", "widget_name"]),
                        );
                    },
                    |ddl| {
                        ddl.drop_index_concurrently("gadgets", "idx_gadgets_widget_id_widget_name");
                    },
                ),
                op(
                    "m99990102_000100_fk_gadgets_widget",
                    |ddl| {
                        ddl.add_foreign_key(
                            "gadgets",
                            &ForeignKeySpec::new(
                                "gadgets",
                                &["widget_id", "widget_name"],
                                "widgets",
                                &["id", "name"],
                            )
                            .on_delete(OnDelete::Cascade),
                        );
                    },
                    |ddl| {
                        ddl.drop_foreign_key("gadgets", "fk_gadgets_widget_id_widget_name");
                    },
                ),
                op(
                    "m99990102_000200_validate_gadgets_widget",
                    |ddl| {
                        ddl.validate_constraint("gadgets", "fk_gadgets_widget_id_widget_name");
                    },
                    |_| {},
                ),
            ]
        },
        (&WIDGETS, &GADGETS),
        // The gadget's widget must exist under that name.
        Some(("UPDATE gadgets SET widget_name = 'not the name'", false)),
    )
    .await;
}

#[tokio::test]
async fn add_a_unique_key_through_a_concurrent_index() {
    round_trip(
        || {
            vec![
                concurrent(
                    "m99990102_000000_index_widgets_code",
                    |ddl| {
                        ddl.create_index_concurrently(
                            "widgets",
                            &IndexSpec::unique("widgets", &["code"]),
                        );
                    },
                    |ddl| {
                        ddl.drop_index_concurrently("widgets", "uq_widgets_code");
                    },
                ),
                op(
                    "m99990102_000100_unique_widgets_code",
                    |ddl| {
                        ddl.attach_unique("widgets", &["code"]);
                    },
                    |ddl| {
                        ddl.detach_unique("widgets", &["code"]);
                    },
                ),
            ]
        },
        (&WIDGETS, &GADGETS),
        Some(("UPDATE widgets SET code = 'same'", false)),
    )
    .await;
}

const SIZE: EnumType = EnumType {
    name: "widget_size",
    values: &["small", "large"],
};

/// [`SIZE`] after `medium` is added between its two values.
const SIZE_WITH_MEDIUM: EnumType = EnumType {
    name: "widget_size",
    values: &["small", "medium", "large"],
};

/// Widgets get a `size` of the enum type, with a default, a check and a partial index that name
/// it (what a change of the column's type must carry across).
fn sized_widgets() -> Vec<Box<dyn SchemaChange>> {
    vec![
        op(
            "m99990101_000100_size_widgets",
            |ddl| {
                ddl.create_enum(&SIZE);
                ddl.add_column(
                    "widgets",
                    Column::enumeration("size", &SIZE).default(migration::Default::Enum("small")),
                );
                ddl.add_check(
                    "widgets",
                    "large_has_qty",
                    "\"size\" <> 'large' OR \"qty\" IS NOT NULL",
                );
            },
            |ddl| {
                ddl.drop_check("widgets", "large_has_qty");
                ddl.drop_column("widgets", "size");
                ddl.drop_enum(&SIZE);
            },
        ),
        concurrent(
            "m99990101_000200_index_large_widgets",
            |ddl| {
                ddl.create_index_concurrently(
                    "widgets",
                    &IndexSpec::new("widgets", &["qty"])
                        .named("widgets", "large_qty")
                        .filter("\"size\" = 'large'"),
                );
            },
            |ddl| {
                ddl.drop_index_concurrently("widgets", "idx_widgets_large_qty");
            },
        ),
    ]
}

fn add_medium() -> Vec<Box<dyn SchemaChange>> {
    vec![op(
        "m99990102_000000_add_widget_size_medium",
        |ddl| {
            ddl.add_enum_value(&SIZE_WITH_MEDIUM, "medium");
        },
        |ddl| {
            ddl.drop_enum_value(&SIZE, "medium");
        },
    )]
}

#[tokio::test]
async fn add_an_enum_value_and_remove_it() {
    round_trip_after(
        sized_widgets,
        &["UPDATE widgets SET size = 'large' WHERE name = 'nut'"],
        add_medium,
        (&["id", "name", "qty", "code", "size"], &GADGETS),
        Some(("UPDATE widgets SET size = 'medium'", true)),
    )
    .await;
    // The partial index and the check still work after the type was rebuilt on the way down.
    for db in test_support::all_backends_empty().await {
        let label = db.label();
        let mut changes = Migrator::changes();
        changes.extend(fixtures());
        changes.extend(sized_widgets());
        changes.extend(add_medium());
        runner::up(&db, &changes, None).await.expect("up");
        insert_rows(&db).await;
        runner::down(&db, &changes, Some(1)).await.expect("down");
        assert!(
            !accepted(&db, "UPDATE widgets SET size = 'large', qty = NULL").await,
            "{label}: the check is back"
        );
        let index = db
            .query_all_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                match db.get_database_backend() {
                    sea_orm::DbBackend::Postgres => {
                        "SELECT indexname AS x FROM pg_indexes WHERE indexname = 'idx_widgets_large_qty'"
                    }
                    _ => "SELECT name AS x FROM sqlite_master WHERE name = 'idx_widgets_large_qty'",
                }
                .to_owned(),
            ))
            .await
            .expect("catalog");
        assert_eq!(index.len(), 1, "{label}: the partial index is back");
    }
}

#[tokio::test]
async fn removing_an_enum_value_is_refused_while_a_row_holds_it() {
    for db in test_support::all_backends_empty().await {
        let label = db.label();
        let mut changes = Migrator::changes();
        changes.extend(fixtures());
        changes.extend(sized_widgets());
        changes.extend(add_medium());
        runner::up(&db, &changes, None).await.expect("up");
        insert_rows(&db).await;
        db.execute_unprepared("UPDATE widgets SET size = 'medium' WHERE name = 'gear'")
            .await
            .expect("the new value is usable once its migration committed");
        let before = rows(&db, "widgets", &["id", "name", "qty", "code", "size"]).await;
        let err = runner::down(&db, &changes, Some(1))
            .await
            .expect_err("a row holds the value")
            .to_string();
        let expect = match db.get_database_backend() {
            sea_orm::DbBackend::Postgres => "rows of widgets.size still hold it",
            _ => "CHECK constraint failed",
        };
        assert!(err.contains(expect), "{label}: {err}");
        assert_eq!(
            rows(&db, "widgets", &["id", "name", "qty", "code", "size"]).await,
            before,
            "{label}: nothing changed"
        );
        let applied = runner::applied_names(&db).await.expect("applied");
        assert_eq!(
            applied.last().map(String::as_str),
            Some("m99990102_000000_add_widget_size_medium"),
            "{label}: still applied"
        );
    }
}

#[test]
fn the_postgres_forms_are_the_safe_ones() {
    use sea_orm::DbBackend;
    let mut changes = Migrator::changes();
    changes.extend(fixtures());
    changes.push(op(
        "m99990102_000000_everything",
        |ddl| {
            ddl.add_check("widgets", "qty_positive", "qty > 0");
            ddl.set_not_null("widgets", "qty");
            ddl.add_foreign_key(
                "gadgets",
                &ForeignKeySpec::new("gadgets", &["widget_id"], "widgets", &["id"]),
            );
            ddl.attach_unique("widgets", &["code"]);
        },
        |_| {},
    ));
    changes.extend(sized_widgets());
    changes.extend(add_medium());
    changes.push(concurrent(
        "m99990102_000100_index",
        |ddl| {
            ddl.create_index_concurrently("widgets", &IndexSpec::new("widgets", &["qty"]));
        },
        |_| {},
    ));
    let pg = migration::render_all(&changes, DbBackend::Postgres);
    let (up, _) = &pg[pg.len() - 2];
    assert_eq!(
        up,
        &vec![
            "SET LOCAL lock_timeout = '5s'".to_owned(),
            "SET LOCAL statement_timeout = '10min'".to_owned(),
            "ALTER TYPE \"widget_size\" ADD VALUE IF NOT EXISTS 'medium' AFTER 'small'".to_owned()
        ]
    );
    let (up, _) = &pg[pg.len() - 5];
    assert_eq!(up[0], "SET LOCAL lock_timeout = '5s'");
    assert_eq!(up[1], "SET LOCAL statement_timeout = '10min'");
    assert!(up[2].ends_with("CHECK (qty > 0) NOT VALID"), "{}", up[2]);
    assert!(
        up[3].ends_with("CHECK (\"qty\" IS NOT NULL) NOT VALID"),
        "{}",
        up[3]
    );
    assert!(
        up[4].contains("FOREIGN KEY (\"widget_id\") REFERENCES \"widgets\" (\"id\")")
            && up[4].ends_with("NOT VALID"),
        "{}",
        up[4]
    );
    assert!(
        up[5].ends_with("UNIQUE USING INDEX \"uq_widgets_code\""),
        "{}",
        up[5]
    );
    let (index, _) = &pg[pg.len() - 1];
    assert_eq!(
        index,
        &vec![
            "SET lock_timeout = '5s'".to_owned(),
            "SET statement_timeout = '10min'".to_owned(),
            r#"CREATE INDEX CONCURRENTLY IF NOT EXISTS "idx_widgets_qty" ON "widgets" ("qty")"#
                .to_owned()
        ],
        "outside a transaction: SET for the migrator's own session, not SET LOCAL"
    );
    // On SQLite the same check is the documented rebuild.
    let lite = migration::render_all(&changes, DbBackend::Sqlite);
    let (up, _) = &lite[lite.len() - 5];
    assert_eq!(up[0], "PRAGMA legacy_alter_table = ON");
    assert!(
        up[1].starts_with("CREATE TABLE \"widgets__rebuild\""),
        "{}",
        up[1]
    );
    assert!(
        up[2].starts_with("INSERT INTO \"widgets__rebuild\""),
        "{}",
        up[2]
    );
    assert_eq!(up[3], "DROP TABLE \"widgets\"");
    assert_eq!(
        up[4],
        "ALTER TABLE \"widgets__rebuild\" RENAME TO \"widgets\""
    );
    assert!(
        up.iter()
            .any(|s| s.starts_with("CREATE UNIQUE INDEX \"uq_widgets_id_name\"")),
        "indexes recreated: {up:?}"
    );
}

/// A migration that runs outside a transaction sets its timeouts for the migrator's own session
/// (the lock's connection), and they never reach the pool the services' queries use.
#[tokio::test]
async fn timeouts_outside_a_transaction_stay_on_the_migrators_session() {
    let Some(db) = test_support::postgres_empty().await else {
        return;
    };
    let mut changes = Migrator::changes();
    changes.extend(fixtures());
    changes.push(concurrent(
        "m99990102_000000_index_widgets_qty",
        |ddl| {
            ddl.create_index_concurrently("widgets", &IndexSpec::new("widgets", &["qty"]));
        },
        |ddl| {
            ddl.drop_index_concurrently("widgets", "idx_widgets_qty");
        },
    ));
    runner::up(&db, &changes, None).await.expect("up");
    for _ in 0..10 {
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Postgres,
                "SELECT current_setting('lock_timeout') AS x",
            ))
            .await
            .expect("query")
            .expect("a row");
        assert_eq!(row.try_get::<String>("", "x").expect("text"), "0");
    }
}
