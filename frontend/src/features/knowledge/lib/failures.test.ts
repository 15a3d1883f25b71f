import { afterEach, describe, expect, it } from "vitest";
import { i18n, initI18n } from "../../../i18n";
import { failureSentence } from "./failures";

afterEach(async () => {
  await i18n.changeLanguage("en");
});

describe("failure reasons", () => {
  it("are worded from the code and its numbers, in the language on screen", async () => {
    await initI18n("en");
    const t = i18n.t.bind(i18n);
    expect(failureSentence({ code: "http_status", status: 500, message: "x" }, t, "en-GB")).toBe("The site answered with error 500.");
    expect(failureSentence({ code: "too_large", limit: 2_000_000, message: "x" }, t, "en-GB")).toBe("It is larger than the limit of 2 MB.");
    await initI18n("tr");
    await i18n.changeLanguage("tr");
    expect(failureSentence({ code: "http_status", status: 404, message: "x" }, t, "tr-TR")).toBe("Sayfa bulunamadı (404 hatası).");
    expect(failureSentence({ code: "timeout", limit: 15, message: "x" }, t, "tr-TR")).toBe("Site 15 saniye içinde yanıt vermedi.");
  });
});
