import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import type { CreateAssistantRequest, UpdateAssistantRequest } from "../../../api/types";
import { apiError, assistant } from "../../../test/fixtures";
import { location, renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";

// A rule only the server knows (the form's own checks pass): the API names the row.
const originError = (index: number) =>
  HttpResponse.json(
    apiError("validation_failed", `\`allowed_origins[${index}]\` must be an origin like https://example.com`, {
      field: `allowed_origins[${index}]`,
    }),
    { status: 422 },
  );
const ORIGIN_TEXT = "Enter an origin like https://shop.example.com or https://*.example.com: scheme, host and port only.";

describe("assistant form", () => {
  it("shows a 422 for allowed_origins[1] on the second origin row", async () => {
    const sent: CreateAssistantRequest[] = [];
    server.use(
      http.post(api("/assistants"), async ({ request }) => {
        sent.push((await request.json()) as CreateAssistantRequest);
        return originError(1);
      }),
    );
    const { user } = await renderApp("/assistants/new");

    await user.type(screen.getByLabelText("Name"), "Support bot");
    await user.type(screen.getByLabelText("Origin 1"), "https://shop.acme.test");
    await user.click(screen.getByRole("button", { name: "Add origin" }));
    await user.type(screen.getByLabelText("Origin 2"), "https://blocked.acme.test");
    await user.click(screen.getByRole("button", { name: "Create assistant" }));

    const second = screen.getByLabelText("Origin 2");
    expect(await screen.findByText(ORIGIN_TEXT)).toBeInTheDocument();
    expect(screen.queryByText(/must be an origin/i)).not.toBeInTheDocument();
    expect(second).toHaveAttribute("aria-invalid", "true");
    expect(second).toHaveAccessibleDescription(ORIGIN_TEXT);
    expect(second).toHaveFocus();
    expect(screen.getByLabelText("Origin 1")).not.toHaveAttribute("aria-invalid");
    // The message is inside the second row of the list.
    const rows = within(screen.getByRole("list", { name: "Allowed origins" })).getAllByRole("listitem");
    expect(within(rows[1]!).getByText(ORIGIN_TEXT)).toBeInTheDocument();
    expect(within(rows[0]!).queryByText(ORIGIN_TEXT)).not.toBeInTheDocument();

    expect(sent[0]).toMatchObject({
      name: "Support bot",
      model: "mistral-small-latest",
      temperature: 0.7,
      allowed_origins: ["https://shop.acme.test", "https://blocked.acme.test"],
      theme: { primary_color: "#2563eb", position: "right" },
      status: "active",
    });
    expect(location.current).toBe("/assistants/new");
  });

  it("maps the API's index back to the row when blank rows were left out", async () => {
    const sent: CreateAssistantRequest[] = [];
    server.use(
      http.post(api("/assistants"), async ({ request }) => {
        sent.push((await request.json()) as CreateAssistantRequest);
        return originError(1);
      }),
    );
    const { user } = await renderApp("/assistants/new");
    await user.type(screen.getByLabelText("Name"), "Bot");
    await user.type(screen.getByLabelText("Origin 1"), "https://a.acme.test");
    await user.click(screen.getByRole("button", { name: "Add origin" }));
    await user.click(screen.getByRole("button", { name: "Add origin" }));
    await user.type(screen.getByLabelText("Origin 3"), "https://nope.acme.test");
    await user.click(screen.getByRole("button", { name: "Create assistant" }));

    expect(await screen.findByLabelText("Origin 3")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Origin 2")).not.toHaveAttribute("aria-invalid");
    expect(sent[0]?.allowed_origins).toEqual(["https://a.acme.test", "https://nope.acme.test"]);
  });

  it("checks every field before calling the API, and shows every problem at once", async () => {
    let called = false;
    server.use(
      http.post(api("/assistants"), () => {
        called = true;
        return HttpResponse.json({}, { status: 500 });
      }),
    );
    const { user } = await renderApp("/assistants/new");
    await user.clear(screen.getByLabelText("Model"));
    await user.type(screen.getByLabelText("Model"), "bad model");
    await user.clear(screen.getByLabelText("Primary colour hex value"));
    await user.type(screen.getByLabelText("Primary colour hex value"), "blue");
    await user.type(screen.getByLabelText("Origin 1"), "shop.acme.test");
    await user.click(screen.getByRole("button", { name: "Add origin" }));
    await user.type(screen.getByLabelText("Origin 2"), "ftp://acme.test");
    await user.click(screen.getByRole("button", { name: "Add origin" }));
    await user.type(screen.getByLabelText("Origin 3"), "https://acme.test/shop");
    await user.click(screen.getByRole("button", { name: "Create assistant" }));

    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("Give the assistant a name.");
    expect(screen.getByLabelText("Model")).toHaveAccessibleDescription(/^Use only letters, digits/);
    expect(screen.getByLabelText("Primary colour hex value")).toHaveAccessibleDescription("Use a colour like #2563eb.");
    expect(screen.getByLabelText("Origin 1")).toHaveAccessibleDescription("Enter an origin like https://shop.example.com.");
    expect(screen.getByLabelText("Origin 2")).toHaveAccessibleDescription("Start with http:// or https://.");
    expect(screen.getByLabelText("Origin 3")).toHaveAccessibleDescription("Only the scheme, host and port: no path, query or credentials.");
    expect(screen.getByLabelText("Name")).toHaveFocus();
    expect(called).toBe(false);
  });

  it("shows theme.primary_color errors next to the colour", async () => {
    server.use(
      http.patch(api("/assistants/:id"), () =>
        HttpResponse.json(apiError("validation_failed", "`theme.primary_color` must be a colour like #2563eb", { field: "theme.primary_color" }), {
          status: 422,
        }),
      ),
      http.get(api("/assistants/:id"), () => HttpResponse.json(assistant({ theme: { primary_color: "#abc", position: "left" } }))),
    );
    const { user } = await renderApp(`/assistants/${assistant().id}`);
    await user.type(await screen.findByLabelText(/Description/), " and returns");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByLabelText("Primary colour hex value")).toHaveAccessibleDescription("Use a colour like #2563eb.");
  });

  it("edits an assistant: sends every field, shows pending then saved", async () => {
    const a = assistant();
    let sent: UpdateAssistantRequest | undefined;
    let release: () => void = () => undefined;
    server.use(
      http.get(api("/assistants/:id"), () => HttpResponse.json(a)),
      http.patch(api(`/assistants/${a.id}`), async ({ request }) => {
        sent = (await request.json()) as UpdateAssistantRequest;
        await new Promise<void>((resolve) => (release = resolve));
        return HttpResponse.json({ ...a, ...sent, theme: a.theme, updated_at: new Date().toISOString() });
      }),
    );
    const { user } = await renderApp(`/assistants/${a.id}`);

    const instructions = await screen.findByLabelText(/Instructions/);
    expect(instructions).toHaveValue("Be brief.");
    await user.clear(instructions);
    await user.type(instructions, "Answer in French.");
    await user.click(screen.getByRole("switch", { name: "Active" }));
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByRole("button", { name: "Saving…" })).toBeDisabled();
    release();
    expect(await screen.findByText("Changes saved.")).toBeInTheDocument();
    expect(sent).toMatchObject({
      name: "Support bot",
      instructions: "Answer in French.",
      status: "paused",
      allowed_origins: ["https://shop.acme.test"],
      theme: { primary_color: "#2563eb", position: "right" },
    });
  });

  it("shows the embed snippet with a Copy button and the empty-origins hint", async () => {
    const a = assistant({ allowed_origins: [] });
    server.use(http.get(api("/assistants/:id"), () => HttpResponse.json(a)));
    await renderApp(`/assistants/${a.id}`);

    expect(await screen.findByLabelText("Embed snippet")).toHaveTextContent(`data-assistant-id="${a.id}"`);
    expect(screen.getByRole("button", { name: "Copy snippet" })).toBeInTheDocument();
    expect(screen.getByText(/^Paste this before/)).toHaveTextContent("Paste this before </body> on a page of an allowed origin.");
    expect(document.querySelector(".page-header__description")).toHaveTextContent(/^Updated \d+ minutes ago · View chats$/);
    expect(screen.getByText(/an empty list allows only the dashboard's preview/)).toBeInTheDocument();
  });

  it("deletes after confirming in a dialog", async () => {
    const a = assistant();
    let deleted = false;
    server.use(
      http.get(api("/assistants/:id"), () => HttpResponse.json(a)),
      http.delete(api(`/assistants/${a.id}`), () => {
        deleted = true;
        return new HttpResponse(null, { status: 204 });
      }),
      http.get(api("/assistants"), () => HttpResponse.json({ data: [] })),
    );
    const { user } = await renderApp(`/assistants/${a.id}`);

    await user.click(await screen.findByRole("button", { name: "Delete assistant" }));
    const dialog = screen.getByRole("dialog", { name: "Delete “Support bot”?" });
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Delete assistant" }));

    expect(await screen.findByText("“Support bot” was deleted.")).toBeInTheDocument();
    expect(screen.queryByRole("dialog", { name: "Leave without saving?" })).not.toBeInTheDocument();
    expect(deleted).toBe(true);
    expect(location.current).toBe("/assistants");
  });

  it("shows a not-found page for another workspace's assistant", async () => {
    server.use(http.get(api("/assistants/:id"), () => HttpResponse.json(apiError("not_found", "assistant not found"), { status: 404 })));
    await renderApp(`/assistants/${assistant().id}`);
    expect(await screen.findByRole("heading", { name: "Assistant not found" })).toBeInTheDocument();
  });
});
