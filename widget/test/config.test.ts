import { describe, expect, it } from "vitest";
import {
  chatScriptUrl,
  configUrl,
  deriveBase,
  findAssistantId,
  parseConfig,
  sanitizeColor,
  textColorFor,
} from "../src/config";

const script = (attrs: Record<string, string>) => ({ getAttribute: (n: string) => attrs[n] ?? null });

describe("findAssistantId", () => {
  it("prefers data-assistant-id on the script", () => {
    expect(findAssistantId(script({ "data-assistant-id": "a-1" }), "g-1")).toBe("a-1");
  });
  it("falls back to window.KREMNA_ASSISTANT_ID", () => {
    expect(findAssistantId(script({}), "g-1")).toBe("g-1");
    expect(findAssistantId(null, " g-2 ")).toBe("g-2");
  });
  it("treats blank values as missing", () => {
    expect(findAssistantId(script({ "data-assistant-id": "  " }), "g-1")).toBe("g-1");
    expect(findAssistantId(script({}), "")).toBeNull();
    expect(findAssistantId(undefined, 42)).toBeNull();
  });
});

describe("deriveBase", () => {
  it.each([
    ["https://host/widget/embed.js", "https://host"],
    ["https://host:8443/widget/embed.js?v=3#x", "https://host:8443"],
    ["https://host/kremna/widget/embed.js", "https://host/kremna"],
    ["http://127.0.0.1:8080/a/b/widget/embed.js", "http://127.0.0.1:8080/a/b"],
    ["https://cdn.example/static/embed.js", "https://cdn.example/static"],
    ["https://host/embed.js", "https://host"],
  ])("%s -> %s", (src, base) => {
    expect(deriveBase(src)).toBe(base);
  });
  it("resolves a relative src against the page", () => {
    expect(deriveBase("/widget/embed.js", "https://shop.example/products/1")).toBe("https://shop.example");
  });
  it("throws on an unusable src", () => {
    expect(() => deriveBase("")).toThrow();
  });
});

describe("urls", () => {
  it("builds the config and chat bundle urls", () => {
    expect(configUrl("https://h/p", "abc")).toBe("https://h/p/api/v1/widget/assistants/abc");
    expect(configUrl("https://h", "a/../b")).toBe("https://h/api/v1/widget/assistants/a%2F..%2Fb");
    expect(chatScriptUrl("https://h/p")).toBe("https://h/p/widget/chat.js");
  });
});

describe("parseConfig", () => {
  const ok = {
    id: "a-1",
    name: "Support",
    greeting: "Hi! How can I help?",
    theme: { primary_color: "#ff0000", position: "left" },
    realtime_url: "http://host:3001",
  };
  it("normalises the public config", () => {
    expect(parseConfig(ok, "https://h")).toEqual({
      id: "a-1",
      name: "Support",
      greeting: "Hi! How can I help?",
      primaryColor: "#ff0000",
      position: "left",
      realtimeUrl: "http://host:3001",
      allowed: true,
      lang: null,
    });
  });
  it("reads the server's answer for this page's origin, and the assistant's language", () => {
    expect(parseConfig({ ...ok, allowed: false }, "x")).toMatchObject({ allowed: false });
    expect(parseConfig({ ...ok, allowed: true, lang: "tr" }, "x")).toMatchObject({ allowed: true, lang: "tr" });
    // a server that says nothing leaves the origin check to start_chat
    expect(parseConfig({ ...ok, allowed: null, lang: "de" }, "x")).toMatchObject({ allowed: true, lang: null });
  });
  it("fills defaults for missing or bad fields", () => {
    expect(parseConfig({ id: "a", theme: { primary_color: "red;}body{display:none", position: "up" } }, "https://h")).toEqual({
      id: "a",
      name: "Chat",
      greeting: "",
      primaryColor: "#2563eb",
      position: "right",
      realtimeUrl: "https://h",
      allowed: true,
      lang: null,
    });
  });
  it("rejects what is not a config (e.g. the 404 error body)", () => {
    expect(parseConfig({ error: { code: "assistant_not_found" } }, "x")).toBeNull();
    expect(parseConfig(null, "x")).toBeNull();
    expect(parseConfig("a", "x")).toBeNull();
  });
});

describe("colours", () => {
  it("accepts only hex colours", () => {
    expect(sanitizeColor("#abc")).toBe("#abc");
    expect(sanitizeColor("#A1B2C3")).toBe("#A1B2C3");
    expect(sanitizeColor("url(x)")).toBe("#2563eb");
    expect(sanitizeColor(undefined)).toBe("#2563eb");
  });
  it("picks readable text on the theme colour", () => {
    expect(textColorFor("#2563eb")).toBe("#fff");
    expect(textColorFor("#000")).toBe("#fff");
    expect(textColorFor("#ffeb3b")).toBe("#111");
    expect(textColorFor("#fff")).toBe("#111");
  });
});
