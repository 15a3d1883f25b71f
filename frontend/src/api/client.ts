import createClient, { type Middleware } from "openapi-fetch";
import { sessionStore } from "../lib/session";
import type { paths } from "./schema";

// Same origin as the dashboard: the API serves both.
const baseUrl = `${window.location.origin}/api/v1`;

/** Adds the bearer token; a 401 for the current token ends the session. */
const auth: Middleware = {
  onRequest({ request }) {
    const token = sessionStore.token();
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401) return response;
    const sent = request.headers.get("Authorization");
    const token = sessionStore.token();
    if (!sent || !token || sent !== `Bearer ${token}`) return response;
    let code: unknown;
    try {
      code = ((await response.clone().json()) as { error?: { code?: unknown } }).error?.code;
    } catch {
      code = undefined;
    }
    sessionStore.end(code === "token_expired" ? "expired" : "invalid");
    return response;
  },
};

export const api = createClient<paths>({
  baseUrl,
  // Looked up per call, so a test's fetch interception applies.
  fetch: (request) => globalThis.fetch(request),
});
api.use(auth);
