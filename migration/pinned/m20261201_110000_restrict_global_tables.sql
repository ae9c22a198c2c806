-- The SQL m20261201_110000_restrict_global_tables runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "tenants" FORCE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "role_permissions" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "role_permissions" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "own_tenant_read" ON "tenants" FOR SELECT USING ("id" = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')::uuid));
-- @statement
CREATE POLICY "own_tenant_update" ON "tenants" FOR UPDATE USING ("id" = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')::uuid)) WITH CHECK ("id" = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')::uuid));
-- @statement
CREATE POLICY "tenant_members_read" ON "users" FOR SELECT USING (EXISTS (SELECT 1 FROM "tenant_users" tu WHERE tu."user_id" = "users"."id" AND tu."tenant_id" = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')::uuid)));
-- @statement
CREATE POLICY "tenant_members_update" ON "users" FOR UPDATE USING (EXISTS (SELECT 1 FROM "tenant_users" tu WHERE tu."user_id" = "users"."id" AND tu."tenant_id" = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')::uuid))) WITH CHECK (EXISTS (SELECT 1 FROM "tenant_users" tu WHERE tu."user_id" = "users"."id" AND tu."tenant_id" = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')::uuid)));
-- @statement
CREATE POLICY "visible_roles_read" ON "role_permissions" FOR SELECT USING (EXISTS (SELECT 1 FROM "roles" r WHERE r."id" = "role_permissions"."role_id"));
-- @statement
CREATE POLICY "own_roles_insert" ON "role_permissions" FOR INSERT WITH CHECK (EXISTS (SELECT 1 FROM "roles" r WHERE r."id" = "role_permissions"."role_id" AND r."tenant_id" = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')::uuid)));
-- @statement
CREATE POLICY "own_roles_delete" ON "role_permissions" FOR DELETE USING (EXISTS (SELECT 1 FROM "roles" r WHERE r."id" = "role_permissions"."role_id" AND r."tenant_id" = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')::uuid)));
-- @statement
ALTER POLICY "tenant_read" ON "integration_events" USING ("tenant_id" = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')::uuid));
-- @statement
ALTER POLICY "tenant_read" ON "sessions" USING ("tenant_id" = (SELECT NULLIF(current_setting('app.current_tenant_id', true), '')::uuid));

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
ALTER POLICY "tenant_read" ON "integration_events" USING ("tenant_id" IS NULL OR "tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
ALTER POLICY "tenant_read" ON "sessions" USING ("tenant_id" IS NULL OR "tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
DROP POLICY "own_roles_delete" ON "role_permissions";
-- @statement
DROP POLICY "own_roles_insert" ON "role_permissions";
-- @statement
DROP POLICY "visible_roles_read" ON "role_permissions";
-- @statement
DROP POLICY "tenant_members_update" ON "users";
-- @statement
DROP POLICY "tenant_members_read" ON "users";
-- @statement
DROP POLICY "own_tenant_update" ON "tenants";
-- @statement
DROP POLICY "own_tenant_read" ON "tenants";
-- @statement
ALTER TABLE "role_permissions" NO FORCE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "role_permissions" DISABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "users" NO FORCE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "users" DISABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "tenants" NO FORCE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "tenants" DISABLE ROW LEVEL SECURITY;

-- @sqlite up

-- @sqlite down
