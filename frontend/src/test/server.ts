import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";

/** `http.get(api("/assistants"), …)`: the API as the dashboard calls it. */
export const api = (path: string) => `${window.location.origin}/api/v1${path}`;

/**
 * Answers for what one feature adds to another's page (the knowledge card on the
 * assistant page, citations in a transcript), so a test of that page needn't know about
 * them. Each says "nothing here"; a test that cares overrides it with `server.use`.
 */
const sidePanels = [
  http.get(api("/knowledge/assistants/:id/settings"), () => HttpResponse.json({ knowledge_only: false })),
  http.get(api("/knowledge/chats/:id/sources"), () => HttpResponse.json({ data: [] })),
];

/** The HTTP boundary of every component test; each test adds its own handlers. */
export const server = setupServer(...sidePanels);
