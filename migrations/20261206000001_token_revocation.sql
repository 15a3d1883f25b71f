-- Server-side sign-out for dashboard access tokens (JWTs).
--
-- * `users.token_version` is carried in every access token (`ver`). "Sign out
--   everywhere" bumps it, so every token issued before stops working at once: the API
--   checks it on every request and the realtime node on every `/agents` event.
-- * `revoked_tokens` holds single tokens signed out one by one (`POST /auth/logout`),
--   by their id (`jti`), until they would have expired anyway; rows past `expires_at`
--   are useless and deleted whenever a token is revoked.
ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0;

CREATE TABLE revoked_tokens (
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    jti         uuid NOT NULL,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, jti)
);
CREATE INDEX revoked_tokens_expiry_idx ON revoked_tokens (tenant_id, expires_at);
ALTER TABLE revoked_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE revoked_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY revoked_tokens_tenant ON revoked_tokens
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
