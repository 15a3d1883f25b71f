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

// engine.io-client registers WebTransport next to websocket and polling; the widget asks
// for websocket and polling only, so chat.js is built with a transport table without it
// (about 0.9 KB gzip).
const eio = join(root, "node_modules/engine.io-client/build/esm");
const withoutWebTransport = {
  name: "without-webtransport",
  setup(b) {
    b.onResolve({ filter: /^\.\/transports\/index\.js$/ }, (args) =>
      args.importer.startsWith(eio) ? { path: "transports", namespace: "kremna-eio" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "kremna-eio" }, () => ({
      resolveDir: join(eio, "transports"),
      contents:
        'import { XHR } from "./polling-xhr.js";\n' +
        'import { WS } from "./websocket.js";\n' +
        "export const transports = { websocket: WS, polling: XHR };\n",
    }));
  },
};

// socket.io-client's packet parser, without binary attachments (src/sio-parser.ts says why).
const jsonOnlyParser = {
  name: "json-only-socket.io-parser",
  setup(b) {
    b.onResolve({ filter: /^socket\.io-parser$/ }, () => ({ path: join(root, "src/sio-parser.ts") }));
  },
};

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
  build({ ...common, entryPoints: [join(root, "src/chat.ts")], outfile: join(dist, "chat.js"), plugins: [withoutWebTransport, jsonOnlyParser] }),
]);
for (const file of ["demo.html", "demo.css", "demo.js"]) copyFileSync(join(root, "static", file), join(dist, file));

report(false);
