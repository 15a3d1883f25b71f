import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/errors";
import type { CreateSiteSourceRequest, CreateTextSourceRequest, CreateUrlSourceRequest, KnowledgeSource, RefetchSchedule } from "../../../api/types";
import { isSettled } from "../lib/states";
import { knowledgeKeys } from "./keys";

/** How often the list is asked again while a source is queued or processing. */
export const PROGRESS_POLL_MS = 1500;

/**
 * The workspace's sources. No socket event announces ingestion progress, so the list
 * polls while any source is still queued or processing, and stops once all settle.
 */
export function useSources() {
  return useQuery({
    queryKey: knowledgeKeys.sources(),
    queryFn: async ({ signal }) => (await unwrap(api.GET("/knowledge/sources", { signal }))).data,
    refetchInterval: (query) => (query.state.data?.some((s) => !isSettled(s.state)) ? PROGRESS_POLL_MS : false),
  });
}

/** The upload limits (the largest file), to say before sending. */
export function useKnowledgeLimits() {
  return useQuery({
    queryKey: knowledgeKeys.limits(),
    queryFn: ({ signal }) => unwrap(api.GET("/knowledge/limits", { signal })),
    staleTime: Infinity,
  });
}

/** Puts a source the API answered with into the list (new ones first), at once. */
function store(queryClient: QueryClient, source: KnowledgeSource) {
  queryClient.setQueryData<KnowledgeSource[]>(knowledgeKeys.sources(), (list) => {
    if (!list) return [source];
    return list.some((s) => s.id === source.id) ? list.map((s) => (s.id === source.id ? source : s)) : [source, ...list];
  });
}

export type NewSource =
  | { kind: "text"; body: CreateTextSourceRequest }
  | { kind: "url"; body: CreateUrlSourceRequest }
  | { kind: "site"; body: CreateSiteSourceRequest }
  | { kind: "file"; file: File; title?: string; assistantIds: string[] };

function create(source: NewSource): Promise<KnowledgeSource> {
  switch (source.kind) {
    case "text":
      return unwrap(api.POST("/knowledge/sources/text", { body: source.body }));
    case "url":
      return unwrap(api.POST("/knowledge/sources/url", { body: source.body }));
    case "site":
      return unwrap(api.POST("/knowledge/sources/site", { body: source.body }));
    case "file":
      return unwrap(
        api.POST("/knowledge/sources/file", {
          // The spec types the binary part as a string; the serializer sends the File.
          body: { file: "", ...(source.title ? { title: source.title } : {}), assistant_ids: source.assistantIds.join(",") },
          bodySerializer: ({ title, assistant_ids }) => {
            const form = new FormData();
            if (title) form.set("title", title);
            if (assistant_ids) form.set("assistant_ids", assistant_ids);
            form.set("file", source.file, source.file.name);
            return form;
          },
        }),
      );
  }
}

export function useCreateSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: create,
    onSuccess: (source) => store(queryClient, source),
  });
}

export function useDeleteSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/knowledge/sources/{id}", { params: { path: { id } } })),
    onSuccess: (_, id) => {
      queryClient.setQueryData<KnowledgeSource[]>(knowledgeKeys.sources(), (list) => list?.filter((s) => s.id !== id));
    },
  });
}

export function useRefetchSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/knowledge/sources/{id}/refetch", { params: { path: { id } } })),
    onSuccess: (source) => store(queryClient, source),
  });
}

/** Sets (or, with `null`, clears) when a web source is fetched again by itself. */
export function useSetSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, refetch }: { id: string; refetch: RefetchSchedule | null }) =>
      unwrap(api.PUT("/knowledge/sources/{id}/schedule", { params: { path: { id } }, body: refetch ? { refetch } : {} })),
    onSuccess: (source) => store(queryClient, source),
  });
}

/**
 * Sets which assistants answer from a source: attaches the added ones and detaches the
 * removed ones, then reads the source back (so the list shows what the API holds even
 * when one of the calls failed half-way).
 */
export function useSetAttachments() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ source, assistantIds }: { source: KnowledgeSource; assistantIds: string[] }) => {
      const id = source.id;
      const added = assistantIds.filter((a) => !source.assistant_ids.includes(a));
      const removed = source.assistant_ids.filter((a) => !assistantIds.includes(a));
      try {
        for (const assistantId of added) {
          await unwrap(api.PUT("/knowledge/sources/{id}/assistants/{assistantId}", { params: { path: { id, assistantId } } }));
        }
        for (const assistantId of removed) {
          await unwrap(api.DELETE("/knowledge/sources/{id}/assistants/{assistantId}", { params: { path: { id, assistantId } } }));
        }
      } finally {
        await queryClient.invalidateQueries({ queryKey: knowledgeKeys.sources() });
      }
    },
  });
}

/** The pages of a sitemap or crawl source's last run, asked for when shown. */
export function useSourcePages(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...knowledgeKeys.sources(), id, "pages"],
    queryFn: async ({ signal }) => (await unwrap(api.GET("/knowledge/sources/{id}/pages", { params: { path: { id } }, signal }))).data,
    enabled,
  });
}
