import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/errors";
import type { AnalyticsQuery } from "../../../api/types";
import { analyticsKeys } from "./keys";

/**
 * The server folds new messages into its rollups every few seconds; asking
 * again every half minute keeps an open dashboard current without hammering it.
 */
const REFRESH_MS = 30_000;

/** The usage report for a range of days. */
export function useAnalyticsReport(query: AnalyticsQuery) {
  return useQuery({
    queryKey: analyticsKeys.report(query),
    queryFn: ({ signal }) => unwrap(api.GET("/analytics", { params: { query }, signal })),
    // Changing the range or the assistant keeps the last figures on screen
    // (marked as updating) instead of flashing a spinner.
    placeholderData: keepPreviousData,
    // A refused range (422) stays refused: don't ask again until the settings change.
    refetchInterval: (query) => (query.state.status === "error" ? false : REFRESH_MS),
  });
}
