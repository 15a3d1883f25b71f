// The bytes visitors actually download: the budgets hold on what the server sends
// (compressed as the browser asks), not only on what the build computes.
import assert from "node:assert/strict";
import { request } from "node:http";
import { test } from "node:test";
import { BASE_URL, assertPlatformUp } from "./harness.mjs";

// The same budgets as scripts/size.mjs (which says why chat.js has 22 KB).
const BUDGETS = { "embed.js": Math.floor(2.8 * 1024), "chat.js": 22 * 1024 };

/** GET without decompressing: the encoded body's length and the headers. */
function fetchRaw(path, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const req = request(`${BASE_URL}${path}`, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
      let bytes = 0;
      res.on("data", (chunk) => (bytes += chunk.length));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, bytes }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("the widget is served compressed, within budget, with a cache policy", async () => {
  await assertPlatformUp();
  for (const [file, budget] of Object.entries(BUDGETS)) {
    const plain = await fetchRaw(`/widget/${file}`, "identity");
    assert.equal(plain.status, 200);
    for (const encoding of ["br", "gzip"]) {
      const got = await fetchRaw(`/widget/${file}`, encoding);
      assert.equal(got.status, 200, `${file} ${encoding}`);
      assert.equal(got.headers["content-encoding"], encoding, `${file} is not served as ${encoding}`);
      assert.match(got.headers.vary ?? "", /accept-encoding/i);
      assert.equal(got.headers["cache-control"], "public, max-age=300");
      assert.ok(got.bytes <= budget, `${file} served as ${encoding}: ${got.bytes} B > budget ${budget} B`);
      assert.ok(got.bytes < plain.bytes * 0.6, `${file} ${encoding}: ${got.bytes} of ${plain.bytes} B`);
      console.log(`${file} served ${encoding}: ${got.bytes} B (plain ${plain.bytes} B, budget ${budget} B)`);
    }
  }
});
