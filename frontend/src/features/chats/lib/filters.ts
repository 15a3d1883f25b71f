// The chats list's filters live in the URL (`/chats?state=needs_human&q=parcel`), so
// back and forward, reloads and shared links all show the same list. This file is the
// one translation between the query string, the filter object and the API's query.
import type { ChatState } from "../../../api/types";

export const CHAT_STATES: readonly ChatState[] = ["open", "needs_human", "assigned", "resolved"];

export interface ChatFilters {
  assistantId: string | null;
  state: ChatState | null;
  /** A member's user id, or "me" (resolved against the session when asking the API). */
  assignee: string | null;
  /** Days (YYYY-MM-DD, the browser's local calendar), inclusive. */
  from: string | null;
  to: string | null;
  q: string | null;
  /** The visitor's identity: verified by the host's hash, or not (a claim, or none). */
  identity: Identity | null;
}

export const IDENTITIES = ["verified", "unverified"] as const;
export type Identity = (typeof IDENTITIES)[number];

export const NO_FILTERS: ChatFilters = { assistantId: null, state: null, assignee: null, from: null, to: null, q: null, identity: null };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the URL asks for; anything malformed is left out rather than sent to the API. */
export function parseFilters(params: URLSearchParams): ChatFilters {
  const text = (key: string) => params.get(key)?.trim() || null;
  const state = text("state");
  const assignee = text("assignee");
  const assistant = text("assistant");
  const day = (key: string) => {
    const value = text(key);
    return value && DAY.test(value) ? value : null;
  };
  return {
    assistantId: assistant && UUID.test(assistant) ? assistant : null,
    state: CHAT_STATES.find((s) => s === state) ?? null,
    assignee: assignee === "me" || (assignee && UUID.test(assignee)) ? assignee : null,
    from: day("from"),
    to: day("to"),
    q: text("q")?.slice(0, 200) ?? null,
    identity: IDENTITIES.find((i) => i === text("identity")) ?? null,
  };
}

/** The query string for `filters` (keys in a fixed order; empty filters left out). */
export function filtersToParams(filters: ChatFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.assistantId) params.set("assistant", filters.assistantId);
  if (filters.state) params.set("state", filters.state);
  if (filters.assignee) params.set("assignee", filters.assignee);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.q) params.set("q", filters.q);
  if (filters.identity) params.set("identity", filters.identity);
  return params;
}

/** The list's own address, to come back to from a transcript. */
export function listUrlFor(filters: ChatFilters): string {
  const query = filtersToParams(filters).toString();
  return query ? `/chats?${query}` : "/chats";
}

export function hasFilters(filters: ChatFilters): boolean {
  return Object.values(filters).some((v) => v !== null);
}

function startOfDay(day: string, plusDays = 0): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/** The API's query for `filters`: local days become instants, "me" becomes the user's id. */
export function apiQuery(filters: ChatFilters, myUserId: string) {
  return {
    ...(filters.assistantId ? { assistant_id: filters.assistantId } : {}),
    ...(filters.state ? { state: filters.state } : {}),
    ...(filters.assignee ? { assignee_id: filters.assignee === "me" ? myUserId : filters.assignee } : {}),
    ...(filters.from ? { active_from: startOfDay(filters.from) } : {}),
    // Through the end of the `to` day: before the next day starts.
    ...(filters.to ? { active_to: startOfDay(filters.to, 1) } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.identity ? { verified: filters.identity === "verified" } : {}),
  };
}
