-- The SQL m20261122_060100_create_ticket_comments runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "ticket_comments" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "ticket_id" uuid NOT NULL, "author_user_id" uuid, "body" text NOT NULL, "is_internal" bool NOT NULL DEFAULT (FALSE), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_ticket_comments" PRIMARY KEY ("id"), CONSTRAINT "fk_ticket_comments_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_ticket_comments_ticket_id" FOREIGN KEY ("ticket_id") REFERENCES "tickets" ("id") ON DELETE CASCADE, CONSTRAINT "fk_ticket_comments_author_user_id" FOREIGN KEY ("author_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_ticket_comments_body_not_blank" CHECK (length(trim(body)) > 0) );
-- @statement
CREATE INDEX "idx_ticket_comments_ticket_id_created_at" ON "ticket_comments" ("ticket_id", "created_at");
-- @statement
CREATE INDEX "idx_ticket_comments_tenant_id" ON "ticket_comments" ("tenant_id");
-- @statement
CREATE INDEX "idx_ticket_comments_author_user_id" ON "ticket_comments" ("author_user_id");
-- @statement
ALTER TABLE "ticket_comments" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "ticket_comments" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "ticket_comments" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_ticket_comments_updated_at" BEFORE UPDATE ON "ticket_comments" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "ticket_comments" IS 'A comment on a ticket, by the requester or an agent; internal comments are visible to agents only. Belongs to the ticket''s tenant (kept equal by the domain layer).';
-- @statement
COMMENT ON COLUMN "ticket_comments"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "ticket_comments"."author_user_id" IS 'Who wrote it; NULL once that user is deleted.';
-- @statement
COMMENT ON COLUMN "ticket_comments"."is_internal" IS 'Visible to agents only, never to the requester.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "ticket_comments";

-- @sqlite up
-- @statement
CREATE TABLE "ticket_comments" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "ticket_id" uuid_text NOT NULL, "author_user_id" uuid_text, "body" text NOT NULL, "is_internal" boolean NOT NULL DEFAULT (FALSE), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_ticket_comments" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("ticket_id") REFERENCES "tickets" ("id") ON DELETE CASCADE, FOREIGN KEY ("author_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_ticket_comments_body_not_blank" CHECK (length(trim(body)) > 0) );
-- @statement
CREATE INDEX "idx_ticket_comments_ticket_id_created_at" ON "ticket_comments" ("ticket_id", "created_at");
-- @statement
CREATE INDEX "idx_ticket_comments_tenant_id" ON "ticket_comments" ("tenant_id");
-- @statement
CREATE INDEX "idx_ticket_comments_author_user_id" ON "ticket_comments" ("author_user_id");

-- @sqlite down
-- @statement
DROP TABLE "ticket_comments";
