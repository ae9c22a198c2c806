-- The SQL m20261122_000400_create_tenant_users runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "tenant_user_status" AS ENUM ('invited', 'active', 'suspended', 'removed');
-- @statement
CREATE TABLE "tenant_users" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "tenant_role_id" uuid, "status" tenant_user_status NOT NULL DEFAULT ('invited'), "invited_by_user_id" uuid, "joined_at" timestamp with time zone, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_tenant_users" PRIMARY KEY ("id"), CONSTRAINT "fk_tenant_users_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_tenant_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, CONSTRAINT "fk_tenant_users_tenant_role_id" FOREIGN KEY ("tenant_role_id") REFERENCES "tenant_roles" ("id") ON DELETE NO ACTION, CONSTRAINT "fk_tenant_users_invited_by_user_id" FOREIGN KEY ("invited_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_tenant_users_joined_when_active" CHECK (status <> 'active' OR joined_at IS NOT NULL) );
-- @statement
CREATE UNIQUE INDEX "uq_tenant_users_tenant_id_user_id" ON "tenant_users" ("tenant_id", "user_id");
-- @statement
CREATE INDEX "idx_tenant_users_user_id" ON "tenant_users" ("user_id");
-- @statement
CREATE INDEX "idx_tenant_users_tenant_role_id" ON "tenant_users" ("tenant_role_id");
-- @statement
CREATE INDEX "idx_tenant_users_invited_by_user_id" ON "tenant_users" ("invited_by_user_id");
-- @statement
ALTER TABLE "tenant_users" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "tenant_users" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "tenant_users" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_tenant_users_updated_at" BEFORE UPDATE ON "tenant_users" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "tenant_users" IS 'Membership of a user in a tenant, with the tenant role it holds. One row per (tenant, user).';
-- @statement
COMMENT ON COLUMN "tenant_users"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "tenant_users"."joined_at" IS 'Set when the invitation is accepted.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "tenant_users";
-- @statement
DROP TYPE "tenant_user_status";

-- @sqlite up
-- @statement
CREATE TABLE "tenant_users" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "user_id" uuid_text NOT NULL, "tenant_role_id" uuid_text, "status" text NOT NULL DEFAULT ('invited'), "invited_by_user_id" uuid_text, "joined_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_tenant_users" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE, FOREIGN KEY ("tenant_role_id") REFERENCES "tenant_roles" ("id") ON DELETE NO ACTION, FOREIGN KEY ("invited_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_tenant_users_joined_when_active" CHECK (status <> 'active' OR joined_at IS NOT NULL), CONSTRAINT "ck_tenant_users_status" CHECK ("status" IN ('invited', 'active', 'suspended', 'removed')) );
-- @statement
CREATE UNIQUE INDEX "uq_tenant_users_tenant_id_user_id" ON "tenant_users" ("tenant_id", "user_id");
-- @statement
CREATE INDEX "idx_tenant_users_user_id" ON "tenant_users" ("user_id");
-- @statement
CREATE INDEX "idx_tenant_users_tenant_role_id" ON "tenant_users" ("tenant_role_id");
-- @statement
CREATE INDEX "idx_tenant_users_invited_by_user_id" ON "tenant_users" ("invited_by_user_id");

-- @sqlite down
-- @statement
DROP TABLE "tenant_users";
