// How the analytics figures read: grouped counts, percentages, dollars, durations, days.
import { formatLatency } from "../../../lib/time";

const count = new Intl.NumberFormat(undefined);
const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 1 });
const usd = new Intl.NumberFormat(undefined, { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
// Small models cost fractions of a cent a day; "$0.00" would hide them.
const usdSmall = new Intl.NumberFormat(undefined, { style: "currency", currency: "USD", maximumSignificantDigits: 2 });
const shortDay = new Intl.DateTimeFormat(undefined, { timeZone: "UTC", month: "short", day: "numeric" });
const longDay = new Intl.DateTimeFormat(undefined, { timeZone: "UTC", dateStyle: "medium" });
const weekDay = new Intl.DateTimeFormat(undefined, { timeZone: "UTC", weekday: "short", month: "short", day: "numeric" });

export function formatCount(value: number): string {
  return count.format(value);
}

/** A 0..1 ratio as a percentage. */
export function formatRate(ratio: number): string {
  return percent.format(ratio);
}

export function formatUsd(value: number): string {
  return value > 0 && value < 0.01 ? usdSmall.format(value) : usd.format(value);
}

/** Milliseconds as "840 ms" or "1.3 s"; a dash when nothing was measured. */
export function formatMs(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? "—" : formatLatency(Math.round(ms));
}

// Dates are `YYYY-MM-DD` local days: read and written in UTC so they never shift.
const asUtc = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** "Mar 4" */
export function formatShortDay(date: string): string {
  return shortDay.format(asUtc(date));
}

/** "Wed, Mar 4" */
export function formatWeekDay(date: string): string {
  return weekDay.format(asUtc(date));
}

/** "Mar 4, 2026" */
export function formatLongDay(date: string): string {
  return longDay.format(asUtc(date));
}

export function formatDayRange(from: string, to: string): string {
  return from === to ? formatLongDay(from) : `${formatLongDay(from)} – ${formatLongDay(to)}`;
}

const clock = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });

/** An instant's local time of day, "14:05". */
export function formatClock(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : clock.format(time);
}
