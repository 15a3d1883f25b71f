-- Sitemap and crawl sources: their URL, a per-source page limit, and one row per page
-- of the last run (its state and reason), so a 404 or an over-limit page fails on its
-- own while the others answer. A page's chunks are the source's chunks (retrieval and
-- attachments are unchanged), each carrying the page's address and title for citations.

ALTER TABLE knowledge_sources
    DROP CONSTRAINT knowledge_sources_check,
    DROP CONSTRAINT knowledge_sources_check1,
    ADD CONSTRAINT knowledge_sources_kind_url_check
        CHECK ((kind IN ('url', 'sitemap', 'crawl')) = (url IS NOT NULL)),
    ADD CONSTRAINT knowledge_sources_kind_body_check
        CHECK (kind IN ('url', 'sitemap', 'crawl') OR body IS NOT NULL),
    -- NULL: the deployment's KNOWLEDGE_MAX_PAGES (which also caps a source's own).
    ADD COLUMN page_limit integer CHECK (page_limit BETWEEN 1 AND 1000),
    ADD CONSTRAINT knowledge_sources_page_limit_kind_check
        CHECK (page_limit IS NULL OR kind IN ('sitemap', 'crawl'));

CREATE TABLE knowledge_pages (
    tenant_id       uuid NOT NULL,
    source_id       uuid NOT NULL,
    ordinal         integer NOT NULL CHECK (ordinal >= 0),
    url             text NOT NULL CHECK (char_length(url) <= 2000),
    title           text CHECK (char_length(title) <= 200),
    -- NULL: read; its chunks are among the source's.
    failure_code    knowledge_failure,
    failure_params  jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(failure_params) = 'object'),
    chunk_count     integer NOT NULL DEFAULT 0 CHECK (chunk_count >= 0),
    fetched_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, source_id, ordinal),
    FOREIGN KEY (tenant_id, source_id) REFERENCES knowledge_sources (tenant_id, id) ON DELETE CASCADE
);
ALTER TABLE knowledge_pages ENABLE ROW LEVEL SECURITY;
ALTER TABLE knowledge_pages FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON knowledge_pages
    USING (tenant_id = app_tenant_id())
    WITH CHECK (tenant_id = app_tenant_id());

-- The page a chunk came from (sitemap and crawl sources); citations prefer these.
ALTER TABLE knowledge_chunks
    ADD COLUMN page_url text CHECK (char_length(page_url) <= 2000),
    ADD COLUMN page_title text CHECK (char_length(page_title) <= 200);
