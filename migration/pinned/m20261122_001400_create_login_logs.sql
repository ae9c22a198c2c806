-- The SQL m20261122_001400_create_login_logs runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "login_logs" ( "id" uuid NOT NULL, "user_id" uuid, "email_attempted" text NOT NULL, "succeeded" bool NOT NULL, "failure_reason" text, "ip_address" text, "user_agent" text, "occurred_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_login_logs" PRIMARY KEY ("id", "occurred_at"), CONSTRAINT "fk_login_logs_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_login_logs_failure_reason_iff_failed" CHECK (succeeded = (failure_reason IS NULL)), CONSTRAINT "ck_login_logs_email_attempted_length" CHECK (length("email_attempted") <= 320), CONSTRAINT "ck_login_logs_failure_reason_length" CHECK (length("failure_reason") <= 100), CONSTRAINT "ck_login_logs_ip_address_length" CHECK (length("ip_address") <= 45) ) PARTITION BY RANGE ("occurred_at");
-- @statement
CREATE INDEX "idx_login_logs_email_attempted_occurred_at" ON "login_logs" (lower(email_attempted), "occurred_at" DESC);
-- @statement
CREATE INDEX "idx_login_logs_occurred_at" ON "login_logs" ("occurred_at");
-- @statement
CREATE INDEX "idx_login_logs_user_id" ON "login_logs" ("user_id");
-- @statement
COMMENT ON TABLE "login_logs" IS 'Every sign-in attempt, successful or not. Append-only; on Postgres partitioned by month of occurred_at, which is therefore part of the primary key.';
-- @statement
COMMENT ON COLUMN "login_logs"."user_id" IS 'The user the email matched, if any.';
-- @statement
CREATE TABLE "login_logs_default" PARTITION OF "login_logs" DEFAULT;

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "login_logs";

-- @sqlite up
-- @statement
CREATE TABLE "login_logs" ( "id" uuid_text NOT NULL, "user_id" uuid_text, "email_attempted" text NOT NULL, "succeeded" boolean NOT NULL, "failure_reason" text, "ip_address" text, "user_agent" text, "occurred_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_login_logs" PRIMARY KEY ("id", "occurred_at"), FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_login_logs_failure_reason_iff_failed" CHECK (succeeded = (failure_reason IS NULL)), CONSTRAINT "ck_login_logs_email_attempted_length" CHECK (length("email_attempted") <= 320), CONSTRAINT "ck_login_logs_failure_reason_length" CHECK (length("failure_reason") <= 100), CONSTRAINT "ck_login_logs_ip_address_length" CHECK (length("ip_address") <= 45) );
-- @statement
CREATE INDEX "idx_login_logs_email_attempted_occurred_at" ON "login_logs" (lower(email_attempted), "occurred_at" DESC);
-- @statement
CREATE INDEX "idx_login_logs_occurred_at" ON "login_logs" ("occurred_at");
-- @statement
CREATE INDEX "idx_login_logs_user_id" ON "login_logs" ("user_id");

-- @sqlite down
-- @statement
DROP TABLE "login_logs";
