import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { initI18n } from "../i18n";
import { sessionStore } from "../lib/session";
import { server } from "./server";

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  await initI18n("en");
});
// Tests read English unless they switch.
beforeEach(() => initI18n("en"));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  sessionStore.end("signed_out");
  window.localStorage.clear();
  window.sessionStorage.clear();
});
afterAll(() => server.close());
