-- 0005: accounts (server/accounts) and the audit log (server/audit).
--
-- A session is one sign-in on one client: a family of refresh tokens, each used once. Presenting a
-- used token again revokes the whole session (the family). Access tokens (JWT, 15 minutes) carry
-- the session id; servers keep the recently revoked session ids in memory (NOTIFY shop_sessions),
-- so a revoked session stops working at once without a database round trip per request.
-- Tokens are stored only as SHA-256 digests: the database never holds a usable token.

ALTER TABLE users
    ADD COLUMN language text NOT NULL DEFAULT 'en'
        CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' AND length(language) <= 35);
-- Admin search by email or name: trigram indexes make ILIKE '%term%' an index scan.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX idx_users_search ON users
    USING gin ((lower(email) || ' ' || lower(first_name) || ' ' || lower(last_name)) gin_trgm_ops);
CREATE INDEX idx_users_created ON users (created_at, id);

ALTER TABLE addresses
    ADD COLUMN label text NOT NULL DEFAULT '' CHECK (length(label) <= 50),
    ADD COLUMN recipient_name text NOT NULL DEFAULT '' CHECK (length(recipient_name) <= 200),
    ADD COLUMN phone text NOT NULL DEFAULT '' CHECK (length(phone) <= 40);

CREATE TABLE sessions (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_used_at   timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_reason text CHECK (length(revoked_reason) <= 100),
    user_agent     text NOT NULL DEFAULT '' CHECK (length(user_agent) <= 300),
    ip             text NOT NULL DEFAULT '' CHECK (length(ip) <= 64)
);
CREATE INDEX idx_sessions_user ON sessions (user_id) WHERE revoked_at IS NULL;
CREATE INDEX idx_sessions_revoked ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;

-- Every revocation is announced to every server (their in-memory revocation sets).
CREATE FUNCTION shop_session_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL THEN
        PERFORM pg_notify('shop_sessions', NEW.id::text);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER sessions_revoked AFTER UPDATE OF revoked_at ON sessions
    FOR EACH ROW EXECUTE FUNCTION shop_session_revoked();

CREATE TABLE refresh_tokens (
    token_digest bytea PRIMARY KEY CHECK (length(token_digest) = 32),
    session_id   uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz -- rotated: presenting it again revokes the session
);
CREATE INDEX idx_refresh_tokens_session ON refresh_tokens (session_id);

-- A password reset request. The token is made when the email is composed (so it exists only in
-- the email); until then token_digest is NULL. Single use, valid for an hour.
CREATE TABLE password_resets (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_digest bytea UNIQUE CHECK (length(token_digest) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz
);
CREATE INDEX idx_password_resets_user ON password_resets (user_id);

-- Every admin action, append-only: who, when, on what, before and after, and the request id.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor_id    uuid, -- NULL: the system or the command line
    actor_email text NOT NULL DEFAULT '' CHECK (length(actor_email) <= 254),
    action      text NOT NULL CHECK (action ~ '^[a-z_]+(\.[a-z_]+)+$' AND length(action) <= 100),
    target_type text NOT NULL CHECK (length(target_type) BETWEEN 1 AND 50),
    target_id   text NOT NULL CHECK (length(target_id) BETWEEN 1 AND 100),
    before      jsonb NOT NULL DEFAULT '{}'::jsonb,
    after       jsonb NOT NULL DEFAULT '{}'::jsonb,
    request_id  text NOT NULL DEFAULT '' CHECK (length(request_id) <= 128)
);
CREATE INDEX idx_audit_at ON audit_log (at DESC, id DESC);
CREATE INDEX idx_audit_actor ON audit_log (actor_id, at DESC);
CREATE INDEX idx_audit_target ON audit_log (target_type, target_id, at DESC);

-- Append-only for every role the application uses: updates, deletes and truncation are refused
-- by triggers (which only a superuser could disable), and the privileges are withdrawn as well.
CREATE FUNCTION shop_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION shop_audit_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION shop_audit_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
