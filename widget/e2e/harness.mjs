// What the widget's end-to-end tests need around them: the running platform (from two
// env variables), a throw-away owner and assistant made through the REST API, a tiny
// "customer site" serving the one-line snippet, and the system's Chromium driven by
// playwright-core (no browser download).
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const trim = (u) => u.replace(/\/+$/, "");

function requiredUrl(name) {
  const v = process.env[name];
  if (!v) {
    throw new Error(
      `${name} is not set: start the platform (scripts/run) and set KREMNA_E2E_BASE_URL (API) and ` +
        "KREMNA_E2E_REALTIME_URL (Socket.IO); see widget/README.md",
    );
  }
  return trim(v);
}

export const BASE_URL = requiredUrl("KREMNA_E2E_BASE_URL");
export const REALTIME_URL = requiredUrl("KREMNA_E2E_REALTIME_URL");
export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), "artifacts");

/** Fails early, with a useful message, when the platform or the built widget isn't there. */
export async function assertPlatformUp() {
  let res;
  try {
    res = await fetch(`${BASE_URL}/healthz`);
  } catch (err) {
    throw new Error(`The Kremna API is not reachable at ${BASE_URL}: ${err.message}`, { cause: err });
  }
  if (!res.ok) throw new Error(`${BASE_URL}/healthz answered ${res.status}`);
  for (const file of ["embed.js", "chat.js"]) {
    const r = await fetch(`${BASE_URL}/widget/${file}`);
    const body = await r.text();
    if (!r.ok || !/javascript/.test(r.headers.get("content-type") ?? "") || body.length < 100) {
      throw new Error(`${BASE_URL}/widget/${file} is not the built widget (${r.status}): run \`npm run build\` in widget/`);
    }
  }
}

export async function api(method, path, body, token) {
  const res = await fetch(`${BASE_URL}/api/v1${path}`, {
    method,
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A new owner account; returns its access token. */
export async function registerOwner() {
  const run = randomUUID().slice(0, 8);
  const session = await api("POST", "/auth/register", {
    email: `widget-e2e-${run}@example.com`,
    password: `widget e2e ${run}`,
    full_name: "Wanda Widget",
  });
  return session.access_token;
}

export function createAssistant(token, fields) {
  return api("POST", "/assistants", fields, token);
}

/** Changes an assistant (e.g. `{ status: "paused" }`), as the dashboard does. */
export function updateAssistant(token, assistantId, fields) {
  return api("PATCH", `/assistants/${assistantId}`, fields, token);
}

export function widgetConfig(assistantId, headers = {}) {
  return fetch(`${BASE_URL}/api/v1/widget/assistants/${assistantId}`, { headers }).then(async (res) => {
    if (!res.ok) throw new Error(`GET /widget/assistants/${assistantId} answered ${res.status}`);
    return res.json();
  });
}

/**
 * The customer's site: `/identify/<id>?user=<json>` embeds after `Kremna.identify(user)`,
 * `/attr/<id>` embeds with `data-assistant-id`, `/global/<id>` with
 * `window.KREMNA_ASSISTANT_ID`, `/inline/<id>` draws the panel inside `<div id="preview">`
 * (`data-container`). Listens on 127.0.0.1; the same server reached as
 * `http://localhost:<port>` is another origin.
 */
export async function startCustomerSite() {
  const embed = `${BASE_URL}/widget/embed.js`;
  const page = (snippet) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Acme Outdoor Gear</title>
  <style>
    body { font: 16px/1.6 Georgia, serif; margin: 0; color: #1f2937; background: #fafaf9; }
    header { background: #14532d; color: #fff; padding: 18px 32px; }
    main { max-width: 760px; margin: 32px auto; padding: 0 24px; }
    /* hostile page styles: the widget must not be affected */
    button { font-family: "Comic Sans MS", cursive !important; background: hotpink; border-radius: 0; }
    div { letter-spacing: 2px; }
  </style>
</head>
<body>
  <header><strong>Acme Outdoor Gear</strong></header>
  <main>
    <h1>Tents for every season</h1>
    <p>Lightweight, weatherproof and quick to pitch. Ask our assistant about sizes, delivery and returns.</p>
    <button type="button">Shop now</button>
  </main>
  ${snippet}
</body>
</html>`;
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const m = /^\/(attr|global|inline|identify)\/([\w-]+)$/.exec(url.pathname);
    if (!m) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const [, form, id] = m;
    const snippet = {
      attr: `<script src="${embed}" data-assistant-id="${id}" async></script>`,
      global: `<script>window.KREMNA_ASSISTANT_ID = "${id}";</script>\n  <script src="${embed}" async></script>`,
      inline:
        '<div id="preview" style="width: 400px; height: 560px; margin: 24px"></div>\n  ' +
        `<script src="${embed}" data-assistant-id="${id}" data-container="#preview" async></script>`,
      // A signed-in user, told to the widget before embed.js has run (the README's stub);
      // the user (`?user=` JSON) is what the host's server would render into its page.
      identify:
        "<script>\n    window.Kremna = window.Kremna || { q: [], identify(u) { this.q.push(u); } };\n" +
        `    Kremna.identify(${JSON.stringify(JSON.parse(url.searchParams.get("user") ?? "{}")).replace(/</g, "\\u003c")});\n  </script>\n  ` +
        `<script src="${embed}" data-assistant-id="${id}" async></script>`,
    }[form];
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(page(snippet));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    otherOrigin: `http://localhost:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * One visitor: Chromium with a fresh profile (its own localStorage), in English unless
 * `locale` says otherwise. Records, per page, uncaught errors, console errors and warnings,
 * requests and the Socket.IO frames both ways.
 */
export async function openVisitor(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), "kremna-widget-e2e-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
    locale: "en-US",
    ...options,
  });
  context.setDefaultTimeout(15_000);
  const problems = [];
  const watched = new WeakSet();
  const watch = (page) => {
    if (watched.has(page)) return page;
    watched.add(page);
    page.requests = [];
    page.warnings = []; // console.warn lines (the widget's notes for the site's developer)
    page.frames = []; // {dir: "sent"|"received", event, args, ackId}
    page.on("pageerror", (err) => problems.push(`pageerror on ${page.url()}: ${err.message}`));
    page.on("console", (msg) => {
      if (msg.type() === "warning") page.warnings.push(msg.text());
      if (msg.type() !== "error") return;
      // 404 of the config endpoint for an unknown assistant is expected
      if (/Failed to load resource: the server responded with a status of 404/.test(msg.text())) return;
      problems.push(`console.error on ${page.url()}: ${msg.text()}`);
    });
    page.on("request", (r) => page.requests.push(r.url()));
    page.on("websocket", (ws) => {
      const record = (dir) => (f) => {
        const p = parsePacket(typeof f.payload === "string" ? f.payload : "");
        if (p) page.frames.push({ dir, url: ws.url(), ...p });
      };
      ws.on("framesent", record("sent"));
      ws.on("framereceived", record("received"));
    });
    return page;
  };
  context.on("page", watch);
  const page = watch(context.pages()[0] ?? (await context.newPage()));
  return {
    context,
    page,
    problems,
    async newPage() {
      return watch(await context.newPage());
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A Socket.IO v5 event or ack packet on the default namespace (`42…` / `43…`), else null. */
export function parsePacket(raw) {
  const m = /^4([23])(\d*)(\[[\s\S]*\])$/.exec(raw);
  if (!m) return null;
  let data;
  try {
    data = JSON.parse(m[3]);
  } catch {
    return null;
  }
  if (m[1] === "2") return { event: data[0], args: data.slice(1), ackId: m[2] || null };
  return { event: "ack", args: data, ackId: m[2] };
}

/** The widget's shadow-root parts, as a page function can reach them. */
export const SHADOW = "document.querySelector('kremna-widget')?.shadowRoot";

/**
 * Starts recording, inside the page, every change of the conversation and of the typing
 * indicator (a MutationObserver on the widget's shadow root): `window.__kremnaTimeline`.
 */
export function recordTimeline(page) {
  return page.evaluate(() => {
    const root = document.querySelector("kremna-widget").shadowRoot;
    const log = root.querySelector('[role="log"]');
    const typing = root.querySelector(".typing");
    const timeline = [];
    window.__kremnaTimeline = timeline;
    let last = "";
    const snap = () => {
      const msgs = [...log.querySelectorAll(".msg")].map((m) => ({
        role: m.dataset.role,
        status: m.dataset.status,
        text: m.querySelector(".bubble").textContent,
      }));
      const entry = { t: performance.now(), typing: !typing.hidden, msgs };
      const key = JSON.stringify([entry.typing, msgs]);
      if (key !== last) {
        last = key;
        timeline.push(entry);
      }
    };
    new MutationObserver(snap).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    snap();
  });
}

/** The bubbles of the conversation as `{role, status, text}`. */
export function conversation(page) {
  return page.evaluate(() =>
    [...document.querySelector("kremna-widget").shadowRoot.querySelectorAll('[role="log"] .msg')].map((m) => ({
      role: m.dataset.role,
      status: m.dataset.status,
      text: m.querySelector(".bubble").textContent,
    })),
  );
}

/**
 * Waits until the chat has started (no banner, input enabled). The launcher's shadow root exists
 * before chat.js has drawn the panel, so a missing banner or input means "not yet", never an error.
 * On timeout it fails with the banner's text and any refused socket acks (from `openVisitor`'s log).
 */
export async function chatReady(page) {
  try {
    await page.waitForFunction(() => {
      const s = document.querySelector("kremna-widget")?.shadowRoot;
      const banner = s?.querySelector(".banner");
      const input = s?.querySelector("textarea");
      return Boolean(banner && input && banner.hidden && !input.disabled);
    });
  } catch (err) {
    const banner = await page.evaluate(() => document.querySelector("kremna-widget")?.shadowRoot?.querySelector(".banner")?.textContent);
    const refusals = (Array.isArray(page.frames) ? page.frames : []).filter((f) => f.event === "ack" && f.args[0]?.ok === false).map((f) => f.args[0].error);
    throw new Error(`the chat did not start: banner "${banner}", refusals ${JSON.stringify(refusals)}`, { cause: err });
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
