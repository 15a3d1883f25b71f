// The visitor's side of human handoff, against the real platform: "Talk to a person",
// the offline message and the e-mail field while nobody is online, a member taking over
// over REST ("… joined the chat", the member's reply with their name), and handing back.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ARTIFACTS, api, assertPlatformUp, chatReady, createAssistant, openVisitor, registerOwner, startCustomerSite } from "./harness.mjs";

const NAME = "Acme Helper";
const OFFLINE = "Our team is away right now. Leave your e-mail and we'll write back.";
/** The owner `registerOwner` creates: what the visitor sees as the member's name. */
const MEMBER = "Wanda Widget";

const shot = (page, name) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
const stored = (page, id) => page.evaluate((k) => JSON.parse(localStorage.getItem(`kremna:chat:${k}`)), id);

describe("a visitor asks for a person", { timeout: 180_000 }, () => {
  let site;
  let token;
  let assistant;

  before(async () => {
    await assertPlatformUp();
    site = await startCustomerSite();
    token = await registerOwner();
    assistant = await createAssistant(token, {
      name: NAME,
      greeting: "Hi! Ask me anything about our tents.",
      instructions: "You help visitors of an outdoor gear shop.",
      allowed_origins: [site.origin],
      handoff_policy: "on_request",
      offline_message: OFFLINE,
    });
  });

  after(async () => {
    await site?.close();
  });

  it("is told nobody is online, leaves an address, and sees the member join, answer and hand back", async () => {
    const visitor = await openVisitor();
    try {
      const page = visitor.page;
      await page.goto(`${site.origin}/attr/${assistant.id}`);
      await page.getByRole("button", { name: "Open chat" }).click();
      const dialog = page.getByRole("dialog", { name: NAME });
      await chatReady(page);
      await dialog.getByRole("button", { name: "Talk to a person" }).click();
      // no dashboard is open: the assistant's offline message, and a field for an address
      await dialog.getByRole("status").filter({ hasText: OFFLINE }).waitFor();
      assert.equal(await dialog.getByRole("button", { name: "Talk to a person" }).isVisible(), false);
      const email = dialog.getByLabel("Your e-mail address");
      await email.fill("Ada@Example.com");
      await shot(page, "handoff-offline");
      await email.press("Enter");
      await dialog.getByText("Thanks — we'll reply to ada@example.com.").waitFor();
      assert.equal(await email.isVisible(), false);

      const { chatId } = await stored(page, assistant.id);
      const kept = await api("GET", `/chats/${chatId}`, undefined, token);
      assert.equal(kept.state, "needs_human");
      assert.equal(kept.visitor_email, "ada@example.com");

      // a member takes over and answers, over REST as the dashboard does
      await api("POST", `/chats/${chatId}/take-over`, undefined, token);
      await dialog.getByRole("status").filter({ hasText: `${MEMBER} joined the chat` }).waitFor();
      await api("POST", `/chats/${chatId}/messages`, { content: "Hello, I'm Wanda. How can I help?" }, token);
      const reply = dialog.locator('.msg[data-role="agent"]');
      await reply.waitFor();
      assert.equal(await reply.locator(".bubble").textContent(), "Hello, I'm Wanda. How can I help?");
      assert.equal(await reply.locator(".name").textContent(), MEMBER);
      await shot(page, "handoff-joined");

      // back on the next page load too
      await page.reload();
      await dialog.getByRole("status").filter({ hasText: `${MEMBER} joined the chat` }).waitFor();
      await dialog.locator('.msg[data-role="agent"] .name').filter({ hasText: MEMBER }).waitFor();

      await api("POST", `/chats/${chatId}/hand-back`, undefined, token);
      await dialog.getByRole("status").filter({ hasText: "You're now chatting with the assistant again." }).waitFor();
      await dialog.getByRole("button", { name: "Talk to a person" }).waitFor();
      assert.deepEqual(visitor.problems, []);
    } finally {
      await visitor.close();
    }
  });

  it("fits a 390 px phone, in Turkish", async () => {
    const visitor = await openVisitor({ viewport: { width: 390, height: 844 }, locale: "tr-TR" });
    try {
      const page = visitor.page;
      await page.goto(`${site.origin}/attr/${assistant.id}`);
      await page.getByRole("button", { name: "Sohbeti aç" }).click();
      const dialog = page.getByRole("dialog", { name: NAME });
      await chatReady(page);
      await dialog.getByRole("button", { name: "Bir temsilciyle görüşün" }).click();
      const email = dialog.getByLabel("E-posta adresiniz");
      await email.waitFor();
      const box = await email.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `the field fits: ${JSON.stringify(box)}`);
      const wide = await page.evaluate(() => {
        const p = document.querySelector("kremna-widget").shadowRoot.querySelector(".panel");
        return p.scrollWidth - p.clientWidth;
      });
      assert.equal(wide, 0, "nothing wider than the panel");
      await shot(page, "handoff-phone-tr");
      assert.deepEqual(visitor.problems, []);
    } finally {
      await visitor.close();
    }
  });
});
