import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import type { AnalyticsQuery } from "../../../api/types";
import { browserTimeZone, isIsoDate, lastDays } from "../lib/dates";

export const PRESETS = [
  { id: "7d", days: 7 },
  { id: "30d", days: 30 },
  { id: "90d", days: 90 },
] as const;

export type PresetId = (typeof PRESETS)[number]["id"];

const DEFAULT_PRESET = PRESETS[0];

/** What the page shows, read from (and written to) the URL so a view can be shared or reloaded. */
export interface AnalyticsView {
  /** The preset in use, or null for a custom range. */
  preset: PresetId | null;
  /** First and last local day shown (a preset's are worked out for today). */
  from: string;
  to: string;
  timezone: string;
  assistantId: string | null;
}

/*
 * URL parameters:
 *   range=30d            a preset (absent: the last 7 days); relative, so a
 *                        reload tomorrow shows tomorrow's last 30 days
 *   from=…&to=…          a custom range (both needed, `YYYY-MM-DD`)
 *   assistant=<id>       one assistant (same name as on the chats page)
 *   tz=Europe/Paris      only when not the browser's own timezone
 */
function readView(params: URLSearchParams): AnalyticsView {
  const timezone = params.get("tz") || browserTimeZone();
  const assistantId = params.get("assistant") || null;
  const from = params.get("from");
  const to = params.get("to");
  if (isIsoDate(from) && isIsoDate(to)) {
    return { preset: null, from, to, timezone, assistantId };
  }
  const preset = PRESETS.find((p) => p.id === params.get("range")) ?? DEFAULT_PRESET;
  return { preset: preset.id, ...lastDays(preset.days, timezone), timezone, assistantId };
}

/** The API query for a view. */
export function toQuery(view: AnalyticsView): AnalyticsQuery {
  return {
    from: view.from,
    to: view.to,
    // the browser's zone is an IANA name; the spec lists the names the server knows
    timezone: view.timezone as AnalyticsQuery["timezone"],
    ...(view.assistantId ? { assistant_id: view.assistantId } : {}),
  };
}

export function useAnalyticsView() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readView(params), [params]);

  const update = useCallback(
    (edit: (next: URLSearchParams) => void) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          edit(next);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const setPreset = useCallback(
    (preset: PresetId) =>
      update((next) => {
        next.delete("from");
        next.delete("to");
        if (preset === DEFAULT_PRESET.id) next.delete("range");
        else next.set("range", preset);
      }),
    [update],
  );

  const setRange = useCallback(
    (from: string, to: string) =>
      update((next) => {
        next.delete("range");
        next.set("from", from);
        next.set("to", to);
      }),
    [update],
  );

  const setAssistant = useCallback(
    (assistantId: string | null) =>
      update((next) => {
        if (assistantId) next.set("assistant", assistantId);
        else next.delete("assistant");
      }),
    [update],
  );

  const setTimezone = useCallback(
    (timezone: string) =>
      update((next) => {
        if (timezone === browserTimeZone()) next.delete("tz");
        else next.set("tz", timezone);
      }),
    [update],
  );

  return { view, setPreset, setRange, setAssistant, setTimezone };
}
