-- Chats an admin deleted (issue 10: a chat is created by the visitor's first message).
--
-- `start_chat` no longer stores a row: it mints the chat's id and a visitor token, and the
-- first thing that needs the row (a message, a request for a person, an address left)
-- creates it. An old visitor token of a deleted chat would therefore bring the chat back;
-- `DELETE /chats/{id}` writes the id here in the same transaction, and the creation
-- refuses an id found here (`chat::open`), answering `chat_not_found` as before.
--
-- Only the id is kept (no visitor data). A row is useless once every token for the chat
-- has expired; nothing prunes it yet (tombstones are small and rare).

CREATE TABLE deleted_chats (
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    chat_id     uuid NOT NULL,
    deleted_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, chat_id)
);
ALTER TABLE deleted_chats ENABLE ROW LEVEL SECURITY;
ALTER TABLE deleted_chats FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON deleted_chats
    USING (tenant_id = app_tenant_id())
    WITH CHECK (tenant_id = app_tenant_id());
