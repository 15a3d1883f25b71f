// The knowledge API as the component tests see it: an in-memory workspace behind MSW,
// so a test adds, attaches and deletes through the real client and reads the effect.
import { http, HttpResponse } from "msw";
import type { Assistant, KnowledgePage, KnowledgeSource, MessageSource, TryResponse } from "../../../api/types";
import { assistant } from "../../../test/fixtures";
import { api, server } from "../../../test/server";

export const SHIPPING = assistant({ id: "0193a1b2-0000-7000-8000-00000000a001", name: "Support bot" });
export const SALES = assistant({ id: "0193a1b2-0000-7000-8000-00000000a002", name: "Sales bot" });

let n = 0;

export function source(overrides: Partial<KnowledgeSource> = {}): KnowledgeSource {
  n += 1;
  return {
    id: `0193a1b2-0000-7000-8000-00000000b${String(n).padStart(3, "0")}`,
    kind: "file",
    title: "Opening hours",
    language: "en",
    auto_language: true,
    state: "ready",
    chunk_count: 3,
    refreshed_at: new Date(Date.now() - 10 * 60_000).toISOString(),
    created_at: "2026-12-01T10:00:00Z",
    updated_at: "2026-12-01T10:00:00Z",
    assistant_ids: [SHIPPING.id],
    ...overrides,
  };
}

/** What a test can look at after the page talked to the API. */
export interface Workspace {
  sources: KnowledgeSource[];
  assistants: Assistant[];
  /** Every call that changed something, as "METHOD path" (in order). */
  calls: string[];
  /** The last create request's body: JSON, or the multipart form. */
  lastBody: unknown;
  limit: number;
  /** What `GET /knowledge/sources/{id}/pages` answers. */
  pages: KnowledgePage[];
}

export function knowledgeServer(initial: Partial<Workspace> = {}): Workspace {
  const ws: Workspace = { sources: [], assistants: [SHIPPING, SALES], calls: [], lastBody: null, limit: 253_952, pages: [], ...initial };
  const created = (s: KnowledgeSource) => {
    ws.sources = [s, ...ws.sources];
    return HttpResponse.json(s, { status: 201 });
  };
  server.use(
    http.get(api("/assistants"), () => HttpResponse.json({ data: ws.assistants })),
    http.get(api("/knowledge/sources"), () => HttpResponse.json({ data: ws.sources })),
    http.get(api("/knowledge/limits"), () => HttpResponse.json({ max_file_bytes: ws.limit })),
    http.post(api("/knowledge/sources/text"), async ({ request }) => {
      const body = (await request.json()) as { title: string; assistant_ids?: string[] };
      ws.lastBody = body;
      ws.calls.push("POST /knowledge/sources/text");
      return created(source({ kind: "text", title: body.title, state: "queued", chunk_count: 0, refreshed_at: null as unknown as undefined, assistant_ids: body.assistant_ids ?? [] }));
    }),
    http.post(api("/knowledge/sources/url"), async ({ request }) => {
      const body = (await request.json()) as { url: string; title?: string; assistant_ids?: string[] };
      ws.lastBody = body;
      ws.calls.push("POST /knowledge/sources/url");
      return created(source({ kind: "url", title: body.title ?? body.url, url: body.url, state: "queued", chunk_count: 0, assistant_ids: body.assistant_ids ?? [] }));
    }),
    http.post(api("/knowledge/sources/site"), async ({ request }) => {
      const body = (await request.json()) as { url: string; mode: "sitemap" | "crawl"; title?: string; page_limit?: number; refetch?: string; assistant_ids?: string[] };
      ws.lastBody = body;
      ws.calls.push("POST /knowledge/sources/site");
      return created(source({ kind: body.mode, title: body.title ?? body.url, url: body.url, state: "queued", chunk_count: 0, page_limit: body.page_limit, ...(body.refetch ? { refetch: body.refetch as "daily" | "weekly" } : {}), pages_ready: 0, pages_failed: 0, assistant_ids: body.assistant_ids ?? [] }));
    }),
    http.get(api("/knowledge/sources/:id/pages"), () => HttpResponse.json({ data: ws.pages })),
    http.post(api("/knowledge/sources/file"), async ({ request }) => {
      const form = await request.formData();
      ws.lastBody = form;
      ws.calls.push("POST /knowledge/sources/file");
      const file = form.get("file") as File;
      const ids = ((form.get("assistant_ids") as string | null) ?? "").split(",").filter(Boolean);
      return created(source({ title: (form.get("title") as string | null) ?? file.name, state: "queued", chunk_count: 0, assistant_ids: ids }));
    }),
    http.delete(api("/knowledge/sources/:id"), ({ params }) => {
      ws.calls.push(`DELETE /knowledge/sources/${String(params.id)}`);
      ws.sources = ws.sources.filter((s) => s.id !== params.id);
      return new HttpResponse(null, { status: 204 });
    }),
    http.post(api("/knowledge/sources/:id/refetch"), ({ params }) => {
      ws.calls.push(`POST /knowledge/sources/${String(params.id)}/refetch`);
      ws.sources = ws.sources.map((s) => (s.id === params.id ? { ...s, state: "queued" } : s));
      return HttpResponse.json(ws.sources.find((s) => s.id === params.id), { status: 202 });
    }),
    http.put(api("/knowledge/sources/:id/schedule"), async ({ params, request }) => {
      const body = (await request.json()) as { refetch?: "daily" | "weekly" };
      ws.calls.push(`PUT /knowledge/sources/${String(params.id)}/schedule ${JSON.stringify(body)}`);
      ws.sources = ws.sources.map((s) => {
        if (s.id !== params.id) return s;
        const { refetch: _old, ...rest } = s;
        return body.refetch ? { ...rest, refetch: body.refetch } : rest;
      });
      return HttpResponse.json(ws.sources.find((s) => s.id === params.id));
    }),
    http.put(api("/knowledge/sources/:id/assistants/:assistantId"), ({ params }) => {
      ws.calls.push(`PUT ${String(params.assistantId)}`);
      ws.sources = ws.sources.map((s) => (s.id === params.id ? { ...s, assistant_ids: [...s.assistant_ids, String(params.assistantId)] } : s));
      return new HttpResponse(null, { status: 204 });
    }),
    http.delete(api("/knowledge/sources/:id/assistants/:assistantId"), ({ params }) => {
      ws.calls.push(`DELETE ${String(params.assistantId)}`);
      ws.sources = ws.sources.map((s) => (s.id === params.id ? { ...s, assistant_ids: s.assistant_ids.filter((a) => a !== params.assistantId) } : s));
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return ws;
}

export function tryAnswer(overrides: Partial<TryResponse> = {}): TryResponse {
  return {
    mode: "full_text",
    data: [
      {
        chunk_id: "0193a1b2-0000-7000-8000-00000000c001",
        source_id: "0193a1b2-0000-7000-8000-00000000b001",
        title: "Opening hours",
        url: "https://shop.example.com/hours",
        heading: "Opening hours › Sunday",
        text: "On Sunday we open later: from 11:00 to 16:00.",
        score: 0.0607,
        text_rank: 0.0759,
        vector_score: null as unknown as undefined,
      },
    ],
    ...overrides,
  };
}

export function citation(overrides: Partial<MessageSource> & Pick<MessageSource, "message_id" | "rank">): MessageSource {
  return {
    chunk_id: "0193a1b2-0000-7000-8000-00000000c001",
    source_id: "0193a1b2-0000-7000-8000-00000000b001",
    title: "Opening hours",
    url: "https://shop.example.com/hours",
    heading: "Opening hours › Sunday",
    text: "On Sunday we open later: from 11:00 to 16:00.",
    score: 0.0325,
    text_rank: 0.0759,
    vector_score: 0.8123,
    ...overrides,
  };
}
