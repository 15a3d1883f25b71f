/** Numbers and dates in the widget's language, with the browser's own `Intl` (no data shipped). */
import type { Lang } from "./lang";

/** "12 sec" / "12 sn"; past a minute and a half, "3 min" / "3 dk". */
export function waitText(lang: Lang, seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  const long = s >= 90;
  return new Intl.NumberFormat(lang, { style: "unit", unit: long ? "minute" : "second", unitDisplay: "short" }).format(
    long ? Math.ceil(s / 60) : s,
  );
}

/** Formats an RFC 3339 timestamp as date and time ("Nov 24, 2026, 2:05 PM" / "24 Kas 2026 14:05"); "" if unusable. */
export function timeFormat(lang: Lang): (iso: string | undefined) => string {
  const f = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
  return (iso) => {
    const d = new Date(iso ?? "");
    return isNaN(d.getTime()) ? "" : f.format(d);
  };
}
