import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import type { UpdateAssistantRequest } from "../../../api/types";
import { apiError, assistant, session } from "../../../test/fixtures";
import { location, renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";

const a = assistant();

function serveAssistant() {
  server.use(
    http.get(api("/assistants/:id"), () => HttpResponse.json(a)),
    http.get(api("/assistants"), () => HttpResponse.json({ data: [a] })),
    http.get(api("/chats"), () => HttpResponse.json({ data: [], has_more: false })),
  );
}

describe("unsaved changes", () => {
  it("enables Save changes only while something differs from what was loaded", async () => {
    serveAssistant();
    const { user } = await renderApp(`/assistants/${a.id}`);
    const save = await screen.findByRole("button", { name: "Save changes" });
    expect(save).toBeDisabled();
    expect(screen.getByText("No changes to save")).toBeInTheDocument();

    const name = screen.getByLabelText("Name");
    await user.type(name, "!");
    expect(save).toBeEnabled();
    expect(screen.getByText("Unsaved changes")).toBeInTheDocument();

    // Typing it back is no change at all.
    await user.type(name, "{Backspace}");
    expect(save).toBeDisabled();
  });

  it("asks before leaving a changed form: Stay keeps the edit, Leave goes", async () => {
    serveAssistant();
    const { user } = await renderApp(`/assistants/${a.id}`);
    await user.type(await screen.findByLabelText("Name"), " v2");

    const nav = screen.getByRole("navigation", { name: "Main" });
    await user.click(within(nav).getByRole("link", { name: "Chats" }));
    const dialog = screen.getByRole("dialog", { name: "Leave without saving?" });
    await user.click(within(dialog).getByRole("button", { name: "Stay" }));
    expect(location.current).toBe(`/assistants/${a.id}`);
    expect(screen.getByLabelText("Name")).toHaveValue("Support bot v2");

    await user.click(within(nav).getByRole("link", { name: "Chats" }));
    await user.click(within(screen.getByRole("dialog", { name: "Leave without saving?" })).getByRole("button", { name: "Leave" }));
    expect(await screen.findByRole("heading", { name: "Chats", level: 1 })).toBeInTheDocument();
    expect(window.sessionStorage.length).toBe(0);
  });

  it("does not ask when nothing changed", async () => {
    serveAssistant();
    const { user } = await renderApp(`/assistants/${a.id}`);
    await screen.findByLabelText("Name");
    await user.click(within(screen.getByRole("navigation", { name: "Main" })).getByRole("link", { name: "Chats" }));
    expect(await screen.findByRole("heading", { name: "Chats", level: 1 })).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("keeps the typed text when the session expires on Save, and restores it after signing in again", async () => {
    serveAssistant();
    let sent: UpdateAssistantRequest | undefined;
    let expired = true;
    server.use(
      http.patch(api(`/assistants/${a.id}`), async ({ request }) => {
        if (expired) return HttpResponse.json(apiError("token_expired", "the access token has expired"), { status: 401 });
        sent = (await request.json()) as UpdateAssistantRequest;
        return HttpResponse.json({ ...a, instructions: sent.instructions ?? a.instructions });
      }),
      http.post(api("/auth/login"), () => HttpResponse.json(session("owner"))),
    );
    const { user } = await renderApp(`/assistants/${a.id}`);
    const instructions = await screen.findByLabelText(/Instructions/);
    await user.clear(instructions);
    await user.type(instructions, "Answer in Turkish when asked in Turkish.");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    // Straight to sign-in, no "leave without saving?" in the way.
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByText("Your session has expired. Sign in again to continue.")).toBeInTheDocument();

    expired = false;
    await user.type(screen.getByLabelText("E-mail"), "ada@acme.test");
    await user.type(screen.getByLabelText("Password"), "correct horse battery");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByLabelText(/Instructions/)).toHaveValue("Answer in Turkish when asked in Turkish.");
    expect(location.current).toBe(`/assistants/${a.id}`);
    expect(screen.getByText(/Your unsaved changes were kept/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Changes saved.")).toBeInTheDocument();
    expect(sent?.instructions).toBe("Answer in Turkish when asked in Turkish.");
    await waitFor(() => expect(window.sessionStorage.length).toBe(0));
  });

  it("forgets every draft on a deliberate sign-out", async () => {
    serveAssistant();
    server.use(http.post(api("/auth/logout"), () => new HttpResponse(null, { status: 204 })));
    const { user } = await renderApp(`/assistants/${a.id}`);
    await user.type(await screen.findByLabelText("Name"), " v2");
    expect(window.sessionStorage.length).toBe(1);
    await user.click(screen.getByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(window.sessionStorage.length).toBe(0);
  });
});
