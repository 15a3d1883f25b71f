import { describe, expect, it } from "vitest";
import { checkCatalogues } from "./checkCatalogues";
import { LANGUAGES } from "./languages";
import en from "./locales/en.json";
import tr from "./locales/tr.json";

const catalogues = { en, tr } satisfies Record<(typeof LANGUAGES)[number], object>;

describe("message catalogues", () => {
  it("have the same keys, plural forms, placeholders and tags in every language", () => {
    expect(checkCatalogues(catalogues)).toEqual([]);
  });

  it("name every language the switch offers", () => {
    expect(Object.keys(catalogues).sort()).toEqual([...LANGUAGES].sort());
  });

  it("catch a key missing in one language, a missing plural form and a dropped placeholder", () => {
    const problems = checkCatalogues({
      en: { a: { b: "Hello {{name}}", c: "only here" }, n_one: "{{n}} item", n_other: "{{n}} items" },
      tr: { a: { b: "Merhaba" }, n_other: "{{n}} öğe" },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        '"a.c" is in en but not in tr',
        'tr: "n" lacks its "one" plural form',
        '"a.b" uses {{name}} in en but none in tr',
      ]),
    );
  });
});
