// The widget on a customer's page against the real platform: REST config, lazy chat
// bundle, a streamed reply from the (fake) model, resume after a reload, the origin
// allowlist, an unknown assistant, and the full-screen panel on a phone.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  ARTIFACTS,
  REALTIME_URL,
  assertPlatformUp,
  chatReady,
  conversation,
  createAssistant,
  openVisitor,
  recordTimeline,
  registerOwner,
  sleep,
  startCustomerSite,
  widgetConfig,
} from "./harness.mjs";

const COLOR = "#7c3aed";
const COLOR_RGB = "rgb(124, 58, 237)";
const NAME = "Acme Helper";
const GREETING = "Hi! I'm the Acme helper. Ask me anything about our tents.";
const QUESTION =
  "Hello! Which of your tents would you recommend for a family of four camping in the mountains in early spring, " +
  "and how long does delivery usually take?";

const shot = (page, name) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
const isChatJs = (url) => new URL(url).pathname.endsWith("/widget/chat.js");
const sent = (page, event) => page.frames.filter((f) => f.dir === "sent" && f.event === event);
const received = (page, event) => page.frames.filter((f) => f.dir === "received" && f.event === event);

async function until(check, what, ms = 5_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe("widget on a customer page, against the real platform", { timeout: 240_000 }, () => {
  let site;
  let assistant;
  let visitor;
  let page;
  /** The conversation as it ended in the first visit: [{role, status, text}] without the greeting. */
  let firstVisit;

  before(async () => {
    await assertPlatformUp();
    site = await startCustomerSite();
    const token = await registerOwner();
    assistant = await createAssistant(token, {
      name: NAME,
      greeting: GREETING,
      instructions: "You help visitors of an outdoor gear shop.",
      allowed_origins: [site.origin],
      theme: { primary_color: COLOR, position: "right" },
    });
    visitor = await openVisitor();
    page = visitor.page;
  });

  after(async () => {
    await visitor?.close();
    await site?.close();
  });

  it("the public config endpoint answers with the theme and the realtime URL", async () => {
    const cfg = await widgetConfig(assistant.id);
    assert.equal(cfg.id, assistant.id);
    assert.equal(cfg.name, NAME);
    assert.equal(cfg.greeting, GREETING);
    assert.equal(cfg.theme.primary_color, COLOR);
    assert.equal(cfg.realtime_url.replace(/\/+$/, ""), REALTIME_URL);
  });

  it("draws the launcher in the theme colour without loading chat.js", async () => {
    await page.goto(`${site.origin}/attr/${assistant.id}`);
    const launcher = page.getByRole("button", { name: "Open chat" });
    await launcher.waitFor();
    assert.equal(await launcher.evaluate((b) => getComputedStyle(b).backgroundColor), COLOR_RGB);
    assert.equal(await launcher.getAttribute("aria-expanded"), "false");
    // page CSS (`button {background: hotpink}`) does not reach it, and it sits bottom right
    const box = await launcher.boundingBox();
    assert.ok(box.x + box.width > 1280 - 40 && box.y + box.height > 800 - 40, `launcher at ${JSON.stringify(box)}`);
    await page.waitForLoadState("networkidle");
    assert.ok(page.requests.some((u) => u.endsWith(`/api/v1/widget/assistants/${assistant.id}`)), "config fetched");
    assert.deepEqual(page.requests.filter(isChatJs), [], "chat.js must not load before the first click");
    assert.equal(page.frames.length, 0, "no socket before the first click");
    await shot(page, "launcher-closed");
  });

  it("opens on click with the greeting, then streams a reply to a message", async () => {
    await page.getByRole("button", { name: "Open chat" }).click();
    const dialog = page.getByRole("dialog", { name: NAME });
    await dialog.waitFor();
    assert.equal(page.requests.filter(isChatJs).length, 1, "chat.js loaded on the click");
    await dialog.getByRole("heading", { name: NAME }).waitFor();
    const log = dialog.getByRole("log", { name: "Conversation" });
    await log.getByText(GREETING).waitFor();

    const input = dialog.getByLabel("Message");
    await chatReady(page);
    const start = sent(page, "start_chat");
    assert.equal(start.length, 1);
    assert.equal(start[0].args[0].assistantId, assistant.id);
    assert.equal(start[0].args[0].chatId, undefined, "a new visitor starts a new chat");
    assert.ok(page.frames.every((f) => f.url.startsWith(REALTIME_URL.replace(/^http/, "ws"))), "socket to the realtime URL");

    await recordTimeline(page);
    await input.fill(QUESTION);
    await input.press("Enter");
    assert.equal(await input.inputValue(), "", "the input is cleared");
    await log.locator('[data-role="user"]').getByText(QUESTION).waitFor();

    // mid-stream screenshot, as soon as the reply is visibly streaming (the timeline can't miss that moment)
    await page.waitForFunction(() => window.__kremnaTimeline.some((e) => e.msgs[2]?.status === "streaming"), null, { polling: 10 });
    await shot(page, "panel-mid-stream");

    await page.waitForFunction(() =>
      window.__kremnaTimeline.some((e) => e.msgs.length === 3 && e.msgs[2].role === "assistant" && e.msgs[2].status === "complete"),
    );
    await shot(page, "panel-final");

    // (frames reach this process a moment after the page has them)
    await until(() => received(page, "new_message").some((f) => f.args[0].role === "assistant"), "the reply's new_message frame");
    const finals = received(page, "new_message").map((f) => f.args[0]);
    const reply = finals.find((m) => m.role === "assistant");
    const mine = finals.find((m) => m.role === "user");
    assert.ok(reply, "the final reply arrived as new_message");
    assert.equal(reply.status, "complete");
    assert.ok(reply.content.trim().length > 0, "the reply is not empty");
    assert.equal(mine.content, QUESTION);
    assert.ok(Number.isInteger(mine.seq) && reply.seq > mine.seq, "final messages carry seq, the reply after the question");
    // the deltas of that reply add up to its final text (one attempt, indexes 0..n)
    const deltas = received(page, "message_delta")
      .map((f) => f.args[0])
      .filter((d) => d.messageId === reply.id);
    assert.ok(deltas.length >= 3, `streamed in pieces (${deltas.length})`);
    assert.deepEqual(deltas.map((d) => d.index), deltas.map((_, i) => i));
    assert.ok(deltas.every((d) => d.attempt === 1));
    assert.equal(deltas.map((d) => d.delta).join(""), reply.content);

    const timeline = await page.evaluate(() => window.__kremnaTimeline);
    const replyStates = timeline.map((e) => ({ typing: e.typing, bubble: e.msgs[2] }));
    const streamed = [
      ...new Set(replyStates.filter((s) => s.bubble?.role === "assistant" && s.bubble.status === "streaming").map((s) => s.bubble.text)),
    ];
    for (const text of streamed) assert.ok(text && reply.content.startsWith(text), `"${text}" is a prefix of the reply`);
    const partial = streamed.filter((t) => t.length < reply.content.length);
    assert.ok(partial.length >= 2, `at least 2 intermediate states before the final text, got ${JSON.stringify(streamed)}`);
    for (let i = 1; i < streamed.length; i++) assert.ok(streamed[i].length > streamed[i - 1].length, "the bubble only grows");
    const firstStreaming = replyStates.findIndex((s) => s.bubble?.status === "streaming");
    assert.ok(
      replyStates.slice(0, firstStreaming).some((s) => s.typing),
      "the typing indicator showed before the reply started streaming",
    );
    assert.ok(!replyStates.slice(firstStreaming).some((s) => s.typing), "no typing indicator under a streaming reply");

    // the end state: greeting, question, the final reply; one bubble each; the same element streamed and ended
    const end = await conversation(page);
    assert.deepEqual(end, [
      { role: "assistant", status: "complete", text: GREETING },
      { role: "user", status: "complete", text: QUESTION },
      { role: "assistant", status: "complete", text: reply.content },
    ]);
    assert.equal(await dialog.locator(".typing").isHidden(), true);
    firstVisit = end.slice(1);

    const stored = await page.evaluate((id) => JSON.parse(localStorage.getItem(`kremna:chat:${id}`)), assistant.id);
    assert.equal(stored.seenSeq, reply.seq, "the reply was seen with the panel open");
    assert.equal(stored.unread, 0);
  });

  it("restores the conversation after a reload, open as it was left, without duplicates", async () => {
    assert.ok(firstVisit, "needs the previous test");
    page.requests.length = 0;
    page.frames.length = 0;
    await page.reload();
    // the panel was left open: it opens again by itself, without taking the focus from the page
    const dialog = page.getByRole("dialog", { name: NAME });
    await dialog.waitFor();
    assert.equal(page.requests.filter(isChatJs).length, 1, "chat.js loaded at once for the open panel");
    assert.equal(await page.evaluate(() => document.activeElement === document.body), true, "focus stays on the page");
    assert.equal(await page.locator("kremna-widget .launcher").isHidden(), true);
    await chatReady(page);
    await page.waitForFunction(
      () => document.querySelector("kremna-widget").shadowRoot.querySelectorAll('[role="log"] .msg').length >= 3,
    );
    await sleep(500); // anything late (a second replay) would show up by now
    const restored = await conversation(page);
    assert.deepEqual(restored.slice(1), firstVisit);
    assert.equal(restored[0].text, GREETING);

    const start = sent(page, "start_chat");
    assert.equal(start.length, 1);
    assert.ok(start[0].args[0].chatId && start[0].args[0].visitorToken, "resumed the stored chat");
    assert.equal(start[0].args[0].lastMessageId, undefined, "a fresh page asks for the whole chat");
    const started = received(page, "chat_started")[0].args[0];
    assert.equal(started.resumed, true);
    assert.equal(started.typing, false);
    assert.equal(sent(page, "send_message").length, 0);

    // closed, it stays closed on the next page: just the launcher, no chat.js
    await dialog.getByRole("button", { name: "Close chat" }).click();
    const launcher = page.getByRole("button", { name: "Open chat" });
    await launcher.waitFor();
    assert.equal(await page.evaluate(() => document.querySelector("kremna-widget").shadowRoot.activeElement?.className), "launcher");
    page.requests.length = 0;
    await page.reload();
    await launcher.waitFor();
    await page.waitForLoadState("networkidle");
    assert.deepEqual(page.requests.filter(isChatJs), [], "chat.js not loaded before the click");
    // the reply was seen with the panel open: no unread dot
    assert.equal(await launcher.locator(".dot").isHidden(), true);
  });

  it("works with the window.KREMNA_ASSISTANT_ID form of the snippet", async () => {
    const p = await visitor.newPage();
    await p.goto(`${site.origin}/global/${assistant.id}`);
    const launcher = p.getByRole("button", { name: "Open chat" });
    await launcher.waitFor();
    assert.equal(await launcher.evaluate((b) => getComputedStyle(b).backgroundColor), COLOR_RGB);
    await launcher.click();
    const dialog = p.getByRole("dialog", { name: NAME });
    await dialog.getByText(GREETING).waitFor();
    // same origin, same browser: the same chat
    await dialog.locator('[data-role="user"]').getByText(QUESTION, { exact: true }).waitFor();
    await p.close();
  });

  it("on an origin the assistant doesn't allow, says so to the developer and offers visitors nothing", async () => {
    const p = await visitor.newPage();
    const config = p.waitForResponse((r) => r.url().endsWith(`/api/v1/widget/assistants/${assistant.id}`));
    await p.goto(`${site.otherOrigin}/attr/${assistant.id}`);
    if ((await (await config).json()).allowed === false) {
      const line = `[Kremna] add ${site.otherOrigin} to the assistant's allowed origins in the dashboard.`;
      // the server answers for this origin: no launcher, no chat.js, no socket
      await p.waitForLoadState("networkidle");
      await sleep(300);
      assert.equal(await p.locator("kremna-widget").count(), 0);
      assert.deepEqual(p.requests.filter(isChatJs), []);
      assert.equal(p.frames.length, 0);
      assert.deepEqual(p.warnings, [line]);
      await p.close();
      return;
    }
    // A server that does not answer `allowed` leaves the check to start_chat: a quiet note.
    const launcher = p.getByRole("button", { name: "Open chat" });
    await launcher.waitFor();
    await launcher.click();
    const dialog = p.getByRole("dialog", { name: NAME });
    const note = dialog.getByRole("status").filter({ hasText: "This chat isn't available on this site." });
    await note.waitFor();
    // no composer and no greeting inviting questions; the input is disabled anyway
    assert.equal(await dialog.locator("form.composer").isHidden(), true);
    assert.equal(await dialog.getByText(GREETING).count(), 0);
    assert.equal(await dialog.locator("textarea").evaluate((t) => t.disabled), true);
    assert.equal(await dialog.getByRole("button", { name: "Close chat" }).isVisible(), true);
    const box = await dialog.boundingBox();
    assert.ok(box.height < 200, `a compact panel, just the header and the note (${box.height}px)`);
    await shot(p, "origin-not-allowed");
    await sleep(2_500); // no retry
    assert.equal(sent(p, "start_chat").length, 1, "start_chat is not retried");
    assert.deepEqual(
      p.frames.filter((f) => f.dir === "sent").map((f) => f.event),
      ["start_chat"],
      "nothing but the refused start_chat is sent",
    );
    const ack = p.frames.find((f) => f.dir === "received" && f.event === "ack");
    assert.equal(ack.args[0].error.code, "origin_not_allowed");
    assert.equal(await note.isVisible(), true);
    const stored = await p.evaluate((id) => localStorage.getItem(`kremna:chat:${id}`), assistant.id);
    assert.equal(stored, null, "no chat is kept for a refused origin");
    // (chat.js's own wording of the same advice)
    const line = `[Kremna] This website (${site.otherOrigin}) is not in the assistant's allowed origins; add it in the dashboard.`;
    assert.deepEqual(p.warnings, [line]);
    await p.close();
  });

  it("an unknown assistant renders nothing and throws nothing", async () => {
    const p = await visitor.newPage();
    const unknown = randomUUID();
    const config = p.waitForResponse((r) => r.url().endsWith(`/api/v1/widget/assistants/${unknown}`));
    await p.goto(`${site.origin}/attr/${unknown}`);
    assert.equal((await config).status(), 404);
    await p.waitForLoadState("networkidle");
    await sleep(300);
    assert.equal(await p.locator("kremna-widget").count(), 0);
    assert.equal(await p.getByRole("button", { name: "Open chat" }).count(), 0);
    assert.deepEqual(p.requests.filter(isChatJs), []);
    assert.deepEqual(p.warnings, [`[Kremna] assistant ${unknown} is unknown or paused.`]);
    assert.equal(await p.evaluate(() => typeof window.Kremna?.open), "function", "the page API is safe to call");
    await p.evaluate(() => window.Kremna.open());
    await sleep(200);
    assert.equal(await p.locator("kremna-widget").count(), 0);
    await p.close();
  });

  it("is full screen on a phone", async () => {
    const phone = await openVisitor({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    try {
      const p = phone.page;
      await p.goto(`${site.origin}/attr/${assistant.id}`);
      const launcher = p.getByRole("button", { name: "Open chat" });
      await launcher.waitFor();
      await launcher.tap();
      const dialog = p.getByRole("dialog", { name: NAME });
      await dialog.getByText(GREETING).waitFor();
      assert.deepEqual(await dialog.boundingBox(), { x: 0, y: 0, width: 375, height: 667 });
      assert.equal(await launcher.isHidden(), true, "the launcher hides behind the open panel");
      const input = dialog.getByLabel("Message");
      await chatReady(p);
      await input.fill("Do you ship to Norway?");
      await input.press("Enter");
      await p.waitForFunction(
        () => document.querySelector("kremna-widget").shadowRoot.querySelectorAll('[role="log"] .msg[data-role="assistant"][data-status="complete"]').length === 2,
      );
      // the composer stays on screen
      const composer = await input.boundingBox();
      assert.ok(composer.y + composer.height <= 667, `composer visible: ${JSON.stringify(composer)}`);
      await shot(p, "mobile");
      await dialog.getByRole("button", { name: "Close chat" }).tap();
      await launcher.waitFor();
      assert.deepEqual(phone.problems, []);
    } finally {
      await phone.close();
    }
  });

  it("no uncaught page errors or console errors anywhere", () => {
    assert.deepEqual(visitor.problems, []);
  });
});
