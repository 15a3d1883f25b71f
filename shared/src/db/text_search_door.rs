//! The knowledge base's full-text search through its GIN index, where the server allows it.
//!
//! Under row-level security Postgres will not use an index for `tsvector @@ tsquery`:
//! the operator is not marked leakproof, so the planner must apply the tenant policy
//! first and then test every row of the tenant (about 20 ms for 5,000 chunks, against
//! 2–3 ms through the index). Only a superuser can change that, so `migrate`, when it
//! runs as one, installs a narrow door instead:
//!
//! * a role `kremna_search` (no login, BYPASSRLS) that may only SELECT the two tables
//!   the search reads;
//! * `kremna_knowledge_match(...)`, SECURITY DEFINER as that role, which returns chunk
//!   ids and ranks for one assistant **of the tenant set on the session**
//!   (`app_tenant_id()`, the same setting every RLS policy reads; no tenant, no rows).
//!   The caller cannot name another tenant. Only the services' role may execute it.
//!
//! Without a superuser the function is simply absent, and retrieval keeps its plain
//! query under RLS (`knowledge::retrieve` checks which it has).

use sqlx::{AssertSqlSafe, Executor, PgConnection};

use super::migrate::{MigrateError, quote_ident};

/// The function's signature, as `to_regprocedure` names it.
pub const MATCH_FUNCTION: &str = "kremna_knowledge_match(uuid,tsquery,tsquery,tsquery,integer)";

/// The function. The tenant on the session is the only tenant: `c.tenant_id =
/// app_tenant_id()` is both the scope and the GIN index's leading column. The index
/// answers the union of the three configurations' queries; each chunk is then kept to
/// the query of its own language and to the assistant's sources, as the plain path does,
/// and ranked in the same pass. The sources are an array computed once (an `InitPlan`),
/// not a join: a join made Postgres probe the assistant's sources once per matching
/// chunk (a third of the function's time), and, planned around it, walk the assistant's
/// chunks source by source instead of using the GIN index. (Also hashed into the test
/// template's name, so a changed definition gets a new template.)
pub const DEFINITION: &str = "CREATE OR REPLACE FUNCTION kremna_knowledge_match(
    p_assistant uuid, p_en tsquery, p_tr tsquery, p_si tsquery, p_limit integer)
RETURNS TABLE (id uuid, rank double precision)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public
AS $fn$
    SELECT c.id, ts_rank(c.tsv, q.query, 1)::float8 AS rank
    FROM knowledge_chunks c
    CROSS JOIN LATERAL (
        SELECT CASE c.language WHEN 'english'::regconfig THEN p_en
                               WHEN 'turkish'::regconfig THEN p_tr
                               ELSE p_si END AS query) q
    WHERE c.tenant_id = app_tenant_id()
      AND c.tsv @@ (coalesce(p_en, p_tr, p_si)
                    || coalesce(p_tr, p_si, p_en)
                    || coalesce(p_si, p_en, p_tr))
      AND c.tsv @@ q.query
      AND c.source_id = ANY (ARRAY(
              SELECT a.source_id FROM knowledge_source_assistants a
              WHERE a.tenant_id = app_tenant_id() AND a.assistant_id = p_assistant))
    ORDER BY rank DESC, c.id
    LIMIT p_limit
$fn$";

/// Owns the search functions; may read only what they read.
pub const SEARCH_ROLE: &str = "kremna_search";

/// Installs (or refreshes) the door when the migrating role is a superuser; reports
/// whether the door is there.
pub(super) async fn install(conn: &mut PgConnection, app_role: &str) -> Result<bool, MigrateError> {
    let superuser: bool =
        sqlx::query_scalar("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            .fetch_one(&mut *conn)
            .await?;
    if !superuser {
        return Ok(false);
    }
    let role = quote_ident(SEARCH_ROLE);
    let app = quote_ident(app_role);
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)")
            .bind(SEARCH_ROLE)
            .fetch_one(&mut *conn)
            .await?;
    if !exists {
        conn.execute(AssertSqlSafe(format!(
            "CREATE ROLE {role} NOLOGIN BYPASSRLS"
        )))
        .await?;
    }
    for statement in [
        format!("GRANT USAGE ON SCHEMA public TO {role}"),
        format!("GRANT SELECT ON knowledge_chunks, knowledge_source_assistants TO {role}"),
        DEFINITION.to_owned(),
        format!("ALTER FUNCTION {MATCH_FUNCTION} OWNER TO {role}"),
        format!("REVOKE ALL ON FUNCTION {MATCH_FUNCTION} FROM PUBLIC"),
        format!("GRANT EXECUTE ON FUNCTION {MATCH_FUNCTION} TO {app}"),
    ] {
        conn.execute(AssertSqlSafe(statement)).await?;
    }
    Ok(true)
}
