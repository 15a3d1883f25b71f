//! Row-level security, checked directly in Postgres as the services' role: these hold
//! even for a query that forgets its `WHERE tenant_id`.

use kremna_shared::domain::MessageRole::User;
use sqlx::{PgPool, Row};

use crate::support::TestApp;

const TENANT_TABLES: &[&str] = &[
    "tenants",
    "users",
    "memberships",
    "assistants",
    "chats",
    "messages",
    "api_keys",
    "usage_changes",
    "usage_rollups",
    "deleted_chats",
];

async fn count(pool: &PgPool, table: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn seed_two_tenants(app: &TestApp) -> (crate::support::Account, crate::support::Account) {
    let a = app.register("rls-a").await;
    let b = app.register("rls-b").await;
    for account in [&a, &b] {
        let assistant = app.create_assistant(account, "Bot").await;
        app.seed_chat(account.tenant, assistant, &[(User, "hi")])
            .await;
    }
    let admin = app.db.admin_pool().await;
    for account in [&a, &b] {
        sqlx::query("INSERT INTO api_keys (tenant_id, id, name, prefix, key_hash) VALUES ($1, gen_random_uuid(), 'k', 'kr_', gen_random_bytes(32))")
            .bind(account.tenant)
            .execute(&admin)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO deleted_chats (tenant_id, chat_id) VALUES ($1, gen_random_uuid())",
        )
        .bind(account.tenant)
        .execute(&admin)
        .await
        .unwrap();
    }
    // Fill the rollups, then leave one more change each pending.
    kremna_shared::analytics::rollup::roll_up_all(app.app_db())
        .await
        .unwrap();
    for account in [&a, &b] {
        let assistant = app.create_assistant(account, "Second bot").await;
        app.seed_chat(account.tenant, assistant, &[(User, "hello again")])
            .await;
    }
    (a, b)
}

/// Property: the services' role is an ordinary role — not a superuser, not able to
/// bypass RLS, and owner of nothing — or every other test here would pass vacuously.
#[tokio::test]
async fn the_app_role_cannot_see_through_rls() {
    let app = TestApp::spawn().await;
    let pool = app.db.app_pool().await;
    let row = sqlx::query(
        "SELECT rolsuper, rolbypassrls,
                (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid) AS owned
         FROM pg_roles r WHERE rolname = current_user",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(!row.get::<bool, _>("rolsuper"));
    assert!(!row.get::<bool, _>("rolbypassrls"));
    assert_eq!(row.get::<i64, _>("owned"), 0);
    for table in TENANT_TABLES {
        let forced: bool = sqlx::query_scalar("SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE relname = $1 AND relnamespace = 'public'::regnamespace")
            .bind(table)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert!(forced, "{table} must ENABLE and FORCE row level security");
    }
    // Every table that holds a tenant's rows, including ones added after this list
    // was written (knowledge, webhooks, read marks…).
    let unforced: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_class c
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
           AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
         ORDER BY 1",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(
        unforced.is_empty(),
        "tenant tables without forced RLS: {unforced:?}"
    );
}

/// Property: with no tenant set, the app role reads zero rows from every tenant table,
/// although both tenants have rows in each.
#[tokio::test]
async fn without_a_tenant_every_table_reads_empty() {
    let app = TestApp::spawn().await;
    seed_two_tenants(&app).await;
    let admin = app.db.admin_pool().await;
    let pool = app.db.app_pool().await;
    for table in TENANT_TABLES {
        assert!(
            count(&admin, table).await >= 2,
            "{table} should hold both tenants' rows"
        );
        assert_eq!(
            count(&pool, table).await,
            0,
            "{table} leaked rows without a tenant"
        );
    }
}

/// Property: with tenant A set (transaction-local), a query with no WHERE clause sees
/// only A's rows, and the setting is gone once the transaction ends.
#[tokio::test]
async fn a_tenant_sees_only_its_rows_and_the_setting_does_not_leak() {
    let app = TestApp::spawn().await;
    let (a, _b) = seed_two_tenants(&app).await;
    let pool = app.db.app_pool().await;
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("SELECT set_config('app.tenant_id', $1, true)")
        .bind(a.tenant.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    for table in [
        "assistants",
        "chats",
        "messages",
        "api_keys",
        "memberships",
        "tenants",
        "usage_changes",
        "usage_rollups",
    ] {
        let foreign: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT count(*) FROM {table} WHERE {} <> $1",
            if table == "tenants" {
                "id"
            } else {
                "tenant_id"
            }
        )))
        .bind(a.tenant)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        assert_eq!(foreign, 0, "{table} showed another tenant's rows");
        let own: i64 =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
                .fetch_one(&mut *tx)
                .await
                .unwrap();
        assert!(own >= 1, "{table} should show A's own rows");
    }
    tx.commit().await.unwrap();
    // Same pool, maybe the same connection: the tenant setting ended with the transaction.
    for _ in 0..5 {
        assert_eq!(count(&pool, "assistants").await, 0);
    }
}

/// Property: writes are checked too — a tenant cannot insert a row for another tenant,
/// move its row to another tenant, or point a chat at another tenant's assistant.
#[tokio::test]
async fn cross_tenant_writes_are_refused() {
    let app = TestApp::spawn().await;
    let (a, b) = seed_two_tenants(&app).await;
    let pool = app.db.app_pool().await;
    let b_assistant: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM assistants WHERE tenant_id = $1")
            .bind(b.tenant)
            .fetch_one(&app.db.admin_pool().await)
            .await
            .unwrap();

    let mut tx = pool.begin().await.unwrap();
    sqlx::query("SELECT set_config('app.tenant_id', $1, true)")
        .bind(a.tenant.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    let foreign_insert = sqlx::query("INSERT INTO assistants (tenant_id, id, name, model) VALUES ($1, gen_random_uuid(), 'x', 'm')")
        .bind(b.tenant)
        .execute(&mut *tx)
        .await;
    assert!(
        foreign_insert.is_err(),
        "inserting a row for tenant B while acting as A must fail"
    );
    tx.rollback().await.unwrap();

    let mut tx = pool.begin().await.unwrap();
    sqlx::query("SELECT set_config('app.tenant_id', $1, true)")
        .bind(a.tenant.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    let moved = sqlx::query("UPDATE assistants SET tenant_id = $1")
        .bind(b.tenant)
        .execute(&mut *tx)
        .await;
    assert!(moved.is_err(), "moving A's rows to B must fail");
    tx.rollback().await.unwrap();

    let mut tx = pool.begin().await.unwrap();
    sqlx::query("SELECT set_config('app.tenant_id', $1, true)")
        .bind(a.tenant.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    let hijack = sqlx::query("INSERT INTO chats (tenant_id, id, assistant_id, visitor_id) VALUES ($1, gen_random_uuid(), $2, 'v')")
        .bind(a.tenant)
        .bind(b_assistant)
        .execute(&mut *tx)
        .await;
    assert!(
        hijack.is_err(),
        "a chat of A must not point at B's assistant"
    );
    tx.rollback().await.unwrap();

    let mut tx = pool.begin().await.unwrap();
    sqlx::query("SELECT set_config('app.tenant_id', $1, true)")
        .bind(a.tenant.to_string())
        .execute(&mut *tx)
        .await
        .unwrap();
    let deleted = sqlx::query("DELETE FROM assistants WHERE tenant_id = $1")
        .bind(b.tenant)
        .execute(&mut *tx)
        .await
        .unwrap();
    assert_eq!(deleted.rows_affected(), 0, "A cannot delete B's rows");
    tx.rollback().await.unwrap();
}

/// Property: the app role cannot read the migration history or change the schema.
#[tokio::test]
async fn the_app_role_cannot_touch_the_schema() {
    let app = TestApp::spawn().await;
    let pool = app.db.app_pool().await;
    assert!(
        sqlx::query("SELECT * FROM _sqlx_migrations")
            .fetch_all(&pool)
            .await
            .is_err()
    );
    assert!(
        sqlx::query("ALTER TABLE assistants DISABLE ROW LEVEL SECURITY")
            .execute(&pool)
            .await
            .is_err()
    );
    assert!(
        sqlx::query("CREATE TABLE sneaky (id int)")
            .execute(&pool)
            .await
            .is_err()
    );
}
