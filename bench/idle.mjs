// Opens `connections` widget sockets (websocket), each with a started chat, and holds
// them idle until told to stop (SIGTERM). Prints `READY <n>` once all are connected.
//
//   node idle.mjs '{"url": "...", "assistantId": "...", "origin": "...", "connections": 5000}'
import { io } from "socket.io-client";

const { url, assistantId, origin, connections, inFlight = 200, offset = 0 } = JSON.parse(process.argv[2]);
const sockets = [];
let failed = 0;

async function open(n) {
  const s = io(url, { transports: ["websocket"], extraHeaders: { Origin: origin }, reconnection: false, forceNew: true });
  try {
    await new Promise((resolve, reject) => {
      s.once("connect", resolve);
      s.once("connect_error", reject);
    });
    const ack = await s.timeout(20000).emitWithAck("start_chat", { assistantId, visitorId: `idle-${offset + n}` });
    if (!ack.ok) throw new Error(JSON.stringify(ack.error));
    sockets.push(s);
  } catch (err) {
    failed += 1;
    if (failed <= 3) console.error(`connection ${n} failed: ${err}`);
    s.close();
  }
}

let next = 0;
await Promise.all(
  Array.from({ length: inFlight }, async () => {
    while (next < connections) {
      const n = next++;
      await open(n);
    }
  }),
);
const open_now = sockets.filter((s) => s.connected).length;
console.log(`READY ${open_now} ${failed}`);
process.on("SIGTERM", () => {
  sockets.forEach((s) => s.close());
  process.exit(0);
});
setInterval(() => {}, 1 << 30);
