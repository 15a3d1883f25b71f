-- Keep each chunk's tsvector in its row. Full-text search tests (`@@`) and ranks
-- (`ts_rank`) every chunk that matches a question, often a thousand or more; a tsvector
-- that TOAST has moved out of the row costs an index lookup and a copy at each of those
-- steps. With the default storage, a chunk of a few hundred words with its vector went
-- over TOAST's 2 kB row target and the tsvector was the next column moved out.
-- MAIN keeps it inline unless the row cannot fit any other way; the vector (never
-- compressible, read only by vector search) goes out first and uncompressed.
-- Measured on 100,000 chunks across 20 tenants: a question that matches 1,623 of its
-- tenant's chunks read 945 buffers instead of 3,523 (bench/knowledge/run has the times).
ALTER TABLE knowledge_chunks
    ALTER COLUMN tsv SET STORAGE MAIN,
    ALTER COLUMN embedding SET STORAGE EXTERNAL;

-- Rows stored before keep their old layout until rewritten: rewrite them now (the
-- generated tsvector is computed again). Migrations run as the tables' owner, whom
-- FORCE ROW LEVEL SECURITY would limit to no tenant; lifted for this statement only,
-- inside the migration's transaction.
ALTER TABLE knowledge_chunks NO FORCE ROW LEVEL SECURITY;
UPDATE knowledge_chunks SET heading = heading;
ALTER TABLE knowledge_chunks FORCE ROW LEVEL SECURITY;
