import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { apiError, assistant, chat, chatSummary, message } from "../../../test/fixtures";
import { location, renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";

const transcript = chat({
  title: "Where is my parcel?",
  messages: [
    message({ id: "m1", role: "user", content: "Where is my parcel?", created_at: "2026-01-03T10:00:00Z" }),
    message({
      id: "m2",
      role: "assistant",
      content: "It left the warehouse yesterday.",
      model: "mistral-small-latest",
      prompt_tokens: 120,
      completion_tokens: 42,
      latency_ms: 1840,
      created_at: "2026-01-03T10:00:02Z",
    }),
    message({ id: "m3", role: "user", content: "And when will it arrive?", created_at: "2026-01-03T10:01:00Z" }),
    message({
      id: "m4",
      role: "assistant",
      status: "failed",
      model: "mistral-small-latest",
      error: { code: "provider_timeout" },
      created_at: "2026-01-03T10:01:31Z",
    }),
  ],
});

describe("chat transcript", () => {
  it("renders messages in order, with usage, and marks the failed reply with its error", async () => {
    server.use(http.get(api("/members"), () => HttpResponse.json({ data: [] })), http.get(api("/chats/:id"), () => HttpResponse.json(transcript)));
    await renderApp(`/chats/${transcript.id}`);

    const list = await screen.findByRole("list", { name: "Messages" });
    const items = within(list).getAllByRole("listitem");
    expect(items.map((li) => li.getAttribute("aria-label"))).toEqual([
      "Visitor message",
      "Assistant message",
      "Visitor message",
      "Assistant message, failed",
    ]);
    expect(items[0]).toHaveTextContent("Where is my parcel?");
    expect(within(items[1]!).getByLabelText("Reply details")).toHaveTextContent(
      "mistral-small-latest · 120 prompt / 42 completion tokens · 1.8 sec",
    );

    const failed = items[3]!;
    expect(within(failed).getByText("Reply failed")).toBeInTheDocument();
    expect(failed).toHaveTextContent("provider_timeout");
    expect(failed).toHaveTextContent("The AI provider did not answer in time, even after retries.");
    // Absent usage (null from the API) is left out, not shown as "null".
    expect(within(failed).getByLabelText("Reply details")).toHaveTextContent(/^mistral-small-latest$/);
    expect(within(items[0]!).queryByLabelText("Reply details")).not.toBeInTheDocument();
    expect(screen.getByText(/1 failed reply/)).toBeInTheDocument();
    // The header names the assistant as a link, and when the chat was last active.
    const description = document.querySelector<HTMLElement>(".page-header__description")!;
    expect(description).toHaveTextContent(new RegExp(`^With ${transcript.assistant_name} · last activity .+`));
    expect(within(description).getByRole("link", { name: transcript.assistant_name })).toHaveAttribute("href", `/assistants/${transcript.assistant_id}`);
  });

  it("shows not found for a chat of another workspace", async () => {
    server.use(http.get(api("/members"), () => HttpResponse.json({ data: [] })), http.get(api("/chats/:id"), () => HttpResponse.json(apiError("not_found", "chat not found", { resource: "chat" }), { status: 404 })));
    await renderApp(`/chats/${transcript.id}`);
    expect(await screen.findByRole("heading", { name: "Chat not found" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to chats" })).toHaveAttribute("href", "/chats");
  });

  it("deletes the chat, says so, and returns to the list it was opened from, filter kept", async () => {
    let deleted = false;
    const listed = chatSummary(1, { id: transcript.id, title: "Where is my parcel?" });
    server.use(
      http.get(api("/members"), () => HttpResponse.json({ data: [] })),
      http.get(api("/chats/:id"), () => HttpResponse.json(transcript)),
      http.delete(api(`/chats/${transcript.id}`), () => {
        deleted = true;
        return new HttpResponse(null, { status: 204 });
      }),
      http.get(api("/assistants"), () => HttpResponse.json({ data: [assistant()] })),
      http.get(api("/chats"), () => HttpResponse.json({ data: deleted ? [] : [listed], has_more: false })),
    );
    const { user } = await renderApp(`/chats?assistant=${transcript.assistant_id}`);
    await user.click(await screen.findByRole("link", { name: "Where is my parcel?" }));
    await user.click(await screen.findByRole("button", { name: "Delete chat" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete chat" }));

    expect(await screen.findByRole("heading", { name: "Chats", level: 1 })).toBeInTheDocument();
    expect(deleted).toBe(true);
    expect(location.current).toBe(`/chats?assistant=${transcript.assistant_id}`);
    expect(screen.getByLabelText("Assistant")).toHaveValue(transcript.assistant_id);
    // Announced through the live region that was on the page all along.
    expect(screen.getByText("Chat deleted.").closest("[role=status]")).toBeInTheDocument();
  });

  it("returns to every chat after deleting one opened from a link", async () => {
    server.use(
      http.get(api("/members"), () => HttpResponse.json({ data: [] })),
      http.get(api("/chats/:id"), () => HttpResponse.json(transcript)),
      http.delete(api(`/chats/${transcript.id}`), () => new HttpResponse(null, { status: 204 })),
      http.get(api("/assistants"), () => HttpResponse.json({ data: [] })),
      http.get(api("/chats"), () => HttpResponse.json({ data: [], has_more: false })),
    );
    const { user } = await renderApp(`/chats/${transcript.id}`);
    await user.click(await screen.findByRole("button", { name: "Delete chat" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete chat" }));
    expect(await screen.findByText("Chat deleted.")).toBeInTheDocument();
    expect(location.current).toBe("/chats");
  });
});
