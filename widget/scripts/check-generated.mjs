// Fails when src/generated/api.d.ts is not what `npm run generate` makes from
// ../api/openapi.json today, i.e. the committed client is stale.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const spec = resolve(root, "../api/openapi.json");
const committed = resolve(root, "src/generated/api.d.ts");
const dir = mkdtempSync(join(tmpdir(), "kremna-widget-api-"));
const fresh = join(dir, "api.d.ts");

try {
  const bin = resolve(root, "node_modules/openapi-typescript/bin/cli.js");
  execFileSync(process.execPath, [bin, spec, "-o", fresh], { stdio: ["ignore", "ignore", "inherit"] });
  const want = readFileSync(fresh, "utf8");
  let have = "";
  try {
    have = readFileSync(committed, "utf8");
  } catch {
    // Missing counts as stale.
  }
  if (want !== have) {
    console.error(
      "src/generated/api.d.ts is stale: it differs from what ../api/openapi.json generates.\n" +
        "Run `npm run generate` and commit the result.",
    );
    process.exit(1);
  }
  console.log("src/generated/api.d.ts matches ../api/openapi.json");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
