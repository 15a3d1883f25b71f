import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import type { Chat } from "../../../api/types";
import { apiError, chat, message, session } from "../../../test/fixtures";
import { renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";

const ME = session().user;
const AYSE = { user_id: "0193a1b2-0000-7000-8000-0000000000bb", email: "ayse@acme.test", full_name: "Ayşe Demir", role: "agent", joined_at: "2026-01-01T10:00:00Z" };
const members = [{ user_id: ME.id, email: ME.email, full_name: ME.full_name, role: "owner", joined_at: "2026-01-01T10:00:00Z" }, AYSE];

const open = chat({
  messages: [message({ id: "m1", role: "user", content: "I want a person", created_at: "2026-01-03T10:00:00Z" })],
  state: "needs_human",
  history: [{ id: "e1", kind: "requested_by_visitor", from_state: "open", to_state: "needs_human", created_at: "2026-01-03T10:00:05Z" }],
});

function taken(by: { id: string; name: string }): Chat {
  return {
    ...open,
    state: "assigned",
    assignee_id: by.id,
    assignee_name: by.name,
    state_changed_at: "2026-01-03T10:01:00Z",
    history: [
      ...open.history,
      { id: "e2", kind: "taken_over", from_state: "needs_human", to_state: "assigned", actor_id: by.id, actor_name: by.name, assignee_id: by.id, assignee_name: by.name, created_at: "2026-01-03T14:02:00Z" },
    ],
  };
}

describe("chat page: who answers, and answering in person", () => {
  it("takes over, then replies as the member; the stored history reads in the transcript", async () => {
    let current: Chat = open;
    const sent: { content: string; client_message_id: string }[] = [];
    server.use(
      http.get(api("/members"), () => HttpResponse.json({ data: members })),
      http.get(api("/chats/:id"), () => HttpResponse.json(current)),
      http.post(api(`/chats/${open.id}/take-over`), () => {
        current = taken({ id: ME.id, name: ME.full_name });
        return HttpResponse.json(current);
      }),
      http.post(api(`/chats/${open.id}/messages`), async ({ request }) => {
        const body = (await request.json()) as { content: string; client_message_id: string };
        sent.push(body);
        const stored = message({ id: "a1", role: "agent", content: body.content, author_name: ME.full_name, created_at: "2026-01-03T14:03:00Z" });
        current = { ...current, messages: [...current.messages, stored] };
        return HttpResponse.json({ ...stored, chat_id: open.id }, { status: 201 });
      }),
    );
    const { user } = await renderApp(`/chats/${open.id}`);

    const panel = await screen.findByRole("region", { name: "Who answers" });
    expect(panel).toHaveTextContent("Needs a person");
    const reply = screen.getByLabelText("Reply to the visitor");
    expect(reply).toBeDisabled();
    expect(screen.getByText("The visitor asked for a person at", { exact: false })).toBeInTheDocument();

    await user.click(within(panel).getByRole("button", { name: "Take over" }));
    expect(await within(panel).findByText("You have this chat; the assistant is silent.")).toBeInTheDocument();
    expect(within(panel).queryByRole("button", { name: "Take over" })).not.toBeInTheDocument();
    expect(screen.getByText(/^Ada Lovelace took over at /)).toBeInTheDocument();

    expect(reply).toBeEnabled();
    await user.type(reply, "Hello, Ada here.{Enter}");
    const list = screen.getByRole("list", { name: "Messages" });
    const agent = await within(list).findByRole("listitem", { name: "Ada Lovelace message" });
    expect(agent).toHaveTextContent("Hello, Ada here.");
    expect(reply).toHaveValue("");
    expect(sent.map((m) => m.content)).toEqual(["Hello, Ada here."]);
    expect(sent[0]?.client_message_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("says who has a chat another member took, offers no take-over, and keeps the reply box shut", async () => {
    server.use(
      http.get(api("/members"), () => HttpResponse.json({ data: members })),
      http.get(api("/chats/:id"), () => HttpResponse.json(taken({ id: AYSE.user_id, name: AYSE.full_name }))),
    );
    await renderApp(`/chats/${open.id}`, { role: "agent" });
    const panel = await screen.findByRole("region", { name: "Who answers" });
    expect(panel).toHaveTextContent("Ayşe Demir has this chat; the assistant is silent.");
    expect(within(panel).queryByRole("button", { name: "Take over" })).not.toBeInTheDocument();
    expect(within(panel).getByRole("button", { name: "Hand back to the assistant" })).toBeInTheDocument();
    expect(within(panel).getByRole("button", { name: "Resolve" })).toBeInTheDocument();
    expect(screen.getByLabelText("Reply to the visitor")).toBeDisabled();
    // An agent deletes nothing.
    expect(screen.queryByRole("button", { name: "Delete chat" })).not.toBeInTheDocument();
  });

  it("assigns to a member picked from the team, and says in words why a refused change failed", async () => {
    const assigned: unknown[] = [];
    server.use(
      http.get(api("/members"), () => HttpResponse.json({ data: members })),
      http.get(api("/chats/:id"), () => HttpResponse.json(open)),
      http.post(api(`/chats/${open.id}/assign`), async ({ request }) => {
        assigned.push(await request.json());
        return HttpResponse.json(taken({ id: AYSE.user_id, name: AYSE.full_name }));
      }),
      http.post(api(`/chats/${open.id}/hand-back`), () =>
        HttpResponse.json(apiError("chat_state_conflict", "the chat is open; this change does not apply"), { status: 409 }),
      ),
    );
    const { user } = await renderApp(`/chats/${open.id}`);
    const panel = await screen.findByRole("region", { name: "Who answers" });
    const picker = within(panel).getByLabelText("Assign to");
    await within(panel).findByRole("option", { name: "Ayşe Demir" });
    await user.selectOptions(picker, "Ayşe Demir");
    await user.click(within(panel).getByRole("button", { name: "Assign" }));
    expect(await within(panel).findByText("Ayşe Demir has this chat; the assistant is silent.")).toBeInTheDocument();
    expect(assigned).toEqual([{ member_id: AYSE.user_id }]);

    await user.click(within(panel).getByRole("button", { name: "Hand back to the assistant" }));
    expect(await within(panel).findByRole("alert")).toHaveTextContent("This chat has changed meanwhile. Reload it and try again.");
  });

  it("reads in Turkish", async () => {
    const { initI18n } = await import("../../../i18n");
    await initI18n("tr");
    server.use(
      http.get(api("/members"), () => HttpResponse.json({ data: members })),
      http.get(api("/chats/:id"), () => HttpResponse.json(taken({ id: AYSE.user_id, name: "Ayşe" }))),
    );
    await renderApp(`/chats/${open.id}`);
    expect(await screen.findByRole("button", { name: "Asistana geri ver" })).toBeInTheDocument();
    expect(screen.getByText(/^Ayşe sohbeti devraldı · /)).toBeInTheDocument();
  });
});
