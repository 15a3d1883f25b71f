-- A failed knowledge source stores why as a closed code (the Rust enum
-- `KnowledgeFailure`, published in the API spec) with safe parameters (an HTTP status,
-- a limit), instead of an English sentence: the dashboard words it in the reader's
-- language. Existing sentences (all written by the worker, so their shapes are known)
-- become codes; any other text becomes `fetch_failed`.

CREATE TYPE knowledge_failure AS ENUM (
    'invalid_url',
    'unsupported_scheme',
    'host_not_found',
    'private_network',
    'connection_refused',
    'fetch_failed',
    'timeout',
    'too_many_redirects',
    'bad_redirect',
    'http_status',
    'too_large',
    'interrupted',
    'unsupported_type',
    'not_text',
    'no_text'
);

ALTER TABLE knowledge_sources
    ADD COLUMN failure_code knowledge_failure,
    -- {"status": 404} for http_status; {"limit": n} for too_large (bytes), timeout
    -- (seconds), too_many_redirects (hops). Numbers only: nothing a remote site wrote.
    ADD COLUMN failure_params jsonb NOT NULL DEFAULT '{}'::jsonb
        CHECK (jsonb_typeof(failure_params) = 'object');

-- The migrating role owns the table: let it see every tenant's rows for this one
-- statement (FORCE makes even the owner subject to the policies).
ALTER TABLE knowledge_sources NO FORCE ROW LEVEL SECURITY;
UPDATE knowledge_sources SET
    failure_code = (CASE
        WHEN failure LIKE 'The page answered %' THEN 'http_status'
        WHEN failure LIKE '%larger than the limit of %' THEN 'too_large'
        WHEN failure LIKE 'The page did not answer within %' THEN 'timeout'
        WHEN failure LIKE 'The page redirected more than %' THEN 'too_many_redirects'
        WHEN failure LIKE 'The page redirected to an invalid address%' THEN 'bad_redirect'
        WHEN failure LIKE '%is not a valid web address%' OR failure LIKE 'The address has no host%' THEN 'invalid_url'
        WHEN failure LIKE 'Only http and https%' THEN 'unsupported_scheme'
        WHEN failure LIKE '%could not be found%' THEN 'host_not_found'
        WHEN failure LIKE '%private network%' THEN 'private_network'
        WHEN failure LIKE '%refused the connection%' THEN 'connection_refused'
        WHEN failure LIKE 'The page stopped half-way%' THEN 'interrupted'
        WHEN failure LIKE '%cannot read%' OR failure LIKE 'This file type cannot be read%' THEN 'unsupported_type'
        WHEN failure LIKE '%not UTF-8 text%' THEN 'not_text'
        WHEN failure LIKE 'No text was found%' THEN 'no_text'
        ELSE 'fetch_failed'
    END)::knowledge_failure,
    failure_params = CASE
        WHEN failure ~ '^The page answered [0-9]{3}'
            THEN jsonb_build_object('status', substring(failure FROM 'answered ([0-9]{3})')::int)
        WHEN failure ~ 'limit of [0-9]+ KB'
            THEN jsonb_build_object('limit', substring(failure FROM 'limit of ([0-9]+) KB')::bigint * 1000)
        WHEN failure ~ 'within [0-9]+ seconds'
            THEN jsonb_build_object('limit', substring(failure FROM 'within ([0-9]+) seconds')::bigint)
        WHEN failure ~ 'more than [0-9]+ times'
            THEN jsonb_build_object('limit', substring(failure FROM 'more than ([0-9]+) times')::bigint)
        ELSE '{}'::jsonb
    END
WHERE failure IS NOT NULL;
ALTER TABLE knowledge_sources FORCE ROW LEVEL SECURITY;

ALTER TABLE knowledge_sources DROP COLUMN failure;
