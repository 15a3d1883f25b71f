// Shared MSW setup of the analytics tests: the report endpoint (recording each
// request's query) and the assistants list the filter reads.
import { http, HttpResponse } from "msw";
import { vi } from "vitest";
import type { AnalyticsReport } from "../../../api/types";
import { analyticsReport, assistant } from "../../../test/fixtures";
import { api, server } from "../../../test/server";

export const SALES_BOT_ID = "0193a1b2-0000-7000-8000-00000000a002";

/** Noon UTC on 2026-03-10: still the 10th in Europe/Paris. */
export const NOW = new Date("2026-03-10T12:00:00Z");

/** Freezes only `Date`, so timers (user-event, TanStack Query) keep running. */
export function freezeDate(now: Date = NOW) {
  vi.useFakeTimers({ toFake: ["Date"], now });
}

/** Answers GET /analytics with `report` (or what `answer` makes of the query); returns the queries seen. */
export function serveAnalytics(answer: AnalyticsReport | ((query: URLSearchParams) => Response) = analyticsReport()) {
  const seen: URLSearchParams[] = [];
  server.use(
    http.get(api("/assistants"), () =>
      HttpResponse.json({ data: [assistant(), assistant({ id: SALES_BOT_ID, name: "Sales bot" })] }),
    ),
    http.get(api("/analytics"), ({ request }) => {
      const query = new URL(request.url).searchParams;
      seen.push(query);
      return typeof answer === "function" ? answer(query) : HttpResponse.json(answer);
    }),
  );
  return seen;
}
