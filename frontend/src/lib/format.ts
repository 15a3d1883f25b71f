// How numbers, money, durations and dates read, in one locale for everything on
// screen: the language's (see i18n/languages.ts). Formatters are built once per locale.

export interface Format {
  locale: string;
  count(value: number): string;
  /** A number with exactly two decimals: "0.70", "0,70". */
  decimal2(value: number): string;
  /** A 0..1 ratio as a percentage ("3.5%", "%3,5"). */
  rate(ratio: number): string;
  /** US dollars; fractions of a cent keep two significant digits instead of showing as zero. */
  usd(value: number): string;
  /** A duration in milliseconds: "840 ms", "1.3 s"; a dash when nothing was measured. */
  ms(ms: number | null | undefined): string;
  /** "5 minutes ago", "now". */
  relative(iso: string, now?: number): string;
  /** An instant, date and time: "Mar 4, 2026, 14:05". */
  dateTime(iso: string): string;
  /** An instant's time of day: "14:05". */
  clock(iso: string): string;
  /** A `YYYY-MM-DD` local day: "Mar 4". */
  shortDay(date: string): string;
  /** "Wed, Mar 4" */
  weekDay(date: string): string;
  /** "Mar 4, 2026" */
  longDay(date: string): string;
  /** "Mar 4, 2026 – Mar 10, 2026", or one day. */
  dayRange(from: string, to: string): string;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

// Days are `YYYY-MM-DD` local days: read and written in UTC so they never shift.
const asUtc = (date: string) => Date.parse(`${date}T00:00:00Z`);

function build(locale: string): Format {
  const count = new Intl.NumberFormat(locale);
  const decimal2 = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const usd = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const usdSmall = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", maximumSignificantDigits: 2 });
  const millis = new Intl.NumberFormat(locale, { style: "unit", unit: "millisecond", unitDisplay: "short" });
  const seconds = new Intl.NumberFormat(locale, { style: "unit", unit: "second", unitDisplay: "short", maximumFractionDigits: 1 });
  const secondsWhole = new Intl.NumberFormat(locale, { style: "unit", unit: "second", unitDisplay: "short", maximumFractionDigits: 0 });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const absolute = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const clock = new Intl.DateTimeFormat(locale, { timeStyle: "short" });
  const shortDay = new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: "short", day: "numeric" });
  const longDay = new Intl.DateTimeFormat(locale, { timeZone: "UTC", dateStyle: "medium" });
  const weekDay = new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday: "short", month: "short", day: "numeric" });
  const instant = (iso: string, format: Intl.DateTimeFormat) => {
    const time = Date.parse(iso);
    return Number.isNaN(time) ? iso : format.format(time);
  };

  return {
    locale,
    count: (value) => count.format(value),
    decimal2: (value) => decimal2.format(value),
    rate: (ratio) => percent.format(ratio),
    usd: (value) => (value > 0 && value < 0.01 ? usdSmall.format(value) : usd.format(value)),
    ms: (ms) => {
      if (ms === null || ms === undefined) return "—";
      const rounded = Math.round(ms);
      if (rounded < 1000) return millis.format(rounded);
      return rounded < 10_000 ? seconds.format(rounded / 1000) : secondsWhole.format(rounded / 1000);
    },
    relative: (iso, now = Date.now()) => {
      const then = Date.parse(iso);
      if (Number.isNaN(then)) return iso;
      const diff = Math.round((then - now) / 1000);
      if (Math.abs(diff) < 45) return relative.format(0, "second");
      for (const [unit, size] of UNITS) {
        if (Math.abs(diff) >= size) return relative.format(Math.round(diff / size), unit);
      }
      return relative.format(Math.round(diff / 60), "minute");
    },
    dateTime: (iso) => instant(iso, absolute),
    clock: (iso) => instant(iso, clock),
    shortDay: (date) => shortDay.format(asUtc(date)),
    weekDay: (date) => weekDay.format(asUtc(date)),
    longDay: (date) => longDay.format(asUtc(date)),
    dayRange: (from, to) => (from === to ? longDay.format(asUtc(from)) : longDay.formatRange(asUtc(from), asUtc(to))),
  };
}

const cache = new Map<string, Format>();

/** The formatters of `locale` (built on first use). */
export function formatFor(locale: string): Format {
  let format = cache.get(locale);
  if (!format) {
    format = build(locale);
    cache.set(locale, format);
  }
  return format;
}
