//! The knowledge base's vector search through pgvector's HNSW index, where the server
//! has pgvector.
//!
//! Vectors are stored as `real[]` on every server, and retrieval's exact search in
//! memory (`knowledge::retrieve`) needs nothing more. When the server ships pgvector and
//! `migrate` runs as a superuser (the extension is not trusted), `migrate` also:
//!
//! * creates the `vector` extension;
//! * builds an HNSW index (inner product: stored vectors have unit length) on the cast
//!   `embedding::vector(N)` for each length N in use: [`DEFAULT_DIMENSIONS`] (Mistral's
//!   `mistral-embed`, and the demo and fake providers' hashed vectors) and any other
//!   length already stored, one partial index per length, because an HNSW index needs
//!   one fixed length;
//! * installs `kremna_knowledge_nearest(...)`, SECURITY DEFINER as the search role of
//!   [`super::text_search_door`], for the same reason as its full-text sibling: pgvector's
//!   operators are not leakproof, so under row-level security the planner will not use
//!   the index. It answers for the tenant set on the session only (`app_tenant_id()`).
//!
//! The index is global (one per length, every tenant's chunks), so the function walks it
//! nearest first, keeps the session tenant's chunks of the assistant's sources, and stops
//! at `p_limit` of them. pgvector 0.8 and later walk as far as needed
//! (`hnsw.iterative_scan`); older versions see at most `hnsw.ef_search` (raised to 1,000)
//! candidates, so a tenant whose chunks are rarely anybody's nearest may get fewer than
//! asked for. Retrieval then falls back to the exact search, so quality never drops
//! below the extension-free path.

use sqlx::{AssertSqlSafe, Executor, PgConnection};

use super::migrate::{MigrateError, quote_ident};

/// The function's signature, as `to_regprocedure` names it.
pub const NEAREST_FUNCTION: &str = "kremna_knowledge_nearest(uuid,text,real[],integer)";

/// Vector lengths always indexed: `mistral-embed` (1024) and Kremna's hashed n-grams (512).
pub const DEFAULT_DIMENSIONS: [i32; 2] = [512, 1024];

/// pgvector's HNSW index takes vectors of at most this many dimensions.
const MAX_INDEXED_DIMENSIONS: i32 = 2000;

/// The index for vectors of `dimensions` numbers: its name tells retrieval it is there.
pub fn index_name(dimensions: i32) -> String {
    format!("knowledge_chunks_hnsw_{dimensions}")
}

/// The function, for a pgvector that can (`iterative`) or cannot walk the index past
/// `ef_search`. The candidates are the nearest chunks of the session's tenant with a
/// vector of the query's model and length; the partial index's predicate and its cast
/// are spelled exactly as in the index, and inlined, so the planner can match them.
/// (Also hashed into the test template's name, so a changed definition gets a new one.)
pub fn definition(iterative: bool) -> String {
    // Walking iteratively, a small beam is enough and much faster; without it, the
    // beam is all the index will ever return, so it is as wide as pgvector allows.
    let walk = if iterative {
        "SET hnsw.ef_search = 100\nSET hnsw.iterative_scan = 'relaxed_order'\nSET hnsw.max_scan_tuples = 100000\n"
    } else {
        "SET hnsw.ef_search = 1000\n"
    };
    format!(
        "CREATE OR REPLACE FUNCTION kremna_knowledge_nearest(
    p_assistant uuid, p_model text, p_vector real[], p_limit integer)
RETURNS TABLE (id uuid, score double precision)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public
{walk}AS $fn$
DECLARE
    dims integer := cardinality(p_vector);
BEGIN
    IF app_tenant_id() IS NULL OR dims IS NULL OR dims < 1 OR dims > {MAX_INDEXED_DIMENSIONS}
       OR to_regclass(format('knowledge_chunks_hnsw_%s', dims)) IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE format(
        'SELECT n.id, n.score FROM (
             SELECT c.id, c.source_id,
                    -((c.embedding::vector(%1$s)) <#> $1::vector(%1$s))::float8 AS score
             FROM knowledge_chunks c
             WHERE cardinality(c.embedding) = %1$s
               AND c.tenant_id = app_tenant_id()
               AND c.embedding_model = $2
               AND EXISTS (SELECT 1 FROM knowledge_source_assistants a
                           WHERE a.tenant_id = app_tenant_id()
                             AND a.source_id = c.source_id
                             AND a.assistant_id = $3)
             ORDER BY (c.embedding::vector(%1$s)) <#> $1::vector(%1$s)
             LIMIT $4) n
         ORDER BY n.score DESC, n.id', dims)
    USING p_vector, p_model, p_assistant, p_limit;
END
$fn$"
    )
}

/// What the server offered and `migrate` set up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VectorIndex {
    /// The pgvector version, when the extension is installed.
    pub version: Option<String>,
    /// The vector lengths with an HNSW index.
    pub dimensions: Vec<i32>,
}

/// Installs (or refreshes) the extension, the indexes and the function when the server
/// has pgvector. Runs after [`super::text_search_door::install`] succeeded, so as a
/// superuser (the extension is not trusted) and with the search role in place. `None`:
/// the server has no pgvector; retrieval keeps its exact search.
pub(super) async fn install(
    conn: &mut PgConnection,
    app_role: &str,
    search_role: &str,
) -> Result<Option<VectorIndex>, MigrateError> {
    let available: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector')",
    )
    .fetch_one(&mut *conn)
    .await?;
    if !available {
        return Ok(None);
    }
    conn.execute("CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public")
        .await?;
    let version: String =
        sqlx::query_scalar("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
            .fetch_one(&mut *conn)
            .await?;

    // The lengths to index: the defaults and whatever is stored already.
    let stored: Vec<i32> = sqlx::query_scalar(
        "SELECT DISTINCT cardinality(embedding) FROM knowledge_chunks
         WHERE embedding IS NOT NULL AND cardinality(embedding) BETWEEN 1 AND $1",
    )
    .bind(MAX_INDEXED_DIMENSIONS)
    .fetch_all(&mut *conn)
    .await?;
    let mut dimensions: Vec<i32> = DEFAULT_DIMENSIONS.iter().copied().chain(stored).collect();
    dimensions.sort_unstable();
    dimensions.dedup();
    for dims in &dimensions {
        // A superuser's index on the owner's table belongs to the table's owner.
        conn.execute(AssertSqlSafe(format!(
            "CREATE INDEX IF NOT EXISTS {name} ON knowledge_chunks \
             USING hnsw ((embedding::vector({dims})) vector_ip_ops) \
             WHERE cardinality(embedding) = {dims}",
            name = quote_ident(&index_name(*dims)),
        )))
        .await?;
    }

    let role = quote_ident(search_role);
    let app = quote_ident(app_role);
    for statement in [
        definition(iterative_scan(&version)),
        format!("ALTER FUNCTION {NEAREST_FUNCTION} OWNER TO {role}"),
        format!("REVOKE ALL ON FUNCTION {NEAREST_FUNCTION} FROM PUBLIC"),
        format!("GRANT EXECUTE ON FUNCTION {NEAREST_FUNCTION} TO {app}"),
    ] {
        conn.execute(AssertSqlSafe(statement)).await?;
    }
    Ok(Some(VectorIndex {
        version: Some(version),
        dimensions,
    }))
}

/// Whether this pgvector walks an index past `ef_search` (0.8.0 and later).
fn iterative_scan(version: &str) -> bool {
    let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    let major = parts.next().unwrap_or(0);
    let minor = parts.next().unwrap_or(0);
    (major, minor) >= (0, 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iterative_scans_arrived_in_0_8() {
        assert!(!iterative_scan("0.6.2"));
        assert!(!iterative_scan("0.7.4"));
        assert!(iterative_scan("0.8.0"));
        assert!(iterative_scan("1.0"));
    }

    #[test]
    fn the_function_walks_further_only_where_it_can() {
        assert!(!definition(false).contains("iterative_scan"));
        assert!(definition(true).contains("hnsw.iterative_scan = 'relaxed_order'"));
    }
}
