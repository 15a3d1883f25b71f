import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { assistant, chatSummary } from "../../../test/fixtures";
import { location, renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";

const other = assistant({ id: "0193a1b2-0000-7000-8000-00000000a002", name: "Sales bot" });

describe("chats list", () => {
  it("loads the next page with next_cursor", async () => {
    const seen: URLSearchParams[] = [];
    server.use(
      http.get(api("/members"), () => HttpResponse.json({ data: [] })),
      http.get(api("/assistants"), () => HttpResponse.json({ data: [assistant(), other] })),
      http.get(api("/chats"), ({ request }) => {
        const query = new URL(request.url).searchParams;
        seen.push(query);
        if (query.get("after") === "page-2") {
          return HttpResponse.json({ data: [chatSummary(3)], has_more: false });
        }
        return HttpResponse.json({ data: [chatSummary(1), chatSummary(2)], has_more: true, next_cursor: "page-2" });
      }),
    );
    const { user } = await renderApp("/chats");

    const list = await screen.findByRole("list", { name: "Chats" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(2);
    const first = within(list).getAllByRole("listitem")[0]!;
    expect(first).toHaveTextContent("Chat number 1");
    expect(first).toHaveTextContent("Support bot");
    expect(first).toHaveTextContent("Assistant: Last words of chat 1");
    expect(first).toHaveTextContent("2 messages");
    expect(first).toHaveTextContent("1 minute ago");
    expect(seen[0]?.get("after")).toBeNull();

    await user.click(screen.getByRole("button", { name: "Load more" }));

    expect(await screen.findByText("Chat number 3")).toBeInTheDocument();
    expect(within(list).getAllByRole("listitem")).toHaveLength(3);
    expect(seen[1]?.get("after")).toBe("page-2");
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
  });

  it("filters by assistant", async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.get(api("/members"), () => HttpResponse.json({ data: [] })),
      http.get(api("/assistants"), () => HttpResponse.json({ data: [assistant(), other] })),
      http.get(api("/chats"), ({ request }) => {
        const id = new URL(request.url).searchParams.get("assistant_id");
        seen.push(id);
        return HttpResponse.json({
          data: id ? [chatSummary(9, { assistant_id: other.id, assistant_name: "Sales bot", title: "About pricing" })] : [chatSummary(1)],
          has_more: false,
        });
      }),
    );
    const { user } = await renderApp("/chats");
    await screen.findByText("Chat number 1");

    await user.selectOptions(screen.getByLabelText("Assistant"), "Sales bot");

    expect(await screen.findByText("About pricing")).toBeInTheDocument();
    expect(seen).toEqual([null, other.id]);
  });

  it("shows an empty state", async () => {
    server.use(
      http.get(api("/members"), () => HttpResponse.json({ data: [] })),
      http.get(api("/assistants"), () => HttpResponse.json({ data: [] })),
      http.get(api("/chats"), () => HttpResponse.json({ data: [], has_more: false })),
    );
    await renderApp("/chats");
    expect(await screen.findByRole("region", { name: "No chats yet" })).toBeInTheDocument();
  });
});

describe("chats list filters (the live inbox)", () => {
  it("filters by state, assignee and words, keeps them in the URL, and steps back through them", async () => {
    const seen: URLSearchParams[] = [];
    server.use(
      http.get(api("/members"), () =>
        HttpResponse.json({ data: [{ user_id: "0193a1b2-0000-7000-8000-0000000000bb", email: "ayse@acme.test", full_name: "Ayşe Demir", role: "agent", joined_at: "2026-01-01T10:00:00Z" }] }),
      ),
      http.get(api("/assistants"), () => HttpResponse.json({ data: [assistant()] })),
      http.get(api("/chats"), ({ request }) => {
        const query = new URL(request.url).searchParams;
        seen.push(query);
        const state = query.get("state");
        return HttpResponse.json({
          data: [chatSummary(1, state ? { state: "needs_human", title: "Waiting for a person" } : {})],
          has_more: false,
        });
      }),
    );
    const { user, router } = await renderApp("/chats");
    await screen.findByText("Chat number 1");

    await user.selectOptions(screen.getByLabelText("State"), "Needs a person");
    expect(await screen.findByText("Waiting for a person")).toBeInTheDocument();
    expect(location.current).toBe("/chats?state=needs_human");
    const row = within(screen.getByRole("list", { name: "Chats" })).getAllByRole("listitem")[0]!;
    expect(row).toHaveTextContent("Needs a person");

    await user.selectOptions(screen.getByLabelText("Assignee"), "Me");
    await user.type(screen.getByRole("searchbox", { name: "Search messages" }), "kargo nerede{Enter}");
    await screen.findByText("Waiting for a person");
    expect(location.current).toBe("/chats?state=needs_human&assignee=me&q=kargo+nerede");
    const last = seen.at(-1)!;
    expect([last.get("state"), last.get("assignee_id"), last.get("q")]).toEqual(["needs_human", "0193a1b2-0000-7000-8000-0000000000aa", "kargo nerede"]);

    // Back: the previous filters, in the URL and in the controls.
    await router.navigate(-1);
    await screen.findByText("Waiting for a person");
    expect(location.current).toBe("/chats?state=needs_human&assignee=me");
    await waitFor(() => expect(screen.getByRole("searchbox", { name: "Search messages" })).toHaveValue(""));

    await user.click(screen.getByRole("button", { name: "Clear filters" }));
    expect(await screen.findByText("Chat number 1")).toBeInTheDocument();
    expect(location.current).toBe("/chats");
  });
});
