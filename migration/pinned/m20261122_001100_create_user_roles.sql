-- The SQL m20261122_001100_create_user_roles runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "user_roles" ( "id" uuid NOT NULL, "user_id" uuid NOT NULL, "role_id" uuid NOT NULL, "tenant_id" uuid, "granted_by_user_id" uuid, "granted_at" timestamp with time zone NOT NULL DEFAULT (now()), "expires_at" timestamp with time zone, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_user_roles" PRIMARY KEY ("id"), CONSTRAINT "fk_user_roles_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, CONSTRAINT "fk_user_roles_role_id" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE, CONSTRAINT "fk_user_roles_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_user_roles_granted_by_user_id" FOREIGN KEY ("granted_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_user_roles_expires_after_granted" CHECK (expires_at IS NULL OR expires_at > granted_at) );
-- @statement
CREATE UNIQUE INDEX "uq_user_roles_user_id_role_id_tenant_id" ON "user_roles" ("user_id", "role_id", "tenant_id") NULLS NOT DISTINCT;
-- @statement
CREATE INDEX "idx_user_roles_role_id" ON "user_roles" ("role_id");
-- @statement
CREATE INDEX "idx_user_roles_tenant_id" ON "user_roles" ("tenant_id");
-- @statement
CREATE INDEX "idx_user_roles_granted_by_user_id" ON "user_roles" ("granted_by_user_id");
-- @statement
ALTER TABLE "user_roles" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "user_roles" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_read" ON "user_roles" FOR SELECT USING ("tenant_id" IS NULL OR "tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_insert" ON "user_roles" FOR INSERT WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_update" ON "user_roles" FOR UPDATE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_delete" ON "user_roles" FOR DELETE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_user_roles_updated_at" BEFORE UPDATE ON "user_roles" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "user_roles" IS 'A grant of a role to a user: within one tenant, or platform-wide when tenant_id is NULL; temporary when expires_at is set.';
-- @statement
COMMENT ON COLUMN "user_roles"."id" IS 'UUIDv7 assigned by the application (time-ordered).';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "user_roles";

-- @sqlite up
-- @statement
CREATE TABLE "user_roles" ( "id" uuid_text NOT NULL, "user_id" uuid_text NOT NULL, "role_id" uuid_text NOT NULL, "tenant_id" uuid_text, "granted_by_user_id" uuid_text, "granted_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "expires_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_user_roles" PRIMARY KEY ("id"), FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("granted_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_user_roles_expires_after_granted" CHECK (expires_at IS NULL OR expires_at > granted_at) );
-- @statement
CREATE UNIQUE INDEX "uq_user_roles_user_id_role_id_tenant_id" ON "user_roles" ("user_id", "role_id", ifnull(tenant_id, ''));
-- @statement
CREATE INDEX "idx_user_roles_role_id" ON "user_roles" ("role_id");
-- @statement
CREATE INDEX "idx_user_roles_tenant_id" ON "user_roles" ("tenant_id");
-- @statement
CREATE INDEX "idx_user_roles_granted_by_user_id" ON "user_roles" ("granted_by_user_id");

-- @sqlite down
-- @statement
DROP TABLE "user_roles";
