import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { chat, chatSummary } from "../../../test/fixtures";
import { renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";

const other = chatSummary(7, { title: "Earlier question" });

function serve(c: ReturnType<typeof chat>) {
  server.use(http.get(api("/members"), () => HttpResponse.json({ data: [] })), http.get(api("/chats/:id"), () => HttpResponse.json(c)));
}

describe("visitor identity in the inbox", () => {
  it("marks a verified identity and links the same user's other chats", async () => {
    serve(
      chat({
        identity: { user_id: "u-1", name: "Ayşe Yılmaz", email: "ayse@example.com", verified: true },
        verified_user_chats: [{ id: other.id, assistant_id: other.assistant_id, title: other.title, state: "resolved", last_message_at: other.last_message_at }],
      }),
    );
    await renderApp(`/chats/${chat().id}`);
    const card = await screen.findByRole("region", { name: "Visitor identity" });
    expect(within(card).getByText("Verified")).toBeInTheDocument();
    expect(within(card).queryByText("Unverified claim")).not.toBeInTheDocument();
    expect(card).toHaveTextContent("Ayşe Yılmaz");
    expect(card).toHaveTextContent("ayse@example.com");
    const others = within(card).getByRole("list", { name: "This user's other chats" });
    expect(within(others).getByRole("link", { name: "Earlier question" })).toHaveAttribute("href", `/chats/${other.id}`);
  });

  it("labels an unverified claim differently and links nothing", async () => {
    serve(chat({ identity: { user_id: "u-1", name: "Mallory", verified: false }, verified_user_chats: [] }));
    await renderApp(`/chats/${chat().id}`);
    const card = await screen.findByRole("region", { name: "Visitor identity" });
    expect(within(card).getByText("Unverified claim")).toBeInTheDocument();
    expect(within(card).queryByText("Verified")).not.toBeInTheDocument();
    expect(card).toHaveTextContent(/without a valid signature/);
    expect(within(card).queryByRole("list")).not.toBeInTheDocument();
  });

  it("shows no identity card for an anonymous visitor", async () => {
    serve(chat());
    await renderApp(`/chats/${chat().id}`);
    await screen.findByText("This chat has no messages yet.");
    expect(screen.queryByRole("region", { name: "Visitor identity" })).not.toBeInTheDocument();
  });

  it("shows the badge and the claimed name in the chats list", async () => {
    server.use(
      http.get(api("/members"), () => HttpResponse.json({ data: [] })),
      http.get(api("/assistants"), () => HttpResponse.json({ data: [] })),
      http.get(api("/chats"), () =>
        HttpResponse.json({
          data: [
            chatSummary(1, { identity: { user_id: "u-1", name: "Ayşe", verified: true } }),
            chatSummary(2, { identity: { user_id: "u-1", name: "Mallory", verified: false } }),
          ],
          has_more: false,
        }),
      ),
    );
    await renderApp("/chats");
    const rows = await screen.findAllByRole("listitem");
    const ayse = rows.find((r) => r.textContent.includes("Ayşe"))!;
    const mallory = rows.find((r) => r.textContent.includes("Mallory"))!;
    expect(within(ayse).getByText("Verified")).toBeInTheDocument();
    expect(within(mallory).getByText("Unverified claim")).toBeInTheDocument();
  });
});
