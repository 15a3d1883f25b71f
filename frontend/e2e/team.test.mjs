// The team flow on the real platform: an invitation link accepted by someone who
// already has a workspace, switching between the two without signing in again, and
// saving a setting.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ARTIFACTS, assertPlatformUp, openBrowser } from "./browser.mjs";
import { createInvitation, registerOwner } from "./platform.mjs";

describe("team: invite, accept, switch workspace, settings", { timeout: 120_000 }, () => {
  let browser;
  let page;
  let inviter;
  let invitee;

  before(async () => {
    await assertPlatformUp();
    inviter = await registerOwner("inviter");
    invitee = await registerOwner("invitee");
    browser = await openBrowser();
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
  });

  it("accepts an invitation with an existing account and lands in the new workspace", async () => {
    const token = await createInvitation(inviter.session.access_token, "admin");
    await page.goto(`/invite/${token}`);
    await page.getByText(`You're invited to ${inviter.session.tenant.name} as Admin.`).waitFor();
    await page.getByRole("radio", { name: "I have an account" }).check();
    await page.getByLabel("Work e-mail").fill(invitee.session.user.email);
    await page.getByLabel("Password").fill(invitee.password);
    await page.screenshot({ path: join(ARTIFACTS, "invite-accept.png") });
    await page.getByRole("button", { name: `Join ${inviter.session.tenant.name}` }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/invite"));
    const switcher = page.getByLabel("Switch workspace");
    assert.equal(await switcher.inputValue(), inviter.session.tenant.id);

    // The link is spent.
    await page.goto(`/invite/${token}`);
    await page.getByText(/This invitation link doesn't work/).waitFor();
  });

  it("switches to the user's own workspace without signing in again, then saves a setting", async () => {
    await page.goto("/team");
    const switcher = page.getByLabel("Switch workspace");
    await switcher.selectOption(invitee.session.tenant.id);
    await page.waitForFunction((id) => JSON.parse(localStorage.getItem("kremna.session") ?? "{}").tenant?.id === id, invitee.session.tenant.id);
    assert.match(await page.getByRole("group", { name: "Workspace" }).innerText(), /Owner/i);

    await page.goto("/settings");
    const save = page.getByRole("button", { name: "Save changes" }).first();
    assert.equal(await save.isDisabled(), true);
    const renamed = `${invitee.session.tenant.name} (renamed)`;
    await page.getByLabel("Workspace name").fill(renamed);
    await save.click();
    await page.getByText("Saved.").waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "settings-saved.png") });
    await page.reload();
    assert.equal(await page.getByLabel("Workspace name").inputValue(), renamed);
  });
});
