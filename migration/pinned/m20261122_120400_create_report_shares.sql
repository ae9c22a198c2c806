-- The SQL m20261122_120400_create_report_shares runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "report_share_permission" AS ENUM ('view', 'edit');
-- @statement
CREATE TABLE "report_shares" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "report_id" uuid NOT NULL, "shared_with_user_id" uuid NOT NULL, "shared_by_user_id" uuid, "permission" report_share_permission NOT NULL DEFAULT ('view'), "expires_at" timestamp with time zone, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_report_shares" PRIMARY KEY ("id"), CONSTRAINT "fk_report_shares_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_report_shares_report_id" FOREIGN KEY ("report_id") REFERENCES "reports" ("id") ON DELETE CASCADE, CONSTRAINT "fk_report_shares_shared_with_user_id" FOREIGN KEY ("shared_with_user_id") REFERENCES "users" ("id") ON DELETE CASCADE, CONSTRAINT "fk_report_shares_shared_by_user_id" FOREIGN KEY ("shared_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_report_shares_expires_after_created" CHECK (expires_at IS NULL OR expires_at > created_at) );
-- @statement
CREATE UNIQUE INDEX "uq_report_shares_report_id_shared_with_user_id" ON "report_shares" ("report_id", "shared_with_user_id");
-- @statement
CREATE INDEX "idx_report_shares_tenant_id" ON "report_shares" ("tenant_id");
-- @statement
CREATE INDEX "idx_report_shares_shared_with_user_id" ON "report_shares" ("shared_with_user_id");
-- @statement
CREATE INDEX "idx_report_shares_shared_by_user_id" ON "report_shares" ("shared_by_user_id");
-- @statement
ALTER TABLE "report_shares" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "report_shares" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "report_shares" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_report_shares_updated_at" BEFORE UPDATE ON "report_shares" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "report_shares" IS 'A report shared with one user, with view or edit permission, optionally until expires_at. At most one share per (report, user).';
-- @statement
COMMENT ON COLUMN "report_shares"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "report_shares"."shared_with_user_id" IS 'The user the report is shared with.';
-- @statement
COMMENT ON COLUMN "report_shares"."shared_by_user_id" IS 'Who shared it.';
-- @statement
COMMENT ON COLUMN "report_shares"."expires_at" IS 'When the share lapses; NULL for no end.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "report_shares";
-- @statement
DROP TYPE "report_share_permission";

-- @sqlite up
-- @statement
CREATE TABLE "report_shares" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "report_id" uuid_text NOT NULL, "shared_with_user_id" uuid_text NOT NULL, "shared_by_user_id" uuid_text, "permission" text NOT NULL DEFAULT ('view'), "expires_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_report_shares" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("report_id") REFERENCES "reports" ("id") ON DELETE CASCADE, FOREIGN KEY ("shared_with_user_id") REFERENCES "users" ("id") ON DELETE CASCADE, FOREIGN KEY ("shared_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_report_shares_expires_after_created" CHECK (expires_at IS NULL OR expires_at > created_at), CONSTRAINT "ck_report_shares_permission" CHECK ("permission" IN ('view', 'edit')) );
-- @statement
CREATE UNIQUE INDEX "uq_report_shares_report_id_shared_with_user_id" ON "report_shares" ("report_id", "shared_with_user_id");
-- @statement
CREATE INDEX "idx_report_shares_tenant_id" ON "report_shares" ("tenant_id");
-- @statement
CREATE INDEX "idx_report_shares_shared_with_user_id" ON "report_shares" ("shared_with_user_id");
-- @statement
CREATE INDEX "idx_report_shares_shared_by_user_id" ON "report_shares" ("shared_by_user_id");

-- @sqlite down
-- @statement
DROP TABLE "report_shares";
