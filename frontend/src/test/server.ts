import { setupServer } from "msw/node";

/** The HTTP boundary of every component test; each test adds its own handlers. */
export const server = setupServer();

/** `http.get(api("/assistants"), …)`: the API as the dashboard calls it. */
export const api = (path: string) => `${window.location.origin}/api/v1${path}`;
