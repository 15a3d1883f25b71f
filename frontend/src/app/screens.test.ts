import type { RouteObject } from "react-router";
import { Navigate } from "react-router";
import { describe, expect, it } from "vitest";
import screens from "../../e2e/screens.json";
import { routes } from "./routes";

/**
 * The pages routes.tsx can show, as patterns ("/assistants/:id", "*"): every route that
 * draws something (an index, a lazy page, an element without children), not the
 * redirects or the frames (layout, sign-in guard) around them.
 */
function pagePatterns(list: RouteObject[], base = ""): string[] {
  return list.flatMap((route) => {
    const here = route.path === undefined ? base : route.path === "*" ? "*" : `${base.replace(/\/$/, "")}/${route.path.replace(/^\//, "")}`;
    if (route.children) return pagePatterns(route.children, here);
    if (route.element && typeof route.element === "object" && "type" in route.element && route.element.type === Navigate) return [];
    return [here || "/"];
  });
}

// The browser suite (e2e/screens.test.mjs) screenshots and axe-checks each entry of
// e2e/screens.json in both languages, both themes, at desktop and phone widths. A page
// added to routes.tsx without an entry there would go unchecked: this fails first.
describe("the screens the browser suite checks", () => {
  const patterns = pagePatterns(routes);

  it("finds the app's pages", () => {
    expect(patterns).toEqual(expect.arrayContaining(["/login", "/assistants/:id", "/chats/:id", "*"]));
  });

  it.each(patterns)("has an entry for the page %s", (pattern) => {
    expect(screens.map((s) => s.route)).toContain(pattern);
  });

  it.each(screens.map((s) => [s.name, s.route]))("%s is a page the app has (%s)", (_name, route) => {
    expect(patterns).toContain(route);
  });

  it("names each entry once", () => {
    expect(new Set(screens.map((s) => s.name)).size).toBe(screens.length);
  });
});
