-- The SQL m20261122_100100_create_notifications runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "notification_target_type" AS ENUM ('user', 'tenant', 'admin', 'system');
-- @statement
CREATE TYPE "notification_status" AS ENUM ('pending', 'sent', 'delivered', 'failed', 'expired');
-- @statement
CREATE TYPE "notification_priority" AS ENUM ('low', 'medium', 'high', 'urgent');
-- @statement
CREATE TABLE "notifications" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "target_type" notification_target_type NOT NULL DEFAULT ('user'), "recipient_user_id" uuid, "channel" notification_channel NOT NULL DEFAULT ('in_app'), "status" notification_status NOT NULL DEFAULT ('pending'), "priority" notification_priority NOT NULL DEFAULT ('medium'), "title" text NOT NULL, "body" text NOT NULL, "data" jsonb NOT NULL DEFAULT ('{}'), "action_required" bool NOT NULL DEFAULT (FALSE), "action_deadline" timestamp with time zone, "retry_count" bigint NOT NULL DEFAULT (0), "sent_at" timestamp with time zone, "delivered_at" timestamp with time zone, "read_at" timestamp with time zone, "expires_at" timestamp with time zone, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_notifications" PRIMARY KEY ("id"), CONSTRAINT "fk_notifications_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_notifications_recipient_user_id" FOREIGN KEY ("recipient_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_notifications_retry_count_non_negative" CHECK (retry_count >= 0), CONSTRAINT "ck_notifications_delivered_at_iff_delivered" CHECK ((status = 'delivered') = (delivered_at IS NOT NULL)), CONSTRAINT "ck_notifications_sent_at_when_sent" CHECK (status NOT IN ('sent', 'delivered') OR sent_at IS NOT NULL), CONSTRAINT "ck_notifications_expires_at_when_expired" CHECK (status <> 'expired' OR expires_at IS NOT NULL), CONSTRAINT "ck_notifications_action_deadline_needs_action" CHECK (action_deadline IS NULL OR action_required), CONSTRAINT "ck_notifications_sent_after_created" CHECK (sent_at IS NULL OR sent_at >= created_at), CONSTRAINT "ck_notifications_delivered_after_sent" CHECK (delivered_at IS NULL OR delivered_at >= sent_at), CONSTRAINT "ck_notifications_read_after_created" CHECK (read_at IS NULL OR read_at >= created_at), CONSTRAINT "ck_notifications_expires_after_created" CHECK (expires_at IS NULL OR expires_at > created_at), CONSTRAINT "ck_notifications_title_length" CHECK (length("title") <= 255) );
-- @statement
CREATE INDEX "idx_notifications_recipient_user_id_created_at" ON "notifications" ("recipient_user_id", "created_at" DESC);
-- @statement
CREATE INDEX "idx_notifications_tenant_id_created_at" ON "notifications" ("tenant_id", "created_at" DESC);
-- @statement
CREATE INDEX "idx_notifications_pending_created_at" ON "notifications" ("created_at") WHERE status = 'pending';
-- @statement
ALTER TABLE "notifications" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "notifications" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "notifications" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_notifications_updated_at" BEFORE UPDATE ON "notifications" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "notifications" IS 'One message to one target (a user, the tenant, its administrators or the system) on one channel, with its delivery state: sent_at is set once sent, delivered_at exactly when delivered, read_at when the recipient opened it.';
-- @statement
COMMENT ON COLUMN "notifications"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "notifications"."recipient_user_id" IS 'The user addressed, when target_type is user; NULL for broadcast targets or once the user is deleted.';
-- @statement
COMMENT ON COLUMN "notifications"."data" IS 'Free-form context for the client, such as the id and kind of the object it is about.';
-- @statement
COMMENT ON COLUMN "notifications"."action_required" IS 'Whether the recipient must act on it.';
-- @statement
COMMENT ON COLUMN "notifications"."action_deadline" IS 'When the required action is due.';
-- @statement
COMMENT ON COLUMN "notifications"."retry_count" IS 'Delivery attempts that failed so far.';
-- @statement
COMMENT ON COLUMN "notifications"."expires_at" IS 'After this the notification is no longer shown or retried.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "notifications";
-- @statement
DROP TYPE "notification_priority";
-- @statement
DROP TYPE "notification_status";
-- @statement
DROP TYPE "notification_target_type";

-- @sqlite up
-- @statement
CREATE TABLE "notifications" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "target_type" text NOT NULL DEFAULT ('user'), "recipient_user_id" uuid_text, "channel" text NOT NULL DEFAULT ('in_app'), "status" text NOT NULL DEFAULT ('pending'), "priority" text NOT NULL DEFAULT ('medium'), "title" text NOT NULL, "body" text NOT NULL, "data" jsonb_text NOT NULL DEFAULT ('{}'), "action_required" boolean NOT NULL DEFAULT (FALSE), "action_deadline" timestamp_with_timezone_text, "retry_count" integer NOT NULL DEFAULT (0), "sent_at" timestamp_with_timezone_text, "delivered_at" timestamp_with_timezone_text, "read_at" timestamp_with_timezone_text, "expires_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_notifications" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("recipient_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_notifications_retry_count_non_negative" CHECK (retry_count >= 0), CONSTRAINT "ck_notifications_delivered_at_iff_delivered" CHECK ((status = 'delivered') = (delivered_at IS NOT NULL)), CONSTRAINT "ck_notifications_sent_at_when_sent" CHECK (status NOT IN ('sent', 'delivered') OR sent_at IS NOT NULL), CONSTRAINT "ck_notifications_expires_at_when_expired" CHECK (status <> 'expired' OR expires_at IS NOT NULL), CONSTRAINT "ck_notifications_action_deadline_needs_action" CHECK (action_deadline IS NULL OR action_required), CONSTRAINT "ck_notifications_sent_after_created" CHECK (sent_at IS NULL OR sent_at >= created_at), CONSTRAINT "ck_notifications_delivered_after_sent" CHECK (delivered_at IS NULL OR delivered_at >= sent_at), CONSTRAINT "ck_notifications_read_after_created" CHECK (read_at IS NULL OR read_at >= created_at), CONSTRAINT "ck_notifications_expires_after_created" CHECK (expires_at IS NULL OR expires_at > created_at), CONSTRAINT "ck_notifications_title_length" CHECK (length("title") <= 255), CONSTRAINT "ck_notifications_target_type" CHECK ("target_type" IN ('user', 'tenant', 'admin', 'system')), CONSTRAINT "ck_notifications_channel" CHECK ("channel" IN ('in_app', 'email', 'sms', 'push', 'webhook')), CONSTRAINT "ck_notifications_status" CHECK ("status" IN ('pending', 'sent', 'delivered', 'failed', 'expired')), CONSTRAINT "ck_notifications_priority" CHECK ("priority" IN ('low', 'medium', 'high', 'urgent')) );
-- @statement
CREATE INDEX "idx_notifications_recipient_user_id_created_at" ON "notifications" ("recipient_user_id", "created_at" DESC);
-- @statement
CREATE INDEX "idx_notifications_tenant_id_created_at" ON "notifications" ("tenant_id", "created_at" DESC);
-- @statement
CREATE INDEX "idx_notifications_pending_created_at" ON "notifications" ("created_at") WHERE status = 'pending';

-- @sqlite down
-- @statement
DROP TABLE "notifications";
