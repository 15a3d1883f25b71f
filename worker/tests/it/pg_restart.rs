//! Fault: the database restarts under running services (a cluster this test starts
//! itself; never the machine's shared one).

use std::time::Duration;

use kremna_test_stack::{
    FakeConfig, Options, PLATFORM_ORIGIN, Reply, Stack,
    pg_cluster::PgCluster,
    process::{blocking, eventually, http_status},
};
use serde_json::json;

/// Property: after Postgres restarts, the worker takes jobs again by itself (a new
/// question gets its answer) and its readiness says so: 503 while the database is
/// down, 200 once it can work again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_worker_takes_jobs_again_after_a_database_restart() {
    let cluster = blocking(PgCluster::start);
    let stack = Stack::start(Options {
        admin_database_url: Some(cluster.admin_url()),
        fake: FakeConfig::default()
            .with_api_key("test-key")
            .with_reply(Reply::Fixed("Still here.".into())),
        ..Options::default()
    })
    .await;
    let owner = stack.owner("pg-restart").await;
    let assistant = stack.assistant(&owner, json!({})).await;
    let args = json!({ "url": stack.node_url(0), "assistantId": assistant, "origin": PLATFORM_ORIGIN,
                       "transport": "websocket", "timeoutMs": 15000 });
    let before = stack.scenario("flow", args.clone()).await;
    assert_eq!(before["reply"]["content"], "Still here.");

    let ready = format!(
        "http://{}/readyz",
        stack.worker.as_ref().unwrap().health_addr
    );
    blocking(|| cluster.stop());
    eventually(
        Duration::from_secs(5),
        "worker unready while Postgres is down",
        || {
            let ready = ready.clone();
            async move { http_status(&ready).await == 503 }
        },
    )
    .await;
    // Longer than a heartbeat (500 ms here): the job loop has met the outage.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    blocking(|| cluster.start_server());
    eventually(Duration::from_secs(15), "worker ready again", || {
        let ready = ready.clone();
        async move { http_status(&ready).await == 200 }
    })
    .await;

    let after = stack.scenario("flow", args).await;
    assert_eq!(after["reply"]["content"], "Still here.", "{after}");
    assert_eq!(after["reply"]["status"], "complete");
    stack.stop().await;
    drop(cluster);
}
