/** Query keys of the knowledge feature. */
export const knowledgeKeys = {
  all: ["knowledge"] as const,
  sources: () => [...knowledgeKeys.all, "sources"] as const,
  limits: () => [...knowledgeKeys.all, "limits"] as const,
  settings: (assistantId: string) => [...knowledgeKeys.all, "settings", assistantId] as const,
  chatSources: (chatId: string) => [...knowledgeKeys.all, "chat-sources", chatId] as const,
};
