// Calendar days as the API counts them: `YYYY-MM-DD` strings for local days in
// an IANA timezone. Day arithmetic runs on UTC dates so no DST shift or browser
// offset can move a day.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 3600 * 1000;

/** A real calendar day written `YYYY-MM-DD` (not `2026-02-30`). */
export function isIsoDate(value: string | null | undefined): value is string {
  if (!value || !ISO_DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

/** The browser's timezone: the one a person reading "today" means. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Whether the browser knows this IANA name (the API has its own, similar list). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Today's date in `timeZone`; UTC's when the browser doesn't know the zone (the API will say so). */
export function todayIn(timeZone: string, now: number = Date.now()): string {
  const zone = isKnownTimeZone(timeZone) ? timeZone : "UTC";
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The `days` days ending today in `timeZone` — what the API's default 7-day range is too. */
export function lastDays(days: number, timeZone: string, now: number = Date.now()): { from: string; to: string } {
  const to = todayIn(timeZone, now);
  return { from: addDays(to, -(days - 1)), to };
}

let zones: string[] | undefined;

/** Every timezone the browser can name, for the picker. */
export function timeZones(): string[] {
  zones ??= ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
  return zones;
}
