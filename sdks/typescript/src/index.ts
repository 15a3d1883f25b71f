// The hand-written layer over the generated client (src/generated): auth, retries,
// idempotency keys, auto-pagination, streamed replies and webhook verification.
// Everything else is the generated operations, re-exported as `api`.

import { createClient, type Client } from './generated/client/index.js';
import * as api from './generated/sdk.gen.js';
import type {
  ApiKey,
  Assistant,
  Chat,
  ChatSummary,
  Conversation,
  ConversationExchange,
  ConversationMessage,
  CreateApiKeyRequest,
  CreateAssistantRequest,
  CreatedApiKey,
  FeedEvent,
  ListChatsData,
  ListConversationsData,
} from './generated/types.gen.js';
import { KremnaError } from './errors.js';
import { paginate } from './pagination.js';
import { retryingFetch, type RetryOptions } from './retry.js';
import { parseSse } from './sse.js';

export type * from './generated/types.gen.js';
export { api };
/** An unauthenticated generated client (for `api.register`, `api.login`). */
export { createClient } from './generated/client/index.js';
export { KremnaError } from './errors.js';
export { paginate, type Page } from './pagination.js';
export { parseSse, type SseMessage } from './sse.js';
export { retryingFetch, retryAfterMs, backoffMs, type RetryOptions } from './retry.js';
export { verifyWebhook, WebhookVerificationError, type VerifyOptions, type WebhookHeaders } from './webhook.js';

export interface KremnaOptions {
  /** A partner key (`kr_live_…`) or a dashboard access token; sent as `Authorization: Bearer`. */
  apiKey: string;
  /** Where Kremna runs, e.g. `https://kremna.example.com` (`/api/v1` is added when missing). */
  baseUrl: string;
  retry?: RetryOptions;
  /** The fetch to send with (default `globalThis.fetch`). */
  fetch?: typeof fetch;
}

type Result<T> = { data?: T; error?: unknown; response?: Response };

/** The data of a generated call, or a KremnaError with the API's code. */
async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response && response.ok && error === undefined) return data as T;
  if (!response) throw error instanceof Error ? error : new Error(String(error));
  throw await KremnaError.fromResponse(response, error);
}

function apiBase(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return trimmed.endsWith('/api/v1') ? trimmed : `${trimmed}/api/v1`;
}

export class Kremna {
  /** The generated client, for operations the helpers below do not cover: `api.getChat({ client: kremna.client, … })`. */
  readonly client: Client;
  private readonly send: typeof fetch;
  private readonly base: string;
  private readonly authorization: string;

  constructor(options: KremnaOptions) {
    if (!options.apiKey) throw new TypeError('Kremna: apiKey is required');
    this.base = apiBase(options.baseUrl);
    this.authorization = `Bearer ${options.apiKey}`;
    this.send = retryingFetch(options.fetch ?? globalThis.fetch, options.retry);
    this.client = createClient({
      baseUrl: this.base,
      fetch: this.send,
      headers: { Authorization: this.authorization },
    });
  }

  readonly apiKeys = {
    /** Needs a dashboard token of an admin: keys never make keys. */
    create: (body: CreateApiKeyRequest): Promise<CreatedApiKey> => unwrap(api.createApiKey({ client: this.client, body })),
    list: async (): Promise<ApiKey[]> => (await unwrap(api.listApiKeys({ client: this.client }))).data,
  };

  readonly assistants = {
    create: (body: CreateAssistantRequest): Promise<Assistant> => unwrap(api.createAssistant({ client: this.client, body })),
    get: (id: string): Promise<Assistant> => unwrap(api.getAssistant({ client: this.client, path: { id } })),
    list: async (): Promise<Assistant[]> => (await unwrap(api.listAssistants({ client: this.client }))).data,
  };

  readonly chats = {
    /** Every chat of the workspace (widget and API), newest activity first, a page at a time: `for await (const c of kremna.chats.list({ state: 'needs_human' }))`. */
    list: (query: Omit<NonNullable<ListChatsData['query']>, 'cursor'> = {}): AsyncGenerator<ChatSummary> =>
      paginate((after) => unwrap(api.listChats({ client: this.client, query: { ...query, after: after ?? query.after } }))),
    /** A chat with its messages, oldest first. */
    get: (id: string): Promise<Chat> => unwrap(api.getChat({ client: this.client, path: { id } })),
  };

  readonly conversations = {
    start: (body: { assistant_id: string; user_id: string }): Promise<Conversation> =>
      unwrap(api.startConversation({ client: this.client, body })),
    get: (id: string): Promise<Conversation> => unwrap(api.getConversation({ client: this.client, path: { id } })),
    /** Every conversation (newest first), fetched a page at a time: `for await (const c of kremna.conversations.list())`. */
    list: (query: ListConversationsData['query'] = {}): AsyncGenerator<Conversation> =>
      paginate((after) => unwrap(api.listConversations({ client: this.client, query: { ...query, after: after ?? query.after } }))),
    /** A conversation's messages, oldest first, a page at a time. */
    messages: (id: string, query: { limit?: number; after?: string } = {}): AsyncGenerator<ConversationMessage> =>
      paginate((after) => unwrap(api.listConversationMessages({ client: this.client, path: { id }, query: { ...query, after: after ?? query.after } }))),
    /** Posts the user's message and waits for the reply as one JSON answer. */
    send: (id: string, content: string, clientMessageId?: string): Promise<ConversationExchange> =>
      unwrap(api.postConversationMessage({ client: this.client, path: { id }, body: { content, client_message_id: clientMessageId } })),
  };

  /**
   * Posts the user's message and yields the reply's events as they come: the
   * stored `message`, `typing`, `delta`s, then the reply's `message` (or `state`
   * when a member takes over, `error` when the reply fails). A retry before the
   * stream starts reuses the same Idempotency-Key, so the message is stored once.
   */
  async *streamReply(conversationId: string, content: string, options: { clientMessageId?: string; signal?: AbortSignal } = {}): AsyncGenerator<FeedEvent> {
    const url = `${this.base}/conversations/${encodeURIComponent(conversationId)}/messages/stream`;
    const response = await this.send(url, {
      method: 'POST',
      headers: { Authorization: this.authorization, 'Content-Type': 'application/json', Accept: 'text/event-stream' },
      body: JSON.stringify({ content, client_message_id: options.clientMessageId }),
      signal: options.signal,
    });
    if (!response.ok || !response.body) throw await KremnaError.fromResponse(response);
    for await (const message of parseSse(response.body)) {
      const event = JSON.parse(message.data) as FeedEvent;
      if (typeof event !== 'object' || event === null || event.type !== message.event) {
        throw new KremnaError(502, 'malformed_event', `unexpected ${message.event} event`);
      }
      yield event;
    }
  }
}

export default Kremna;
