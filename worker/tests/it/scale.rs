use kremna_test_stack::{FakeConfig, Options, PLATFORM_ORIGIN, Reply, Stack};
use serde_json::json;

/// Two realtime nodes and a worker act as one: a widget on node A and a dashboard on
/// node B both receive the same reply (through the Redis adapter), and the dashboard
/// also sees the chat start, the visitor's message and — while watching — the deltas.
#[tokio::test]
async fn a_widget_on_node_a_and_a_dashboard_on_node_b_get_the_same_reply() {
    let reply = "One reply, every node.";
    let stack = Stack::start(Options {
        realtime_nodes: 2,
        fake: FakeConfig::default()
            .with_api_key("test-key")
            .with_reply(Reply::Fixed(reply.into())),
        ..Options::default()
    })
    .await;
    let owner = stack.owner("scale").await;
    let assistant = stack.assistant(&owner, json!({})).await;
    for transport in ["websocket", "polling"] {
        let result = stack
            .scenario(
                "twoNodes",
                json!({ "urlA": stack.node_url(0), "urlB": stack.node_url(1), "assistantId": assistant,
                        "origin": PLATFORM_ORIGIN, "transport": transport, "token": owner.token }),
            )
            .await;
        assert_eq!(result["watched"]["ok"], true);
        assert_eq!(result["widgetReply"]["content"], reply);
        assert_eq!(result["agentReply"]["id"], result["widgetReply"]["id"]);
        assert_eq!(result["agentReply"]["content"], reply);
        assert_eq!(
            result["agentDeltas"], reply,
            "the watching dashboard got the deltas"
        );
        assert_eq!(result["agentSawUserMessage"], true);
        assert_eq!(
            result["agentSawChatStarted"]["chat"]["id"],
            result["started"]["id"]
        );
    }
    stack.stop().await;
}
