-- Visitor identity verification (Intercom/Chatwoot style). A host page may tell the
-- widget who its signed-in user is: `identify({ userId, name, email, userHash })`, where
-- `userHash` is the hex HMAC-SHA256 of `userId` keyed with the assistant's identity
-- secret, computed on the host's server. The realtime node checks it on `start_chat`.
--
-- The secret is kept as text (it must be read to compute the HMAC, so it cannot be
-- hashed), like webhook signing secrets. NULL: verification is off for the assistant
-- and every claim is recorded as unverified.
ALTER TABLE assistants
    ADD COLUMN identity_secret text CHECK (char_length(identity_secret) BETWEEN 32 AND 128);

-- What the visitor's page claimed, and whether the claim was verified. An unverified
-- claim keeps the name and e-mail as claimed, for the inbox to show as such; it is never
-- linked with a verified user's chats (every link asks `identity_verified`).
ALTER TABLE chats
    ADD COLUMN identity_user_id text
        CHECK (char_length(identity_user_id) BETWEEN 1 AND 255),
    ADD COLUMN identity_name text CHECK (char_length(identity_name) BETWEEN 1 AND 200),
    ADD COLUMN identity_email text CHECK (char_length(identity_email) BETWEEN 3 AND 254),
    ADD COLUMN identity_verified boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT chats_verified_has_user
        CHECK (NOT identity_verified OR identity_user_id IS NOT NULL);

-- A verified user's other chats in the workspace (the inbox's "other chats" list).
CREATE INDEX chats_tenant_verified_user_idx
    ON chats (tenant_id, identity_user_id, last_message_at DESC, id DESC)
    WHERE identity_verified;
