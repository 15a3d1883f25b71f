// The knowledge base end to end, through the dashboard: a Markdown file from the repo
// uploaded on the Knowledge screen, followed live until the worker has read it; "try it"
// finds the right chunk; a visitor asks in the real widget (the assistant page's test
// chat) and the reply names its source; the transcript shows the chunk and its scores.
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { ARTIFACTS, BASE_URL, assertPlatformUp, openBrowser, seriousA11yViolations, sidewaysOverflow } from "./browser.mjs";
import { createAssistant, registerOwner, storedSession } from "./platform.mjs";

const NAME = "Tea shop bot";
const FILE = fileURLToPath(new URL("../../testing/knowledge/shop/en/brewing.md", import.meta.url));
const QUESTION = "How hot should the water be for green tea?";

describe("the knowledge base, from upload to a cited reply", { timeout: 180_000 }, () => {
  let browser;
  let page;
  let owner;
  let assistant;

  before(async () => {
    await assertPlatformUp();
    owner = await registerOwner("knowledge");
    assistant = await createAssistant(owner.session.access_token, { name: NAME, greeting: "Ask me about tea." });
    // An assistant that must not get the file: the upload form's choice is honoured.
    await createAssistant(owner.session.access_token, { name: "Other bot" });
    browser = await openBrowser();
    page = browser.page;
    await page.goto("/login");
    await page.evaluate((value) => localStorage.setItem("kremna.session", value), storedSession(owner.session));
  });

  after(async () => {
    await browser?.close();
  });

  const sources = () => page.getByRole("table", { name: "Knowledge sources" });
  const row = () => sources().locator("tr", { hasText: "brewing.md" });

  it("uploads a Markdown file and shows it queued, then ready, without reloading", async () => {
    await page.goto("/knowledge");
    await page.getByRole("heading", { name: "No sources yet" }).waitFor();
    const form = page.getByRole("form", { name: "Add a source" });
    // the limit is stated before anything is sent
    await form.getByText(/up to \d+ kB/).waitFor();
    await form.getByLabel("File to upload").setInputFiles(FILE);
    await form.getByText("brewing.md").waitFor();
    await form.getByRole("checkbox", { name: "Other bot" }).uncheck();
    await form.getByRole("button", { name: "Add source" }).click();

    await row().waitFor();
    await row().getByText("Ready").waitFor({ timeout: 30_000 });
    const chunks = Number(await row().locator("td.table__num").textContent());
    assert.ok(chunks >= 1, `chunks: ${chunks}`);
    assert.match(await row().textContent(), /English/);
    assert.match(await row().textContent(), new RegExp(NAME));
    assert.doesNotMatch(await row().textContent(), /Other bot/);
    assert.ok(statSync(FILE).size > 0);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.screenshot({ path: join(ARTIFACTS, "knowledge.png"), fullPage: true });
  });

  it("try it: the question finds the chunk that answers it, with its scores", async () => {
    await page.getByLabel("Assistant", { exact: true }).selectOption({ label: NAME });
    await page.getByLabel("Question").fill(QUESTION);
    await page.getByRole("button", { name: "Find chunks" }).click();
    const first = page.getByRole("list", { name: "Chunks found" }).getByRole("listitem").first();
    await first.waitFor();
    const text = await first.textContent();
    assert.match(text, /75 to 80 °C/);
    assert.match(text, /Green tea/);
    assert.match(text, /brewing\.md/);
    assert.match(text, /Score\s*0\.\d{3}/);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.screenshot({ path: join(ARTIFACTS, "knowledge-try-it.png"), fullPage: true });
  });

  it("a visitor asking in the widget gets a reply that names its source", async () => {
    await page.goto(`/assistants/${assistant.id}`);
    // the grounding setting is on the assistant page
    // (checked once the setting has loaded: the default is "also general knowledge")
    await page.getByRole("radio", { name: /Also use general knowledge/ }).and(page.locator(":checked")).waitFor();
    assert.equal(await page.getByRole("radio", { name: /Answer only from the knowledge base/ }).isChecked(), false);
    await page.getByRole("button", { name: "Start a test chat" }).click();
    const widget = page.getByRole("group", { name: "Test chat" }).getByRole("region", { name: NAME });
    await widget.getByText("Ask me about tea.").waitFor();
    await widget.getByRole("textbox", { name: "Message" }).fill(QUESTION);
    await widget.getByRole("button", { name: "Send" }).click();
    const reply = widget.locator('[data-role="assistant"][data-status="complete"]').last();
    await reply.waitFor({ timeout: 30_000 });
    const cited = reply.locator(".src");
    await cited.waitFor();
    assert.match(await cited.textContent(), /^Sources: brewing\.md/);
  });

  it("the transcript shows the reply's chunk and its scores", async () => {
    const chats = await fetch(`${BASE_URL}/api/v1/chats/assistant/${assistant.id}`, {
      headers: { Authorization: `Bearer ${owner.session.access_token}` },
    }).then((r) => r.json());
    const list = chats.data ?? chats;
    assert.equal(list.length, 1, JSON.stringify(chats));
    await page.goto(`/chats/${list[0].id}`);
    const reply = page.getByRole("listitem", { name: "Assistant message" }).last();
    await reply.getByText("Sources:").waitFor();
    await reply.locator("summary").click();
    const chunk = reply.locator(".chunk").first();
    await chunk.waitFor();
    const text = await chunk.textContent();
    assert.match(text, /#1/);
    assert.match(text, /brewing\.md/);
    assert.match(text, /75 to 80 °C/);
    assert.match(text, /Score\s*0\.\d{3}/);
    assert.match(text, /Similarity\s*0\.\d{3}/, "the worker fused vectors (the fake embeds)");
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.screenshot({ path: join(ARTIFACTS, "chat-with-sources.png"), fullPage: true });
  });

  it("deletes the source after confirming; the row goes at once", async () => {
    await page.goto("/knowledge");
    await row().getByRole("button", { name: "Delete brewing.md" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await page.getByRole("heading", { name: "No sources yet" }).waitFor();
    const left = await fetch(`${BASE_URL}/api/v1/knowledge/sources`, {
      headers: { Authorization: `Bearer ${owner.session.access_token}` },
    }).then((r) => r.json());
    assert.deepEqual(left.data, []);
  });

  it("fits a phone", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/knowledge");
    await page.getByRole("form", { name: "Add a source" }).waitFor();
    assert.equal(await sidewaysOverflow(page), 0);
    assert.deepEqual(await seriousA11yViolations(page), []);
  });

  it("logged nothing unexpected in the browser console", () => {
    assert.deepEqual(browser.problems, []);
  });
});
