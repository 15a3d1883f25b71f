// Test data typed by the generated schema, so a changed contract breaks the tests.
import type {
  AnalyticsReport,
  Assistant,
  AssistantUsage,
  Chat,
  ChatSummary,
  DailyUsage,
  Message,
  MemberRole,
  ModelUsage,
  Session,
  UsageSummary,
} from "../api/types";

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
    handoff_policy: "never",
    offline_message: "",
    identity_verification: false,
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
    state: "open",
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
  return { ...summary, state_changed_at: "2026-01-03T10:00:00Z", messages: [], history: [], verified_user_chats: [], ...overrides };
}

export function usageSummary(overrides: Partial<UsageSummary> = {}): UsageSummary {
  return {
    chats: 0,
    messages: 0,
    visitor_messages: 0,
    agent_messages: 0,
    replies: 0,
    failed_replies: 0,
    failure_rate: 0,
    prompt_tokens: 0,
    completion_tokens: 0,
    estimated_cost_usd: 0,
    latency: { samples: 0 },
    ...overrides,
  };
}

export function dailyUsage(date: string, overrides: Partial<DailyUsage> = {}): DailyUsage {
  return {
    date,
    chats: 0,
    messages: 0,
    visitor_messages: 0,
    replies: 0,
    failed_replies: 0,
    prompt_tokens: 0,
    completion_tokens: 0,
    ...overrides,
  };
}

export function assistantUsage(overrides: Partial<AssistantUsage> = {}): AssistantUsage {
  return {
    assistant_id: "0193a1b2-0000-7000-8000-00000000a001",
    name: "Support bot",
    status: "active",
    usage: usageSummary(),
    ...overrides,
  };
}

export function modelUsage(overrides: Partial<ModelUsage> = {}): ModelUsage {
  return { model: "mistral-small-latest", replies: 0, prompt_tokens: 0, completion_tokens: 0, ...overrides };
}

/** A report with no traffic for the 7 days ending 2026-03-10 (an empty workspace's first week). */
export function analyticsReport(overrides: Partial<AnalyticsReport> = {}): AnalyticsReport {
  const days = ["2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10"];
  return {
    from: "2026-03-04",
    to: "2026-03-10",
    timezone: "Europe/Paris",
    total_assistants: 1,
    active_assistants: 1,
    total_chats: 0,
    total_messages: 0,
    summary: usageSummary(),
    traffic_data: days.map((date) => dailyUsage(date)),
    assistants: [assistantUsage()],
    models: [],
    generated_at: "2026-03-10T12:00:00Z",
    ...overrides,
  };
}

/** The API's error envelope. */
export function apiError(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}
