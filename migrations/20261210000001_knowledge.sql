-- Knowledge base: a workspace's own documents and pages, split into chunks that replies
-- are grounded in, and the chunks each reply used (its citations).
--
-- * Every table leads its keys with tenant_id and forces row-level security like the rest
--   of the schema; composite foreign keys keep every reference inside one tenant.
-- * Full-text search: each chunk stores its source's text-search configuration
--   (`english`, `turkish` or `simple`) and a generated tsvector built with it. The GIN
--   index leads with tenant_id (btree_gin, a trusted contrib extension).
-- * Vectors: `real[]`, so a plain PostgreSQL 15 without pgvector works; retrieval is an
--   exact cosine over one assistant's chunks.
-- * Deleting a source removes its chunks and attachments in the same statement (cascade);
--   citations keep their snapshot (title, url, heading, score) with the chunk id cleared.

CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE TYPE knowledge_kind AS ENUM ('text', 'file', 'url');
CREATE TYPE knowledge_state AS ENUM ('queued', 'processing', 'ready', 'failed');

CREATE TABLE knowledge_sources (
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id            uuid NOT NULL,
    kind          knowledge_kind NOT NULL,
    title         text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    url           text CHECK (char_length(url) <= 2000),
    -- The text-search configuration of its chunks; with auto_language, detected from the
    -- text at each ingestion.
    auto_language boolean NOT NULL DEFAULT true,
    language      regconfig NOT NULL DEFAULT 'simple'
                  CHECK (language IN ('english'::regconfig, 'turkish'::regconfig, 'simple'::regconfig)),
    -- Pasted text or an uploaded file's bytes, kept so the source can be processed again.
    body          bytea,
    media_type    text CHECK (char_length(media_type) <= 100),
    state         knowledge_state NOT NULL DEFAULT 'queued',
    -- Why ingestion failed, in words a person understands.
    failure       text CHECK (char_length(failure) <= 500),
    chunk_count   integer NOT NULL DEFAULT 0 CHECK (chunk_count >= 0),
    refreshed_at  timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CHECK ((kind = 'url') = (url IS NOT NULL)),
    CHECK (kind = 'url' OR body IS NOT NULL)
);
CREATE INDEX knowledge_sources_tenant_created_idx
    ON knowledge_sources (tenant_id, created_at DESC, id DESC);
ALTER TABLE knowledge_sources ENABLE ROW LEVEL SECURITY;
ALTER TABLE knowledge_sources FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON knowledge_sources
    USING (tenant_id = app_tenant_id())
    WITH CHECK (tenant_id = app_tenant_id());

-- Which assistants answer from which sources (one source may serve several).
CREATE TABLE knowledge_source_assistants (
    tenant_id     uuid NOT NULL,
    assistant_id  uuid NOT NULL,
    source_id     uuid NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, assistant_id, source_id),
    FOREIGN KEY (tenant_id, assistant_id) REFERENCES assistants (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, source_id) REFERENCES knowledge_sources (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX knowledge_source_assistants_source_idx
    ON knowledge_source_assistants (tenant_id, source_id);
ALTER TABLE knowledge_source_assistants ENABLE ROW LEVEL SECURITY;
ALTER TABLE knowledge_source_assistants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON knowledge_source_assistants
    USING (tenant_id = app_tenant_id())
    WITH CHECK (tenant_id = app_tenant_id());

CREATE TABLE knowledge_chunks (
    tenant_id        uuid NOT NULL,
    id               uuid NOT NULL,
    source_id        uuid NOT NULL,
    ordinal          integer NOT NULL CHECK (ordinal >= 0),
    -- The headings above the text, outermost first, joined with " › ".
    heading          text NOT NULL DEFAULT '' CHECK (char_length(heading) <= 1000),
    body             text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 8000),
    language         regconfig NOT NULL,
    tsv              tsvector GENERATED ALWAYS AS
                     (setweight(to_tsvector(language, heading), 'A') || setweight(to_tsvector(language, body), 'B')) STORED,
    embedding        real[],
    embedding_model  text,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, source_id, ordinal),
    FOREIGN KEY (tenant_id, source_id) REFERENCES knowledge_sources (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX knowledge_chunks_tsv_idx ON knowledge_chunks USING gin (tenant_id, tsv);
ALTER TABLE knowledge_chunks ENABLE ROW LEVEL SECURITY;
ALTER TABLE knowledge_chunks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON knowledge_chunks
    USING (tenant_id = app_tenant_id())
    WITH CHECK (tenant_id = app_tenant_id());

-- Per assistant: answer only from the knowledge base, or also from general knowledge.
ALTER TABLE assistants ADD COLUMN knowledge_only boolean NOT NULL DEFAULT false;

-- The chunks a reply was given, best first, with their scores: the reply's citations.
CREATE TABLE message_sources (
    tenant_id     uuid NOT NULL,
    message_id    uuid NOT NULL,
    rank          integer NOT NULL CHECK (rank >= 1),
    chunk_id      uuid,
    source_id     uuid,
    title         text NOT NULL,
    url           text,
    heading       text NOT NULL DEFAULT '',
    score         double precision NOT NULL,
    text_rank     double precision,
    vector_score  double precision,
    PRIMARY KEY (tenant_id, message_id, rank),
    FOREIGN KEY (tenant_id, message_id) REFERENCES messages (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, chunk_id) REFERENCES knowledge_chunks (tenant_id, id)
        ON DELETE SET NULL (chunk_id),
    FOREIGN KEY (tenant_id, source_id) REFERENCES knowledge_sources (tenant_id, id)
        ON DELETE SET NULL (source_id)
);
ALTER TABLE message_sources ENABLE ROW LEVEL SECURITY;
ALTER TABLE message_sources FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON message_sources
    USING (tenant_id = app_tenant_id())
    WITH CHECK (tenant_id = app_tenant_id());
