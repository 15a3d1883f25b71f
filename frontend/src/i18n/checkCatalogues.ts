// The rules every pair of catalogues must keep, as a pure function the test
// (and `npm run check-i18n`) runs over the real files.

export type Catalogue = Record<string, unknown>;

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** `{ a: { b: "x" } }` → `{ "a.b": "x" }`. */
export function flatten(catalogue: Catalogue, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out[path] = value;
    else if (typeof value === "object" && value !== null) Object.assign(out, flatten(value as Catalogue, path));
    else out[path] = String(value);
  }
  return out;
}

/** The `{{name}}` placeholders and `<tag>` names a text uses, sorted. */
function markers(text: string): string {
  const vars = [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => `{{${m[1] ?? ""}}}`);
  const tags = [...text.matchAll(/<\/?([a-z][\w-]*)\s*\/?>/gi)].map((m) => `<${m[1] ?? ""}>`);
  return [...new Set([...vars, ...tags])].sort().join(" ");
}

/**
 * Problems between catalogues, as sentences (empty: all good):
 * a key in one language and not another (plural forms count as one key, and
 * each language must have every plural form it needs), an empty text, and a
 * text whose placeholders or tags differ from the other language's.
 */
export function checkCatalogues(catalogues: Record<string, Catalogue>): string[] {
  const problems: string[] = [];
  const shapes = new Map<string, Map<string, string>>();

  for (const [language, catalogue] of Object.entries(catalogues)) {
    const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    const flat = flatten(catalogue);
    const bases = new Map<string, string>();
    const plurals = new Map<string, Set<string>>();
    for (const [key, text] of Object.entries(flat)) {
      if (!text.trim()) problems.push(`${language}: "${key}" is empty`);
      const plural = PLURAL_SUFFIX.exec(key);
      const base = plural ? key.slice(0, plural.index) : key;
      if (plural?.[1]) plurals.set(base, (plurals.get(base) ?? new Set()).add(plural[1]));
      // Every form of a plural must use the same markers; compare one of them.
      const seen = bases.get(base);
      if (seen !== undefined && seen !== markers(text) && !(plural && markers(text).replace("{{count}}", "") === seen.replace("{{count}}", ""))) {
        problems.push(`${language}: the plural forms of "${base}" use different placeholders`);
      }
      bases.set(base, markers(text));
    }
    for (const [base, forms] of plurals) {
      for (const form of needed) if (!forms.has(form)) problems.push(`${language}: "${base}" lacks its "${form}" plural form`);
    }
    shapes.set(language, bases);
  }

  const languages = [...shapes.keys()];
  for (const language of languages) {
    const mine = shapes.get(language) ?? new Map<string, string>();
    for (const other of languages) {
      if (other === language) continue;
      const theirs = shapes.get(other) ?? new Map<string, string>();
      for (const [key, shape] of mine) {
        const their = theirs.get(key);
        if (their === undefined) problems.push(`"${key}" is in ${language} but not in ${other}`);
        else if (language < other && their !== shape) {
          problems.push(`"${key}" uses ${shape || "no placeholders"} in ${language} but ${their || "none"} in ${other}`);
        }
      }
    }
  }
  return problems;
}
