// What visitors and site developers expect of the widget, against the real platform: its
// language follows the browser, a paused assistant draws nothing, unread replies are
// announced, a new conversation starts afresh, and the demo page runs no script from its URL.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  ARTIFACTS,
  BASE_URL,
  assertPlatformUp,
  chatReady,
  conversation,
  createAssistant,
  openVisitor,
  registerOwner,
  sleep,
  startCustomerSite,
  updateAssistant,
} from "./harness.mjs";

const NAME = "Acme Helper";
const GREETING = "Hi! Ask me anything about our tents.";

const shot = (page, name) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
const isChatJs = (url) => new URL(url).pathname.endsWith("/widget/chat.js");
const sent = (page, event) => page.frames.filter((f) => f.dir === "sent" && f.event === event);
const stored = (page, id) => page.evaluate((k) => JSON.parse(localStorage.getItem(`kremna:chat:${k}`)), id);
const replies = (page) =>
  page.evaluate(
    () =>
      document.querySelector("kremna-widget").shadowRoot.querySelectorAll('[role="log"] .msg[data-role="assistant"][data-status="complete"]')
        .length,
  );

describe("what visitors and site developers expect", { timeout: 240_000 }, () => {
  let site;
  let token;
  let assistant;

  before(async () => {
    await assertPlatformUp();
    site = await startCustomerSite();
    token = await registerOwner();
    assistant = await createAssistant(token, {
      name: NAME,
      greeting: GREETING,
      instructions: "You help visitors of an outdoor gear shop.",
      allowed_origins: [site.origin],
    });
  });

  after(async () => {
    await site?.close();
  });

  it("a Turkish browser gets the widget in Turkish, with Turkish dates", async () => {
    const visitor = await openVisitor({ locale: "tr-TR" });
    try {
      const page = visitor.page;
      await page.goto(`${site.origin}/attr/${assistant.id}`);
      const launcher = page.getByRole("button", { name: "Sohbeti aç" });
      await launcher.click();
      const dialog = page.getByRole("dialog", { name: NAME });
      await dialog.getByRole("button", { name: "Sohbeti kapat" }).waitFor();
      const log = dialog.getByRole("log", { name: "Mesajlar" });
      await log.getByText(GREETING).waitFor();
      const input = dialog.getByLabel("Mesaj", { exact: true });
      assert.equal(await input.getAttribute("placeholder"), "Bir mesaj yazın…");
      await chatReady(page);
      await input.fill("Merhaba! Çadırlarınız kaç kişilik?");
      await input.press("Enter");
      await page.waitForFunction(
        () => document.querySelector("kremna-widget").shadowRoot.querySelectorAll('.msg[data-role="assistant"][data-status="complete"]').length === 2,
      );
      // the time of a message, on hover and for screen readers: Turkish month, 24-hour clock
      const mine = log.locator('.msg[data-role="user"]');
      assert.match(await mine.getAttribute("title"), /^\d{1,2} [A-ZÇĞİÖŞÜ][a-zçğıöşü]{2,3} \d{4} \d{2}:\d{2}$/u);
      assert.match(await mine.locator(".sr").textContent(), /^Siz, \d{1,2} /u);
      await dialog.getByRole("button", { name: "Yeni sohbet" }).waitFor();
      await shot(page, "turkish");
      assert.deepEqual(visitor.problems, []);
    } finally {
      await visitor.close();
    }
  });

  it("a paused assistant: nothing drawn, no chat.js, one line for the site's developer", async () => {
    const paused = await createAssistant(token, { name: "Paused", status: "paused", allowed_origins: [site.origin] });
    const visitor = await openVisitor();
    try {
      const page = visitor.page;
      const config = page.waitForResponse((r) => r.url().endsWith(`/api/v1/widget/assistants/${paused.id}`));
      await page.goto(`${site.origin}/attr/${paused.id}`);
      assert.equal((await config).status(), 404);
      await page.waitForLoadState("networkidle");
      await sleep(300);
      assert.equal(await page.locator("kremna-widget").count(), 0);
      assert.deepEqual(page.requests.filter(isChatJs), [], "chat.js is never requested");
      assert.equal(page.frames.length, 0, "no socket");
      await page.evaluate(() => window.Kremna.open());
      await sleep(300);
      assert.deepEqual(page.requests.filter(isChatJs), []);
      assert.deepEqual(page.warnings, [`[Kremna] assistant ${paused.id} is unknown or paused.`]);
      assert.deepEqual(visitor.problems, []);
    } finally {
      await visitor.close();
    }
  });

  it("paused while a visitor chats: the next send says so in the visitor's language; nothing shows until it is on again", async () => {
    const bot = await createAssistant(token, { name: "Pausable", greeting: GREETING, allowed_origins: [site.origin] });
    const visitor = await openVisitor({ locale: "tr-TR" });
    try {
      const page = visitor.page;
      await page.goto(`${site.origin}/attr/${bot.id}`);
      await page.getByRole("button", { name: "Sohbeti aç" }).click();
      const dialog = page.getByRole("dialog", { name: "Pausable" });
      const input = dialog.getByLabel("Mesaj", { exact: true });
      await chatReady(page);
      await input.fill("Merhaba");
      await input.press("Enter");
      await dialog.getByText("You said: Merhaba").waitFor();

      await updateAssistant(token, bot.id, { status: "paused" });
      await input.fill("Hâlâ orada mısınız?");
      await input.press("Enter");
      await dialog.getByText("Bu asistan duraklatıldı ve şu anda mesaj almıyor.").waitFor();
      const refusal = page.frames.find((f) => f.dir === "received" && f.args[0]?.error?.code === "assistant_paused");
      assert.ok(refusal, "the server refused the send with assistant_paused");
      // what was said stays readable; the refused message says it was not sent, with no Retry
      assert.deepEqual(await conversation(page), [
        { role: "user", status: "complete", text: "Merhaba" },
        { role: "assistant", status: "complete", text: "You said: Merhaba" },
        { role: "user", status: "error", text: "Hâlâ orada mısınız?" },
      ]);
      const refused = dialog.locator('.msg[data-status="error"]');
      assert.equal(await refused.locator(".err").textContent(), "Gönderilemedi.");
      assert.equal(await refused.getByRole("button", { name: "Tekrar dene" }).isVisible(), false, "no Retry");
      assert.equal(await input.isVisible(), false, "no composer");
      assert.ok(page.warnings.includes("[Kremna] send_message refused: assistant_paused"), page.warnings.join("\n"));
      await shot(page, "paused-mid-chat");

      // the next page (or a new visitor): no launcher, no chat.js
      page.requests.length = 0;
      await page.reload();
      await page.waitForLoadState("networkidle");
      await sleep(300);
      assert.equal(await page.locator("kremna-widget").count(), 0);
      assert.deepEqual(page.requests.filter(isChatJs), []);

      // on again: the conversation goes on where it stopped (the panel was left open)
      await updateAssistant(token, bot.id, { status: "active" });
      await page.reload();
      await dialog.getByText("You said: Merhaba").waitFor();
      await chatReady(page);
      await input.fill("Tekrar merhaba");
      await input.press("Enter");
      await dialog.getByText("You said: Tekrar merhaba").waitFor();
      assert.deepEqual(visitor.problems, []);
    } finally {
      await visitor.close();
    }
  });

  it("announces a reply that arrived while the panel was closed, on this page and the next", async () => {
    const visitor = await openVisitor();
    try {
      const page = visitor.page;
      await page.goto(`${site.origin}/attr/${assistant.id}`);
      await page.getByRole("button", { name: "Open chat" }).click();
      const dialog = page.getByRole("dialog", { name: NAME });
      await chatReady(page);
      await dialog.getByLabel("Message").fill("Do you sell sleeping bags?");
      await dialog.getByLabel("Message").press("Enter");
      await dialog.getByRole("button", { name: "Close chat" }).click();
      // the reply comes while the panel is closed
      const unread = page.getByRole("button", { name: "Chat — 1 unread reply" });
      await unread.waitFor();
      assert.equal(await unread.locator(".dot").isVisible(), true);
      await shot(page, "unread");
      page.requests.length = 0;
      await page.reload();
      await page.getByRole("button", { name: "Chat — 1 unread reply" }).waitFor();
      await page.waitForLoadState("networkidle");
      assert.deepEqual(page.requests.filter(isChatJs), [], "announced before chat.js is loaded");
      await page.getByRole("button", { name: "Chat — 1 unread reply" }).click();
      await page.waitForFunction(() => document.querySelector("kremna-widget").shadowRoot.querySelectorAll(".msg").length === 3);
      await dialog.getByRole("button", { name: "Close chat" }).click();
      await page.getByRole("button", { name: "Open chat" }).waitFor();
      assert.deepEqual(visitor.problems, []);
    } finally {
      await visitor.close();
    }
  });

  it("New conversation forgets the chat, after asking, and starts a new one", async () => {
    const visitor = await openVisitor();
    try {
      const page = visitor.page;
      await page.goto(`${site.origin}/attr/${assistant.id}`);
      await page.getByRole("button", { name: "Open chat" }).click();
      const dialog = page.getByRole("dialog", { name: NAME });
      await chatReady(page);
      await dialog.getByLabel("Message").fill("What does the Summit 2 weigh?");
      await dialog.getByLabel("Message").press("Enter");
      await page.waitForFunction(() => document.querySelector("kremna-widget").shadowRoot.querySelectorAll('.msg[data-status="complete"]').length === 3);
      const first = await stored(page, assistant.id);
      assert.ok(first.chatId);

      await dialog.getByRole("button", { name: "New conversation" }).click();
      const question = dialog.getByRole("group", { name: "Start a new conversation? This one will be cleared from this device." });
      await question.waitFor();
      await shot(page, "new-conversation-question");
      assert.equal(await replies(page), 2, "nothing is lost before the answer");
      await question.getByRole("button", { name: "Start new" }).click();

      await page.waitForFunction(({ id, old }) => {
        const v = JSON.parse(localStorage.getItem(`kremna:chat:${id}`) ?? "null");
        return v && v.chatId !== old;
      }, { id: assistant.id, old: first.chatId });
      await chatReady(page);
      assert.deepEqual(await conversation(page), [{ role: "assistant", status: "complete", text: GREETING }]);
      const starts = sent(page, "start_chat").map((f) => f.args[0]);
      assert.equal(starts.at(-1).chatId, undefined, "the new chat is a new one, not a resume");
      assert.equal(await dialog.getByRole("button", { name: "New conversation" }).isHidden(), true, "nothing to leave yet");

      // the next page resumes the new, empty chat, not the old one
      await page.reload();
      await dialog.waitFor(); // left open: reopens
      await chatReady(page);
      await sleep(500);
      assert.deepEqual(await conversation(page), [{ role: "assistant", status: "complete", text: GREETING }]);
      assert.notEqual((await stored(page, assistant.id)).chatId, first.chatId);
      assert.deepEqual(visitor.problems, []);
    } finally {
      await visitor.close();
    }
  });

  it("data-container draws the panel inside the page element: always open, no launcher, chat works", async () => {
    const visitor = await openVisitor();
    try {
      const page = visitor.page;
      await page.goto(`${site.origin}/inline/${assistant.id}`);
      const region = page.locator("#preview").getByRole("region", { name: NAME });
      await region.waitFor();
      assert.deepEqual(await region.boundingBox(), { x: 24, y: (await page.locator("#preview").boundingBox()).y, width: 400, height: 560 });
      assert.equal(await page.locator("kremna-widget .launcher").count(), 0, "no launcher");
      assert.equal(await region.getByRole("button", { name: "Close chat" }).count(), 0, "no close button (visible)");
      assert.equal(await page.evaluate(() => document.activeElement === document.body), true, "focus stays on the page");
      await chatReady(page);
      await region.getByLabel("Message").fill("Hello from the preview");
      await region.getByLabel("Message").press("Enter");
      await page.waitForFunction(() => document.querySelector("kremna-widget").shadowRoot.querySelectorAll('.msg[data-status="complete"]').length === 3);
      await page.keyboard.press("Escape");
      assert.equal(await region.isVisible(), true, "Escape does not close it");
      await shot(page, "inline");
      assert.equal(await page.evaluate((id) => localStorage.getItem(`kremna:open:${id}`), assistant.id), null, "no open/closed memory");
      assert.deepEqual(visitor.problems, []);
    } finally {
      await visitor.close();
    }
  });

  /** Issue 9 point 1: demo.html took embed.js's address from ?host=, running any script on the dashboard's origin. */
  it("demo.html loads only the embed.js next to it and runs nothing from its URL, with or without script-src 'self'", async () => {
    const visitor = await openVisitor();
    try {
      const page = visitor.page;
      // (the old page appended "/widget/embed.js": "//x" turns it into a comment)
      const payload = encodeURIComponent("data:text/javascript,window.__pwned=1;//x");
      const hosts = [payload, encodeURIComponent("https://evil.example"), encodeURIComponent("//evil.example")];
      for (const csp of [false, true]) {
        if (csp) {
          // the API will serve widget pages with this policy: the page must work under it
          await page.route(`${BASE_URL}/widget/demo.html*`, async (route) => {
            const res = await route.fetch();
            await route.fulfill({ response: res, headers: { ...res.headers(), "content-security-policy": "script-src 'self'; object-src 'none'" } });
          });
        }
        for (const host of hosts) {
          page.requests.length = 0;
          await page.goto(`${BASE_URL}/widget/demo.html?host=${host}&assistant=${assistant.id}`);
          await page.waitForLoadState("networkidle");
          assert.equal(await page.evaluate(() => window.__pwned), undefined, `no script from ?host= ran (csp: ${csp})`);
          // the widget still works (the platform's own origin may always use an assistant)
          await page.getByRole("button", { name: "Open chat" }).waitFor();
          const scripts = page.requests.filter((u) => /\.js(\?|$)/.test(u) || u.startsWith("data:"));
          assert.deepEqual(scripts, [`${BASE_URL}/widget/demo.js`, `${BASE_URL}/widget/embed.js`]);
          assert.ok(page.requests.every((u) => new URL(u).hostname !== "evil.example"), "nothing fetched from ?host=");
          assert.match(await page.locator("#status").textContent(), /\?host= is not supported/);
        }
      }
      // a hostile or malformed assistant id loads nothing
      page.requests.length = 0;
      await page.goto(`${BASE_URL}/widget/demo.html?assistant=${encodeURIComponent('x" onload="window.__pwned=1')}`);
      await page.waitForLoadState("networkidle");
      assert.deepEqual(page.requests.filter((u) => u.endsWith("/embed.js")), []);
      assert.match(await page.locator("#status").textContent(), /must be an assistant id/);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      // and with a language asked for
      await page.goto(`${BASE_URL}/widget/demo.html?assistant=${assistant.id}&lang=tr`);
      await page.getByRole("button", { name: "Sohbeti aç" }).waitFor();
      // nothing was refused by the policy (a refusal is a console error, recorded as a problem)
      assert.deepEqual(visitor.problems, []);
    } finally {
      await visitor.close();
    }
  });
});
