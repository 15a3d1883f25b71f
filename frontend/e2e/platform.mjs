// Setting the platform up through its public doors (REST and Socket.IO), so the
// screen tests find a workspace with an assistant and a real chat in it.
import { createHmac, randomUUID } from "node:crypto";
import { io } from "socket.io-client";
import { BASE_URL, REALTIME_URL } from "./browser.mjs";

async function call(method, path, { token, body } = {}) {
  const res = await fetch(`${BASE_URL}/api/v1${path}`, {
    method,
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A new identity secret for the assistant (`Kremna.identify` verification). */
export async function rotateIdentitySecret(token, assistantId) {
  return (await call("POST", `/assistants/${assistantId}/identity-secret/rotate`, { token })).secret;
}

/** The `userHash` a host's server computes: hex HMAC-SHA256 of the user id. */
export function userHash(secret, userId) {
  return createHmac("sha256", secret).update(userId).digest("hex");
}

/** A new owner account; returns the API's session answer and the password. */
export async function registerOwner(prefix = "e2e") {
  const run = randomUUID().slice(0, 8);
  const password = `correct horse ${run}`;
  const session = await call("POST", "/auth/register", {
    body: { full_name: "Deniz Yılmaz", email: `${prefix}-${run}@example.com`, password, workspace_name: `Örnek Mağaza ${run}` },
  });
  return { session, password };
}

export async function createAssistant(token, body) {
  return call("POST", "/assistants", { token, body });
}

/** An invitation link's token (admins and owners). */
export async function createInvitation(token, role = "agent") {
  return (await call("POST", "/invitations", { token, body: { role } })).token;
}

/**
 * A visitor's chat through the realtime node, as the widget would start it:
 * start_chat, then one message each. Waits until the reply is done (or failed).
 */
export async function chatAsVisitor(assistantId, origin, contents, identity) {
  const socket = io(REALTIME_URL, {
    path: "/socket.io/",
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders: { Origin: origin },
  });
  const settled = [];
  socket.on("new_message", (m) => {
    if (m.role === "assistant" && (m.status === "complete" || m.status === "failed")) settled.push(m);
  });
  try {
    await new Promise((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    const started = await socket.timeout(10_000).emitWithAck("start_chat", { assistantId, ...(identity ? { identity } : {}) });
    if (!started.ok) throw new Error(`start_chat refused: ${JSON.stringify(started)}`);
    for (const [i, content] of contents.entries()) {
      const sent = await socket.timeout(10_000).emitWithAck("send_message", { chatId: started.id, content });
      if (sent.ok === false) throw new Error(`send_message refused: ${JSON.stringify(sent)}`);
      // A reply (or its failure after the worker's retries) before the next message.
      const deadline = Date.now() + 45_000;
      while (settled.length <= i && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    }
    return started.id;
  } finally {
    socket.close();
  }
}

/** What the dashboard keeps in localStorage after signing in (src/lib/session.ts). */
export function storedSession(session) {
  return JSON.stringify({
    token: session.access_token,
    expiresAt: Date.now() + session.expires_in * 1000,
    user: session.user,
    tenant: session.tenant,
    workspaces: session.workspaces,
  });
}

/**
 * A customer's page on another origin (127.0.0.1 on a port of its own) with the
 * widget's one-line embed, as a visitor would find it.
 */
export async function startCustomerSite() {
  const { createServer } = await import("node:http");
  const server = createServer((req, res) => {
    const m = /^\/shop\/([\w-]+)$/.exec(new URL(req.url, "http://x").pathname);
    if (!m) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Acme Outdoor Gear</title></head>
<body><main><h1>Tents for every season</h1></main>
<script src="${BASE_URL}/widget/embed.js" data-assistant-id="${m[1]}" async></script></body></html>`);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Joins a workspace through an invitation link with a new account; returns its session. */
export async function joinWithInvitation(invitationToken, fullName) {
  const run = randomUUID().slice(0, 8);
  return call("POST", "/invitations/accept/register", {
    body: { token: invitationToken, email: `member-${run}@example.com`, password: `correct horse ${run}`, full_name: fullName },
  });
}

/** Removes a member from the workspace (owners and admins). */
export async function removeMember(token, userId) {
  return call("DELETE", `/members/${userId}`, { token });
}

/** A member takes the chat over and answers the visitor in person. */
export async function takeOverAndReply(token, chatId, content) {
  await call("POST", `/chats/${chatId}/take-over`, { token });
  return call("POST", `/chats/${chatId}/messages`, { token, body: { content } });
}

/** Pasted text as a knowledge source of the given assistants. */
export async function addTextSource(token, body) {
  return call("POST", "/knowledge/sources/text", { token, body });
}

/** Waits until the worker has read a source (ready or failed), and returns it. */
export async function settledSource(token, id, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const source = await call("GET", `/knowledge/sources/${id}`, { token });
    if (source.state === "ready" || source.state === "failed") return source;
    if (Date.now() > deadline) throw new Error(`source ${id} still ${source.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
