-- The SQL m20261122_060200_create_feedbacks runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "feedbacks" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "user_id" uuid, "rating" bigint NOT NULL, "category" text, "comment" text, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_feedbacks" PRIMARY KEY ("id"), CONSTRAINT "fk_feedbacks_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_feedbacks_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_feedbacks_rating_range" CHECK (rating BETWEEN 1 AND 5), CONSTRAINT "ck_feedbacks_category_length" CHECK (length("category") <= 50) );
-- @statement
CREATE INDEX "idx_feedbacks_tenant_id_created_at" ON "feedbacks" ("tenant_id", "created_at" DESC);
-- @statement
CREATE INDEX "idx_feedbacks_user_id" ON "feedbacks" ("user_id");
-- @statement
ALTER TABLE "feedbacks" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "feedbacks" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "feedbacks" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_feedbacks_updated_at" BEFORE UPDATE ON "feedbacks" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "feedbacks" IS 'Feedback a user of a tenant gave: a rating from 1 to 5, optionally a category and a comment.';
-- @statement
COMMENT ON COLUMN "feedbacks"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "feedbacks"."user_id" IS 'Who gave it; NULL once that user is deleted.';
-- @statement
COMMENT ON COLUMN "feedbacks"."rating" IS '1 (worst) to 5 (best).';
-- @statement
COMMENT ON COLUMN "feedbacks"."category" IS 'What the feedback is about, for example reports or billing.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "feedbacks";

-- @sqlite up
-- @statement
CREATE TABLE "feedbacks" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "user_id" uuid_text, "rating" integer NOT NULL, "category" text, "comment" text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_feedbacks" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_feedbacks_rating_range" CHECK (rating BETWEEN 1 AND 5), CONSTRAINT "ck_feedbacks_category_length" CHECK (length("category") <= 50) );
-- @statement
CREATE INDEX "idx_feedbacks_tenant_id_created_at" ON "feedbacks" ("tenant_id", "created_at" DESC);
-- @statement
CREATE INDEX "idx_feedbacks_user_id" ON "feedbacks" ("user_id");

-- @sqlite down
-- @statement
DROP TABLE "feedbacks";
