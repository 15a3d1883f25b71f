import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { analyticsReport, apiError } from "../../../test/fixtures";
import { location, renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";
import { SALES_BOT_ID, freezeDate, serveAnalytics } from "../test/analyticsServer";
import { busyReport } from "../test/busyReport";

/** The value shown for a figure, by its label. */
function figure(label: string): string | null | undefined {
  return screen.getByText(label, { selector: "dt" }).nextElementSibling?.textContent;
}

describe("analytics page", () => {
  beforeEach(() => freezeDate());
  afterEach(() => vi.useRealTimers());

  it("is the home page, first in the navigation", async () => {
    serveAnalytics();
    await renderApp("/");
    expect(await screen.findByRole("heading", { name: "Analytics", level: 1 })).toBeInTheDocument();
    expect(location.current).toBe("/analytics");
    const links = within(screen.getByRole("navigation", { name: "Main" })).getAllByRole("link");
    expect(links.map((l) => l.textContent)).toEqual(["Analytics", "Assistants", "Chats", "Knowledge", "Team", "Settings", "API keys", "Webhooks"]);
    expect(links[0]).toHaveAttribute("aria-current", "page");
  });

  it("shows the report's figures, chart and breakdowns", async () => {
    serveAnalytics(busyReport());
    await renderApp("/analytics?tz=Europe/Paris");

    expect(await screen.findByRole("heading", { name: "Mar 4\u2009–\u200910, 2026" })).toBeInTheDocument();
    expect(screen.getByText(/updated every few seconds/)).toHaveTextContent(/these are from \d{1,2}:\d{2}/);
    expect(figure("Chats")).toBe("12");
    expect(figure("Messages")).toBe("340");
    expect(figure("Replies")).toBe("165");
    expect(figure("Failure rate")).toBe("1.8%");
    expect(figure("Tokens")).toBe("154,567");
    expect(figure("Estimated cost")).toBe("$1.23");
    expect(figure("Average reply time")).toBe("842 ms");
    expect(figure("95th percentile reply time")).toBe("2.3 sec");
    expect(figure("Total chats")).toBe("420");
    expect(figure("Total messages")).toBe("9,876");
    expect(figure("Assistants")).toBe("3");
    expect(screen.getByText("2 active")).toBeInTheDocument();

    const chart = screen.getByRole("img", { name: "Messages per day" });
    expect(chart).toHaveAccessibleDescription(
      "7 days, Mar 4\u2009–\u200910, 2026: 340 messages and 12 chats; busiest day Sun, Mar 8 with 200 messages.",
    );
    const days = within(screen.getByRole("table", { name: "Messages and chats per day" })).getAllByRole("row").slice(1);
    expect(days).toHaveLength(7);
    expect(days[4]).toHaveTextContent("Sun, Mar 82007");
    expect(days[0]).toHaveTextContent("Wed, Mar 400");

    const perAssistant = within(screen.getByRole("table", { name: "By assistant" })).getAllByRole("row").slice(1);
    expect(within(perAssistant[0]!).getByRole("link", { name: "Support bot" })).toHaveAttribute("href", "/assistants/0193a1b2-0000-7000-8000-00000000a001");
    expect(perAssistant[0]).toHaveTextContent("Support bot3001502%130,000$1.202.1 sec");
    expect(within(perAssistant[1]!).getByRole("link", { name: "Sales bot" })).toHaveAttribute("href", `/assistants/${SALES_BOT_ID}`);
    // Deleted since: named, but nothing to open.
    expect(perAssistant[2]).toHaveTextContent("(deleted assistant)");
    expect(within(perAssistant[2]!).queryByRole("link")).not.toBeInTheDocument();

    const perModel = within(screen.getByRole("table", { name: "By model" })).getAllByRole("row").slice(1);
    expect(perModel[0]).toHaveTextContent("mistral-small-latest150100,00030,000$1.23");
    expect(perModel[1]).toHaveTextContent("my-local-llama1520,0004,567No price");
  });

  it("says how to get traffic when the range has none, still showing zeros for every day", async () => {
    serveAnalytics(analyticsReport());
    await renderApp("/analytics");

    const empty = await screen.findByRole("region", { name: "No traffic in this range" });
    expect(within(empty).getByText(/embed snippet on your website/)).toBeInTheDocument();
    expect(within(empty).getByRole("link", { name: "Get an embed snippet" })).toHaveAttribute("href", "/assistants");
    expect(figure("Messages")).toBe("0");
    expect(figure("Estimated cost")).toBe("$0.00");
    expect(figure("Average reply time")).toBe("—");
    expect(within(screen.getByRole("table", { name: "Messages and chats per day" })).getAllByRole("row")).toHaveLength(8);
    expect(screen.getByRole("img", { name: "Messages per day" })).toHaveAccessibleDescription(
      "7 days, Mar 4\u2009–\u200910, 2026: no messages or chats.",
    );
    expect(screen.queryByRole("table", { name: "By assistant" })).not.toBeInTheDocument();
  });

  it("offers to drop a filter on an assistant that doesn't exist", async () => {
    const seen = serveAnalytics((query) =>
      query.has("assistant_id")
        ? HttpResponse.json(apiError("not_found", "assistant not found", { resource: "assistant" }), { status: 404 })
        : HttpResponse.json(analyticsReport()),
    );
    const { user } = await renderApp("/analytics?assistant=0193a1b2-0000-7000-8000-00000000dead");

    const missing = await screen.findByRole("region", { name: "Assistant not found" });
    await user.click(within(missing).getByRole("button", { name: "Show all assistants" }));

    expect(await screen.findByRole("region", { name: "No traffic in this range" })).toBeInTheDocument();
    expect(seen.at(-1)?.has("assistant_id")).toBe(false);
    expect(location.current).toBe("/analytics");
  });

  it("shows a server failure with a way to retry", async () => {
    let calls = 0;
    serveAnalytics(() => {
      calls += 1;
      return calls === 1
        ? HttpResponse.json(apiError("internal_error", "internal error"), { status: 500 })
        : HttpResponse.json(analyticsReport());
    });
    const { user } = await renderApp("/analytics");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Something went wrong on our side");
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("region", { name: "No traffic in this range" })).toBeInTheDocument();
  });

  it("shows agents the figures but no exports", async () => {
    serveAnalytics(busyReport());
    await renderApp("/analytics", { role: "agent" });
    expect(await screen.findByRole("table", { name: "By assistant" })).toBeInTheDocument();
    expect(screen.queryByRole("group", { name: "Export" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Export/ })).not.toBeInTheDocument();
  });

  it("still shows the report when the assistants list fails", async () => {
    serveAnalytics();
    server.use(http.get(api("/assistants"), () => HttpResponse.json(apiError("internal_error", "x"), { status: 500 })));
    await renderApp("/analytics");
    expect(await screen.findByRole("region", { name: "No traffic in this range" })).toBeInTheDocument();
    expect(screen.getByLabelText("Assistant")).toHaveValue("");
  });
});
