// Bundles src/embed.ts and src/chat.ts into dist/ (minified IIFEs), copies the demo page, prints sizes.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { report } from "./size.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  minify: true,
  format: "iife",
  platform: "browser",
  target: ["es2020"],
  legalComments: "none",
  sourcemap: false,
  logLevel: "warning",
  define: { "process.env.NODE_ENV": '"production"' },
};

await Promise.all([
  build({ ...common, entryPoints: [join(root, "src/embed.ts")], outfile: join(dist, "embed.js") }),
  build({ ...common, entryPoints: [join(root, "src/chat.ts")], outfile: join(dist, "chat.js") }),
]);
copyFileSync(join(root, "static/demo.html"), join(dist, "demo.html"));

report(false);
