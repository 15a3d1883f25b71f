-- Signed webhooks (issue 11): a workspace's endpoints and every delivery made to them.
--
-- * Both tables lead their keys with tenant_id and force row-level security like the
--   rest of the schema; the delivery's composite foreign key keeps it in its tenant.
-- * The signing secret (`whsec_` + base64 of 24 random bytes, as Standard Webhooks and
--   Svix issue them) is stored as issued: the worker needs it to sign every request, so
--   a hash would not do. It is never logged and the API shows it only on creation,
--   rotation and an explicit reveal.
-- * A delivery is one event for one endpoint. `event_id` (`msg_…`) is the same for every
--   endpoint and every attempt of that event, so receivers can drop duplicates; a replay
--   is a new delivery row carrying the same event id and payload.
-- * Each attempt is appended to `attempts` (time, status code or error, latency), so the
--   log survives without a third table; a delivery makes at most eight attempts.

CREATE TABLE webhook_endpoints (
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           uuid NOT NULL,
    url          text NOT NULL CHECK (char_length(url) BETWEEN 1 AND 2000),
    description  text NOT NULL DEFAULT '' CHECK (char_length(description) <= 200),
    -- Subscribed event types; checked against the closed list in the application.
    event_types  text[] NOT NULL CHECK (cardinality(event_types) >= 1),
    secret       text NOT NULL CHECK (secret LIKE 'whsec_%'),
    enabled      boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX webhook_endpoints_tenant_created_idx
    ON webhook_endpoints (tenant_id, created_at DESC, id DESC);
ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_endpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_endpoints
    USING (tenant_id = app_tenant_id())
    WITH CHECK (tenant_id = app_tenant_id());

CREATE TABLE webhook_deliveries (
    tenant_id        uuid NOT NULL,
    id               uuid NOT NULL,
    endpoint_id      uuid NOT NULL,
    event_id         text NOT NULL CHECK (event_id LIKE 'msg_%' AND char_length(event_id) <= 64),
    event_type       text NOT NULL CHECK (char_length(event_type) <= 64),
    -- The exact JSON body sent (the signature covers these bytes).
    payload          text NOT NULL,
    -- pending → succeeded | failed. Plain text, not an enum: enum equality is not
    -- leakproof, so under RLS it could not be an index condition.
    status           text NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'succeeded', 'failed')),
    attempt_count    integer NOT NULL DEFAULT 0 CHECK (attempt_count BETWEEN 0 AND 8),
    last_status_code integer,
    last_latency_ms  integer,
    last_error       text CHECK (char_length(last_error) <= 300),
    attempts         jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(attempts) = 'array'),
    next_attempt_at  timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id)
        ON DELETE CASCADE
);
-- The delivery log of one endpoint, newest first. Ids are time-ordered (UUIDv7), so a
-- page's keyset is the id alone: a plain uuid comparison, which (unlike a row
-- comparison) stays an index condition under RLS.
CREATE INDEX webhook_deliveries_endpoint_idx
    ON webhook_deliveries (tenant_id, endpoint_id, id DESC);
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_deliveries
    USING (tenant_id = app_tenant_id())
    WITH CHECK (tenant_id = app_tenant_id());
