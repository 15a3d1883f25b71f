// What a visitor waits for and downloads, measured against a running platform (not a
// test: it prints figures). Rerun it with the same two variables as the e2e tests:
//
//   KREMNA_E2E_BASE_URL=http://127.0.0.1:3550 KREMNA_E2E_REALTIME_URL=http://127.0.0.1:3551 \
//     node e2e/measure-bubble.mjs [--loads 5]
//
// (bench/widget/run starts a release stack and runs this.) It prints:
//   1. time to bubble painted: a customer's page (served from 127.0.0.1 by this script)
//      loaded cold — a new browser profile each time, so nothing is cached — from the
//      start of navigation to the first frame painted after the launcher is in the page;
//      the median of N loads (5 by default), with the loader's and the config's arrival;
//   2. the bytes served, as the server sends them for `Accept-Encoding: br` and `gzip`:
//      the dashboard's initial JS and CSS (everything index.html references), the widget
//      loader (embed.js) and its chat bundle (chat.js).
import { request } from "node:http";
import { parseArgs } from "node:util";
import { BASE_URL, assertPlatformUp, createAssistant, openVisitor, registerOwner, startCustomerSite } from "./harness.mjs";

const { values } = parseArgs({ options: { loads: { type: "string", default: "5" } } });
const LOADS = Number(values.loads);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const ms = (x) => `${x.toFixed(0)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** The page notes when the launcher is in the DOM, then the first frame painted after it. */
function watchForBubble() {
  window.__bubble = new Promise((resolve) => {
    const seen = () => {
      const host = document.querySelector("kremna-widget");
      const button = host?.shadowRoot?.querySelector("button.launcher");
      if (!button) return false;
      const inserted = performance.now();
      // rAF runs before the frame's paint; the next rAF runs after that paint. (Its
      // timestamp is the frame's scheduled start, which can precede `inserted`: read the clock.)
      requestAnimationFrame(() => requestAnimationFrame(() => resolve({ inserted, painted: performance.now() })));
      return true;
    };
    new MutationObserver((_, observer) => {
      if (seen()) observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
}

async function timeToBubble(site, assistantId) {
  const visitor = await openVisitor();
  try {
    const page = visitor.page;
    await page.addInitScript(watchForBubble);
    await page.goto(`${site.origin}/attr/${assistantId}`);
    const bubble = await page.evaluate(() => window.__bubble);
    const box = await page.locator("kremna-widget").getByRole("button", { name: "Open chat" }).boundingBox();
    if (!box || box.width === 0) throw new Error("the launcher is not visible");
    const timing = await page.evaluate(() => {
      const end = (part) => performance.getEntriesByType("resource").find((e) => e.name.includes(part))?.responseEnd ?? NaN;
      return { embed: end("/widget/embed.js"), config: end("/api/v1/widget/assistants/") };
    });
    if (visitor.problems.length) throw new Error(visitor.problems.join("\n"));
    return { ...timing, ...bubble };
  } finally {
    await visitor.close();
  }
}

/** GET without decompressing: the length of the body as sent. */
function servedBytes(path, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const req = request(`${BASE_URL}${path}`, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
      let bytes = 0;
      res.on("data", (chunk) => (bytes += chunk.length));
      res.on("end", () => {
        if (res.statusCode !== 200) reject(new Error(`${path}: ${res.statusCode}`));
        else resolve({ bytes, encoding: res.headers["content-encoding"] ?? "identity" });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

/** What index.html makes the browser fetch before the first page draws: scripts, preloads, styles. */
async function dashboardInitial() {
  const html = await (await fetch(`${BASE_URL}/`)).text();
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"[^>]*>/g)]
    .filter(([tag]) => /<script|rel="(?:modulepreload|stylesheet)"/.test(tag))
    .map(([, url]) => url);
  return {
    js: refs.filter((u) => u.endsWith(".js")),
    css: refs.filter((u) => u.endsWith(".css")),
  };
}

async function sizes(label, paths) {
  const row = { label, files: paths.length };
  for (const encoding of ["identity", "gzip", "br"]) {
    let total = 0;
    for (const path of paths) {
      const got = await servedBytes(path, encoding);
      if (got.encoding !== encoding) throw new Error(`${path} asked as ${encoding}, served as ${got.encoding}`);
      total += got.bytes;
    }
    row[encoding] = total;
  }
  return row;
}

await assertPlatformUp();
const site = await startCustomerSite();
try {
  const token = await registerOwner();
  const assistant = await createAssistant(token, { name: "Bubble timer", allowed_origins: [site.origin] });
  await timeToBubble(site, assistant.id); // starts Chromium's own caches on disk; not counted
  const runs = [];
  for (let i = 0; i < LOADS; i++) runs.push(await timeToBubble(site, assistant.id));

  console.log(`Time to bubble painted, ${LOADS} cold loads of a customer page (${BASE_URL}):`);
  for (const [i, r] of runs.entries()) {
    console.log(`  load ${i + 1}: embed.js ${ms(r.embed)}, config ${ms(r.config)}, launcher in page ${ms(r.inserted)}, painted ${ms(r.painted)}`);
  }
  console.log(`  median: painted ${ms(median(runs.map((r) => r.painted)))} (embed.js ${ms(median(runs.map((r) => r.embed)))}, config ${ms(median(runs.map((r) => r.config)))})`);

  const initial = await dashboardInitial();
  const rows = [
    await sizes("dashboard initial JS", initial.js),
    await sizes("dashboard initial CSS", initial.css),
    await sizes("widget loader embed.js", ["/widget/embed.js"]),
    await sizes("widget chat.js", ["/widget/chat.js"]),
  ];
  console.log("\nServed bytes (as sent on the wire; gzip and br as negotiated):");
  console.log(`  ${"".padEnd(26)}${"files".padStart(6)}${"plain".padStart(10)}${"gzip".padStart(10)}${"br".padStart(10)}`);
  for (const r of rows) {
    console.log(`  ${r.label.padEnd(26)}${String(r.files).padStart(6)}${kb(r.identity).padStart(10)}${kb(r.gzip).padStart(10)}${kb(r.br).padStart(10)}`);
  }
} finally {
  await site.close();
}
