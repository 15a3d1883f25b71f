// Sizes and retrieval scores, in the locale on screen (useFormat().locale).

/** Bytes, kilobytes or megabytes (decimal, like the API's own limit sentences). */
export function formatBytes(bytes: number, locale: string): string {
  const [unit, value] = bytes >= 1_000_000 ? (["megabyte", bytes / 1_000_000] as const) : bytes >= 1000 ? (["kilobyte", bytes / 1000] as const) : (["byte", bytes] as const);
  return new Intl.NumberFormat(locale, { style: "unit", unit, maximumFractionDigits: unit === "megabyte" ? 1 : 0 }).format(value);
}

/** A score with three decimals: ranks and fused scores are small numbers. */
export function formatScore(score: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(score);
}

/** The first `max` characters of a chunk, cut at a word, for a list that stays readable. */
export function excerpt(text: string, max = 320): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
