import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { apiError } from "../../../test/fixtures";
import { renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";
import { freezeDate, serveAnalytics } from "../test/analyticsServer";

interface Saved {
  filename: string;
  href: string;
}

/** Catches what would be handed to the browser's download manager. */
function catchDownloads(): { saved: Saved[]; blobs: Blob[] } {
  const saved: Saved[] = [];
  const blobs: Blob[] = [];
  vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return "blob:http://localhost:3000/export";
  });
  vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ filename: this.download, href: this.href });
  });
  return { saved, blobs };
}

describe("analytics exports", () => {
  beforeEach(() => freezeDate());
  afterEach(() => vi.useRealTimers());

  it("downloads the shown range with the token, under the server's file name", async () => {
    serveAnalytics();
    const requests: Request[] = [];
    server.use(
      http.get(api("/analytics/export"), ({ request }) => {
        requests.push(request);
        return new HttpResponse("hour,assistant_id,messages\n", {
          headers: {
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": 'attachment; filename="kremna-usage-2026-03-04-2026-03-10.csv"',
          },
        });
      }),
    );
    const { saved, blobs } = catchDownloads();
    const { user } = await renderApp("/analytics?tz=Europe/Paris", { role: "admin" });
    const exports = await screen.findByRole("group", { name: "Export" });

    await user.click(within(exports).getByRole("button", { name: "Export usage (CSV)" }));

    await waitFor(() => expect(saved).toEqual([{ filename: "kremna-usage-2026-03-04-2026-03-10.csv", href: "blob:http://localhost:3000/export" }]));
    const request = requests[0]!;
    expect(request.headers.get("Authorization")).toBe("Bearer test-token");
    expect(Object.fromEntries(new URL(request.url).searchParams)).toEqual({
      kind: "usage",
      format: "csv",
      from: "2026-03-04",
      to: "2026-03-10",
      timezone: "Europe/Paris",
    });
    expect(await blobs[0]?.text()).toBe("hour,assistant_id,messages\n");
  });

  it("offers NDJSON too", async () => {
    serveAnalytics();
    const seen: URLSearchParams[] = [];
    server.use(
      http.get(api("/analytics/export"), ({ request }) => {
        seen.push(new URL(request.url).searchParams);
        return new HttpResponse('{"id":"m1"}\n', {
          headers: { "Content-Type": "application/x-ndjson", "Content-Disposition": 'attachment; filename="kremna-messages-2026-03-04-2026-03-10.ndjson"' },
        });
      }),
    );
    const { saved } = catchDownloads();
    const { user } = await renderApp("/analytics", { role: "owner" });
    const exports = await screen.findByRole("group", { name: "Export" });

    await user.selectOptions(within(exports).getByLabelText("Export format"), "NDJSON");
    expect(within(exports).getByRole("button", { name: "Export usage (NDJSON)" })).toBeInTheDocument();
    await user.click(within(exports).getByRole("button", { name: "Export messages (NDJSON)" }));

    await waitFor(() => expect(saved.map((s) => s.filename)).toEqual(["kremna-messages-2026-03-04-2026-03-10.ndjson"]));
    expect(seen[0]?.get("kind")).toBe("messages");
    expect(seen[0]?.get("format")).toBe("ndjson");
  });

  it("says so when the export is refused", async () => {
    serveAnalytics();
    server.use(
      http.get(api("/analytics/export"), () =>
        HttpResponse.json(apiError("forbidden", "your role does not allow this"), { status: 403 }),
      ),
    );
    const { saved } = catchDownloads();
    const { user } = await renderApp("/analytics", { role: "admin" });
    const exports = await screen.findByRole("group", { name: "Export" });

    await user.click(within(exports).getByRole("button", { name: "Export messages (CSV)" }));

    expect(await within(exports).findByRole("alert")).toHaveTextContent("Your role in this workspace doesn't allow this");
    expect(saved).toEqual([]);
  });
});
