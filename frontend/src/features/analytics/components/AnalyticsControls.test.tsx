import { fireEvent, screen, waitFor } from "@testing-library/react";
import { HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { analyticsReport, apiError } from "../../../test/fixtures";
import { location, renderApp } from "../../../test/render";
import { SALES_BOT_ID, freezeDate, serveAnalytics } from "../test/analyticsServer";

const range = (query: URLSearchParams | undefined) => [query?.get("from"), query?.get("to")];

describe("analytics settings", () => {
  beforeEach(() => freezeDate());
  afterEach(() => vi.useRealTimers());

  it("asks for the last 7 days in the browser's timezone by default", async () => {
    const seen = serveAnalytics();
    await renderApp("/analytics");
    await screen.findByRole("region", { name: "No traffic in this range" });

    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(seen[0]?.get("timezone")).toBe(browserZone);
    expect(screen.getByLabelText("Timezone")).toHaveValue(browserZone);
    expect(screen.getByRole("button", { name: "Last 7 days" })).toHaveAttribute("aria-pressed", "true");
    expect(seen[0]?.has("assistant_id")).toBe(false);
  });

  it("changes the requested days with a preset, and keeps it in the URL", async () => {
    const seen = serveAnalytics();
    const { user } = await renderApp("/analytics?tz=Europe/Paris");
    await screen.findByRole("region", { name: "No traffic in this range" });
    expect(range(seen[0])).toEqual(["2026-03-04", "2026-03-10"]);
    expect(seen[0]?.get("timezone")).toBe("Europe/Paris");

    await user.click(screen.getByRole("button", { name: "Last 30 days" }));
    await waitFor(() => expect(range(seen.at(-1))).toEqual(["2026-02-09", "2026-03-10"]));
    expect(location.current).toBe("/analytics?tz=Europe%2FParis&range=30d");
    expect(screen.getByRole("button", { name: "Last 30 days" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByLabelText("From")).toHaveValue("2026-02-09");

    await user.click(screen.getByRole("button", { name: "Last 90 days" }));
    await waitFor(() => expect(range(seen.at(-1))).toEqual(["2025-12-11", "2026-03-10"]));
  });

  it("counts today in the chosen timezone", async () => {
    // 23:30 UTC on the 10th is already the 11th in Paris.
    freezeDate(new Date("2026-03-10T23:30:00Z"));
    const seen = serveAnalytics();
    await renderApp("/analytics?tz=Europe/Paris");
    await waitFor(() => expect(range(seen[0])).toEqual(["2026-03-05", "2026-03-11"]));
  });

  it("applies a custom range", async () => {
    const seen = serveAnalytics();
    const { user } = await renderApp("/analytics?tz=UTC");
    await screen.findByRole("region", { name: "No traffic in this range" });

    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-01-01" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2026-01-31" } });
    await user.click(screen.getByRole("button", { name: "Apply" }));

    await waitFor(() => expect(range(seen.at(-1))).toEqual(["2026-01-01", "2026-01-31"]));
    expect(location.current).toBe("/analytics?tz=UTC&from=2026-01-01&to=2026-01-31");
    for (const preset of ["Last 7 days", "Last 30 days", "Last 90 days"]) {
      expect(screen.getByRole("button", { name: preset })).toHaveAttribute("aria-pressed", "false");
    }
  });

  it("asks for both days before applying", async () => {
    const seen = serveAnalytics();
    const { user } = await renderApp("/analytics");
    await screen.findByRole("region", { name: "No traffic in this range" });

    fireEvent.change(screen.getByLabelText("From"), { target: { value: "" } });
    await user.click(screen.getByRole("button", { name: "Apply" }));

    expect(screen.getByLabelText("From")).toHaveAccessibleDescription("Enter the first day.");
    expect(seen).toHaveLength(1);
  });

  it("shows the API's 422 next to the date it names", async () => {
    serveAnalytics((query) =>
      query.get("from") === "2026-02-01"
        ? HttpResponse.json(apiError("validation_failed", "`from` must not be after `to`", { field: "from" }), { status: 422 })
        : HttpResponse.json(analyticsReport()),
    );
    const { user } = await renderApp("/analytics");
    await screen.findByRole("region", { name: "No traffic in this range" });

    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-02-01" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2026-01-01" } });
    await user.click(screen.getByRole("button", { name: "Apply" }));

    // The API's code and field, in the catalogue's words; never its own English sentence.
    await waitFor(() =>
      expect(screen.getByLabelText("From")).toHaveAccessibleDescription("Pick a first day on or before the last day, at most 366 days before it."),
    );
    expect(screen.queryByText(/must not be after/i)).not.toBeInTheDocument();
    expect(screen.getByLabelText("From")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("To")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByRole("alert")).toHaveTextContent("Fix the setting marked above");

    await user.click(screen.getByRole("button", { name: "Last 7 days" }));
    expect(await screen.findByRole("region", { name: "No traffic in this range" })).toBeInTheDocument();
    expect(screen.getByLabelText("From")).not.toHaveAttribute("aria-invalid");
  });

  it("shows a refused timezone next to the timezone picker", async () => {
    serveAnalytics(() =>
      HttpResponse.json(
        apiError("validation_failed", "`timezone` must be an IANA timezone name, such as `Europe/Paris` or `UTC`", { field: "timezone" }),
        { status: 422 },
      ),
    );
    await renderApp("/analytics?tz=Mars/Olympus");
    await waitFor(() =>
      expect(screen.getByLabelText("Timezone")).toHaveAccessibleDescription("Pick a timezone from the list."),
    );
    // A zone the browser doesn't know is still shown, not silently swapped.
    expect(screen.getByLabelText("Timezone")).toHaveValue("Mars/Olympus");
  });

  it("filters by assistant and changes the timezone", async () => {
    const seen = serveAnalytics();
    const { user } = await renderApp("/analytics?tz=UTC");
    await screen.findByRole("region", { name: "No traffic in this range" });

    await user.selectOptions(screen.getByLabelText("Assistant"), "Sales bot");
    await waitFor(() => expect(seen.at(-1)?.get("assistant_id")).toBe(SALES_BOT_ID));
    expect(location.current).toBe(`/analytics?tz=UTC&assistant=${SALES_BOT_ID}`);

    await user.selectOptions(screen.getByLabelText("Timezone"), "Asia/Tokyo");
    await waitFor(() => expect(seen.at(-1)?.get("timezone")).toBe("Asia/Tokyo"));
    expect(seen.at(-1)?.get("assistant_id")).toBe(SALES_BOT_ID);
  });
});
