import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/errors";
import type { CreateWebhookEndpoint, UpdateWebhookEndpoint, WebhookEndpoint, WebhookEventType } from "../../../api/types";

/** Every event an endpoint may subscribe to, in the order the API lists them. */
export const EVENT_TYPES: readonly WebhookEventType[] = [
  "chat.started",
  "message.created",
  "reply.completed",
  "reply.failed",
  "chat.handoff_requested",
  "chat.resolved",
];

export const DELIVERIES_PAGE_SIZE = 20;

export const webhookKeys = {
  all: ["webhooks"] as const,
  list: () => [...webhookKeys.all, "list"] as const,
  deliveries: (endpointId: string) => [...webhookKeys.all, "deliveries", endpointId] as const,
};

export function useWebhookEndpoints() {
  return useQuery({
    queryKey: webhookKeys.list(),
    queryFn: async ({ signal }) => (await unwrap(api.GET("/webhooks/endpoints", { signal }))).data,
  });
}

/** Creates an endpoint; the answer holds its secret, shown once. */
export function useCreateWebhookEndpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebhookEndpoint) => unwrap(api.POST("/webhooks/endpoints", { body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: webhookKeys.list() });
    },
  });
}

export function useUpdateWebhookEndpoint(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateWebhookEndpoint) => unwrap(api.PATCH("/webhooks/endpoints/{id}", { params: { path: { id } }, body })),
    onSuccess: (updated) => {
      queryClient.setQueryData<WebhookEndpoint[]>(webhookKeys.list(), (list) => list?.map((e) => (e.id === updated.id ? updated : e)));
    },
  });
}

export function useDeleteWebhookEndpoint(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/webhooks/endpoints/{id}", { params: { path: { id } } })),
    onSuccess: () => {
      queryClient.setQueryData<WebhookEndpoint[]>(webhookKeys.list(), (list) => list?.filter((e) => e.id !== id));
      queryClient.removeQueries({ queryKey: webhookKeys.deliveries(id) });
    },
  });
}

/** Reveals the current secret (`rotate: false`) or replaces it (`rotate: true`). */
export function useWebhookSecret(id: string) {
  return useMutation({
    mutationFn: async (rotate: boolean) =>
      rotate
        ? unwrap(api.POST("/webhooks/endpoints/{id}/secret/rotate", { params: { path: { id } } }))
        : unwrap(api.GET("/webhooks/endpoints/{id}/secret", { params: { path: { id } } })),
  });
}

/** The endpoint's delivery log, newest first, a page at a time (`next_cursor`). */
export function useWebhookDeliveries(endpointId: string) {
  return useInfiniteQuery({
    queryKey: webhookKeys.deliveries(endpointId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/webhooks/endpoints/{id}/deliveries", {
          params: {
            path: { id: endpointId },
            query: { limit: DELIVERIES_PAGE_SIZE, ...(pageParam ? { after: pageParam } : {}) },
          },
          signal,
        }),
      ),
    getNextPageParam: (last) => (last.has_more && last.next_cursor ? last.next_cursor : undefined),
  });
}

export function useSendTestEvent(endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/webhooks/endpoints/{id}/test", { params: { path: { id: endpointId } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(endpointId) });
    },
  });
}

export function useReplayDelivery(endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) => unwrap(api.POST("/webhooks/deliveries/{id}/replay", { params: { path: { id: deliveryId } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(endpointId) });
    },
  });
}
