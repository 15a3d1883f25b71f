// The dashboard against the real platform: a new account, an assistant made,
// edited and kept across sign-in (and across an expired session), a visitor's
// chat read and deleted, analytics, and the language and theme switches.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ARTIFACTS, BASE_URL, assertPlatformUp, openBrowser } from "./browser.mjs";
import { chatAsVisitor } from "./platform.mjs";

const run = randomUUID().slice(0, 8);
const account = {
  name: "Erin Example",
  email: `e2e-${run}@example.com`,
  password: `correct horse ${run}`,
  workspace: `E2E Shop ${run}`,
};

describe("dashboard on the real platform", { timeout: 180_000 }, () => {
  let browser;
  let page;

  before(async () => {
    await assertPlatformUp();
    browser = await openBrowser();
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
  });

  it("registers a new account and lands on the assistants", async () => {
    await page.goto("/");
    await page.waitForURL(/\/login$/);
    await page.screenshot({ path: join(ARTIFACTS, "login.png") });
    await page.getByRole("link", { name: "Create an account" }).click();

    // Every problem at once, before anything is sent.
    await page.getByLabel("Work e-mail").fill("erin@localhost");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    assert.equal(await page.locator(".field__error").count(), 3);
    assert.equal(await page.getByLabel("Full name").getAttribute("aria-invalid"), "true");
    assert.equal(await page.getByLabel("Work e-mail").getAttribute("aria-invalid"), "true");
    assert.equal(await page.getByLabel("Password").getAttribute("aria-invalid"), "true");
    await page.screenshot({ path: join(ARTIFACTS, "register-errors.png") });

    await page.getByLabel("Full name").fill(account.name);
    await page.getByLabel("Work e-mail").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByLabel("Workspace name").fill(account.workspace);
    await page.getByRole("button", { name: "Create account" }).click();

    await page.waitForURL(/\/assistants$/);
    await page.getByRole("heading", { name: "No assistants yet" }).waitFor();
    const workspace = page.getByRole("group", { name: "Workspace" });
    assert.equal(await workspace.getByText(account.workspace).count(), 1);
    assert.match(await workspace.innerText(), /Owner/i);
  });

  it("shows an invalid origin inline, then creates the assistant", async () => {
    await page.getByRole("link", { name: "New assistant" }).click();
    await page.waitForURL(/\/assistants\/new$/);
    await page.getByLabel("Name", { exact: true }).fill("Support bot");
    await page.getByLabel("Description").fill("Answers questions about orders and shipping");
    await page.getByLabel("Greeting").fill("Hi! Ask me anything about your order.");
    await page.getByLabel("Origin 1", { exact: true }).fill("https://shop.example.com");
    await page.getByRole("button", { name: "Add origin" }).click();
    await page.getByLabel("Origin 2", { exact: true }).fill("shop dot example");
    await page.getByRole("button", { name: "Create assistant" }).click();

    const bad = page.getByLabel("Origin 2", { exact: true });
    await page.locator("#assistant-origin-1-error").waitFor();
    assert.equal(await bad.getAttribute("aria-invalid"), "true");
    assert.equal(await page.locator("#assistant-origin-1-error").innerText(), "Enter an origin like https://shop.example.com.");
    assert.equal(await page.getByLabel("Origin 1", { exact: true }).getAttribute("aria-invalid"), null);
    assert.match(page.url(), /\/assistants\/new$/, "a rejected form stays on the page");
    await page.screenshot({ path: join(ARTIFACTS, "assistant-invalid-origin.png"), fullPage: true });

    await page.getByRole("button", { name: "Remove origin 2" }).click();
    await page.getByRole("button", { name: "Create assistant" }).click();
    await page.waitForURL(/\/assistants\/[0-9a-f-]{36}$/);
    await page.getByText("Assistant created.").waitFor();
  });

  it("lists the assistant, then edits its instructions", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Assistants" }).click();
    const table = page.getByRole("table", { name: "Assistants" });
    await table.waitFor();
    const row = table.getByRole("row").filter({ hasText: "Support bot" });
    assert.equal(await row.count(), 1);
    assert.match(await row.innerText(), /mistral-small-latest/);
    assert.match(await row.innerText(), /Active/);
    await page.screenshot({ path: join(ARTIFACTS, "assistants.png") });

    await row.getByRole("link", { name: /^Support bot/ }).click();
    await page.waitForURL(/\/assistants\/[0-9a-f-]{36}$/);
    const id = page.url().split("/").pop();

    assert.equal(await page.getByRole("button", { name: "Save changes" }).isDisabled(), true, "nothing to save yet");
    const instructions = page.getByLabel("Instructions");
    await instructions.fill("You are the support assistant of Example Shop. Answer briefly, in the visitor's language.");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Changes saved.").waitFor();

    await page.reload();
    await page.getByLabel("Instructions").waitFor();
    assert.equal(await page.getByLabel("Instructions").inputValue(), "You are the support assistant of Example Shop. Answer briefly, in the visitor's language.");
    assert.equal(await page.getByLabel("Origin 1", { exact: true }).inputValue(), "https://shop.example.com");

    const snippet = await page.getByLabel("Embed snippet").innerText();
    assert.ok(snippet.includes(id), `the snippet names the assistant: ${snippet}`);
    assert.ok(snippet.includes(`${BASE_URL}/widget/embed.js`), `the snippet loads the widget from this platform: ${snippet}`);
    const copy = page.getByRole("button", { name: "Copy snippet" });
    assert.equal(await copy.count(), 1);
    await copy.click();
    await page.getByText("Copied to clipboard").waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, snippet.trim());

    await page.screenshot({ path: join(ARTIFACTS, "assistant.png"), fullPage: true });
  });

  it("enables Save changes only while the form differs from what is saved", async () => {
    const save = page.getByRole("button", { name: "Save changes" });
    const greeting = page.getByLabel("Greeting");
    const saved = await greeting.inputValue();
    assert.equal(await save.isDisabled(), true, "nothing changed yet");
    await page.getByText("No changes to save").waitFor();
    await greeting.fill(`${saved} Welcome!`);
    assert.equal(await save.isEnabled(), true, "a change can be saved");
    await page.getByText("Unsaved changes").waitFor();
    // typed back to what is saved: nothing to save again, and leaving asks nothing
    await greeting.fill(saved);
    assert.equal(await save.isDisabled(), true, "the change was undone");
    await page.getByText("No changes to save").waitFor();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Assistants" }).click();
    await page.waitForURL(/\/assistants$/);
  });

  it("signs out, signs back in, and still has the assistant", async () => {
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL(/\/login$/);
    await page.getByLabel("E-mail").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/assistants$/);
    await page.getByRole("table", { name: "Assistants" }).getByRole("link", { name: /^Support bot/ }).waitFor();
  });

  it("shows the chats page's empty state", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Chats" }).click();
    await page.waitForURL(/\/chats$/);
    await page.getByRole("heading", { name: "No chats yet" }).waitFor();
    assert.equal(await page.getByLabel("Assistant", { exact: true }).locator("option").count(), 2);
    await page.screenshot({ path: join(ARTIFACTS, "chats.png"), fullPage: true });
  });

  it("opens on analytics: zeros for the last 7 days, and a usage export", async () => {
    await page.goto("/");
    await page.waitForURL(/\/analytics$/);
    await page.getByRole("heading", { name: "No traffic in this range" }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Last 7 days" }).getAttribute("aria-pressed"), "true");
    for (const label of ["Chats", "Messages", "Replies", "Total chats", "Total messages"]) {
      assert.equal(await page.locator(`dt:text-is("${label}") + dd`).innerText(), "0", `${label} is 0`);
    }
    assert.equal(await page.locator('dt:text-is("Assistants") + dd').innerText(), "1");
    assert.equal(await page.getByLabel("Assistant", { exact: true }).locator("option").count(), 2);

    await page.getByText("Show as table").click();
    const days = page.getByRole("table", { name: "Messages and chats per day" });
    assert.equal(await days.getByRole("row").count(), 8, "a header and 7 days");
    assert.deepEqual(await days.locator("td").allInnerTexts(), Array(14).fill("0"));
    await page.screenshot({ path: join(ARTIFACTS, "analytics.png"), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export usage (CSV)" }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^kremna-usage-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it("answers a deep link to an unknown chat with a not-found page", async () => {
    await page.goto(`/chats/${randomUUID()}`);
    await page.getByRole("heading", { name: "Chat not found" }).waitFor();
    assert.equal(await page.getByRole("link", { name: "Back to chats" }).getAttribute("href"), "/chats");
    await page.screenshot({ path: join(ARTIFACTS, "chat-not-found.png") });
  });

  it("asks before leaving a changed form", async () => {
    await page.goto("/assistants");
    await page.getByRole("table", { name: "Assistants" }).getByRole("link", { name: /^Support bot/ }).click();
    await page.getByLabel("Greeting").fill("Hello there!");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Chats" }).click();
    const dialog = page.getByRole("dialog", { name: "Leave without saving?" });
    await dialog.waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "leave-dialog.png") });
    await dialog.getByRole("button", { name: "Stay" }).click();
    assert.match(page.url(), /\/assistants\/[0-9a-f-]{36}$/);
    assert.equal(await page.getByLabel("Greeting").inputValue(), "Hello there!");
  });

  it("keeps the typed text when the session ends on Save, and restores it after signing in", async () => {
    // The session runs out while the admin types. A token can't be made to expire
    // on demand, so this one Save gets the API's answer to an expired token; every
    // other request, and the sign-in after it, reach the real server.
    await page.route(
      "**/api/v1/assistants/*",
      (route) =>
        route.request().method() === "PATCH"
          ? route.fulfill({
              status: 401,
              contentType: "application/json",
              body: JSON.stringify({ error: { code: "token_expired", message: "the access token has expired", details: null } }),
            })
          : route.fallback(),
      { times: 1 },
    );
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.waitForURL(/\/login$/);
    await page.getByText("Your session has expired. Sign in again to continue.").waitFor();
    await page.getByLabel("E-mail").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/assistants\/[0-9a-f-]{36}$/);
    await page.getByText(/Your unsaved changes were kept/).waitFor();
    assert.equal(await page.getByLabel("Greeting").inputValue(), "Hello there!");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Changes saved.").waitFor();
    await page.reload();
    assert.equal(await page.getByLabel("Greeting").inputValue(), "Hello there!");
  });

  it("reads a visitor's chat, deletes it, and returns to the list it came from", async () => {
    const assistantId = page.url().split("/").pop();
    await chatAsVisitor(assistantId, "https://shop.example.com", ["Where is my parcel?"]);
    await page.goto(`/chats?assistant=${assistantId}`);
    const list = page.getByRole("list", { name: "Chats" });
    await list.waitFor();
    await list.getByRole("link").first().click();
    await page.waitForURL(/\/chats\/[0-9a-f-]{36}$/);
    await page.getByRole("list", { name: "Messages" }).getByText("Where is my parcel?", { exact: true }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "chat.png"), fullPage: true });

    await page.getByRole("button", { name: "Delete chat" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete chat" }).click();
    await page.waitForURL(new RegExp(`/chats\\?assistant=${assistantId}$`));
    await page.getByRole("status").getByText("Chat deleted.").waitFor();
    await page.getByRole("heading", { name: "No chats with Support bot yet" }).waitFor();
  });

  it("a chat deleted elsewhere: Chat not found leads back to the list the admin came from", async () => {
    const { token } = await page.evaluate(() => JSON.parse(localStorage.getItem("kremna.session")));
    const assistantId = new URL(page.url()).searchParams.get("assistant");
    const chatId = await chatAsVisitor(assistantId, "https://shop.example.com", ["Is this still open?"]);
    await page.goto(`/chats?assistant=${assistantId}`);
    await page.getByRole("list", { name: "Chats" }).getByRole("link").first().click();
    await page.waitForURL(new RegExp(`/chats/${chatId}$`));
    await page.getByRole("list", { name: "Messages" }).getByText("Is this still open?", { exact: true }).waitFor();
    // another admin deletes it meanwhile; this one reloads the transcript
    const gone = await fetch(`${BASE_URL}/api/v1/chats/${chatId}`, { method: "DELETE", headers: { Authorization: `Bearer ${token}` } });
    assert.equal(gone.status, 204);
    await page.reload();
    await page.getByRole("heading", { name: "Chat not found" }).waitFor();
    const back = page.getByRole("link", { name: "Back to chats" });
    assert.equal(await back.getAttribute("href"), `/chats?assistant=${assistantId}`);
    await back.click();
    await page.waitForURL(new RegExp(`/chats\\?assistant=${assistantId}$`));
    assert.equal(await page.getByLabel("Assistant", { exact: true }).inputValue(), assistantId, "the filter is kept");
  });

  it("switches to Turkish and to dark, and remembers both", async () => {
    await page.goto("/analytics");
    await page.getByRole("heading", { name: "Analytics", level: 1 }).waitFor();
    await page.getByLabel("Language", { exact: true }).selectOption("tr");
    await page.getByRole("heading", { name: "Analiz", level: 1 }).waitFor();
    await page.getByLabel("Tema", { exact: true }).selectOption("dark");
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
    await page.reload();
    await page.getByRole("heading", { name: "Analiz", level: 1 }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "tr");
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
    await page.screenshot({ path: join(ARTIFACTS, "analytics-tr-dark.png"), fullPage: true });
    // Back to how the other tests expect it.
    await page.getByLabel("Dil", { exact: true }).selectOption("en");
    await page.getByLabel("Theme", { exact: true }).selectOption("system");
  });

  it("logged nothing unexpected in the browser console", () => {
    assert.deepEqual(browser.problems, []);
  });
});
