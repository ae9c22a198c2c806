//! Read-only entities over database views. Codegen does not see views, so these are written by
//! hand; a test checks them against the view's columns on both backends.

/// What every view entity has: saving or deleting through it fails with an error naming the view
/// instead of reaching the database, and a tenant reads it through a tenant-scoped transaction by
/// its `tenant_id` (a view is not a table, so codegen writes neither impl).
macro_rules! read_only_tenant_view {
    ($view:literal) => {
        fn read_only() -> DbErr {
            DbErr::Custom(
                concat!(
                    $view,
                    " is a read-only view: change the underlying tables instead"
                )
                .into(),
            )
        }

        #[async_trait::async_trait]
        impl ActiveModelBehavior for ActiveModel {
            async fn before_save<C>(self, _db: &C, _insert: bool) -> Result<Self, DbErr>
            where
                C: ConnectionTrait,
            {
                Err(read_only())
            }

            async fn before_delete<C>(self, _db: &C) -> Result<Self, DbErr>
            where
                C: ConnectionTrait,
            {
                Err(read_only())
            }
        }

        impl crate::scope::TenantScoped for Entity {
            const PLATFORM_ROWS: bool = false;

            fn tenant_column() -> Column {
                Column::TenantId
            }
        }
    };
}

pub mod module_integrations;
pub mod tenant_dashboard;
