-- Scheduled refetch of web sources (issue 13): a page, sitemap or crawl source may be
-- fetched again daily or weekly. The worker's scheduler asks which tenants have a source
-- due (tenant ids only, through a SECURITY DEFINER function like the usage rollup's),
-- then re-queues each tenant's due sources in that tenant's own transaction, moving
-- `next_refetch_at` on in the same statement, so two workers never queue one twice.

ALTER TABLE knowledge_sources
    ADD COLUMN refetch_every text CHECK (refetch_every IN ('daily', 'weekly')),
    ADD COLUMN next_refetch_at timestamptz,
    ADD CONSTRAINT knowledge_sources_refetch_kind_check
        CHECK (refetch_every IS NULL OR kind IN ('url', 'sitemap', 'crawl')),
    ADD CONSTRAINT knowledge_sources_refetch_next_check
        CHECK ((refetch_every IS NULL) = (next_refetch_at IS NULL));
CREATE INDEX knowledge_sources_refetch_due_idx
    ON knowledge_sources (next_refetch_at) WHERE next_refetch_at IS NOT NULL;

CREATE POLICY refetch_lookup ON knowledge_sources FOR SELECT TO kremna_owner USING (true);

CREATE FUNCTION knowledge_refetch_tenants(p_limit integer)
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$ SELECT DISTINCT tenant_id FROM knowledge_sources
      WHERE next_refetch_at <= now() AND state NOT IN ('queued', 'processing')
      LIMIT p_limit $$;
REVOKE ALL ON FUNCTION knowledge_refetch_tenants(integer) FROM PUBLIC;
