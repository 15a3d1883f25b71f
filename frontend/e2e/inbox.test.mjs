// The live inbox end to end, two people side by side: a member in the dashboard and a
// visitor on a customer's page of another origin, through the real widget, realtime
// node, worker and the fake provider ("You said: …"). Nothing is reloaded: everything
// the member sees arrives over the dashboard's /agents socket.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ARTIFACTS, assertPlatformUp, openBrowser, seriousA11yViolations } from "./browser.mjs";
import {
  createAssistant,
  createInvitation,
  joinWithInvitation,
  registerOwner,
  removeMember,
  startCustomerSite,
  storedSession,
} from "./platform.mjs";

const NAME = "Inbox bot";
// scripts/test exports the fake provider's address; its /_fake/requests lists what it was asked.
const FAKE = process.env.MISTRAL_BASE_URL;

async function providerRequests() {
  if (!FAKE) return null;
  const body = await (await fetch(`${FAKE}/_fake/requests`)).json();
  return Array.isArray(body) ? body.length : (body.requests ?? []).length;
}

async function signIn(page, session) {
  await page.goto("/login");
  await page.evaluate((value) => localStorage.setItem("kremna.session", value), storedSession(session));
}

describe("live inbox: a member and a visitor side by side", { timeout: 180_000 }, () => {
  let owner;
  let assistant;
  let site;
  let member;
  let visitor;
  let chatUrl;

  before(async () => {
    await assertPlatformUp();
    site = await startCustomerSite();
    owner = await registerOwner("inbox");
    assistant = await createAssistant(owner.session.access_token, { name: NAME, greeting: "Hi! Ask me anything.", allowed_origins: [site.origin] });
    member = await openBrowser();
    visitor = await openBrowser();
    await signIn(member.page, owner.session);
  });

  after(async () => {
    await member?.close();
    await visitor?.close();
    await site?.close();
  });

  const widget = () => visitor.page.getByRole("dialog", { name: NAME });
  const transcript = () => member.page.getByRole("list", { name: "Messages" });

  async function visitorSays(text) {
    await widget().getByLabel("Message").fill(text);
    await widget().getByLabel("Message").press("Enter");
  }

  it("shows the visitor's message live in the list, with an unread badge on Chats", async () => {
    const page = member.page;
    await page.goto("/chats");
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();

    await visitor.page.goto(`${site.origin}/shop/${assistant.id}`);
    await visitor.page.getByRole("button", { name: "Open chat" }).click();
    await widget().getByText("Hi! Ask me anything.").waitFor();
    await visitorSays("Where is my tent?");

    const row = page.getByRole("list", { name: "Chats" }).getByRole("listitem").filter({ hasText: "Where is my tent?" });
    await row.first().waitFor();
    await page.getByRole("navigation", { name: "Main" }).getByText("1 chat with unread messages").waitFor({ state: "attached" });
    await page.screenshot({ path: join(ARTIFACTS, "inbox-live-list.png"), fullPage: true });
    assert.deepEqual(await seriousA11yViolations(page), []);
    // The server keeps the count: a reload still shows it.
    await page.reload();
    await page.getByRole("navigation", { name: "Main" }).getByText("1 chat with unread messages").waitFor({ state: "attached" });

    await row.first().getByRole("link").click();
    await page.waitForURL(/\/chats\/[0-9a-f-]+$/);
    chatUrl = new URL(page.url()).pathname;
    await transcript().getByRole("listitem", { name: "Visitor message" }).filter({ hasText: "Where is my tent?" }).waitFor();
    // Opened: read (the mark is stored, then the count is fetched again).
    await page.getByRole("navigation", { name: "Main" }).getByText(/unread/).waitFor({ state: "detached" });
  });

  it("streams the assistant's reply into the open transcript delta by delta", async () => {
    const page = member.page;
    // Every text the newest reply bubble shows, as it changes.
    await page.evaluate(() => {
      window.__replyTexts = [];
      const list = document.querySelector("ol.messages");
      new MutationObserver(() => {
        const bubbles = list.querySelectorAll(".message--bot:not(.message--agent) .message__bubble");
        const text = bubbles[bubbles.length - 1]?.textContent ?? "";
        if (text && window.__replyTexts.at(-1) !== text) window.__replyTexts.push(text);
      }).observe(list, { subtree: true, childList: true, characterData: true });
    });
    await visitorSays("Do you have a two person tent in green?");
    const final = "You said: Do you have a two person tent in green?";
    await transcript().getByRole("listitem", { name: "Assistant message" }).filter({ hasText: final }).waitFor({ timeout: 30_000 });
    await widget().locator('.msg[data-role="assistant"][data-status="complete"]').filter({ hasText: final }).waitFor();
    const seen = await page.evaluate(() => window.__replyTexts);
    const partial = seen.filter((text) => text !== final && final.startsWith(text));
    assert.ok(partial.length >= 2, `the reply grew piece by piece in the dashboard: ${JSON.stringify(seen)}`);
  });

  it("takes over: the visitor gets the member's reply live, and the assistant stays silent", async () => {
    const page = member.page;
    const panel = page.getByRole("region", { name: "Who answers" });
    await panel.getByRole("button", { name: "Take over" }).click();
    await panel.getByText("You have this chat; the assistant is silent.").waitFor();
    await transcript().getByText(/^Deniz Yılmaz took over at /).waitFor();

    await page.getByLabel("Reply to the visitor").fill("Hello, Deniz here. Yes, we have it in green.");
    await page.getByLabel("Reply to the visitor").press("Enter");
    await transcript().getByRole("listitem", { name: "Deniz Yılmaz message" }).waitFor();
    const agentBubble = widget().locator('.msg[data-role="agent"]').filter({ hasText: "Hello, Deniz here. Yes, we have it in green." });
    await agentBubble.waitFor();

    const asked = await providerRequests();
    await visitorSays("Great, can I pick it up today?");
    await transcript().getByRole("listitem", { name: "Visitor message" }).filter({ hasText: "Great, can I pick it up today?" }).waitFor();
    // Long enough for a reply to have started (first piece after 50 ms): none comes.
    await page.waitForTimeout(2_000);
    assert.equal(await transcript().getByText("You said: Great, can I pick it up today?").count(), 0);
    assert.equal(await widget().getByText("You said: Great, can I pick it up today?").count(), 0);
    if (asked !== null) assert.equal(await providerRequests(), asked, "the provider was asked nothing while the member had the chat");
    await page.screenshot({ path: join(ARTIFACTS, "inbox-taken-over.png"), fullPage: true });
    await visitor.page.screenshot({ path: join(ARTIFACTS, "inbox-visitor-agent-reply.png") });
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  it("hands back: the assistant answers again", async () => {
    const page = member.page;
    const panel = page.getByRole("region", { name: "Who answers" });
    await panel.getByRole("button", { name: "Hand back to the assistant" }).click();
    await panel.getByText("The assistant answers the visitor.").waitFor();
    await transcript().getByText(/^Deniz Yılmaz handed the chat back to the assistant at /).waitFor();
    assert.equal(await page.getByLabel("Reply to the visitor").isDisabled(), true);

    await visitorSays("Thanks, bot again?");
    await transcript().getByText("You said: Thanks, bot again?").waitFor({ timeout: 30_000 });
    await widget().getByText("You said: Thanks, bot again?").waitFor();
    assert.deepEqual(member.problems, []);
    assert.deepEqual(visitor.problems, []);
  });

  it("a member removed by the owner stops receiving within 5 s", async () => {
    const invitation = await createInvitation(owner.session.access_token, "agent");
    const joined = await joinWithInvitation(invitation, "Ayşe Kaya");
    const removed = await openBrowser();
    try {
      await signIn(removed.page, joined);
      await removed.page.goto(chatUrl);
      await removed.page.getByRole("region", { name: "Who answers" }).waitFor();
      await removed.page.getByRole("status").filter({ hasText: "Live" }).waitFor();

      const started = Date.now();
      await removeMember(owner.session.access_token, joined.user.id);
      // The node closes the socket and the dashboard ends the session.
      await removed.page.waitForURL(/\/login/, { timeout: 5_000 });
      const elapsed = Date.now() - started;
      console.log(`removed member's dashboard cut off after ${elapsed} ms`);
      assert.ok(elapsed < 5_000);

      // Nothing more reaches it: no socket of the removed member is left in the tenant's room.
      const frames = [];
      removed.page.on("websocket", (ws) => ws.on("framereceived", (f) => frames.push(f.payload)));
      await visitorSays("Anyone still there?");
      await member.page.getByText("Anyone still there?").first().waitFor();
      await removed.page.waitForTimeout(1_000);
      assert.deepEqual(frames.filter((f) => String(f).includes("Anyone still there?")), []);
    } finally {
      await removed.close();
    }
  });
});
