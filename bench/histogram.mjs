// Quantiles of one run from two scrapes of a Prometheus histogram: the bucket counts
// of `after` minus those of `before`, so whatever the process saw earlier (warm-up,
// other runs) is left out.
//
//   node histogram.mjs kremna_reply_pickup_seconds before.txt after.txt
//
// Prints JSON: n, p50/p90/p99 in ms (interpolated linearly inside their bucket, as
// Prometheus's histogram_quantile does), and the exact share of observations at or
// under each bucket bound named in `shares` (5 and 25 ms by default).
import { readFileSync } from "node:fs";

const [name, beforeFile, afterFile] = process.argv.slice(2);

function buckets(file) {
  const counts = new Map();
  const pattern = new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\d+)$`);
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const match = pattern.exec(line.trim());
    if (match) counts.set(match[1], Number(match[2]));
  }
  if (counts.size === 0) throw new Error(`${file} has no ${name} histogram`);
  return counts;
}

const before = buckets(beforeFile);
const after = buckets(afterFile);
const rows = [...after]
  .map(([le, count]) => ({ le: le === "+Inf" ? Infinity : Number(le), count: count - (before.get(le) ?? 0) }))
  .sort((a, b) => a.le - b.le);
const n = rows.at(-1).count;

function quantile(q) {
  if (n === 0) return null;
  const rank = q * n;
  let lower = 0;
  let below = 0;
  for (const { le, count } of rows) {
    if (count >= rank) {
      if (le === Infinity) return `>${lower * 1000}`;
      const inBucket = count - below;
      const fraction = inBucket === 0 ? 1 : (rank - below) / inBucket;
      return +((lower + (le - lower) * fraction) * 1000).toFixed(2);
    }
    lower = le;
    below = count;
  }
  return null;
}

const share = (ms) => {
  const row = rows.find((r) => Math.abs(r.le * 1000 - ms) < 1e-9);
  return row && n > 0 ? +((100 * row.count) / n).toFixed(2) : null;
};

console.log(
  JSON.stringify({ n, p50: quantile(0.5), p90: quantile(0.9), p99: quantile(0.99), under5msPct: share(5), under25msPct: share(25) }),
);
