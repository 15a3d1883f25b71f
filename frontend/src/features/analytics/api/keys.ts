import type { AnalyticsQuery } from "../../../api/types";

/**
 * Query keys of the analytics feature. Anything that changes what a report
 * would say (an assistant renamed, created or deleted) invalidates `all`.
 */
export const analyticsKeys = {
  all: ["analytics"] as const,
  reports: () => [...analyticsKeys.all, "report"] as const,
  /** One report: a range of days in a timezone, for every assistant or one. */
  report: (query: AnalyticsQuery) => [...analyticsKeys.reports(), query] as const,
};
