import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { assistant } from "../../../test/fixtures";
import { renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";

describe("the assistant page's knowledge setting", () => {
  it("shows whether the assistant answers only from the knowledge base, and changes it at once", async () => {
    const a = assistant();
    let stored = false;
    const sent: unknown[] = [];
    server.use(
      http.get(api("/assistants/:id"), () => HttpResponse.json(a)),
      http.get(api("/knowledge/assistants/:id/settings"), () => HttpResponse.json({ knowledge_only: stored })),
      http.put(api(`/knowledge/assistants/${a.id}/settings`), async ({ request }) => {
        const body = (await request.json()) as { knowledge_only: boolean };
        sent.push(body);
        stored = body.knowledge_only;
        return HttpResponse.json(body);
      }),
    );
    const { user } = await renderApp(`/assistants/${a.id}`);
    const card = (await screen.findByRole("heading", { name: "Knowledge" })).closest("section")!;
    const general = within(card).getByRole("radio", { name: /Also use general knowledge/ });
    await waitFor(() => expect(general).toBeChecked());
    await user.click(within(card).getByRole("radio", { name: /Answer only from the knowledge base/ }));
    await waitFor(() => expect(within(card).getByRole("radio", { name: /Answer only from the knowledge base/ })).toBeChecked());
    expect(sent).toEqual([{ knowledge_only: true }]);
    expect(within(card).getByRole("link", { name: "Knowledge" })).toHaveAttribute("href", "/knowledge");
  });

  it("is read-only for agents", async () => {
    const a = assistant();
    server.use(
      http.get(api("/assistants/:id"), () => HttpResponse.json(a)),
      http.get(api("/knowledge/assistants/:id/settings"), () => HttpResponse.json({ knowledge_only: true })),
    );
    await renderApp(`/assistants/${a.id}`, { role: "agent" });
    const only = await screen.findByRole("radio", { name: /Answer only from the knowledge base/ });
    await waitFor(() => expect(only).toBeChecked());
    expect(only).toBeDisabled();
  });
});
