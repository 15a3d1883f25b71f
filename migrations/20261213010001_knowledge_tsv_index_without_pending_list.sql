-- Knowledge search reads far more often than ingestion writes, and a GIN index with
-- fastupdate keeps new entries in a pending list that every search must scan in full
-- until a vacuum merges it: after ingesting 100,000 chunks, 3.5 MB of it made one
-- tenant's bitmap scan 7.3 ms instead of 0.8 ms (bench/knowledge). Without it, each
-- chunk's lexemes go straight into the index when the chunk is stored, in the worker.
ALTER INDEX knowledge_chunks_tsv_idx SET (fastupdate = off);
