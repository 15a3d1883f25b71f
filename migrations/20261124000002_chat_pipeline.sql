-- The live chat pipeline: ordering for resume, idempotency for retries, and the
-- widget's one entry point that runs before a tenant is known.

-- Position of a message in its chat, assigned when the message becomes final (a visitor
-- message at once; a reply when it completes or fails). "Replay every message after the
-- one I saw" is then `seq > x`, even when a reply started before a later visitor message
-- and finished after it. NULL while a reply streams.
ALTER TABLE chats ADD COLUMN message_seq bigint NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN seq bigint;
CREATE UNIQUE INDEX messages_chat_seq_key ON messages (tenant_id, chat_id, seq) WHERE seq IS NOT NULL;

-- The widget's id for a message it sent: a retried send returns the stored message.
ALTER TABLE messages ADD COLUMN client_message_id text
    CHECK (char_length(client_message_id) BETWEEN 1 AND 64);
CREATE UNIQUE INDEX messages_client_message_key
    ON messages (tenant_id, chat_id, client_message_id) WHERE client_message_id IS NOT NULL;

-- The visitor message a reply answers. Unique: a retried or re-queued job can never
-- store a second reply to the same message.
ALTER TABLE messages ADD COLUMN reply_to uuid;
ALTER TABLE messages ADD CONSTRAINT messages_reply_to_fkey
    FOREIGN KEY (tenant_id, reply_to) REFERENCES messages (tenant_id, id) ON DELETE CASCADE;
CREATE UNIQUE INDEX messages_reply_to_key ON messages (tenant_id, reply_to) WHERE reply_to IS NOT NULL;

-- Provider calls made for a reply, across worker restarts (bounds retries).
ALTER TABLE messages ADD COLUMN attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0);
ALTER TABLE messages ADD COLUMN completed_at timestamptz;

-- The widget names an assistant before anyone knows its tenant. This function is the one
-- door for that: it returns the public settings of one assistant by id, nothing else.
-- It runs as the owner role, which a dedicated policy lets read assistants; the services'
-- role is not a member of the owner, so it gains nothing but this function.
CREATE POLICY widget_lookup ON assistants FOR SELECT TO kremna_owner USING (true);

CREATE FUNCTION widget_assistant(p_assistant uuid)
RETURNS TABLE (
    tenant_id uuid, id uuid, name text, greeting text, theme jsonb,
    status assistant_status, allowed_origins text[]
)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
    SELECT a.tenant_id, a.id, a.name, a.greeting, a.theme, a.status, a.allowed_origins
    FROM assistants a WHERE a.id = p_assistant
$$;
REVOKE ALL ON FUNCTION widget_assistant(uuid) FROM PUBLIC;
