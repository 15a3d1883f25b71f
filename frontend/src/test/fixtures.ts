// Test data typed by the generated schema, so a changed contract breaks the tests.
import type { Assistant, Chat, ChatSummary, Message, MemberRole, Session } from "../api/types";

export const TENANT_ID = "0193a1b2-0000-7000-8000-000000000001";

export function session(role: MemberRole = "owner", overrides: Partial<Session> = {}): Session {
  const tenant = { id: TENANT_ID, name: "Acme Support", role };
  return {
    access_token: "test-token",
    token_type: "Bearer",
    expires_in: 3600,
    user: { id: "0193a1b2-0000-7000-8000-0000000000aa", email: "ada@acme.test", full_name: "Ada Lovelace", created_at: "2026-01-01T10:00:00Z" },
    tenant,
    workspaces: [tenant],
    ...overrides,
  };
}

export function assistant(overrides: Partial<Assistant> = {}): Assistant {
  const id = overrides.id ?? "0193a1b2-0000-7000-8000-00000000a001";
  return {
    id,
    name: "Support bot",
    description: "Answers shipping questions",
    model: "mistral-small-latest",
    instructions: "Be brief.",
    temperature: 0.7,
    greeting: "Hi! How can I help?",
    allowed_origins: ["https://shop.acme.test"],
    theme: { primary_color: "#2563eb", position: "right" },
    status: "active",
    created_at: "2026-01-02T10:00:00Z",
    updated_at: new Date(Date.now() - 5 * 60_000).toISOString(),
    embed_snippet: `<script src="http://localhost:3000/widget/embed.js" data-assistant-id="${id}" async></script>`,
    ...overrides,
  };
}

export function chatSummary(n: number, overrides: Partial<ChatSummary> = {}): ChatSummary {
  return {
    id: `0193a1b2-0000-7000-8000-${String(n).padStart(12, "0")}`,
    assistant_id: "0193a1b2-0000-7000-8000-00000000a001",
    assistant_name: "Support bot",
    visitor_id: `visitor-${n}`,
    title: `Chat number ${n}`,
    status: "open",
    origin: "https://shop.acme.test",
    created_at: "2026-01-03T10:00:00Z",
    last_message_at: new Date(Date.now() - n * 60_000).toISOString(),
    message_count: 2,
    last_message: { role: "assistant", status: "complete", content: `Last words of chat ${n}` },
    ...overrides,
  };
}

/**
 * A message as the API really sends it: optional fields it has no value for
 * come as `null` (the spec says "absent"), so the UI must cope with both.
 */
export function message(overrides: Partial<Message> & Pick<Message, "id" | "role">): Message {
  const absent = { model: null, prompt_tokens: null, completion_tokens: null, latency_ms: null, error: null } as unknown as Partial<Message>;
  return {
    content: "",
    status: "complete",
    created_at: "2026-01-03T10:00:00Z",
    ...absent,
    ...overrides,
  };
}

export function chat(overrides: Partial<Chat> = {}): Chat {
  const { last_message: _l, message_count: _c, ...summary } = chatSummary(1);
  return { ...summary, messages: [], ...overrides };
}

/** The API's error envelope. */
export function apiError(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}
