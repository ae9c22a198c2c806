-- The SQL m20261201_120000_create_auth_functions runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE FUNCTION auth_api_key_by_prefix(p_prefix text) RETURNS TABLE (api_key_id uuid, tenant_id uuid, key_hash text, scopes jsonb, expires_at timestamptz, revoked_at timestamptz) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$ SELECT k.id, k.tenant_id, k.key_hash, k.scopes, k.expires_at, k.revoked_at FROM api_keys k WHERE k.key_prefix = p_prefix $$;
-- @statement
REVOKE ALL ON FUNCTION auth_api_key_by_prefix(text) FROM PUBLIC;
-- @statement
COMMENT ON FUNCTION auth_api_key_by_prefix(text) IS 'Authentication before the tenant is known: SECURITY DEFINER, owned by the authentication role after cargo xtask roles, executable by the application role only.';
-- @statement
CREATE FUNCTION auth_session_by_token_hash(p_token_hash text) RETURNS TABLE (session_id uuid, user_id uuid, tenant_id uuid, expires_at timestamptz, revoked_at timestamptz) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$ SELECT s.id, s.user_id, s.tenant_id, s.expires_at, s.revoked_at FROM sessions s WHERE s.token_hash = p_token_hash $$;
-- @statement
REVOKE ALL ON FUNCTION auth_session_by_token_hash(text) FROM PUBLIC;
-- @statement
COMMENT ON FUNCTION auth_session_by_token_hash(text) IS 'Authentication before the tenant is known: SECURITY DEFINER, owned by the authentication role after cargo xtask roles, executable by the application role only.';
-- @statement
CREATE FUNCTION auth_login_by_email(p_email text) RETURNS TABLE (user_id uuid, password_hash text, status text) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$ SELECT u.id, u.password_hash, u.status::text FROM users u WHERE lower(u.email) = lower(p_email) $$;
-- @statement
REVOKE ALL ON FUNCTION auth_login_by_email(text) FROM PUBLIC;
-- @statement
COMMENT ON FUNCTION auth_login_by_email(text) IS 'Authentication before the tenant is known: SECURITY DEFINER, owned by the authentication role after cargo xtask roles, executable by the application role only.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP FUNCTION auth_login_by_email(text);
-- @statement
DROP FUNCTION auth_session_by_token_hash(text);
-- @statement
DROP FUNCTION auth_api_key_by_prefix(text);

-- @sqlite up

-- @sqlite down
