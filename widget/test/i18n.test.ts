import { knownCode } from "../src/protocol";
import { describe, expect, it } from "vitest";
import * as en from "../src/i18n/en";
import { refusalText } from "../src/i18n/errors";
import { timeFormat, waitText } from "../src/i18n/format";
import { asLang, pickLang } from "../src/i18n/lang";
import * as tr from "../src/i18n/tr";

const catalogues = { en, tr };

/** Calls a catalogue entry with sample arguments (strings as they are). */
function sample(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v !== "function") throw new Error(`not a string or function: ${String(v)}`);
  const f = v as (...args: unknown[]) => unknown;
  // every entry takes numbers, a name, or a wait text (also null)
  const out = f.length === 2 ? f(4100, 4000) : f(2);
  const other = f("Ada");
  const none = f(null);
  for (const o of [out, other, none]) expect(typeof o).toBe("string");
  return String(out);
}

describe("catalogues", () => {
  for (const part of ["launcher", "panel"] as const) {
    it(`${part}: Turkish and English have exactly the same keys, of the same kind`, () => {
      const a = en[part] as unknown as Record<string, unknown>;
      const b = tr[part] as unknown as Record<string, unknown>;
      expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
      for (const k of Object.keys(a)) {
        expect(typeof b[k], k).toBe(typeof a[k]);
        if (typeof a[k] === "function") expect((b[k] as () => void).length, k).toBe((a[k] as () => void).length);
      }
    });

    it(`${part}: every text is written and translated`, () => {
      for (const [lang, cat] of Object.entries(catalogues)) {
        for (const [k, v] of Object.entries(cat[part])) {
          const text = sample(v);
          expect(text.trim(), `${lang}.${part}.${k}`).not.toBe("");
          expect(text, `${lang}.${part}.${k}`).not.toMatch(/undefined|NaN|\[object/);
        }
      }
      for (const [k, v] of Object.entries(en[part])) {
        expect(sample((tr[part] as unknown as Record<string, unknown>)[k]), `tr.${part}.${k} is still English`).not.toBe(sample(v));
      }
    });
  }

  it("fills in the numbers and names", () => {
    expect(en.launcher.unread(1)).toBe("Chat — 1 unread reply");
    expect(en.launcher.unread(2)).toBe("Chat — 2 unread replies");
    expect(tr.launcher.unread(2)).toBe("Sohbet — 2 okunmamış yanıt");
    expect(tr.panel.typing("Ada")).toBe("Ada yazıyor…");
    expect(en.panel.tooLong(4010, 4000)).toBe("4010 / 4000 characters — too long by 10");
    expect(tr.panel.tooLong(4010, 4000)).toBe("4010 / 4000 karakter — 10 karakter fazla");
  });
});

describe("language", () => {
  it("reads tr and en in any case and with a region", () => {
    expect(asLang("tr")).toBe("tr");
    expect(asLang("TR-tr")).toBe("tr");
    expect(asLang("en-GB")).toBe("en");
    expect(asLang("de")).toBeNull();
    expect(asLang("trx")).toBeNull();
    expect(asLang(7)).toBeNull();
  });

  it("page setting, then the assistant's, then the browser's first language we speak, then English", () => {
    expect(pickLang(null, null, ["tr-TR", "en-US"])).toBe("tr");
    expect(pickLang(null, null, ["de-DE", "tr", "en"])).toBe("tr");
    expect(pickLang(null, null, ["de-DE", "fr"])).toBe("en");
    expect(pickLang(null, null, undefined)).toBe("en");
    expect(pickLang(null, "tr", ["en-US"])).toBe("tr");
    expect(pickLang("en", "tr", ["tr-TR"])).toBe("en");
    expect(pickLang("fr", null, ["tr-TR"])).toBe("tr"); // an unsupported data-lang is ignored
  });
});

describe("numbers and dates", () => {
  it("says waits in seconds, then minutes, in the language", () => {
    expect(waitText("en", 12)).toBe("12 sec");
    expect(waitText("en", 0.2)).toBe("1 sec");
    expect(waitText("en", 150)).toBe("3 min");
    // Turkish abbreviations as the browser's ICU writes them ("sn." / "dk." in current data)
    expect(waitText("tr", 12)).toMatch(/^12 sn\.?$/);
    expect(waitText("tr", 2800)).toMatch(/^47 dk\.?$/);
  });

  it("formats message times in the language (Turkish: 24-hour, Turkish month names)", () => {
    const iso = "2026-11-24T14:05:00Z";
    const d = new Date(iso);
    // what Intl gives for the same instant in the test machine's zone
    const expected = (lang: string) => new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(d);
    expect(timeFormat("en")(iso)).toBe(expected("en"));
    expect(timeFormat("tr")(iso)).toBe(expected("tr"));
    expect(timeFormat("tr")(iso)).toMatch(/Kas 2026 \d\d:\d\d$/);
    expect(timeFormat("en")(iso)).toMatch(/^Nov 2\d, 2026, \d\d?:\d\d\s?[AP]M$/);
    expect(timeFormat("en")(undefined)).toBe("");
    expect(timeFormat("en")("not a date")).toBe("");
  });
});

describe("refusals", () => {
  it("says each refusal in the visitor's language, never the server's English", () => {
    expect(refusalText(en.panel, "en", { code: "rate_limited", retryAfter: 12 })).toBe("You're sending messages too fast — try again in 12 sec");
    expect(refusalText(tr.panel, "tr", { code: "rate_limited", retryAfter: 12 })).toBe(
      `Çok hızlı mesaj gönderiyorsunuz — ${waitText("tr", 12)} sonra tekrar deneyin`,
    );
    expect(refusalText(en.panel, "en", { code: "rate_limited" })).toBe("You're sending messages too fast — try again in a moment");
    expect(refusalText(en.panel, "en", { code: "rate_limited", retryAfter: 2800 }, true)).toBe(
      "Too many chats started from your network — trying again in 47 min.",
    );
    expect(refusalText(tr.panel, "tr", { code: "rate_limited", retryAfter: 30 }, true)).toBe(
      `Ağınızdan çok fazla sohbet başlatıldı — ${waitText("tr", 30)} sonra yeniden denenecek.`,
    );
    expect(refusalText(en.panel, "en", { code: "message_too_long" })).toMatch(/4000/);
    expect(refusalText(tr.panel, "tr", { code: "origin_not_allowed" })).toBe("Bu sohbet bu sitede kullanılamıyor.");
    expect(refusalText(en.panel, "en", { code: "assistant_paused" })).toBe("This assistant is paused and isn't taking messages right now.");
    expect(refusalText(tr.panel, "tr", { code: "assistant_paused" })).toBe("Bu asistan duraklatıldı ve şu anda mesaj almıyor.");
    expect(refusalText(en.panel, "en", { code: "assistant_not_found" })).toBe("This assistant is unavailable right now.");
    // the server's own words never reach the visitor
    expect(refusalText(tr.panel, "tr", { code: "internal_error", message: "Something broke on our side." })).toBe(
      "Bir sorun oluştu — lütfen tekrar deneyin.",
    );
    // a code from a newer server is read as internal_error (`knownCode`), worded generically
    expect(refusalText(en.panel, "en", { code: knownCode("weird"), message: "raw" })).toBe(
      "Something went wrong — please try again.",
    );
  });
});
