import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/errors";
import type { LoginRequest, RegisterRequest } from "../../../api/types";
import { clearAllDrafts } from "../../../lib/drafts";
import { sessionStore } from "../../../lib/session";

export const authKeys = {
  me: ["auth", "me"] as const,
};

export function useLogin() {
  return useMutation({
    mutationFn: (body: LoginRequest) => unwrap(api.POST("/auth/login", { body })),
    onSuccess: (session) => sessionStore.start(session),
  });
}

export function useRegister() {
  return useMutation({
    mutationFn: (body: RegisterRequest) => unwrap(api.POST("/auth/register", { body })),
    onSuccess: (session) => sessionStore.start(session),
  });
}

/**
 * Who the token belongs to, asked once per visit: it checks the stored token
 * (a 401 ends the session) and picks up a renamed workspace or a changed role.
 */
export function useMe() {
  const query = useQuery({
    queryKey: authKeys.me,
    queryFn: () => unwrap(api.GET("/auth/me")),
    staleTime: 5 * 60_000,
  });
  const me = query.data;
  useEffect(() => {
    if (me) sessionStore.update({ user: me.user, tenant: me.tenant, workspaces: me.workspaces });
  }, [me]);
  return query;
}

/** There is no logout endpoint (the token is a JWT): forget it and every cached answer. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return () => {
    // Signing out on purpose (perhaps on a shared computer) leaves no typed text behind.
    clearAllDrafts();
    sessionStore.end("signed_out");
    queryClient.clear();
  };
}
