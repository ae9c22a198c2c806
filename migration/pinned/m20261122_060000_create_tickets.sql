-- The SQL m20261122_060000_create_tickets runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "ticket_status" AS ENUM ('open', 'pending', 'on_hold', 'solved', 'closed');
-- @statement
CREATE TYPE "ticket_priority" AS ENUM ('low', 'medium', 'high', 'urgent');
-- @statement
CREATE TABLE "tickets" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "number" bigint NOT NULL, "subject" text NOT NULL, "description" text NOT NULL, "status" ticket_status NOT NULL DEFAULT ('open'), "priority" ticket_priority NOT NULL DEFAULT ('medium'), "requester_user_id" uuid, "assignee_user_id" uuid, "resolved_at" timestamp with time zone, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_tickets" PRIMARY KEY ("id"), CONSTRAINT "fk_tickets_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_tickets_requester_user_id" FOREIGN KEY ("requester_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "fk_tickets_assignee_user_id" FOREIGN KEY ("assignee_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_tickets_number_positive" CHECK (number > 0), CONSTRAINT "ck_tickets_subject_not_blank" CHECK (length(trim(subject)) > 0), CONSTRAINT "ck_tickets_resolved_at_iff_solved_or_closed" CHECK ((status IN ('solved', 'closed')) = (resolved_at IS NOT NULL)), CONSTRAINT "ck_tickets_resolved_after_created" CHECK (resolved_at IS NULL OR resolved_at >= created_at), CONSTRAINT "ck_tickets_subject_length" CHECK (length("subject") <= 200) );
-- @statement
CREATE UNIQUE INDEX "uq_tickets_tenant_id_number" ON "tickets" ("tenant_id", "number");
-- @statement
CREATE INDEX "idx_tickets_tenant_id_status_created_at" ON "tickets" ("tenant_id", "status", "created_at" DESC);
-- @statement
CREATE INDEX "idx_tickets_requester_user_id" ON "tickets" ("requester_user_id");
-- @statement
CREATE INDEX "idx_tickets_assignee_user_id" ON "tickets" ("assignee_user_id");
-- @statement
ALTER TABLE "tickets" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "tickets" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "tickets" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_tickets_updated_at" BEFORE UPDATE ON "tickets" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "tickets" IS 'A support request of a tenant, numbered 1, 2, … within the tenant. resolved_at is set exactly while the ticket is solved or closed (reopening clears it; closing an unsolved ticket records the closing time).';
-- @statement
COMMENT ON COLUMN "tickets"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "tickets"."number" IS 'The ticket''s number within its tenant: the next free one, by the application.';
-- @statement
COMMENT ON COLUMN "tickets"."requester_user_id" IS 'Who asked; NULL once that user is deleted.';
-- @statement
COMMENT ON COLUMN "tickets"."assignee_user_id" IS 'The agent working on it; NULL while unassigned.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "tickets";
-- @statement
DROP TYPE "ticket_priority";
-- @statement
DROP TYPE "ticket_status";

-- @sqlite up
-- @statement
CREATE TABLE "tickets" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "number" integer NOT NULL, "subject" text NOT NULL, "description" text NOT NULL, "status" text NOT NULL DEFAULT ('open'), "priority" text NOT NULL DEFAULT ('medium'), "requester_user_id" uuid_text, "assignee_user_id" uuid_text, "resolved_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_tickets" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("requester_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, FOREIGN KEY ("assignee_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_tickets_number_positive" CHECK (number > 0), CONSTRAINT "ck_tickets_subject_not_blank" CHECK (length(trim(subject)) > 0), CONSTRAINT "ck_tickets_resolved_at_iff_solved_or_closed" CHECK ((status IN ('solved', 'closed')) = (resolved_at IS NOT NULL)), CONSTRAINT "ck_tickets_resolved_after_created" CHECK (resolved_at IS NULL OR resolved_at >= created_at), CONSTRAINT "ck_tickets_subject_length" CHECK (length("subject") <= 200), CONSTRAINT "ck_tickets_status" CHECK ("status" IN ('open', 'pending', 'on_hold', 'solved', 'closed')), CONSTRAINT "ck_tickets_priority" CHECK ("priority" IN ('low', 'medium', 'high', 'urgent')) );
-- @statement
CREATE UNIQUE INDEX "uq_tickets_tenant_id_number" ON "tickets" ("tenant_id", "number");
-- @statement
CREATE INDEX "idx_tickets_tenant_id_status_created_at" ON "tickets" ("tenant_id", "status", "created_at" DESC);
-- @statement
CREATE INDEX "idx_tickets_requester_user_id" ON "tickets" ("requester_user_id");
-- @statement
CREATE INDEX "idx_tickets_assignee_user_id" ON "tickets" ("assignee_user_id");

-- @sqlite down
-- @statement
DROP TABLE "tickets";
