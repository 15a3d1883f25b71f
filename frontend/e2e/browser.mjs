// Headless Chromium from the system (no browser download): playwright-core
// drives /usr/bin/chromium with a fresh profile per run.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const BASE_URL = (process.env.KREMNA_E2E_BASE_URL ?? "http://127.0.0.1:3100").replace(/\/$/, "");
export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), "artifacts");

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

/** A browser context with its own throw-away profile; `close()` removes it. */
export async function openBrowser() {
  const profile = mkdtempSync(join(tmpdir(), "kremna-e2e-profile-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ARGS,
    baseURL: BASE_URL,
    viewport: { width: 1360, height: 900 },
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
