-- Analytics: usage rolled up per tenant, assistant, model and hour/day, so dashboards
-- read a few hundred rows instead of scanning messages.
--
-- How it stays exact
-- * Every change that can move a figure (a countable message inserted, finished, edited
--   or deleted; a chat started or deleted) appends the UTC hour it belongs to to
--   `usage_changes`, in the same transaction as the change itself.
-- * A rollup pass (the worker's `analytics` job) takes a tenant's pending changes with
--   DELETE .. RETURNING and recomputes those hours, and the days that hold them, from the
--   raw rows. A bucket is always replaced by a fresh count, never incremented, so
--   running a pass twice changes nothing and a late or retried message simply makes its
--   own hour dirty again. A change that is not yet committed is invisible to the DELETE
--   and stays for the next pass; a change the DELETE took was committed before it, so
--   the recount that follows sees its row.
-- * Passes on one tenant are serialized by an advisory lock, so two workers never write
--   an older recount over a newer one.

-- The rollup recounts a tenant's hour from these.
CREATE INDEX messages_tenant_created_idx ON messages (tenant_id, created_at);
CREATE INDEX chats_tenant_created_idx ON chats (tenant_id, created_at);

CREATE TABLE usage_changes (
    tenant_id  uuid NOT NULL,
    hour       timestamptz NOT NULL
);
CREATE INDEX usage_changes_tenant_idx ON usage_changes (tenant_id);
ALTER TABLE usage_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON usage_changes
    USING (tenant_id = app_tenant_id())
    WITH CHECK (tenant_id = app_tenant_id());

CREATE TYPE usage_granularity AS ENUM ('hour', 'day');

CREATE TABLE usage_rollups (
    tenant_id          uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    granularity        usage_granularity NOT NULL,
    -- Start of the UTC hour or day.
    bucket_start       timestamptz NOT NULL,
    assistant_id       uuid NOT NULL,
    -- '' for figures no model produced (chats, visitor and agent messages).
    model              text NOT NULL,
    chats_started      bigint NOT NULL DEFAULT 0,
    visitor_messages   bigint NOT NULL DEFAULT 0,
    agent_messages     bigint NOT NULL DEFAULT 0,
    replies            bigint NOT NULL DEFAULT 0,
    failed_replies     bigint NOT NULL DEFAULT 0,
    prompt_tokens      bigint NOT NULL DEFAULT 0,
    completion_tokens  bigint NOT NULL DEFAULT 0,
    -- Latency of completed replies: count and sum for the mean, and a histogram over
    -- fixed bounds (kremna_shared::analytics::LATENCY_BOUNDS_MS) for percentiles,
    -- as {"bin index": count} with only the bins that are not empty.
    latency_count      bigint NOT NULL DEFAULT 0,
    latency_sum_ms     bigint NOT NULL DEFAULT 0,
    latency_histogram  jsonb NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (tenant_id, granularity, bucket_start, assistant_id, model)
);
ALTER TABLE usage_rollups ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_rollups FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON usage_rollups
    USING (tenant_id = app_tenant_id())
    WITH CHECK (tenant_id = app_tenant_id());

-- A message counts once it is final: visitor and agent messages at once, replies when
-- they complete or fail. Streaming replies do not count yet.
CREATE FUNCTION usage_counts(r message_role, s message_status) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT r IN ('user', 'agent') OR (r = 'assistant' AND s IN ('complete', 'failed')) $$;

CREATE FUNCTION usage_mark_message() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND usage_counts(OLD.role, OLD.status) THEN
        INSERT INTO usage_changes VALUES (OLD.tenant_id, date_trunc('hour', OLD.created_at, 'UTC'));
    END IF;
    IF TG_OP <> 'DELETE' AND usage_counts(NEW.role, NEW.status)
       AND (TG_OP = 'INSERT' OR NOT usage_counts(OLD.role, OLD.status)
            OR OLD.created_at <> NEW.created_at) THEN
        INSERT INTO usage_changes VALUES (NEW.tenant_id, date_trunc('hour', NEW.created_at, 'UTC'));
    END IF;
    RETURN NULL;
END
$$;

-- Only the columns a figure depends on: the hot path (a reply streaming, `seq` being
-- assigned) does not pay for it.
CREATE TRIGGER usage_mark AFTER INSERT OR DELETE ON messages
    FOR EACH ROW EXECUTE FUNCTION usage_mark_message();
CREATE TRIGGER usage_mark_update
    AFTER UPDATE OF role, status, model, prompt_tokens, completion_tokens, latency_ms,
                    created_at, chat_id
    ON messages
    FOR EACH ROW
    WHEN (usage_counts(OLD.role, OLD.status) OR usage_counts(NEW.role, NEW.status))
    EXECUTE FUNCTION usage_mark_message();

CREATE FUNCTION usage_mark_chat() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO usage_changes VALUES (OLD.tenant_id, date_trunc('hour', OLD.created_at, 'UTC'));
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO usage_changes VALUES (NEW.tenant_id, date_trunc('hour', NEW.created_at, 'UTC'));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER usage_mark AFTER INSERT OR DELETE ON chats
    FOR EACH ROW EXECUTE FUNCTION usage_mark_chat();
CREATE TRIGGER usage_mark_update AFTER UPDATE OF assistant_id, created_at ON chats
    FOR EACH ROW EXECUTE FUNCTION usage_mark_chat();

-- The rollup job must learn which tenants have pending changes before it can open a
-- tenant-scoped transaction for each. This is its one door across tenants: it returns
-- tenant ids and nothing else. Runs as the owner, which a dedicated policy lets read.
CREATE POLICY rollup_lookup ON usage_changes FOR SELECT TO kremna_owner USING (true);

CREATE FUNCTION usage_dirty_tenants(p_limit integer)
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$ SELECT DISTINCT tenant_id FROM usage_changes LIMIT p_limit $$;
REVOKE ALL ON FUNCTION usage_dirty_tenants(integer) FROM PUBLIC;
