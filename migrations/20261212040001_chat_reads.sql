-- Unread counts that survive a reload (issue 10): where each member has read each chat.
--
-- * `read_seq` is the highest message `seq` the member has seen in that chat. A visitor
--   message with a higher seq is unread for them. Messages get their seq when they are
--   final, so "seen up to" is one number per (chat, member).
-- * A member's unread counting starts at `memberships.unread_since`: a new member is
--   not handed the workspace's whole history as unread, and neither is everyone when
--   this migration runs (existing rows take the migration's time). "Mark all as read"
--   moves it forward.
-- * Rows go with their chat and with the membership (a removed member's marks are gone).

ALTER TABLE memberships ADD COLUMN unread_since timestamptz NOT NULL DEFAULT now();

CREATE TABLE chat_reads (
    tenant_id  uuid NOT NULL,
    chat_id    uuid NOT NULL,
    user_id    uuid NOT NULL,
    read_seq   bigint NOT NULL CHECK (read_seq >= 0),
    read_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, chat_id, user_id),
    FOREIGN KEY (tenant_id, chat_id) REFERENCES chats (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id) ON DELETE CASCADE
);
ALTER TABLE chat_reads ENABLE ROW LEVEL SECURITY;
ALTER TABLE chat_reads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON chat_reads
    USING (tenant_id = app_tenant_id())
    WITH CHECK (tenant_id = app_tenant_id());
