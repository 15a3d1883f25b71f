import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import type { WebhookDelivery, WebhookEndpoint } from "../../../api/types";
import { renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";

const ENDPOINT_ID = "0193a1b2-0000-4000-8000-0000000000e1";

function endpoint(overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint {
  return {
    id: ENDPOINT_ID,
    url: "https://crm.example.com/hooks",
    description: "",
    event_types: ["chat.started", "reply.completed"],
    enabled: true,
    created_at: "2026-12-01T10:00:00Z",
    updated_at: "2026-12-01T10:00:00Z",
    ...overrides,
  };
}

function delivery(overrides: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return {
    id: "0193a1b2-0000-7000-8000-0000000000d1",
    endpoint_id: ENDPOINT_ID,
    event_id: "msg_0193a1b2000070008000000000000d1",
    event_type: "reply.completed",
    status: "failed",
    attempt_count: 8,
    last_status_code: 500,
    last_latency_ms: 42,
    last_error: "Answered 500.",
    created_at: "2026-12-01T10:00:00Z",
    updated_at: "2026-12-01T10:00:00Z",
    payload: "{}",
    attempts: [],
    ...overrides,
  };
}

describe("Settings → Webhooks", () => {
  it("adds an endpoint for the ticked events and shows its secret once", async () => {
    let endpoints: WebhookEndpoint[] = [];
    let sent: unknown = null;
    server.use(
      http.get(api("/webhooks/endpoints"), () => HttpResponse.json({ data: endpoints })),
      http.post(api("/webhooks/endpoints"), async ({ request }) => {
        sent = await request.json();
        endpoints = [endpoint({ event_types: ["chat.started", "chat.resolved"] })];
        return HttpResponse.json({ endpoint: endpoints[0], secret: "whsec_c2VjcmV0LXNob3duLW9uY2U=" }, { status: 201 });
      }),
    );
    const { user } = await renderApp("/settings/webhooks");

    expect(await screen.findByRole("heading", { name: "No webhook endpoints yet" })).toBeInTheDocument();
    await user.type(screen.getByLabelText("Endpoint URL"), "https://crm.example.com/hooks");
    // Every event starts ticked; keep two.
    for (const name of [/A message was posted/, /The assistant replied/, /The assistant could not reply/, /A person was asked for/]) {
      await user.click(screen.getByRole("checkbox", { name }));
    }
    await user.click(screen.getByRole("button", { name: "Add endpoint" }));

    expect(await screen.findByTestId("webhook-secret")).toHaveTextContent("whsec_c2VjcmV0LXNob3duLW9uY2U=");
    expect(sent).toEqual({ url: "https://crm.example.com/hooks", event_types: ["chat.started", "chat.resolved"] });
    const card = await screen.findByRole("region", { name: "https://crm.example.com/hooks" });
    expect(within(card).getByText("A chat was resolved")).toBeInTheDocument();
  });

  it("says why an internal address is refused", async () => {
    server.use(
      http.get(api("/webhooks/endpoints"), () => HttpResponse.json({ data: [] })),
      http.post(api("/webhooks/endpoints"), () =>
        HttpResponse.json({ error: { code: "webhook_url_refused", message: "private", details: null } }, { status: 422 }),
      ),
    );
    const { user } = await renderApp("/settings/webhooks");
    await user.type(await screen.findByLabelText("Endpoint URL"), "http://10.0.0.1/hooks");
    await user.click(screen.getByRole("button", { name: "Add endpoint" }));
    expect(await screen.findByText(/private network or can't be found/)).toBeInTheDocument();
  });

  it("sends a test event, lists deliveries with status, code and time, and replays one", async () => {
    let deliveries: WebhookDelivery[] = [delivery()];
    let tests = 0;
    let replayed: string | null = null;
    server.use(
      http.get(api("/webhooks/endpoints"), () => HttpResponse.json({ data: [endpoint()] })),
      http.get(api("/webhooks/endpoints/:id/deliveries"), () => HttpResponse.json({ data: deliveries, has_more: false })),
      http.post(api("/webhooks/endpoints/:id/test"), () => {
        tests += 1;
        const test = delivery({ id: "0193a1b2-0000-7000-8000-0000000000d2", event_type: "webhook.test", status: "succeeded", attempt_count: 1, last_status_code: 200, last_latency_ms: 7, last_error: undefined });
        deliveries = [test, ...deliveries];
        return HttpResponse.json(test, { status: 202 });
      }),
      http.post(api("/webhooks/deliveries/:id/replay"), ({ params }) => {
        replayed = String(params.id);
        return HttpResponse.json(delivery({ status: "pending" }), { status: 202 });
      }),
    );
    const { user } = await renderApp("/settings/webhooks");
    const card = await screen.findByRole("region", { name: "https://crm.example.com/hooks" });
    await user.click(within(card).getByRole("button", { name: "Send test event" }));

    const table = await within(card).findByRole("table", { name: "Deliveries" });
    expect(tests).toBe(1);
    expect(await within(table).findByText("webhook.test")).toBeInTheDocument();
    expect(within(table).getByText("Delivered")).toBeInTheDocument();
    expect(within(table).getByText("Failed")).toBeInTheDocument();
    expect(within(table).getByText("500")).toBeInTheDocument();
    expect(within(table).getByText("42 ms")).toBeInTheDocument();

    await user.click(within(table).getByRole("button", { name: "Replay reply.completed" }));
    expect(await screen.findByText("Sent again, with the same webhook-id.")).toBeInTheDocument();
    expect(replayed).toBe("0193a1b2-0000-7000-8000-0000000000d1");
  });

  it("is in the navigation for admins, not for agents", async () => {
    server.use(http.get(api("/assistants"), () => HttpResponse.json({ data: [] })));
    await renderApp("/assistants", { role: "agent" });
    const nav = await screen.findByRole("navigation", { name: "Main" });
    expect(within(nav).queryByRole("link", { name: "Webhooks" })).not.toBeInTheDocument();
  });
});
