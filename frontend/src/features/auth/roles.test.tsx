import { screen } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { assistant, chat, message } from "../../test/fixtures";
import { location, renderApp } from "../../test/render";
import { api, server } from "../../test/server";

describe("the agent role reads only", () => {
  it("hides create, save and delete for assistants and shows the form read-only", async () => {
    const a = assistant();
    server.use(
      http.get(api("/assistants"), () => HttpResponse.json({ data: [a] })),
      http.get(api("/assistants/:id"), () => HttpResponse.json(a)),
    );
    const { user } = await renderApp("/assistants", { role: "agent" });

    await screen.findByRole("table", { name: "Assistants" });
    expect(screen.getByRole("group", { name: "Workspace" })).toHaveTextContent("Your role: Agent");
    expect(screen.queryByRole("link", { name: /New assistant/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole("link", { name: /^Support bot/ }));
    expect(await screen.findByLabelText("Name")).toBeDisabled();
    expect(screen.getByRole("switch", { name: "Active" })).toBeDisabled();
    expect(screen.queryByRole("button", { name: "Save changes" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Delete assistant" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Add origin" })).toBeDisabled();
    // Reading the snippet is still fine.
    expect(screen.getByRole("button", { name: "Copy snippet" })).toBeEnabled();
  });

  it("keeps agents out of the create page", async () => {
    server.use(http.get(api("/assistants"), () => HttpResponse.json({ data: [] })));
    await renderApp("/assistants/new", { role: "agent" });
    expect(await screen.findByRole("heading", { name: "No assistants yet" })).toBeInTheDocument();
    expect(location.current).toBe("/assistants");
  });

  it("hides delete on a transcript", async () => {
    const c = chat({ messages: [message({ id: "m1", role: "user", content: "Hello" })] });
    server.use(http.get(api("/chats/:id"), () => HttpResponse.json(c)));
    await renderApp(`/chats/${c.id}`, { role: "agent" });
    expect(await screen.findByText("Hello")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Delete chat" })).not.toBeInTheDocument();
  });

  it("shows those actions to admins", async () => {
    const c = chat({ messages: [message({ id: "m1", role: "user", content: "Hello" })] });
    server.use(http.get(api("/chats/:id"), () => HttpResponse.json(c)));
    await renderApp(`/chats/${c.id}`, { role: "admin" });
    expect(await screen.findByRole("button", { name: "Delete chat" })).toBeInTheDocument();
  });
});
