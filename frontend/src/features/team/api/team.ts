import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/errors";
import type { AcceptWithAccountRequest, AcceptWithNewAccountRequest, CreateInvitationRequest, MemberRole } from "../../../api/types";
import { sessionStore } from "../../../lib/session";

export const teamKeys = {
  members: ["team", "members"] as const,
  invitations: ["team", "invitations"] as const,
  preview: (token: string) => ["team", "invitation", token] as const,
};

export function useMembers() {
  return useQuery({ queryKey: teamKeys.members, queryFn: () => unwrap(api.GET("/members")) });
}

export function useChangeRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: MemberRole }) =>
      unwrap(api.PATCH("/members/{id}", { params: { path: { id: userId } }, body: { role } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: teamKeys.members }),
  });
}

export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => unwrap(api.DELETE("/members/{id}", { params: { path: { id: userId } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: teamKeys.members }),
  });
}

export function useInvitations(enabled: boolean) {
  return useQuery({ queryKey: teamKeys.invitations, queryFn: () => unwrap(api.GET("/invitations")), enabled });
}

export function useCreateInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInvitationRequest) => unwrap(api.POST("/invitations", { body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: teamKeys.invitations }),
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/invitations/{id}", { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: teamKeys.invitations }),
  });
}

export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: teamKeys.preview(token),
    queryFn: () => unwrap(api.POST("/invitations/preview", { body: { token } })),
    retry: false,
  });
}

/** Accepting starts a session in the workspace just joined; nothing cached belongs to it. */
export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: "new"; value: AcceptWithNewAccountRequest } | { kind: "existing"; value: AcceptWithAccountRequest }) =>
      body.kind === "new"
        ? unwrap(api.POST("/invitations/accept/register", { body: body.value }))
        : unwrap(api.POST("/invitations/accept/login", { body: body.value })),
    onSuccess: (session) => {
      queryClient.clear();
      sessionStore.start(session);
    },
  });
}

/** Acts in another of the user's workspaces: a new token, every cached answer dropped. */
export function useSwitchWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tenantId: string) => unwrap(api.POST("/auth/switch", { body: { tenant_id: tenantId } })),
    onSuccess: (session) => {
      queryClient.clear();
      sessionStore.start(session);
    },
  });
}

export function useWorkspace() {
  return useQuery({ queryKey: ["workspace"], queryFn: () => unwrap(api.GET("/workspace")) });
}
