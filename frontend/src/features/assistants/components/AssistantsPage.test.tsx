import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { assistant } from "../../../test/fixtures";
import { renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";

describe("assistants list", () => {
  it("lists name, model, status and update time", async () => {
    server.use(
      http.get(api("/assistants"), () =>
        HttpResponse.json({
          data: [
            assistant(),
            assistant({ id: "0193a1b2-0000-7000-8000-00000000a002", name: "Sales bot", status: "paused", model: "mistral-large-latest" }),
          ],
        }),
      ),
    );
    await renderApp("/assistants");

    const table = await screen.findByRole("table", { name: "Assistants" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole("link", { name: /^Support bot/ })).toHaveAttribute("href", `/assistants/${assistant().id}`);
    expect(rows[0]).toHaveTextContent("mistral-small-latest");
    expect(rows[0]).toHaveTextContent("Active");
    expect(rows[0]).toHaveTextContent("5 minutes ago");
    expect(rows[1]).toHaveTextContent("Paused");
    expect(screen.getByRole("link", { name: /New assistant/ })).toBeInTheDocument();
  });

  it("has an empty state that leads to creating one", async () => {
    server.use(http.get(api("/assistants"), () => HttpResponse.json({ data: [] })));
    await renderApp("/assistants");
    const empty = await screen.findByRole("region", { name: "No assistants yet" });
    expect(within(empty).getByRole("link", { name: /New assistant/ })).toHaveAttribute("href", "/assistants/new");
  });

  it("says when the server can't be reached, and retries", async () => {
    let calls = 0;
    server.use(
      http.get(api("/assistants"), () => {
        calls += 1;
        return calls === 1 ? HttpResponse.error() : HttpResponse.json({ data: [assistant()] });
      }),
    );
    const { user } = await renderApp("/assistants");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("You appear to be offline");
    expect(alert).toHaveTextContent("Can't reach the Kremna server");
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("table", { name: "Assistants" })).toBeInTheDocument();
  });
});
