-- Invitations by link. An admin creates one for a role; the link carries a random token
-- that is shown once and stored only as its SHA-256. It expires, is used at most once,
-- and can be revoked. Accepting happens before the invitee belongs to the tenant, so the
-- public page finds a pending invitation through `invitation_preview()` (a narrow
-- SECURITY DEFINER door like `widget_assistant()`: by token hash only, pending only, and
-- only what the page shows). Consuming it then runs in the tenant's scoped transaction,
-- under the policy below.
CREATE TABLE invitations (
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id           uuid NOT NULL,
    token_hash   bytea NOT NULL,
    role         member_role NOT NULL,
    -- An optional note for the admin ("for ayse@example.com"); not checked at accept.
    email        text CHECK (email IS NULL OR (email = lower(email) AND char_length(email) <= 254)),
    created_by   uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    accepted_at  timestamptz,
    accepted_by  uuid REFERENCES users (id) ON DELETE SET NULL,
    revoked_at   timestamptz,
    PRIMARY KEY (tenant_id, id),
    CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);
CREATE UNIQUE INDEX invitations_token_key ON invitations (token_hash);
CREATE INDEX invitations_tenant_created_idx ON invitations (tenant_id, created_at DESC, id DESC);
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitations
    USING (tenant_id = app_tenant_id())
    WITH CHECK (tenant_id = app_tenant_id());

-- The function runs as the owner role; these policies let that role (and only it: the
-- services' role is not a member) read invitations and workspace names.
CREATE POLICY invitation_lookup ON invitations FOR SELECT TO kremna_owner USING (true);
CREATE POLICY invitation_workspace_lookup ON tenants FOR SELECT TO kremna_owner USING (true);

CREATE FUNCTION invitation_preview(p_token_hash bytea)
RETURNS TABLE (tenant_id uuid, workspace_name text, role member_role, expires_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
    SELECT i.tenant_id, t.name, i.role, i.expires_at
    FROM invitations i JOIN tenants t ON t.id = i.tenant_id
    WHERE i.token_hash = p_token_hash
      AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
$$;
REVOKE ALL ON FUNCTION invitation_preview(bytea) FROM PUBLIC;
