//! The catalog helpers list what they promise on both backends: tooling tables only where asked
//! for, never views or partitions, and the same tenant tables on SQLite as on Postgres.

use sea_orm::ConnectionTrait;
use test_support::catalog::{self, TenantTable};

#[tokio::test]
async fn the_lists_keep_their_exclusions_on_both_backends() {
    let mut tenant_tables_by_backend = Vec::new();
    for db in test_support::all_backends().await {
        let label = db.label();
        db.execute_unprepared("CREATE TABLE xtask_probe (id INTEGER PRIMARY KEY)")
            .await
            .expect("a tooling table");
        db.execute_unprepared("CREATE VIEW probe_view AS SELECT id, slug FROM tenants")
            .await
            .expect("a view");

        let all = catalog::tables(&db).await;
        let domain = catalog::domain_tables(&db).await;
        for tooling in ["seaql_migrations", "xtask_probe"] {
            assert!(all.contains(&tooling.to_owned()), "{label}: {all:?}");
            assert!(!domain.contains(&tooling.to_owned()), "{label}: {domain:?}");
        }
        assert!(domain.contains(&"tenants".to_owned()), "{label}");
        assert!(!all.contains(&"probe_view".to_owned()), "{label}: no views");
        assert!(!all.iter().any(|t| t.starts_with("sqlite_")), "{label}");
        if label == "postgres" {
            assert!(domain.contains(&"audit_logs".to_owned()), "{label}");
            assert!(
                !all.contains(&"audit_logs_default".to_owned()),
                "{label}: no partitions"
            );
        }
        for list in [&all, &domain] {
            let mut sorted = list.clone();
            sorted.sort();
            assert_eq!(list, &sorted, "{label}: sorted");
        }

        let tenant = catalog::tenant_tables(&db).await;
        assert!(tenant.len() > 40, "{label}: {}", tenant.len());
        assert!(
            tenant.iter().all(|t| domain.contains(&t.name)),
            "{label}: tenant tables are domain tables"
        );
        assert_eq!(
            catalog::tenant_table_names(&db).await,
            tenant.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
            "{label}"
        );
        let find = |name: &str| tenant.iter().find(|t| t.name == name).cloned();
        assert_eq!(
            find("tenant_users"),
            Some(TenantTable {
                name: "tenant_users".into(),
                tenant_id_nullable: false,
            }),
            "{label}"
        );
        assert_eq!(
            find("roles"),
            Some(TenantTable {
                name: "roles".into(),
                tenant_id_nullable: true,
            }),
            "{label}: roles mix platform rows"
        );
        assert_eq!(find("tenants"), None, "{label}");
        tenant_tables_by_backend.push((label, tenant));

        let enums = catalog::enum_types(&db).await;
        let functions = catalog::functions(&db).await;
        if label == "postgres" {
            assert!(!enums.is_empty(), "{label}: the schema declares enum types");
            assert!(
                !functions.is_empty(),
                "{label}: the schema declares functions"
            );
        } else {
            assert!(enums.is_empty() && functions.is_empty(), "{label}");
        }
    }
    if let [(_, sqlite), (_, postgres)] = tenant_tables_by_backend.as_slice() {
        assert_eq!(sqlite, postgres, "the same tenant tables on both backends");
    }
}
