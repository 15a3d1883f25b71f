// Prints raw and gzip sizes of the built bundles; with --check, fails over budget.
import { readFileSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
// gzip bytes: the loader every visitor downloads, and the chat bundle loaded on first open.
// chat.js was 20 KB until human handoff (the "who answers" line, "Talk to a person", the
// e-mail field, their texts in both languages) took it from 20,436 to 21,795 B; emitting
// UTF-8 instead of \u escapes and an es2022 target gained nothing. The next saving is one
// chat bundle per language (each catalogue is ~0.6 KB gzip).
const BUDGETS = { "embed.js": Math.floor(2.8 * 1024), "chat.js": 22 * 1024 };

export function sizes() {
  return Object.keys(BUDGETS).map((name) => {
    const path = join(dist, name);
    if (!existsSync(path)) return { name, missing: true };
    const buf = readFileSync(path);
    return { name, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length, budget: BUDGETS[name] };
  });
}

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;

export function report(check) {
  let ok = true;
  for (const s of sizes()) {
    if (s.missing) {
      console.log(`${s.name.padEnd(10)} missing (run npm run build)`);
      ok = false;
      continue;
    }
    const over = s.gzip > s.budget;
    if (over) ok = false;
    console.log(
      `${s.name.padEnd(10)} ${String(s.raw).padStart(7)} B raw (${kb(s.raw)})  ` +
        `${String(s.gzip).padStart(6)} B gzip (${kb(s.gzip)})  budget ${kb(s.budget)} gzip${over ? "  OVER BUDGET" : ""}`,
    );
  }
  if (check && !ok) {
    console.error("size check failed");
    process.exitCode = 1;
  }
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) report(process.argv.includes("--check"));
