import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { boot } from "../src/loader";
import type { KremnaWindow } from "../src/loader";
import { chatKey, openKey } from "../src/storage";
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

function setLanguages(languages: string[]): void {
  Object.defineProperty(navigator, "languages", { value: languages, configurable: true });
}

beforeEach(() => {
  setLanguages(["en-US", "en"]);
  localStorage.clear();
  document.body.replaceChildren();
  document.head.replaceChildren();
  delete win.Kremna;
  delete win.KREMNA_ASSISTANT_ID;
  delete win.KREMNA_CONTAINER;
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
    expect(f).toHaveBeenCalledWith(`https://kremna.example/api/v1/widget/assistants/${ASSISTANT}`);
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
    expect(f).toHaveBeenCalledWith("https://kremna.example/api/v1/widget/assistants/g-id");
  });

  it("renders nothing and warns once when the assistant is unknown or paused", async () => {
    mockFetch(404, { error: { code: "not_found", message: "assistant not found" } });
    await boot(win, document, embedScript());
    expect(document.querySelector("kremna-widget")).toBeNull();
    expect(document.querySelector('script[src$="chat.js"]')).toBeNull();
    expect(console.warn).toHaveBeenCalledTimes(1);
    expect(console.warn).toHaveBeenCalledWith(`[Kremna] assistant ${ASSISTANT} is unknown or paused.`);
  });

  it("renders nothing and says so when the settings can't be loaded", async () => {
    mockFetch(500, { error: { code: "internal_error" } });
    await boot(win, document, embedScript());
    vi.stubGlobal("fetch", vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))));
    delete win.Kremna;
    await boot(win, document, embedScript());
    expect(document.querySelector("kremna-widget")).toBeNull();
    expect(console.warn).toHaveBeenCalledTimes(2);
    expect(console.warn).toHaveBeenCalledWith(`[Kremna] could not load assistant ${ASSISTANT}.`);
  });

  it("on a page whose origin is not allowed: no launcher, no chat.js, one line for the developer", async () => {
    mockFetch(200, { ...CONFIG, allowed: false });
    await boot(win, document, embedScript());
    expect(document.querySelector("kremna-widget")).toBeNull();
    win.Kremna!.open();
    await Promise.resolve();
    expect(document.querySelector('script[src$="chat.js"]')).toBeNull();
    expect(console.warn).toHaveBeenCalledTimes(1);
    expect(console.warn).toHaveBeenCalledWith(
      `[Kremna] add ${location.origin} to the assistant's allowed origins in the dashboard.`,
    );
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

  it("announces unread replies in the launcher's name, with a dot", async () => {
    localStorage.setItem(chatKey(ASSISTANT), JSON.stringify({ chatId: "c", visitorToken: "t", seenSeq: 2, unread: 2 }));
    mockFetch(200, CONFIG);
    await boot(win, document, embedScript());
    const btn = shadow()!.querySelector<HTMLButtonElement>(".launcher")!;
    expect(btn.getAttribute("aria-label")).toBe("Chat — 2 unread replies");
    expect(shadow()!.querySelector<HTMLElement>(".dot")!.hidden).toBe(false);
    expect(shadow()!.querySelector(".dot")!.getAttribute("aria-hidden")).toBe("true");
  });

  it("lazy-loads chat.js on first click and opens the panel it mounts", async () => {
    mockFetch(200, CONFIG);
    await boot(win, document, embedScript());
    expect(document.querySelector('script[src$="chat.js"]')).toBeNull();

    launcher().click();
    expect(document.querySelector('script[src="https://kremna.example/widget/chat.js"]')).toBeTruthy();
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
      destroy: vi.fn(),
    };
    const mount = vi.fn((h: ChatHost) => {
      host = h;
      return controller;
    });
    document.dispatchEvent(new CustomEvent(READY_EVENT, { detail: { mount } }));
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

/** Plays chat.js: answers the injected script with a controller that records its calls. */
function playChatJs() {
  let open = false;
  let host: ChatHost | undefined;
  const controller = {
    open: vi.fn((_focus?: boolean) => {
      open = true;
      host!.onOpenChange(true);
    }),
    close: vi.fn(() => {
      open = false;
      host!.onOpenChange(false);
    }),
    isOpen: () => open,
    destroy: vi.fn(),
  };
  const mount = vi.fn((h: ChatHost) => {
    host = h;
    return controller;
  });
  document.dispatchEvent(new CustomEvent(READY_EVENT, { detail: { mount } }));
  return { controller, mount, host: () => host! };
}
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe("language", () => {
  it("follows the visitor's browser", async () => {
    setLanguages(["tr-TR", "tr", "en"]);
    mockFetch(200, CONFIG);
    await boot(win, document, embedScript());
    expect(shadow()!.querySelector(".launcher")!.getAttribute("aria-label")).toBe("Sohbeti aç");
    expect(document.querySelector("kremna-widget")!.getAttribute("lang")).toBe("tr");
    launcher_click();
    const chat = playChatJs();
    await settle();
    expect(chat.host().lang).toBe("tr");
    chat.host().setUnread(3);
    expect(shadow()!.querySelector(".launcher")!.getAttribute("aria-label")).toBe("Sohbet — 3 okunmamış yanıt");
  });

  it("data-lang on the script tag wins over the browser and the assistant's setting", async () => {
    setLanguages(["tr-TR"]);
    mockFetch(200, { ...CONFIG, lang: "tr" });
    await boot(win, document, embedScript({ "data-assistant-id": ASSISTANT, "data-lang": "en" }));
    expect(launcher()).toBeTruthy();
  });

  it("the assistant's setting (lang in its config) wins over the browser", async () => {
    mockFetch(200, { ...CONFIG, lang: "tr" });
    await boot(win, document, embedScript());
    expect(shadow()!.querySelector(".launcher")!.getAttribute("aria-label")).toBe("Sohbeti aç");
  });
});

function launcher_click(): void {
  shadow()!.querySelector<HTMLButtonElement>(".launcher")!.click();
}

describe("open state across pages", () => {
  it("remembers that the panel was left open, and reopens it on the next page without taking the focus", async () => {
    mockFetch(200, CONFIG);
    await boot(win, document, embedScript());
    launcher_click();
    let chat = playChatJs();
    await settle();
    expect(chat.controller.open).toHaveBeenCalledWith(true);
    expect(localStorage.getItem(openKey(ASSISTANT))).toBe("1");

    // the next page
    document.body.replaceChildren();
    document.head.replaceChildren();
    delete win.Kremna;
    await boot(win, document, embedScript());
    expect(document.querySelector('script[src$="chat.js"]')).toBeTruthy(); // loaded at once
    chat = playChatJs();
    await settle();
    expect(chat.controller.open).toHaveBeenCalledWith(false);
    expect(launcher_hidden()).toBe(true);

    // closed: the page after that shows just the launcher
    chat.controller.close();
    expect(localStorage.getItem(openKey(ASSISTANT))).toBeNull();
    document.body.replaceChildren();
    document.head.replaceChildren();
    delete win.Kremna;
    await boot(win, document, embedScript());
    expect(document.querySelector('script[src$="chat.js"]')).toBeNull();
  });
});

function launcher_hidden(): boolean {
  return shadow()!.querySelector<HTMLButtonElement>(".launcher")!.hidden;
}

describe("inline in a page element (data-container)", () => {
  it("draws the panel inside the element at once: no launcher, always open, nothing remembered", async () => {
    const box = document.createElement("div");
    box.id = "preview";
    document.body.append(box);
    mockFetch(200, CONFIG);
    await boot(win, document, embedScript({ "data-assistant-id": ASSISTANT, "data-container": "#preview" }));
    const hostEl = box.querySelector("kremna-widget")!;
    expect(hostEl).toBeTruthy();
    expect(hostEl.shadowRoot!.querySelector(".launcher")).toBeNull();
    expect(hostEl.shadowRoot!.querySelector(".kw")!.className).toBe("kw inline");
    expect(document.querySelector('script[src$="chat.js"]')).toBeTruthy();
    const chat = playChatJs();
    await settle();
    expect(chat.host().inline).toBe(true);
    expect(chat.host().container.closest("kremna-widget")).toBeNull(); // inside the shadow root
    expect(chat.controller.open).toHaveBeenCalledWith(false);
    expect(localStorage.getItem(openKey(ASSISTANT))).toBeNull();
  });

  it("takes the element from window.KREMNA_CONTAINER too (a selector or the element itself)", async () => {
    const box = document.createElement("section");
    document.body.append(box);
    win.KREMNA_CONTAINER = box;
    mockFetch(200, CONFIG);
    await boot(win, document, embedScript());
    expect(box.querySelector("kremna-widget")).toBeTruthy();
  });

  it("an element that isn't there: nothing drawn, one line for the developer", async () => {
    mockFetch(200, CONFIG);
    await boot(win, document, embedScript({ "data-assistant-id": ASSISTANT, "data-container": "#nope" }));
    expect(document.querySelector("kremna-widget")).toBeNull();
    expect(console.warn).toHaveBeenCalledWith('[Kremna] no element matches data-container "#nope".');
  });
});

describe("destroy", () => {
  it("removes the widget and its connection, and lets the page embed it again", async () => {
    mockFetch(200, CONFIG);
    await boot(win, document, embedScript());
    launcher_click();
    const chat = playChatJs();
    await settle();
    win.Kremna!.destroy();
    expect(chat.controller.destroy).toHaveBeenCalledTimes(1);
    expect(document.querySelector("kremna-widget")).toBeNull();
    expect(win.Kremna).toBeUndefined();
    await boot(win, document, embedScript());
    expect(document.querySelectorAll("kremna-widget")).toHaveLength(1);
  });
});

describe("Kremna.identify", () => {
  const ayse = { userId: "u-1", name: "Ayşe", email: "ayse@example.com", userHash: "ab".repeat(32) };

  it("calls queued on a stub before embed.js ran reach chat.js (the last one wins)", async () => {
    const stub = { q: [] as unknown[], identify(u: unknown) { this.q.push(u); } };
    stub.identify({ userId: "old" });
    stub.identify(ayse);
    (win as unknown as { Kremna: unknown }).Kremna = stub;
    mockFetch(200, CONFIG);
    await boot(win, document, embedScript());
    expect(win.Kremna).not.toBe(stub); // replaced by the real API
    expect(shadow()).toBeTruthy(); // and the widget was drawn, not mistaken for a second embed
    launcher().click();
    const chat = playChatJs();
    await settle();
    expect(chat.host().who!()).toEqual(ayse);
  });

  it("calls made after the loader ran, before or after chat.js loaded, are read at the next chat", async () => {
    mockFetch(200, CONFIG);
    const done = boot(win, document, embedScript());
    win.Kremna!.identify({ userId: "early" }); // before the config arrived
    await done;
    launcher().click();
    const chat = playChatJs();
    await settle();
    expect(chat.host().who!()).toEqual({ userId: "early" });
    win.Kremna!.identify(ayse);
    expect(chat.host().who!()).toEqual(ayse);
  });

  it("a second embed still does nothing (a real Kremna is not a stub)", async () => {
    const f = mockFetch(200, CONFIG);
    await boot(win, document, embedScript());
    await boot(win, document, embedScript());
    expect(f).toHaveBeenCalledTimes(1);
  });
});
