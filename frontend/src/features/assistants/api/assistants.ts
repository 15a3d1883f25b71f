import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/errors";
import type { Assistant, CreateAssistantRequest, UpdateAssistantRequest } from "../../../api/types";
import { analyticsKeys } from "../../analytics/api/keys";
import { chatKeys } from "../../chats/api/keys";

export const assistantKeys = {
  all: ["assistants"] as const,
  list: () => [...assistantKeys.all, "list"] as const,
  detail: (id: string) => [...assistantKeys.all, "detail", id] as const,
};

export function useAssistants() {
  return useQuery({
    queryKey: assistantKeys.list(),
    queryFn: async () => (await unwrap(api.GET("/assistants"))).data,
  });
}

export function useAssistant(id: string) {
  const queryClient = useQueryClient();
  return useQuery<Assistant>({
    queryKey: assistantKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET("/assistants/{id}", { params: { path: { id } }, signal })),
    // Show what the list already knows while the full answer loads.
    placeholderData: () => queryClient.getQueryData<Assistant[]>(assistantKeys.list())?.find((a) => a.id === id),
  });
}

export function useCreateAssistant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAssistantRequest) => unwrap(api.POST("/assistants", { body })),
    onSuccess: async (assistant) => {
      queryClient.setQueryData(assistantKeys.detail(assistant.id), assistant);
      // Reports count the workspace's assistants.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: assistantKeys.list() }),
        queryClient.invalidateQueries({ queryKey: analyticsKeys.all }),
      ]);
    },
  });
}

export function useUpdateAssistant(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateAssistantRequest) => unwrap(api.PATCH("/assistants/{id}", { params: { path: { id } }, body })),
    onSuccess: async (assistant) => {
      queryClient.setQueryData(assistantKeys.detail(id), assistant);
      queryClient.setQueryData<Assistant[]>(assistantKeys.list(), (list) => list?.map((a) => (a.id === id ? assistant : a)));
      // Chat rows and reports show the assistant's name (and reports its status).
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: chatKeys.all }),
        queryClient.invalidateQueries({ queryKey: analyticsKeys.all }),
      ]);
    },
  });
}

export function useDeleteAssistant(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/assistants/{id}", { params: { path: { id } } })),
    onSuccess: async () => {
      queryClient.setQueryData<Assistant[]>(assistantKeys.list(), (list) => list?.filter((a) => a.id !== id));
      queryClient.removeQueries({ queryKey: assistantKeys.detail(id), exact: true });
      // Its chats went with it, and reports no longer count it.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: chatKeys.all }),
        queryClient.invalidateQueries({ queryKey: analyticsKeys.all }),
      ]);
    },
  });
}
