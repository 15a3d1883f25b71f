import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { boot } from "../src/loader";
import type { KremnaWindow } from "../src/loader";
import { chatKey } from "../src/storage";
import { READY_EVENT } from "../src/types";
import type { ChatHost } from "../src/types";

const ASSISTANT = "a0000000-0000-4000-8000-000000000001";
const CONFIG = {
  id: ASSISTANT,
  name: "Ada Support",
  greeting: "Hi!",
  theme: { primary_color: "#ff5500", position: "left" },
  realtime_url: "http://rt.example:3001",
};

const win = window as unknown as KremnaWindow;

function embedScript(attrs: Record<string, string> = { "data-assistant-id": ASSISTANT }): HTMLScriptElement {
  const s = document.createElement("script");
  for (const [k, v] of Object.entries(attrs)) s.setAttribute(k, v);
  // not appended to the document: nothing is loaded, only its attributes are read
  Object.defineProperty(s, "src", { value: "https://kremna.example/widget/embed.js" });
  return s;
}

function mockFetch(status: number, body: unknown) {
  const f = vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })));
  vi.stubGlobal("fetch", f);
  return f;
}

const shadow = () => document.querySelector("kremna-widget")?.shadowRoot ?? null;
const launcher = () => shadow()!.querySelector<HTMLButtonElement>('button[aria-label="Open chat"]')!;

beforeEach(() => {
  localStorage.clear();
  document.body.replaceChildren();
  document.head.replaceChildren();
  delete win.Kremna;
  delete win.KREMNA_ASSISTANT_ID;
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("loader", () => {
  it("fetches the public config from BASE and renders a themed launcher in a shadow root", async () => {
    const f = mockFetch(200, CONFIG);
    await boot(win, document, embedScript());
    expect(f).toHaveBeenCalledWith(`https://kremna.example/api/v1/widget/assistants/${ASSISTANT}`, expect.anything());
    const btn = launcher();
    expect(btn.getAttribute("aria-expanded")).toBe("false");
    expect(shadow()!.querySelector(".kw")!.className).toContain("left");
    const host = document.querySelector<HTMLElement>("kremna-widget")!;
    expect(host.style.getPropertyValue("--k-primary")).toBe("#ff5500");
    // nothing leaks into the page's light DOM
    expect(document.body.querySelectorAll("button")).toHaveLength(0);
    expect(typeof win.Kremna?.open).toBe("function");
    expect(console.warn).not.toHaveBeenCalled();
  });

  it("uses window.KREMNA_ASSISTANT_ID when the script has no data attribute", async () => {
    win.KREMNA_ASSISTANT_ID = "g-id";
    const f = mockFetch(200, { ...CONFIG, id: "g-id" });
    await boot(win, document, embedScript({}));
    expect(f).toHaveBeenCalledWith("https://kremna.example/api/v1/widget/assistants/g-id", expect.anything());
  });

  it("renders nothing and warns once when the assistant is unknown or paused", async () => {
    mockFetch(404, { error: { code: "assistant_not_found", message: "No such assistant." } });
    await boot(win, document, embedScript());
    expect(document.querySelector("kremna-widget")).toBeNull();
    expect(console.warn).toHaveBeenCalledTimes(1);
  });

  it("renders nothing and warns when no assistant id is given", async () => {
    const f = mockFetch(200, CONFIG);
    await boot(win, document, embedScript({}));
    expect(f).not.toHaveBeenCalled();
    expect(document.querySelector("kremna-widget")).toBeNull();
    expect(console.warn).toHaveBeenCalledTimes(1);
  });

  it("boots once even if embedded twice", async () => {
    const f = mockFetch(200, CONFIG);
    await boot(win, document, embedScript());
    await boot(win, document, embedScript());
    expect(f).toHaveBeenCalledTimes(1);
    expect(document.querySelectorAll("kremna-widget")).toHaveLength(1);
  });

  it("shows the unread dot when the stored chat has a message not seen yet", async () => {
    localStorage.setItem(chatKey(ASSISTANT), JSON.stringify({ chatId: "c", visitorToken: "t", lastMessageId: "m2", seenMessageId: "m1" }));
    mockFetch(200, CONFIG);
    await boot(win, document, embedScript());
    expect(shadow()!.querySelector<HTMLElement>(".dot")!.hidden).toBe(false);
  });

  it("lazy-loads chat.js on first click and opens the panel it mounts", async () => {
    mockFetch(200, CONFIG);
    await boot(win, document, embedScript());
    expect(document.querySelector('script[src$="chat.js"]')).toBeNull();

    launcher().click();
    const s = document.querySelector<HTMLScriptElement>('script[src="https://kremna.example/widget/chat.js"]')!;
    expect(s).toBeTruthy();
    expect(launcher().getAttribute("aria-busy")).toBe("true");

    // play chat.js: hand over mount on its own script element
    let open = false;
    let host: ChatHost | undefined;
    const controller = {
      open: vi.fn(() => {
        open = true;
        host!.onOpenChange(true);
      }),
      close: vi.fn(() => {
        open = false;
        host!.onOpenChange(false);
      }),
      isOpen: () => open,
    };
    const mount = vi.fn((h: ChatHost) => {
      host = h;
      return controller;
    });
    s.dispatchEvent(new CustomEvent(READY_EVENT, { detail: { mount } }));
    await Promise.resolve();
    await Promise.resolve();

    expect(mount).toHaveBeenCalledTimes(1);
    expect(host!.config).toMatchObject({ id: ASSISTANT, name: "Ada Support", realtimeUrl: "http://rt.example:3001" });
    expect(controller.open).toHaveBeenCalledTimes(1);
    const btn = shadow()!.querySelector<HTMLButtonElement>(".launcher")!;
    expect(btn.hidden).toBe(true);
    expect(btn.getAttribute("aria-expanded")).toBe("true");

    win.Kremna!.toggle();
    expect(controller.close).toHaveBeenCalledTimes(1);
    expect(btn.hidden).toBe(false);
    win.Kremna!.open();
    await Promise.resolve();
    expect(controller.open).toHaveBeenCalledTimes(2);
    expect(document.querySelectorAll('script[src$="chat.js"]')).toHaveLength(1);
  });

  it("Kremna.open() before the config arrives opens once it does", async () => {
    mockFetch(200, CONFIG);
    const done = boot(win, document, embedScript());
    win.Kremna!.open();
    await done;
    expect(document.querySelector('script[src$="chat.js"]')).toBeTruthy();
  });
});
