// Every screen of the dashboard in English and Turkish, light and dark (the
// system's preference), at desktop (1280 px) and phone (390 px) widths: a
// screenshot of each (e2e/artifacts/screens/), zero serious or critical axe
// violations, nothing scrolling sideways on a phone, and the page in the
// browser's language.
//
// The screens are the entries of e2e/screens.json, one each: `route` is the page's pattern
// in src/app/routes.tsx (src/app/screens.test.ts fails when a page has no entry), `open` the
// address with `{fixture}` names filled from what the suite sets up below, `signedIn`
// whether it needs a session, and `then` an optional step from ACTIONS (e.g. starting the
// test chat) before the checks. A new screen is one entry; a new state of a page, one entry
// with the same route and a `then`.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ARTIFACTS, assertPlatformUp, openBrowser, seriousA11yViolations, sidewaysOverflow } from "./browser.mjs";
import {
  addTextSource,
  chatAsVisitor,
  createAssistant,
  createInvitation,
  registerOwner,
  rotateIdentitySecret,
  settledSource,
  storedSession,
  takeOverAndReply,
  userHash,
} from "./platform.mjs";

const SHOTS = join(ARTIFACTS, "screens");
// KREMNA_SCREENS=name,name checks only those entries (a quick look at a few screens).
const ONLY = process.env.KREMNA_SCREENS?.split(",").filter(Boolean);
const SCREENS = JSON.parse(readFileSync(new URL("./screens.json", import.meta.url), "utf8")).filter((s) => !ONLY || ONLY.includes(s.name));
const ORIGIN = "https://shop.example.com";

const LANGUAGES = [
  { lang: "en", locale: "en-US", analytics: "Analytics", notFound: "Page not found", startTestChat: "Start a test chat" },
  { lang: "tr", locale: "tr-TR", analytics: "Analiz", notFound: "Sayfa bulunamadı", startTestChat: "Deneme sohbeti başlat" },
];
const THEMES = ["light", "dark"];
const WIDTHS = [1280, 390];

let owner;
/** What `{name}` in an entry's `open` stands for. */
const fixtures = { missingChat: randomUUID() };

/** The address of a screen, its `{fixture}` names filled in. */
function address(screen) {
  return screen.open.replace(/\{(\w+)\}/g, (_, name) => {
    if (!(name in fixtures)) throw new Error(`screens.json: ${screen.name} names an unknown fixture {${name}}`);
    return fixtures[name];
  });
}

/** Steps an entry can take (`then`) once its page has settled. */
const ACTIONS = {
  /** The assistant page's test chat: the real widget, started and ready to type in. */
  async startTestChat(page, language) {
    await page.getByRole("button", { name: language.startTestChat }).click();
    await page.waitForFunction(() => {
      const root = document.querySelector("kremna-widget")?.shadowRoot;
      return root?.querySelector(".banner")?.hidden && root.querySelector("textarea")?.disabled === false;
    });
  },
  /** The assistant page's identity secret, revealed. */
  async revealIdentitySecret(page) {
    await page.locator("#identity-title").waitFor();
    await page.locator("section:has(#identity-title) .form__actions button").first().click();
    await page.getByTestId("identity-secret").waitFor();
  },
  /** The knowledge screen's "try it" box, asked a question the fixture source answers. */
  async tryKnowledge(page) {
    await page.locator("#try-assistant").selectOption({ label: "Destek asistanı" });
    await page.locator("#try-question").fill("Pazar günü kaçta açıksınız?");
    await page.locator("form:has(#try-question) button[type=submit]").click();
    await page.locator(".try-it__results .chunk").first().waitFor();
  },
  /** A grounded reply in the transcript, its chunks and scores unfolded. */
  async showChunks(page) {
    await page.locator(".reply-sources__details summary").first().click();
    await page.locator(".reply-sources__details[open] .chunk").first().waitFor();
  },
};

/** Waits until the page has its heading and no spinner is left. */
async function settled(page) {
  await page.locator("h1").first().waitFor();
  // A page may show several spinners at once (the team page: members and invitations).
  await page.waitForFunction(() => !document.querySelector(".state--loading"));
  // Fonts and the report's numbers: give layout one frame to settle.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
}

describe("every screen, in both languages and themes, on desktop and phone", { timeout: 900_000 }, () => {
  before(async () => {
    await assertPlatformUp();
    mkdirSync(SHOTS, { recursive: true });
    owner = await registerOwner("screens");
    const token = owner.session.access_token;
    const assistant = await createAssistant(token, {
      name: "Destek asistanı",
      description: "Sipariş ve kargo soruları",
      greeting: "Merhaba! Size nasıl yardımcı olabilirim?",
      allowed_origins: [ORIGIN],
    });
    const paused = await createAssistant(token, { name: "Sales bot", status: "paused", theme: { primary_color: "#0f766e", position: "left" } });
    fixtures.assistant = assistant.id;
    fixtures.pausedAssistant = paused.id;
    fixtures.invitation = await createInvitation(token);
    fixtures.chat = await chatAsVisitor(assistant.id, ORIGIN, ["Kargom nerede?", "And when will it arrive?"]);
    // The live inbox: a chat a member took over and answered in person.
    fixtures.assignedChat = await chatAsVisitor(assistant.id, ORIGIN, ["Bir insanla konuşabilir miyim?"]);
    await takeOverAndReply(token, fixtures.assignedChat, "Merhaba, ben Deniz. Size nasıl yardımcı olabilirim?");
    // The knowledge screens: a ready source, and a chat whose reply was grounded in it.
    const hours = await addTextSource(token, {
      title: "Çalışma saatleri",
      text: "# Çalışma saatleri\n\n## Pazar\n\nPazar günleri 11:00 ile 16:00 arasında açığız.\n\n## Hafta içi\n\nHafta içi 09:00 ile 19:00 arasında açığız.",
      assistant_ids: [assistant.id],
    });
    await settledSource(token, hours.id);
    fixtures.groundedChat = await chatAsVisitor(assistant.id, ORIGIN, ["Pazar günü kaçta açıksınız?"]);
    // Visitor identity: two chats of one verified user (linked), and an unverified claim.
    const secret = await rotateIdentitySecret(token, assistant.id);
    const ayse = { userId: "u-42", name: "Ayşe Yılmaz", email: "ayse@example.com", userHash: userHash(secret, "u-42") };
    await chatAsVisitor(assistant.id, ORIGIN, ["Siparişimi iptal edebilir miyim?"], ayse);
    fixtures.verifiedChat = await chatAsVisitor(assistant.id, ORIGIN, ["Kargom nerede?"], ayse);
    fixtures.claimedChat = await chatAsVisitor(assistant.id, ORIGIN, ["Kargom nerede?"], { userId: "u-42", name: "Ayşe Yılmaz" });
  });

  for (const language of LANGUAGES) {
    for (const theme of THEMES) {
      for (const width of WIDTHS) {
        const combo = `${language.lang}-${theme}-${width}`;
        describe(combo, () => {
          let browser;
          before(async () => {
            browser = await openBrowser({ locale: language.locale, colorScheme: theme, width, height: width > 500 ? 900 : 844 });
          });
          after(async () => {
            await browser?.close();
          });

          it("shows each screen accessibly, in the browser's language and theme, without sideways scrolling", async () => {
            const { page } = browser;
            const failures = [];
            await page.goto("/login"); // an origin to keep the session in
            for (const screen of SCREENS) {
              const session = screen.signedIn ? storedSession(owner.session) : null;
              await page.evaluate((value) => (value ? localStorage.setItem("kremna.session", value) : localStorage.removeItem("kremna.session")), session);
              await page.goto(address(screen));
              await settled(page);
              if (screen.then) {
                const action = ACTIONS[screen.then];
                if (!action) throw new Error(`screens.json: ${screen.name} asks for an unknown step "${screen.then}"`);
                await action(page, language);
              }

              const where = `${screen.name} (${combo})`;
              assert.equal(await page.evaluate(() => document.documentElement.lang), language.lang, `${where}: <html lang>`);
              assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme, `${where}: theme`);
              await page.screenshot({ path: join(SHOTS, `${screen.name}--${combo}.png`), fullPage: true });
              for (const v of await seriousA11yViolations(page)) failures.push(`${where}: ${v}`);
              if (width < 500) {
                const overflow = await sidewaysOverflow(page);
                if (overflow > 0) failures.push(`${where}: scrolls sideways by ${overflow} px`);
              }
            }
            if (language.lang === "tr") {
              await page.goto("/analytics");
              await page.getByRole("heading", { name: language.analytics, level: 1 }).waitFor();
            }
            assert.deepEqual(failures, []);
          });

          if (width < 500) {
            it("opens the menu on a phone: navigation, account and preferences, accessibly", async () => {
              const { page } = browser;
              await page.goto("/assistants");
              await settled(page);
              const menu = page.locator(".topbar__menu");
              assert.equal(await menu.getAttribute("aria-expanded"), "false");
              assert.equal(await page.locator("#sidebar").isVisible(), false, "the sidebar is folded away");
              await menu.click();
              assert.equal(await menu.getAttribute("aria-expanded"), "true");
              await page.locator("#sidebar nav a").first().waitFor();
              await page.screenshot({ path: join(SHOTS, `menu-open--${combo}.png`) });
              assert.deepEqual(await seriousA11yViolations(page), []);
              assert.equal(await sidewaysOverflow(page), 0);
              // Choosing a page closes the menu.
              await page.locator("#sidebar nav a").nth(2).click();
              await page.waitForURL(/\/chats$/);
              // The URL changes before React renders the new page (a transition), so wait for it.
              await page.locator('.topbar__menu[aria-expanded="false"]').waitFor();
            });
          }

          it("logged nothing unexpected in the browser console", () => {
            assert.deepEqual(browser.problems, []);
          });
        });
      }
    }
  }
});
