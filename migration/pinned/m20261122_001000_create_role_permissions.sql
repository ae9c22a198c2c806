-- The SQL m20261122_001000_create_role_permissions runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TABLE "role_permissions" ( "role_id" uuid NOT NULL, "permission_id" uuid NOT NULL, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_role_permissions" PRIMARY KEY ("role_id", "permission_id"), CONSTRAINT "fk_role_permissions_role_id" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE, CONSTRAINT "fk_role_permissions_permission_id" FOREIGN KEY ("permission_id") REFERENCES "permissions" ("id") ON DELETE CASCADE );
-- @statement
CREATE INDEX "idx_role_permissions_permission_id" ON "role_permissions" ("permission_id");
-- @statement
COMMENT ON TABLE "role_permissions" IS 'The permissions a role grants: one row per (role, permission).';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "role_permissions";

-- @sqlite up
-- @statement
CREATE TABLE "role_permissions" ( "role_id" uuid_text NOT NULL, "permission_id" uuid_text NOT NULL, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_role_permissions" PRIMARY KEY ("role_id", "permission_id"), FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE, FOREIGN KEY ("permission_id") REFERENCES "permissions" ("id") ON DELETE CASCADE );
-- @statement
CREATE INDEX "idx_role_permissions_permission_id" ON "role_permissions" ("permission_id");

-- @sqlite down
-- @statement
DROP TABLE "role_permissions";
