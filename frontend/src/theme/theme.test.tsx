import { screen } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderApp } from "../test/render";
import { api, server } from "../test/server";
import { resolveTheme, setThemePreference, startTheme } from "./theme";

function systemPrefersDark(dark: boolean) {
  vi.spyOn(window, "matchMedia").mockImplementation(
    (query: string) =>
      ({
        matches: dark && query.includes("dark"),
        media: query,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
      }) as unknown as MediaQueryList,
  );
}

afterEach(() => setThemePreference("system"));

describe("theme", () => {
  it("follows the system unless a theme was chosen", () => {
    systemPrefersDark(true);
    expect(resolveTheme("system")).toBe("dark");
    expect(resolveTheme("light")).toBe("light");
    systemPrefersDark(false);
    expect(resolveTheme("system")).toBe("light");
    expect(resolveTheme("dark")).toBe("dark");
  });

  it("switches from the sidebar, marks the page and remembers the choice", async () => {
    systemPrefersDark(false);
    startTheme();
    server.use(http.get(api("/assistants"), () => HttpResponse.json({ data: [] })));
    const { user } = await renderApp("/assistants");
    expect(document.documentElement.dataset.theme).toBe("light");

    await user.selectOptions(await screen.findByLabelText("Theme"), "dark");
    expect(document.documentElement.dataset.theme).toBe("dark");
    expect(document.documentElement.style.colorScheme).toBe("dark");
    expect(window.localStorage.getItem("kremna.theme")).toBe("dark");

    await user.selectOptions(screen.getByLabelText("Theme"), "system");
    expect(document.documentElement.dataset.theme).toBe("light");
  });
});
