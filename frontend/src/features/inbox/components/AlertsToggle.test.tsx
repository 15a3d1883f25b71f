import { screen } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";
import { alertNeedsHuman } from "../lib/alerts";

/** A stand-in for the browser's Notification API (happy-dom has none). */
function fakeNotifications(permission: NotificationPermission, answer: NotificationPermission) {
  const shown: { title: string; body?: string }[] = [];
  const requestPermission = vi.fn(() => {
    Fake.permission = answer;
    return Promise.resolve(answer);
  });
  class Fake {
    static permission = permission;
    static requestPermission = requestPermission;
    onclick: (() => void) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, body: options?.body });
    }
  }
  vi.stubGlobal("Notification", Fake);
  return { shown, requestPermission };
}

function emptyInbox() {
  server.use(
    http.get(api("/members"), () => HttpResponse.json({ data: [] })),
    http.get(api("/assistants"), () => HttpResponse.json({ data: [] })),
    http.get(api("/chats"), () => HttpResponse.json({ data: [], has_more: false })),
  );
}

describe("the needs-a-person alert", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("asks for notification permission only when turned on, and remembers the choice", async () => {
    const { requestPermission, shown } = fakeNotifications("default", "granted");
    emptyInbox();
    const { user, unmount } = await renderApp("/chats");
    const toggle = await screen.findByRole("switch", { name: "Alert me when a chat needs a person" });
    expect(toggle).not.toBeChecked();
    expect(requestPermission).not.toHaveBeenCalled();

    alertNeedsHuman({ title: "t", body: "b", url: "/chats/1" });
    expect(shown).toEqual([]);

    await user.click(toggle);
    expect(requestPermission).toHaveBeenCalledTimes(1);
    expect(toggle).toBeChecked();
    expect(localStorage.getItem("kremna.inbox.alerts")).toBe("on");
    alertNeedsHuman({ title: "A visitor needs a person", body: "A chat is waiting.", url: "/chats/1" });
    expect(shown).toEqual([{ title: "A visitor needs a person", body: "A chat is waiting." }]);

    unmount();
    emptyInbox();
    await renderApp("/chats");
    expect(await screen.findByRole("switch", { name: "Alert me when a chat needs a person" })).toBeChecked();
    expect(requestPermission).toHaveBeenCalledTimes(1);
  });

  it("says so when the browser blocks notifications", async () => {
    fakeNotifications("denied", "denied");
    emptyInbox();
    const { user } = await renderApp("/chats");
    await user.click(await screen.findByRole("switch", { name: "Alert me when a chat needs a person" }));
    expect(await screen.findByText(/This browser blocks notifications from this site/)).toBeInTheDocument();
  });
});
