// Kremna.identify on a customer's page against the real platform: a signed-in user whose
// id the host's server signed is verified in the inbox; the same claim without the right
// hash is kept as an unverified claim and linked to nothing.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { api, assertPlatformUp, chatReady, createAssistant, openVisitor, registerOwner, startCustomerSite } from "./harness.mjs";

const NAME = "Acme Helper";

/** Opens the page as a new visitor, sends one message, and returns the chat's id. */
async function chatAs(site, assistantId, user) {
  const visitor = await openVisitor();
  try {
    const page = visitor.page;
    await page.goto(`${site.origin}/identify/${assistantId}?user=${encodeURIComponent(JSON.stringify(user))}`);
    await page.getByRole("button", { name: "Open chat" }).click();
    const dialog = page.getByRole("dialog", { name: NAME });
    const input = dialog.getByLabel("Message", { exact: true });
    await chatReady(page);
    await input.fill("Where is my order?");
    await input.press("Enter");
    await page.waitForFunction(
      () => document.querySelector("kremna-widget").shadowRoot.querySelectorAll('.msg[data-role="assistant"][data-status="complete"]').length === 2,
    );
    const start = page.frames.find((f) => f.dir === "sent" && f.event === "start_chat");
    const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(`kremna:chat:${k}`)), assistantId);
    assert.deepEqual(visitor.problems, []);
    return { chatId: stored.chatId, sentIdentity: start.args[0].identity, uid: stored.uid };
  } finally {
    await visitor.close();
  }
}

describe("Kremna.identify against the real platform", { timeout: 120_000 }, () => {
  let site;
  let token;
  let assistant;
  let secret;

  before(async () => {
    await assertPlatformUp();
    site = await startCustomerSite();
    token = await registerOwner();
    assistant = await createAssistant(token, { name: NAME, greeting: "Hi!", allowed_origins: [site.origin] });
    secret = (await api("POST", `/assistants/${assistant.id}/identity-secret/rotate`, {}, token)).secret;
  });

  after(async () => {
    await site?.close();
  });

  it("verifies a user the host's server signed, and keeps an unsigned claim apart", async () => {
    const userHash = createHmac("sha256", secret).update("u-7").digest("hex");
    const signed = await chatAs(site, assistant.id, { userId: "u-7", name: "Ayşe Yılmaz", email: "ayse@example.com", userHash });
    assert.deepEqual(signed.sentIdentity, { userId: "u-7", name: "Ayşe Yılmaz", email: "ayse@example.com", userHash });
    assert.equal(signed.uid, "u-7", "the browser remembers whose chat it is");
    const again = await chatAs(site, assistant.id, { userId: "u-7", name: "Ayşe Yılmaz", userHash });
    const claimed = await chatAs(site, assistant.id, { userId: "u-7", name: "Not Ayşe", userHash: "0".repeat(64) });

    const chat = await api("GET", `/chats/${signed.chatId}`, undefined, token);
    assert.deepEqual(chat.identity, { user_id: "u-7", name: "Ayşe Yılmaz", email: "ayse@example.com", verified: true });
    assert.deepEqual(
      chat.verified_user_chats.map((c) => c.id),
      [again.chatId],
      "linked to the same verified user's other chat, not to the claim",
    );
    const claim = await api("GET", `/chats/${claimed.chatId}`, undefined, token);
    assert.deepEqual(claim.identity, { user_id: "u-7", name: "Not Ayşe", verified: false });
    assert.deepEqual(claim.verified_user_chats, []);
  });
});
