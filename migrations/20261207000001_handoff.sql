-- Human handoff: who is answering a chat, how an assistant hands off, and the history
-- of every change so the transcript can say "Ayşe took over at 14:02".
--
-- `chats.status` (open | closed) is the seed's column and stays as it was; the handoff
-- state is a column of its own:
--   open         the assistant answers;
--   needs_human  a person was asked for (by the visitor, or by the model), nobody has it;
--   assigned     `assignee_id` has it: the worker writes no AI reply;
--   resolved     done; a new visitor message opens it again.
CREATE TYPE chat_state AS ENUM ('open', 'needs_human', 'assigned', 'resolved');

-- never: the widget offers no person and the model is not told it can hand off;
-- on_request: the widget shows "talk to a person";
-- model: that, and the model may hand off by starting its reply with the marker the
--        worker recognises (see worker/src/reply/handoff.rs).
CREATE TYPE handoff_policy AS ENUM ('never', 'on_request', 'model');

CREATE TYPE chat_event_kind AS ENUM (
    'requested_by_visitor', 'requested_by_model', 'taken_over', 'assigned',
    'handed_back', 'resolved', 'reopened'
);

ALTER TABLE assistants
    ADD COLUMN handoff_policy handoff_policy NOT NULL DEFAULT 'never',
    -- Shown to the visitor when a person is asked for and no member is online.
    ADD COLUMN offline_message text NOT NULL DEFAULT ''
        CHECK (char_length(offline_message) <= 500);

ALTER TABLE chats
    ADD COLUMN state chat_state NOT NULL DEFAULT 'open',
    -- The member who has the chat. Cleared with the account (the chat then waits as
    -- `assigned` to nobody until someone takes it over).
    ADD COLUMN assignee_id uuid REFERENCES users (id) ON DELETE SET NULL,
    ADD COLUMN state_changed_at timestamptz NOT NULL DEFAULT now(),
    -- An address the visitor left for a reply when nobody was online.
    ADD COLUMN visitor_email text CHECK (char_length(visitor_email) BETWEEN 3 AND 254),
    ADD CONSTRAINT chats_assignee_only_when_assigned
        CHECK (assignee_id IS NULL OR state = 'assigned');

CREATE INDEX chats_tenant_state_activity_idx
    ON chats (tenant_id, state, last_message_at DESC, id DESC);
CREATE INDEX chats_tenant_assignee_activity_idx
    ON chats (tenant_id, assignee_id, last_message_at DESC, id DESC)
    WHERE assignee_id IS NOT NULL;

-- Every state change of a chat: who did what, when.
CREATE TABLE chat_events (
    tenant_id    uuid NOT NULL,
    id           uuid NOT NULL,
    chat_id      uuid NOT NULL,
    kind         chat_event_kind NOT NULL,
    from_state   chat_state NOT NULL,
    to_state     chat_state NOT NULL,
    -- The member who acted; NULL for the visitor, the model, or a member since removed.
    actor_id     uuid REFERENCES users (id) ON DELETE SET NULL,
    -- The member the chat was given to (taken_over, assigned).
    assignee_id  uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, chat_id, id),
    FOREIGN KEY (tenant_id, chat_id) REFERENCES chats (tenant_id, id) ON DELETE CASCADE
);
ALTER TABLE chat_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE chat_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON chat_events
    USING (tenant_id = app_tenant_id())
    WITH CHECK (tenant_id = app_tenant_id());

-- Full-text search in message text, English and Turkish stems together, so a query in
-- either language finds both ("siparişlerim" finds "sipariş", "orders" finds "order").
-- btree_gin lets the GIN index lead with tenant_id like every other tenant index.
CREATE EXTENSION IF NOT EXISTS btree_gin;
ALTER TABLE messages ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('english'::regconfig, content) || to_tsvector('turkish'::regconfig, content)
) STORED;
CREATE INDEX messages_tenant_search_idx ON messages USING gin (tenant_id, search);
