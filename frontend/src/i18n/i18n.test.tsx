import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, describeError, toApiError } from "../api/errors";
import { busyReport } from "../features/analytics/test/busyReport";
import { freezeDate, serveAnalytics } from "../features/analytics/test/analyticsServer";
import { apiError } from "../test/fixtures";
import { renderApp } from "../test/render";
import { api, server } from "../test/server";
import { i18n, initI18n } from ".";
import { detectLanguage } from "./languages";

const figure = (label: string) => screen.getByText(label, { selector: "dt" }).nextElementSibling?.textContent;

afterEach(() => {
  vi.useRealTimers();
});

describe("language", () => {
  it("comes from the browser, unless the switch chose one before", () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["tr-TR", "en-US"]);
    expect(detectLanguage()).toBe("tr");
    window.localStorage.setItem("kremna.language", "en");
    expect(detectLanguage()).toBe("en");
    window.localStorage.setItem("kremna.language", "de");
    expect(detectLanguage()).toBe("tr");
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["de-DE", "fr"]);
    window.localStorage.clear();
    expect(detectLanguage()).toBe("en");
  });

  it("switches every text, number and date to Turkish, and remembers it", async () => {
    freezeDate();
    serveAnalytics(busyReport());
    const { user } = await renderApp("/analytics?tz=Europe/Paris");
    await screen.findByRole("heading", { name: "Analytics", level: 1 });
    expect(document.documentElement.lang).toBe("en");

    await user.selectOptions(screen.getByLabelText("Language"), "tr");

    expect(await screen.findByRole("heading", { name: "Analiz", level: 1 })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("tr");
    expect(window.localStorage.getItem("kremna.language")).toBe("tr");
    expect(document.title).toBe("Analiz · Kremna");
    const nav = screen.getByRole("navigation", { name: "Ana menü" });
    expect(within(nav).getAllByRole("link").map((l) => l.textContent)).toEqual(["Analiz", "Asistanlar", "Sohbetler", "Bilgi bankası", "Ekip", "Ayarlar", "API anahtarları", "Webhook'lar"]);
    // One locale for everything: Turkish words with Turkish numbers, percentages, money and dates.
    expect(figure("Başarısızlık oranı")).toBe("%1,8");
    expect(figure("Token'lar")).toBe("154.567");
    expect(figure("Tahmini maliyet")).toBe("$1,23");
    expect(figure("95. yüzdelik yanıt süresi")).toBe("2,3 sn.");
    expect(screen.getByRole("heading", { name: /^4–10 Mar 2026$/ })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Son 30 gün" })).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText("Dil"), "en");
    expect(await screen.findByRole("heading", { name: "Analytics", level: 1 })).toBeInTheDocument();
    expect(figure("Failure rate")).toBe("1.8%");
  });

  it("shows the API's errors in Turkish, from their code and field", async () => {
    await initI18n("tr");
    server.use(
      http.post(api("/auth/login"), () => HttpResponse.json(apiError("invalid_credentials", "the e-mail or password is wrong"), { status: 401 })),
    );
    const { user } = await renderApp("/login", { role: null });
    await user.type(screen.getByLabelText("E-posta"), "ada@acme.test");
    await user.type(screen.getByLabelText("Parola"), "wrong password");
    await user.click(screen.getByRole("button", { name: "Giriş yap" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("E-posta ya da parola hatalı.");
    expect(screen.queryByText(/wrong/)).not.toBeInTheDocument();
  });
});

describe("API errors", () => {
  const text = (error: unknown) => {
    const m = describeError(error);
    return i18n.t(m.key, m.values ?? {});
  };

  it("map known codes and validation fields to the catalogue, never to the API's sentence", () => {
    expect(text(new ApiError(403, "forbidden", "your role in this workspace does not allow this"))).toBe(
      "Your role in this workspace doesn't allow this. Ask an owner or admin.",
    );
    expect(text(new ApiError(422, "validation_failed", "`to` is out of range", { field: "to" }))).toBe("Pick a last day that exists in the calendar.");
    expect(text(new ApiError(422, "validation_failed", "`allowed_origins[7]` must name a host", { field: "allowed_origins[7]" }))).toMatch(
      /^Enter an origin like/,
    );
  });

  it("fall back to a translated sentence for a code or field this dashboard doesn't know", async () => {
    const fromApi = (status: number, code: string, said: string) =>
      toApiError({ error: { code, message: said, details: null } }, new Response(null, { status }));
    expect(text(fromApi(409, "quota_exceeded", "you have used up your plan"))).toBe("The request failed (HTTP 409). Try again.");
    expect(text(fromApi(503, "brand_new_outage", "whatever"))).toBe("The server is not answering right now. Try again shortly.");
    expect(text(new ApiError(422, "validation_failed", "`nickname` is odd", { field: "nickname" }))).toBe(
      "One of the values sent isn't accepted. Check the form and try again.",
    );
    await initI18n("tr");
    expect(text(fromApi(409, "quota_exceeded", "you have used up your plan"))).toBe("İstek başarısız oldu (HTTP 409). Tekrar deneyin.");
  });
});
