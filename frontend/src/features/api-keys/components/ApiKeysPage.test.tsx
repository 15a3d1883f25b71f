import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import type { ApiKey } from "../../../api/types";
import { renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";

function apiKey(overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: "0193a1b2-0000-7000-8000-0000000000a1",
    name: "Backend",
    prefix: "kr_live_AbCd",
    access: "read",
    resources: { assistants: "read", chats: "read", analytics: "read", webhooks: "read" },
    status: "active",
    created_at: "2026-11-30T10:00:00Z",
    ...overrides,
  };
}

describe("Settings → API keys", () => {
  it("creates a key, shows its secret once, lists and revokes it", async () => {
    let keys: ApiKey[] = [];
    let sent: unknown = null;
    server.use(
      http.get(api("/api-keys"), () => HttpResponse.json({ data: keys })),
      http.post(api("/api-keys"), async ({ request }) => {
        sent = await request.json();
        const key = apiKey({ name: "Backend", access: "write" });
        keys = [key];
        return HttpResponse.json({ secret: "kr_live_AbCdEfGhsecret", key }, { status: 201 });
      }),
      http.delete(api("/api-keys/:id"), () => {
        const revoked = apiKey({ name: "Backend", access: "write", status: "revoked", revoked_at: "2026-12-01T10:00:00Z" });
        keys = [revoked];
        return HttpResponse.json(revoked);
      }),
    );
    const { user } = await renderApp("/settings/api-keys");

    expect(await screen.findByRole("heading", { name: "No API keys yet" })).toBeInTheDocument();
    await user.type(screen.getByLabelText("Name"), "Backend");
    await user.selectOptions(screen.getByLabelText("Access"), "write");
    await user.click(screen.getByRole("button", { name: "Create key" }));

    expect(await screen.findByText("kr_live_AbCdEfGhsecret")).toBeInTheDocument();
    expect(sent).toEqual({ name: "Backend", access: "write" });
    const table = await screen.findByRole("table", { name: "API keys" });
    expect(within(table).getByText("kr_live_AbCd…")).toBeInTheDocument();
    expect(within(table).getByText("Never")).toBeInTheDocument();

    await user.click(within(table).getByRole("button", { name: "Revoke Backend" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Revoke" }));
    expect(await within(table).findByText("Revoked")).toBeInTheDocument();
    expect(within(table).queryByRole("button", { name: "Revoke Backend" })).not.toBeInTheDocument();
  });

  it("is in the navigation for admins, not for agents", async () => {
    server.use(http.get(api("/assistants"), () => HttpResponse.json({ data: [] })));
    await renderApp("/assistants", { role: "agent" });
    const nav = await screen.findByRole("navigation", { name: "Main" });
    expect(within(nav).queryByRole("link", { name: "API keys" })).not.toBeInTheDocument();
  });
});
