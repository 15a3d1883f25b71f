-- Issue 9 point 9: a failed reply keeps a classified cause, never the provider's own
-- error text. That text (which can hold account details, internal hosts, the prompt)
-- was stored in `error_detail` and shown to every member, agents included; it now goes
-- to the worker's log only (redacted of secrets).
--
-- `error_code` becomes a closed enum: the worker's failure classes (unchanged names,
-- so the dashboard's texts still apply) and `handed_over` (not a failure: a member took
-- the chat over mid-reply). Old rows keep their class; the one code that never named a
-- reply failure (`embeddings_unsupported`) and anything unknown become
-- `provider_rejected`. The stored texts are dropped with their column.
CREATE TYPE reply_cause AS ENUM (
    'provider_rate_limited', 'provider_unavailable', 'provider_unauthorized',
    'provider_rejected', 'provider_timeout', 'stream_interrupted', 'provider_malformed',
    'provider_unreachable', 'handed_over'
);

ALTER TABLE messages
    ALTER COLUMN error_code TYPE reply_cause USING (
        CASE
            WHEN error_code IS NULL THEN NULL
            WHEN error_code IN (
                'provider_rate_limited', 'provider_unavailable', 'provider_unauthorized',
                'provider_rejected', 'provider_timeout', 'stream_interrupted',
                'provider_malformed', 'provider_unreachable', 'handed_over'
            ) THEN error_code
            ELSE 'provider_rejected'
        END
    )::reply_cause,
    DROP COLUMN error_detail;
