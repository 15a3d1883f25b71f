-- Who wrote a message. Visitor messages and replies have no member behind them; a
-- message a team member writes into a chat (role `agent`) records that member, so the
-- transcript shows who answered. A member who leaves keeps their messages (the id is
-- cleared with the account, the text stays).
ALTER TABLE messages ADD COLUMN author_id uuid REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE messages ADD CONSTRAINT messages_agent_author
    CHECK (author_id IS NULL OR role = 'agent');
