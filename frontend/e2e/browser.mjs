// Headless Chromium from the system (no browser download): playwright-core
// drives /usr/bin/chromium with a fresh profile per run.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const BASE_URL = (process.env.KREMNA_E2E_BASE_URL ?? "http://127.0.0.1:3100").replace(/\/$/, "");
export const REALTIME_URL = (process.env.KREMNA_E2E_REALTIME_URL ?? "http://127.0.0.1:3101").replace(/\/$/, "");
export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), "artifacts");

const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

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
 * A browser context with its own throw-away profile; `close()` removes it.
 * `locale` sets navigator.language (the dashboard's language comes from it),
 * `colorScheme` the system's light or dark preference, `width` the viewport.
 */
export async function openBrowser({ locale = "en-US", colorScheme = "light", width = 1360, height = 900 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "kremna-e2e-profile-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [...ARGS, `--lang=${locale}`],
    baseURL: BASE_URL,
    viewport: { width, height },
    locale,
    colorScheme,
    permissions: ["clipboard-read", "clipboard-write"],
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());

  // Anything the app throws, or logs as an error, fails the run (HTTP error
  // statuses the test provokes on purpose are logged by Chromium and allowed).
  const problems = [];
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    if (/Failed to load resource: the server responded with a status of (4\d\d)/.test(msg.text())) return;
    problems.push(`console.error: ${msg.text()}`);
  });

  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Runs axe-core in the page and returns the serious and critical violations,
 * one line each (empty: none). Every WCAG 2.x A/AA rule and axe's best practices run.
 */
export async function seriousA11yViolations(page) {
  // Evaluated through the debugging protocol, not added as a <script>: the pages' CSP
  // (script-src 'self') rightly refuses inline scripts.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(readFileSync(AXE_PATH, "utf8"));
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.targets.join(" | ")}`);
}

/** How far the page is wider than the window (0: nothing scrolls sideways). */
export async function sidewaysOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Fails early, with a useful message, when the platform isn't running. */
export async function assertPlatformUp() {
  let res;
  try {
    res = await fetch(`${BASE_URL}/healthz`);
  } catch (err) {
    throw new Error(`The Kremna API is not reachable at ${BASE_URL} (set KREMNA_E2E_BASE_URL): ${err.message}`, { cause: err });
  }
  if (!res.ok) throw new Error(`${BASE_URL}/healthz answered ${res.status}`);
  const index = await (await fetch(`${BASE_URL}/`)).text();
  if (!index.includes('<div id="root">')) {
    throw new Error(`${BASE_URL}/ does not serve the built dashboard: run \`npm run build\` and point DASHBOARD_DIR at frontend/dist`);
  }
}
