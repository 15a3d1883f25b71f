-- Web sources beyond one page (issue 13): a sitemap and a same-site crawl, and the ways
-- one of their pages can fail. Values only (they are used from the next migration on).
ALTER TYPE knowledge_kind ADD VALUE 'sitemap';
ALTER TYPE knowledge_kind ADD VALUE 'crawl';
ALTER TYPE knowledge_failure ADD VALUE 'robots_disallowed';
ALTER TYPE knowledge_failure ADD VALUE 'invalid_sitemap';
ALTER TYPE knowledge_failure ADD VALUE 'no_pages';
