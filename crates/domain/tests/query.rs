//! The scoped query API a service lives on (`domain::tenancy`), on both backends: widening
//! refused, row locks, cursor pages, aggregates, streams, related loading, bulk writes, joining
//! a transaction, executions by id, conditional updates; and the errors it returns.

use domain::Error;
use domain::error::{ConcurrencyConflict, ErrorKind};
use domain::tenancy::{Cursor, PlatformTxn, RowLock, TenantId, TenantTxn};
use entity::*;
use futures_util::StreamExt;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelBehavior, ColumnTrait, ConnectOptions, ConnectionTrait, Database,
    DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Set, Statement, TransactionTrait,
};
use uuid::Uuid;

use crate::scope::{AppRole, new_tenant_role, seeded, tenants};

/// Tenant B's ticket, read past the API.
async fn ticket_of(db: &DatabaseConnection, tenant: TenantId) -> tickets::Model {
    tickets::Entity::find()
        .filter(tickets::Column::TenantId.eq(tenant.as_uuid()))
        .order_by_asc(tickets::Column::Id)
        .one(db)
        .await
        .expect("q")
        .expect("the tenant has a ticket")
}

fn forbidden(result: domain::Result<impl std::fmt::Debug>, label: &str, what: &str) {
    match result {
        Err(err @ Error::Forbidden { .. }) => {
            assert_eq!(err.code(), "forbidden", "{label}: {what}");
            assert!(err.to_string().contains("its own table"), "{label}: {err}");
        }
        other => panic!("{label}: {what} must be refused, got {other:?}"),
    }
}

#[tokio::test]
async fn a_scoped_query_cannot_be_widened() {
    for db in seeded().await {
        let label = db.label();
        let (a, b) = tenants(&db).await;
        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        let everyone = Expr::cust("(SELECT count(*) FROM \"tickets\")");

        // The attack, without the API: a scalar subquery in the projection counts every
        // tenant's tickets, past the tenant filter of the outer query.
        let raw: Option<i64> = tickets::Entity::find()
            .select_only()
            .column_as(everyone.clone(), "n")
            .filter(tickets::Column::TenantId.eq(a.as_uuid()))
            .into_tuple()
            .one(txn.unscoped_connection())
            .await
            .expect("the raw subquery runs");
        let all_tenants = tickets::Entity::find()
            .count(txn.unscoped_connection())
            .await
            .expect("count");
        let own = txn.find::<tickets::Entity>().count().await.expect("count");
        assert!(all_tenants > own, "{label}");
        assert_eq!(
            raw,
            Some(all_tenants as i64),
            "{label}: unguarded, a subquery reads other tenants"
        );

        // Through the API: refused before it reaches the database.
        forbidden(
            txn.find::<tickets::Entity>()
                .select_only()
                .column_as(everyone, "n")
                .tuples::<i64>()
                .await,
            label,
            "a scalar subquery",
        );
        forbidden(
            txn.find::<tickets::Entity>()
                .select_only()
                .column_as(
                    Expr::cust("\"id\" FROM \"tickets\" UNION SELECT \"id\""),
                    "id",
                )
                .tuples::<Uuid>()
                .await,
            label,
            "a UNION",
        );
        let others = tickets::Entity::find()
            .select_only()
            .column(tickets::Column::Id)
            .filter(tickets::Column::TenantId.eq(b.as_uuid()))
            .into_query();
        forbidden(
            txn.find::<tickets::Entity>()
                .filter(tickets::Column::Id.in_subquery(others.clone()))
                .all()
                .await,
            label,
            "a subquery",
        );
        forbidden(
            txn.find::<tickets::Entity>()
                .filter(Expr::exists(others))
                .count()
                .await,
            label,
            "EXISTS",
        );
        forbidden(
            txn.find::<tickets::Entity>()
                .filter(Expr::cust("1=1 OR 1=1 --"))
                .all()
                .await,
            label,
            "a comment hiding the tenant filter",
        );
        forbidden(
            txn.update_many::<tickets::Entity>()
                .col_expr(
                    tickets::Column::Subject,
                    Expr::cust("(SELECT \"subject\" FROM \"tickets\" LIMIT 1)"),
                )
                .exec()
                .await,
            label,
            "a subquery in an update",
        );
        let err = txn
            .update_many::<tickets::Entity>()
            .col_expr(tickets::Column::TenantId, Expr::val(b.as_uuid()))
            .exec()
            .await
            .expect_err("moving rows to tenant B");
        assert_eq!(err.field().as_deref(), Some("tickets.tenant_id"), "{label}");
        // An OR cannot reach past the tenant either.
        let widened = txn
            .find::<tickets::Entity>()
            .filter(
                tickets::Column::TenantId
                    .eq(b.as_uuid())
                    .or(Expr::val(1).eq(1)),
            )
            .all()
            .await
            .expect("read");
        assert!(!widened.is_empty(), "{label}");
        assert!(
            widened.iter().all(|t| t.tenant_id == a.as_uuid()),
            "{label}"
        );
    }
}

#[tokio::test]
async fn row_locks_hold_and_skip_and_refuse() {
    for db in seeded().await {
        let label = db.label();
        let (a, _) = tenants(&db).await;
        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        let mine = txn
            .find::<tickets::Entity>()
            .order_by_asc(tickets::Column::Id)
            .limit(2)
            .lock(RowLock::Update)
            .all()
            .await
            .expect("lock");
        assert_eq!(mine.len(), 2, "{label}");
        // A locking read on a mixed table is limited to the tenant's own rows.
        let locked_roles = txn
            .find::<roles::Entity>()
            .lock(RowLock::Share)
            .all()
            .await
            .expect("lock roles");
        assert!(
            locked_roles
                .iter()
                .all(|r| r.tenant_id == Some(a.as_uuid())),
            "{label}: platform rows are not locked"
        );
        if db.backend() == DbBackend::Postgres {
            let other = TenantTxn::begin(&db, a).await.expect("second transaction");
            let err = other
                .find::<tickets::Entity>()
                .filter(tickets::Column::Id.eq(mine[0].id))
                .lock(RowLock::UpdateNowait)
                .one()
                .await
                .expect_err("the row is held");
            assert!(
                matches!(
                    err,
                    Error::Concurrent {
                        conflict: ConcurrencyConflict::Locked,
                        ..
                    }
                ),
                "{err:?}"
            );
            assert_eq!(err.code(), "conflict.locked");
            drop(other);
            let other = TenantTxn::begin(&db, a).await.expect("third transaction");
            let ids = [mine[0].id, mine[1].id];
            let free = other
                .find::<tickets::Entity>()
                .filter(tickets::Column::Id.is_in(ids))
                .lock(RowLock::UpdateSkipLocked)
                .all()
                .await
                .expect("skip locked");
            assert!(free.is_empty(), "both rows are held: {free:?}");
            txn.rollback().await.expect("release");
            let free = other
                .find::<tickets::Entity>()
                .filter(tickets::Column::Id.is_in(ids))
                .lock(RowLock::UpdateSkipLocked)
                .all()
                .await
                .expect("skip locked");
            assert_eq!(free.len(), 2, "released rows are claimed");
        }
    }
}

#[tokio::test]
async fn cursor_pages_walk_every_row_once_newest_first() {
    for db in seeded().await {
        let label = db.label();
        let (a, _) = tenants(&db).await;
        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        let expected: Vec<Uuid> = txn
            .find::<ticket_comments::Entity>()
            .order_by_desc(ticket_comments::Column::CreatedAt)
            .order_by_desc(ticket_comments::Column::Id)
            .all()
            .await
            .expect("all")
            .into_iter()
            .map(|c| c.id)
            .collect();
        assert!(expected.len() > 3, "{label}: enough comments to page");
        let mut seen = Vec::new();
        let mut after: Option<Cursor> = None;
        loop {
            let page = txn
                .find::<ticket_comments::Entity>()
                .page(3, after.as_ref())
                .await
                .expect("page");
            assert!(page.rows.len() <= 3, "{label}");
            seen.extend(page.rows.iter().map(|c| c.id));
            match page.next {
                Some(next) => {
                    // The token a client gets reads back as the same cursor.
                    let token = next.to_string();
                    assert_eq!(Cursor::parse(&token).expect("parse"), next);
                    after = Some(next);
                }
                None => break,
            }
        }
        assert_eq!(seen, expected, "{label}: every row once, newest first");
        let err = Cursor::parse("not-a-cursor").expect_err("garbage");
        assert_eq!(err.field().as_deref(), Some("cursor"));
        assert_eq!(err.kind(), ErrorKind::Validation);
    }
}

#[tokio::test]
async fn aggregates_and_streams_see_the_tenant_only() {
    for db in seeded().await {
        let label = db.label();
        let (a, _) = tenants(&db).await;
        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        let total = txn.find::<tickets::Entity>().count().await.expect("count");
        let by_status: Vec<(sea_orm_active_enums::TicketStatus, i64)> = txn
            .find::<tickets::Entity>()
            .select_only()
            .column(tickets::Column::Status)
            .column_as(tickets::Column::Id.count(), "n")
            .group_by(tickets::Column::Status)
            .tuples()
            .await
            .expect("group by");
        assert!(by_status.len() > 1, "{label}: several states");
        assert_eq!(
            by_status.iter().map(|(_, n)| n).sum::<i64>() as u64,
            total,
            "{label}: the groups add up to the tenant's tickets"
        );
        let mut stream = txn
            .find::<tickets::Entity>()
            .stream()
            .await
            .expect("stream");
        let mut streamed = 0u64;
        while let Some(row) = stream.next().await {
            assert_eq!(row.expect("row").tenant_id, a.as_uuid(), "{label}");
            streamed += 1;
        }
        assert_eq!(streamed, total, "{label}");
    }
}

#[tokio::test]
async fn related_loading_is_confined_to_the_tenant() {
    for db in seeded().await {
        let label = db.label();
        let (a, b) = tenants(&db).await;
        let b_ticket = ticket_of(&db, b).await;
        // A comment of tenant A that points at tenant B's ticket (the schema does not stop it).
        let stray = ticket_comments::ActiveModel {
            tenant_id: Set(a.as_uuid()),
            ticket_id: Set(b_ticket.id),
            author_user_id: Set(None),
            body: Set("stray".into()),
            is_internal: Set(true),
            ..ActiveModelBehavior::new()
        };
        let stray = ticket_comments::Entity::insert(stray)
            .exec_with_returning(&*db)
            .await
            .expect("insert the stray comment");

        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        let pairs = txn
            .find::<ticket_comments::Entity>()
            .find_also_related::<tickets::Entity>()
            .all()
            .await
            .expect("also related");
        assert!(pairs.len() > 1, "{label}");
        for (comment, ticket) in &pairs {
            assert_eq!(comment.tenant_id, a.as_uuid(), "{label}");
            if comment.id == stray.id {
                assert!(ticket.is_none(), "{label}: tenant B's ticket reads as none");
            } else {
                let ticket = ticket.as_ref().expect("the comment's ticket");
                assert_eq!(ticket.tenant_id, a.as_uuid(), "{label}");
            }
        }
        let own = txn.find::<tickets::Entity>().all().await.expect("tickets");
        let comments = txn
            .find_related::<_, ticket_comments::Entity>(&own[0])
            .all()
            .await
            .expect("related");
        assert!(
            comments
                .iter()
                .all(|c| c.ticket_id == own[0].id && c.tenant_id == a.as_uuid())
        );
        assert!(
            txn.find_related::<_, ticket_comments::Entity>(&b_ticket)
                .filter(ticket_comments::Column::Id.ne(stray.id))
                .all()
                .await
                .expect("related of B")
                .is_empty(),
            "{label}: tenant B's comments are not reached through its ticket"
        );
        let mut models = own.clone();
        models.push(b_ticket.clone());
        let loaded = txn
            .load_many(&models, txn.find::<ticket_comments::Entity>())
            .await
            .expect("loader");
        let expected = txn
            .find::<ticket_comments::Entity>()
            .filter(ticket_comments::Column::Id.ne(stray.id))
            .count()
            .await
            .expect("count");
        let (own_loaded, b_loaded) = loaded.split_at(own.len());
        assert_eq!(
            own_loaded.iter().map(Vec::len).sum::<usize>() as u64,
            expected,
            "{label}"
        );
        assert_eq!(
            b_loaded[0].iter().map(|c| c.id).collect::<Vec<_>>(),
            vec![stray.id],
            "{label}: of tenant B's ticket only tenant A's own stray comment loads"
        );
    }
}

#[tokio::test]
async fn bulk_writes_stay_in_the_tenant() {
    for db in seeded().await {
        let label = db.label();
        let (a, b) = tenants(&db).await;
        let names = ["bulk-1", "bulk-2", "bulk-3"];
        let for_b = TenantTxn::begin(&db, b).await.expect("begin b");
        for_b
            .insert_many(names.map(new_tenant_role))
            .await
            .expect("b's rows");
        for_b.commit().await.expect("commit b");

        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        let rows = txn
            .insert_many(names.map(new_tenant_role))
            .await
            .expect("insert many");
        assert_eq!(rows.len(), 3, "{label}");
        assert!(
            rows.iter().all(|r| r.tenant_id == a.as_uuid()),
            "{label}: stamped"
        );
        let mut smuggled = new_tenant_role("bulk-smuggled");
        smuggled.tenant_id = Set(b.as_uuid());
        let err = txn
            .insert_many([new_tenant_role("bulk-ok"), smuggled])
            .await
            .expect_err("one row names tenant B");
        assert_eq!(err.code(), "forbidden.cross_tenant", "{label}");
        let bulk = || tenant_roles::Column::Name.starts_with("bulk-");
        let updated = txn
            .update_many::<tenant_roles::Entity>()
            .col_expr(tenant_roles::Column::Description, Expr::val("bulk"))
            .filter(bulk())
            .exec()
            .await
            .expect("update many");
        assert_eq!(updated, 3, "{label}: only tenant A's rows");
        let deleted = txn
            .delete_many::<tenant_roles::Entity>()
            .filter(bulk())
            .exec()
            .await
            .expect("delete many");
        assert_eq!(deleted, 3, "{label}");
        txn.commit().await.expect("commit");
        let left: Vec<tenant_roles::Model> = tenant_roles::Entity::find()
            .filter(bulk())
            .all(&*db)
            .await
            .expect("q");
        assert_eq!(left.len(), 3, "{label}");
        assert!(
            left.iter()
                .all(|r| r.tenant_id == b.as_uuid() && r.description.is_none()),
            "{label}: tenant B's rows are untouched"
        );
    }
}

async fn setting(conn: &impl ConnectionTrait) -> String {
    conn.query_one_raw(Statement::from_string(
        DbBackend::Postgres,
        "SELECT coalesce(current_setting('app.current_tenant_id', true), '')",
    ))
    .await
    .expect("query")
    .expect("row")
    .try_get_by_index::<String>(0)
    .expect("text")
}

#[tokio::test]
async fn a_tenant_transaction_joins_the_services_transaction() {
    for db in seeded().await {
        let label = db.label();
        let (a, _) = tenants(&db).await;
        let named = |n: &'static str| tenant_roles::Column::Name.eq(n);
        let outer = db.begin().await.expect("outer");

        let joined = TenantTxn::join(&outer, a).await.expect("join");
        joined
            .insert(new_tenant_role("joined-kept"))
            .await
            .expect("insert");
        joined.commit().await.expect("release");
        if db.backend() == DbBackend::Postgres {
            assert_eq!(
                setting(&outer).await,
                "",
                "the outer transaction acts for no tenant after"
            );
        }
        let dropped = TenantTxn::join(&outer, a).await.expect("join again");
        dropped
            .insert(new_tenant_role("joined-dropped"))
            .await
            .expect("insert");
        drop(dropped);
        let count = |n| {
            let outer = &outer;
            async move {
                tenant_roles::Entity::find()
                    .filter(named(n))
                    .all(outer)
                    .await
                    .expect("q")
                    .len()
            }
        };
        assert_eq!(
            count("joined-kept").await,
            1,
            "{label}: visible in the outer transaction"
        );
        assert_eq!(
            count("joined-dropped").await,
            0,
            "{label}: a dropped join is undone"
        );
        outer.rollback().await.expect("rollback");
        assert!(
            tenant_roles::Entity::find()
                .filter(named("joined-kept"))
                .one(&*db)
                .await
                .expect("q")
                .is_none(),
            "{label}: durable only when the outer transaction commits"
        );
    }
}

#[tokio::test]
async fn report_executions_are_found_by_id_alone() {
    for db in seeded().await {
        let label = db.label();
        let (a, b) = tenants(&db).await;
        let of = |t: TenantId| {
            let db = &db;
            async move {
                report_executions::Entity::find()
                    .filter(report_executions::Column::TenantId.eq(t.as_uuid()))
                    .one(&**db)
                    .await
                    .expect("q")
                    .expect("an execution")
            }
        };
        let (mine, theirs) = (of(a).await, of(b).await);
        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        let found = txn
            .find_by_uuid::<report_executions::Entity>(mine.id)
            .expect("has an id")
            .one()
            .await
            .expect("read");
        assert_eq!(
            found.map(|e| e.started_at),
            Some(mine.started_at),
            "{label}"
        );
        assert!(
            txn.find_by_uuid::<report_executions::Entity>(theirs.id)
                .expect("has an id")
                .one()
                .await
                .expect("read")
                .is_none(),
            "{label}: not another tenant's"
        );
        let err = txn
            .find_by_uuid::<tenant_features::Entity>(Uuid::now_v7())
            .expect_err("tenant_features has no id column");
        assert_eq!(err.field().as_deref(), Some("id"), "{label}");
    }
}

/// Raises a report's priority only if it is still `from`.
fn bump(report: &reports::Model, from: i64) -> reports::ActiveModel {
    reports::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(report.id),
        priority: Set(if from < 10 { from + 1 } else { from - 1 }),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_conditional_update_has_exactly_one_winner() {
    for db in seeded().await {
        let label = db.label();
        let (a, _) = tenants(&db).await;
        let report = reports::Entity::find()
            .filter(reports::Column::TenantId.eq(a.as_uuid()))
            .one(&*db)
            .await
            .expect("q")
            .expect("a report");
        let from = report.priority;
        let expected = || reports::Column::Priority.eq(from);
        // Two transactions race from the same state; each commits if it wins.
        let race = |db: DatabaseConnection, report: reports::Model| async move {
            let txn = TenantTxn::begin(&db, a).await?;
            txn.update_if(bump(&report, from), reports::Column::Priority.eq(from))
                .await?;
            txn.commit().await
        };
        let first = tokio::spawn(race((*db).clone(), report.clone()));
        let second = tokio::spawn(race((*db).clone(), report.clone()));
        let outcomes = [first.await.expect("task"), second.await.expect("task")];
        let wins = outcomes.iter().filter(|o| o.is_ok()).count();
        assert_eq!(wins, 1, "{label}: exactly one winner: {outcomes:?}");
        let loser = outcomes.into_iter().find_map(Result::err).expect("a loser");
        assert!(
            matches!(
                loser,
                Error::Concurrent {
                    conflict: ConcurrencyConflict::StateChanged,
                    ..
                }
            ),
            "{label}: {loser:?}"
        );
        assert_eq!(loser.code(), "conflict.state_changed");
        assert_eq!(loser.kind(), ErrorKind::Conflict);
        assert!(
            !loser.to_string().contains(&report.id.to_string()),
            "{loser}"
        );
        // A missing row is not found, not a conflict.
        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        let ghost = reports::Model {
            id: Uuid::now_v7(),
            ..report.clone()
        };
        let err = txn
            .update_if(bump(&ghost, from), expected())
            .await
            .expect_err("no such row");
        assert_eq!(err.code(), "not_found", "{label}");
    }
}

#[tokio::test]
async fn on_postgres_refusals_are_classified_and_safe_to_show() {
    let Some(db) = test_support::postgres().await else {
        return;
    };
    test_support::fixtures::seed_dev(&db).await;
    let (a, b) = tenants(&db).await;
    let role = AppRole::create(&db).await;
    let outcome = async {
        let txn = TenantTxn::begin(&db, a).await.expect("begin");
        txn.unscoped_connection()
            .execute_unprepared(&format!("SET LOCAL ROLE \"{}\"", role.0))
            .await
            .expect("set role");
        let err: Error = txn
            .unscoped_connection()
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO tenant_roles (id, tenant_id, name, is_default, created_at, updated_at) \
                 VALUES ($1, $2, 'smuggled', false, now(), now())",
                [Uuid::now_v7().into(), b.as_uuid().into()],
            ))
            .await
            .expect_err("refused by the policy")
            .into();
        txn.rollback().await.expect("rollback");

        // A platform job on a role under the policies is refused, not left seeing nothing.
        let mut options = ConnectOptions::new(db.url().expect("url").to_owned());
        options.max_connections(1).sqlx_logging(false);
        let single = Database::connect(options).await.expect("connect");
        single
            .execute_unprepared(&format!("SET ROLE \"{}\"", role.0))
            .await
            .expect("set role");
        let platform = PlatformTxn::begin(&single, "classification test").await;
        single.close().await.expect("close");
        (err, platform.map(|_| ()))
    }
    .await;
    role.drop(&db).await;
    let (err, platform) = outcome;
    assert!(matches!(err, Error::RowLevelSecurity { .. }), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::RowLevelSecurity);
    assert_eq!(err.code(), "forbidden.row_level_security");
    let message = err.to_string();
    assert!(message.contains("tenant_roles"), "{message}");
    assert!(!message.contains("violates"), "no driver text: {message}");
    assert!(!message.contains(&b.to_string()), "no tenant id: {message}");
    assert!(
        err.detail().contains("violates row-level security"),
        "{}",
        err.detail()
    );

    let err = platform.expect_err("a platform transaction without BYPASSRLS");
    assert_eq!(err.code(), "forbidden", "{err:?}");
    assert!(err.to_string().contains("bypasses"), "{err}");

    // A unique violation names its constraint, not the value.
    let txn = TenantTxn::begin(&db, a).await.expect("begin");
    let taken = txn
        .find::<tenant_roles::Entity>()
        .one()
        .await
        .expect("read")
        .expect("a role");
    let err = txn
        .insert(new_tenant_role(&taken.name))
        .await
        .expect_err("the name is taken");
    assert_eq!(err.code(), "conflict.unique");
    assert_eq!(err.kind().http_status(), 409);
    assert!(!err.to_string().contains(&taken.name), "{err}");
    assert!(!err.to_string().contains(&a.to_string()), "{err}");
    drop(txn);

    // A server that cannot be reached is unavailable.
    let err: Error = Database::connect("postgres://postgres@127.0.0.1:1/none")
        .await
        .expect_err("nothing listens on port 1")
        .into();
    assert_eq!(err.kind(), ErrorKind::Unavailable, "{err:?}");
    assert_eq!(err.to_string(), "the database is unavailable; retry later");
}
