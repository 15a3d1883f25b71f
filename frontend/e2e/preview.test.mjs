// The assistant page's test chat: the real widget, served by this platform from
// /widget/embed.js and drawn inside the page, chatting through the realtime node and
// the worker (the fake provider answers "You said: …"). The dashboard's origin is not
// among the assistant's allowed origins: the platform's own origin always may chat.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ARTIFACTS, BASE_URL, assertPlatformUp, openBrowser, seriousA11yViolations } from "./browser.mjs";
import { createAssistant, registerOwner, storedSession } from "./platform.mjs";

const NAME = "Preview bot";

describe("the assistant page's test chat", { timeout: 120_000 }, () => {
  let browser;
  let page;
  let owner;
  let assistant;
  const scripts = [];

  before(async () => {
    await assertPlatformUp();
    owner = await registerOwner("preview");
    assistant = await createAssistant(owner.session.access_token, {
      name: NAME,
      greeting: "Hello! Try me.",
      allowed_origins: ["https://shop.example.com"],
    });
    browser = await openBrowser();
    page = browser.page;
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(r.url());
    });
    await page.goto("/login");
    await page.evaluate((value) => localStorage.setItem("kremna.session", value), storedSession(owner.session));
  });

  after(async () => {
    await browser?.close();
  });

  const frame = () => page.getByRole("group", { name: "Test chat" });
  const widget = () => frame().getByRole("region", { name: NAME });

  it("loads nothing of the widget until asked", async () => {
    await page.goto(`/assistants/${assistant.id}`);
    await page.getByRole("heading", { name: "Try it" }).waitFor();
    assert.equal(await page.locator("kremna-widget").count(), 0);
    assert.deepEqual(scripts.filter((u) => u.includes("/widget/")), [], "no widget script before the click");
  });

  it("chats with the assistant through the real widget, loaded from this origin", async () => {
    await page.getByRole("button", { name: "Start a test chat" }).click();
    await widget().waitFor();
    await widget().getByText("Hello! Try me.").waitFor();
    await widget().getByRole("textbox", { name: "Message" }).fill("Hello from the preview");
    await widget().getByRole("button", { name: "Send" }).click();
    const reply = widget().locator('[data-role="assistant"][data-status="complete"]').filter({ hasText: "You said: Hello from the preview" });
    await reply.waitFor({ timeout: 30_000 });

    const widgetScripts = scripts.filter((u) => u.includes("/widget/")).map((u) => new URL(u));
    assert.deepEqual(
      widgetScripts.map((u) => u.pathname),
      ["/widget/embed.js", "/widget/chat.js"],
      "the loader, then the chat bundle",
    );
    assert.ok(widgetScripts.every((u) => u.origin === BASE_URL), "both from the dashboard's own origin");
    // the preview is drawn inline: no launcher, no close button
    assert.equal(await frame().getByRole("button", { name: "Open chat" }).count(), 0);
    assert.equal(await frame().getByRole("button", { name: "Close chat" }).count(), 0);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.screenshot({ path: join(ARTIFACTS, "assistant-test-chat.png"), fullPage: true });
  });

  it("is a real chat: listed under Chats", async () => {
    const chats = await fetch(`${BASE_URL}/api/v1/chats/assistant/${assistant.id}`, {
      headers: { Authorization: `Bearer ${owner.session.access_token}` },
    }).then((r) => r.json());
    const list = chats.data ?? chats;
    assert.equal(list.length, 1, JSON.stringify(chats));
  });

  it("closes, leaving nothing behind, and picks the conversation up when opened again", async () => {
    await page.getByRole("button", { name: "Close the test chat" }).click();
    await page.locator("kremna-widget").waitFor({ state: "detached" });
    assert.equal(await page.evaluate(() => "Kremna" in window), false, "the widget's global is gone");
    await page.getByRole("button", { name: "Start a test chat" }).click();
    await widget().getByText("You said: Hello from the preview").waitFor();
    assert.equal(await page.locator("kremna-widget").count(), 1, "one widget");
  });

  it("speaks the dashboard's language", async () => {
    await page.getByLabel("Language", { exact: true }).selectOption("tr");
    await page.getByRole("group", { name: "Deneme sohbeti" }).getByRole("textbox", { name: "Mesaj" }).waitFor();
    assert.equal(await page.locator("kremna-widget").count(), 1, "redrawn, not added");
    await page.getByLabel("Dil", { exact: true }).selectOption("en");
    await widget().getByRole("textbox", { name: "Message" }).waitFor();
  });

  it("is off for a paused assistant, and the pause switch says what visitors get", async () => {
    const status = page.getByRole("switch", { name: "Active" });
    await status.uncheck({ force: true }); // the input sits under its drawn track
    // said next to the switch, and read with it
    assert.match(await status.evaluate((el) => el.ariaDescribedByElements?.[0]?.textContent ?? document.getElementById(el.getAttribute("aria-describedby")).textContent), /Visitors already chatting are told the assistant is paused when they next write/);
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Changes saved.").waitFor();
    await page.getByText(/Paused: visitors see no chat button and the test chat is off/).waitFor();
    assert.equal(await page.locator("kremna-widget").count(), 0, "the widget is taken down");
    assert.equal(await page.getByRole("button", { name: "Start a test chat" }).count(), 0);
  });

  it("logged nothing unexpected in the browser console", () => {
    assert.deepEqual(browser.problems, []);
  });
});
