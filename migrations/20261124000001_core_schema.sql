-- Kremna core schema: one tenant-scoped schema, isolated by row-level security.
--
-- Conventions
-- * Every tenant-owned table carries `tenant_id`, an index that leads with it, and a
--   policy that compares it with the transaction-local setting `app.tenant_id`.
-- * Policies read the setting through NULLIF(.., ''): after a transaction that used
--   set_config(.., true) ends, the pooled connection reads '' rather than NULL.
-- * FORCE ROW LEVEL SECURITY so that even the owning role is filtered; the services
--   connect as a role that owns nothing and is not a superuser.
-- * Cross-table references include tenant_id (composite foreign keys), so a row can
--   never point at another tenant's row, whatever the code does.

CREATE FUNCTION app_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE FUNCTION app_user_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;

-- Set only by the login path, to look a user up by e-mail before any tenant is known.
CREATE FUNCTION app_login_email() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NULLIF(current_setting('app.login_email', true), '') $$;

CREATE TYPE member_role AS ENUM ('owner', 'admin', 'agent');
CREATE TYPE assistant_status AS ENUM ('active', 'paused');
CREATE TYPE chat_status AS ENUM ('open', 'closed');
CREATE TYPE message_role AS ENUM ('user', 'assistant', 'system', 'agent');
CREATE TYPE message_status AS ENUM ('pending', 'streaming', 'complete', 'failed');

-- Tenants -------------------------------------------------------------------------
CREATE TABLE tenants (
    id          uuid PRIMARY KEY,
    name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Users: a global identity (one e-mail, possibly several tenants) -------------------
CREATE TABLE users (
    id             uuid PRIMARY KEY,
    email          text NOT NULL CHECK (email = lower(email) AND char_length(email) <= 254),
    password_hash  text NOT NULL,
    full_name      text NOT NULL CHECK (char_length(full_name) BETWEEN 1 AND 100),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (email);
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;

-- Memberships: who belongs to which tenant, with which role -------------------------
CREATE TABLE memberships (
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        member_role NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
-- Reading: the current tenant's members, and the signed-in user's own memberships
-- (login must list them before it knows which tenant to enter).
CREATE POLICY membership_read ON memberships FOR SELECT
    USING (tenant_id = app_tenant_id() OR user_id = app_user_id());
CREATE POLICY membership_write ON memberships FOR INSERT
    WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY membership_update ON memberships FOR UPDATE
    USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY membership_delete ON memberships FOR DELETE
    USING (tenant_id = app_tenant_id());

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
-- A tenant sees itself; a signed-in user also sees the names of the workspaces they
-- belong to (to choose one at login). Only the tenant itself may change its row.
CREATE POLICY tenant_read ON tenants FOR SELECT
    USING (
        id = app_tenant_id()
        OR EXISTS (SELECT 1 FROM memberships m
                   WHERE m.tenant_id = tenants.id AND m.user_id = app_user_id())
    );
CREATE POLICY tenant_insert ON tenants FOR INSERT WITH CHECK (id = app_tenant_id());
CREATE POLICY tenant_update ON tenants FOR UPDATE
    USING (id = app_tenant_id()) WITH CHECK (id = app_tenant_id());
CREATE POLICY tenant_delete ON tenants FOR DELETE USING (id = app_tenant_id());

-- A user is visible to itself, to the login lookup for its own e-mail, and to the
-- tenants it belongs to (team pages). Only the user itself may write its row.
CREATE POLICY user_read ON users FOR SELECT
    USING (
        id = app_user_id()
        OR email = app_login_email()
        OR EXISTS (SELECT 1 FROM memberships m
                   WHERE m.user_id = users.id AND m.tenant_id = app_tenant_id())
    );
CREATE POLICY user_insert ON users FOR INSERT WITH CHECK (id = app_user_id());
CREATE POLICY user_update ON users FOR UPDATE
    USING (id = app_user_id()) WITH CHECK (id = app_user_id());
CREATE POLICY user_delete ON users FOR DELETE USING (id = app_user_id());

-- Assistants -----------------------------------------------------------------------
CREATE TABLE assistants (
    tenant_id        uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id               uuid PRIMARY KEY,
    name             text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    description      text NOT NULL DEFAULT '' CHECK (char_length(description) <= 500),
    model            text NOT NULL CHECK (char_length(model) BETWEEN 1 AND 100),
    instructions     text NOT NULL DEFAULT '' CHECK (char_length(instructions) <= 20000),
    temperature      real NOT NULL DEFAULT 0.7 CHECK (temperature >= 0 AND temperature <= 1.5),
    greeting         text NOT NULL DEFAULT '' CHECK (char_length(greeting) <= 500),
    allowed_origins  text[] NOT NULL DEFAULT '{}',
    theme            jsonb NOT NULL DEFAULT '{}'::jsonb,
    status           assistant_status NOT NULL DEFAULT 'active',
    created_by       uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, id)
);
CREATE INDEX assistants_tenant_created_idx ON assistants (tenant_id, created_at DESC, id DESC);
ALTER TABLE assistants ENABLE ROW LEVEL SECURITY;
ALTER TABLE assistants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON assistants
    USING (tenant_id = app_tenant_id())
    WITH CHECK (tenant_id = app_tenant_id());

-- Chats: one conversation between a visitor and an assistant -----------------------
CREATE TABLE chats (
    tenant_id        uuid NOT NULL,
    id               uuid PRIMARY KEY,
    assistant_id     uuid NOT NULL,
    visitor_id       text NOT NULL CHECK (char_length(visitor_id) BETWEEN 1 AND 100),
    title            text NOT NULL DEFAULT '' CHECK (char_length(title) <= 200),
    status           chat_status NOT NULL DEFAULT 'open',
    origin           text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_message_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, assistant_id) REFERENCES assistants (tenant_id, id) ON DELETE CASCADE
);
-- The dashboard lists chats newest activity first, for the tenant or one assistant.
CREATE INDEX chats_tenant_activity_idx ON chats (tenant_id, last_message_at DESC, id DESC);
CREATE INDEX chats_tenant_assistant_activity_idx
    ON chats (tenant_id, assistant_id, last_message_at DESC, id DESC);
ALTER TABLE chats ENABLE ROW LEVEL SECURITY;
ALTER TABLE chats FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON chats
    USING (tenant_id = app_tenant_id())
    WITH CHECK (tenant_id = app_tenant_id());

-- Messages ---------------------------------------------------------------------------
-- Ids are UUIDv7 (time-ordered), so "every message after id X" is a range scan.
CREATE TABLE messages (
    tenant_id          uuid NOT NULL,
    id                 uuid PRIMARY KEY,
    chat_id            uuid NOT NULL,
    role               message_role NOT NULL,
    content            text NOT NULL CHECK (char_length(content) <= 100000),
    status             message_status NOT NULL DEFAULT 'complete',
    model              text,
    prompt_tokens      integer CHECK (prompt_tokens >= 0),
    completion_tokens  integer CHECK (completion_tokens >= 0),
    latency_ms         integer CHECK (latency_ms >= 0),
    -- Why a reply failed, for admins only; the visitor sees a polite message.
    error_code         text,
    error_detail       text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, chat_id) REFERENCES chats (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX messages_tenant_chat_idx ON messages (tenant_id, chat_id, id);
ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON messages
    USING (tenant_id = app_tenant_id())
    WITH CHECK (tenant_id = app_tenant_id());

-- API keys (issued and checked in a later change; the table exists so the schema is whole)
CREATE TABLE api_keys (
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id            uuid PRIMARY KEY,
    name          text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    -- First characters of the key, shown in the dashboard to tell keys apart.
    prefix        text NOT NULL,
    -- SHA-256 of the whole key; the key itself is shown once and never stored.
    key_hash      bytea NOT NULL UNIQUE,
    created_by    uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz,
    UNIQUE (tenant_id, id)
);
CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id, created_at DESC);
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys
    USING (tenant_id = app_tenant_id())
    WITH CHECK (tenant_id = app_tenant_id());
