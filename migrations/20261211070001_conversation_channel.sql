-- Where a chat came from: the widget on a customer's page, or a partner's backend through
-- the conversation API (`/conversations`). The conversation API acts only on its own
-- chats, so a partner's key can never write into a widget chat as if it were the visitor.
-- For `api` chats, `visitor_id` holds the partner's id for its end user.
CREATE TYPE chat_channel AS ENUM ('widget', 'api');
ALTER TABLE chats ADD COLUMN channel chat_channel NOT NULL DEFAULT 'widget';
