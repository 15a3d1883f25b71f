import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/errors";
import type { KnowledgeSettings } from "../../../api/types";
import { knowledgeKeys } from "./keys";

/** "Try it": the chunks retrieval returns for a question, with their scores. */
export function useTryKnowledge() {
  return useMutation({
    mutationFn: ({ assistantId, question }: { assistantId: string; question: string }) =>
      unwrap(api.POST("/knowledge/assistants/{assistantId}/try", { params: { path: { assistantId } }, body: { question } })),
  });
}

/** Whether an assistant answers only from its knowledge base. */
export function useKnowledgeSettings(assistantId: string) {
  return useQuery({
    queryKey: knowledgeKeys.settings(assistantId),
    queryFn: ({ signal }) => unwrap(api.GET("/knowledge/assistants/{assistantId}/settings", { params: { path: { assistantId } }, signal })),
  });
}

export function useUpdateKnowledgeSettings(assistantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: KnowledgeSettings) =>
      unwrap(api.PUT("/knowledge/assistants/{assistantId}/settings", { params: { path: { assistantId } }, body })),
    onSuccess: (settings) => queryClient.setQueryData(knowledgeKeys.settings(assistantId), settings),
  });
}

/** The sources each reply of a chat was given, with their scores (one request per chat). */
export function useChatSources(chatId: string) {
  return useQuery({
    queryKey: knowledgeKeys.chatSources(chatId),
    queryFn: async ({ signal }) => (await unwrap(api.GET("/knowledge/chats/{id}/sources", { params: { path: { id: chatId } }, signal }))).data,
    enabled: chatId !== "",
  });
}
