import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/errors";
import type { ApiKey, CreateApiKeyRequest } from "../../../api/types";

export const apiKeyKeys = {
  all: ["api-keys"] as const,
  list: () => [...apiKeyKeys.all, "list"] as const,
};

export function useApiKeys() {
  return useQuery({
    queryKey: apiKeyKeys.list(),
    queryFn: async () => (await unwrap(api.GET("/api-keys"))).data,
  });
}

/** Creates a key; the answer holds its secret, shown once. */
export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyRequest) => unwrap(api.POST("/api-keys", { body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: apiKeyKeys.list() });
    },
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/api-keys/{id}", { params: { path: { id } } })),
    onSuccess: (revoked) => {
      queryClient.setQueryData<ApiKey[]>(apiKeyKeys.list(), (list) => list?.map((k) => (k.id === revoked.id ? revoked : k)));
    },
  });
}
