-- API keys for partners: what a key may do, when it stops working, and the one door
-- that finds a key before its tenant is known.
--
-- `access` is the key's default for every resource ('read' or 'write'); `resource_access`
-- narrows or widens it per resource ({"chats": "write", "analytics": "none"}).
ALTER TABLE api_keys ADD COLUMN access text NOT NULL DEFAULT 'read'
    CHECK (access IN ('read', 'write'));
ALTER TABLE api_keys ADD COLUMN resource_access jsonb NOT NULL DEFAULT '{}'::jsonb
    CHECK (jsonb_typeof(resource_access) = 'object');
ALTER TABLE api_keys ADD COLUMN expires_at timestamptz;
-- Requests per minute this key may make (the API's default when NULL).
ALTER TABLE api_keys ADD COLUMN rate_limit_per_minute integer
    CHECK (rate_limit_per_minute BETWEEN 1 AND 100000);

-- A request carries a key and nothing else: the tenant is unknown until the key is
-- found, and row-level security hides every key until then. This function is the door:
-- it finds one key by the SHA-256 of the whole secret (never by its visible prefix, so an
-- unknown prefix and a wrong secret cost the same one index probe) and returns only what
-- the API needs to open that tenant's scoped transaction. The key's permissions are read
-- again inside that transaction, under RLS.
CREATE POLICY api_key_lookup ON api_keys FOR SELECT TO kremna_owner USING (true);

CREATE FUNCTION api_key_by_hash(p_hash bytea)
RETURNS TABLE (
    tenant_id uuid, id uuid, revoked_at timestamptz, expires_at timestamptz,
    rate_limit_per_minute integer
)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
    SELECT k.tenant_id, k.id, k.revoked_at, k.expires_at, k.rate_limit_per_minute
    FROM api_keys k WHERE k.key_hash = p_hash
$$;
REVOKE ALL ON FUNCTION api_key_by_hash(bytea) FROM PUBLIC;
