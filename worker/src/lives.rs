//! A worker's lives: who holds a job, and how a restarted worker takes back what its
//! previous life held.
//!
//! apalis locks a job with the worker's name and calls a worker dead when its heartbeat
//! (`last_seen`) lapses. A worker restarted under the same `WORKER_NAME` (Helm's pod name
//! survives a container restart; compose's `hostname-pid` repeats) registered that name
//! again, which reset `last_seen`, so the jobs its previous life held stayed `Running`
//! for good. So the lock owner is unique per process life — `{WORKER_NAME}/{life}/{run}`,
//! the configured name kept in front for people reading `apalis.workers` — and each life
//! holds a Postgres advisory lock on `{WORKER_NAME}/{life}` for as long as it runs. A life
//! whose lock nobody holds is over (Postgres releases a session's locks the moment its
//! connection goes, as when the process is killed), so a starting worker re-queues at
//! once whatever jobs earlier, dead lives of its name still hold. Lives of other names
//! are left to apalis's heartbeat check, as before.

use std::{convert::Infallible, time::Duration};

use sqlx::{Connection, PgConnection, PgPool, postgres::PgConnectOptions};
use tokio::task::JoinHandle;

/// The first key of every life lock (two-key advisory locks: this, then the hash of
/// the life's name), so they never meet other advisory locks.
const LIFE_LOCK_SPACE: i32 = 0x4b52_4d4e;

/// How often the connection that holds the lock proves it is still there.
const KEEPALIVE: Duration = Duration::from_secs(2);

pub struct Life {
    name: String,
    key: String,
    keeper: JoinHandle<()>,
}

impl Life {
    /// Starts a life of worker `name`: takes its lock on a connection of its own, and
    /// keeps taking it again whenever that connection is lost (a database restart).
    pub async fn begin(name: &str, options: &PgConnectOptions) -> Result<Self, sqlx::Error> {
        let life = &uuid::Uuid::new_v4().simple().to_string()[..8];
        let key = format!("{name}/{life}");
        let conn = hold(options, &key).await?;
        let keeper = tokio::spawn(keep(options.clone(), key.clone(), conn));
        Ok(Self {
            name: name.to_owned(),
            key,
            keeper,
        })
    }

    /// The lock owner for the `run`-th start of the job loop in this life (a loop that
    /// died with the database starts again as a new run: apalis's own registration lock
    /// may still sit on a pooled connection of the old one).
    pub fn owner(&self, run: u32) -> String {
        format!("{}/{run}", self.key)
    }

    /// Re-queues the jobs of `queue` that earlier lives of this worker's name still
    /// hold, if those lives are over. Returns how many.
    pub async fn reclaim(&self, pool: &PgPool, queue: &str) -> Result<u64, sqlx::Error> {
        let prefix = format!("{}/%", like_escape(&self.name));
        let done = sqlx::query(
            r#"WITH dead AS (
                   SELECT j.id FROM apalis.jobs j
                   WHERE j.job_type = $1
                     AND j.status IN ('Running', 'Queued')
                     AND j.lock_by LIKE $2
                     AND NOT EXISTS (
                         SELECT 1 FROM pg_locks l
                         WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                           AND l.database = (SELECT oid FROM pg_database
                                             WHERE datname = current_database())
                           AND l.classid = ($3::int4)::oid
                           AND l.objid = hashtext(regexp_replace(j.lock_by, '/[^/]*$', ''))::oid)
                   FOR UPDATE OF j SKIP LOCKED)
               UPDATE apalis.jobs j
               SET status = 'Pending', lock_by = NULL, lock_at = NULL, done_at = NULL,
                   attempts = j.attempts + 1,
                   last_result = '{"Err": "Re-enqueued: the worker that held it restarted."}'::jsonb
               FROM dead WHERE j.id = dead.id"#,
        )
        .bind(queue)
        .bind(prefix)
        .bind(LIFE_LOCK_SPACE)
        .execute(pool)
        .await?;
        Ok(done.rows_affected())
    }
}

impl Drop for Life {
    fn drop(&mut self) {
        // The lock goes with the connection.
        self.keeper.abort();
    }
}

/// A connection holding the life's lock.
async fn hold(options: &PgConnectOptions, key: &str) -> Result<PgConnection, sqlx::Error> {
    let mut conn = PgConnection::connect_with(options).await?;
    sqlx::query("SELECT pg_advisory_lock($1, hashtext($2))")
        .bind(LIFE_LOCK_SPACE)
        .bind(key)
        .execute(&mut conn)
        .await?;
    Ok(conn)
}

async fn keep(options: PgConnectOptions, key: String, conn: PgConnection) {
    let mut conn = Some(conn);
    let mut pause = Duration::from_millis(200);
    loop {
        let held_since = tokio::time::Instant::now();
        let Err(err) = keep_alive(conn.take(), &options, &key).await;
        tracing::warn!(%err, "lost the connection holding this worker's life lock; taking it again");
        if held_since.elapsed() > 4 * KEEPALIVE {
            pause = Duration::from_millis(200);
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_secs(5));
    }
}

/// Holds the lock until the connection fails.
async fn keep_alive(
    conn: Option<PgConnection>,
    options: &PgConnectOptions,
    key: &str,
) -> Result<Infallible, sqlx::Error> {
    let mut conn = match conn {
        Some(conn) => conn,
        None => hold(options, key).await?,
    };
    loop {
        tokio::time::sleep(KEEPALIVE).await;
        sqlx::query("SELECT 1").execute(&mut conn).await?;
    }
}

/// `name` as a literal `LIKE` prefix (backslash is Postgres's default escape).
fn like_escape(name: &str) -> String {
    name.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_matched_literally() {
        assert_eq!(like_escape("pod_1%\\"), "pod\\_1\\%\\\\");
    }
}
