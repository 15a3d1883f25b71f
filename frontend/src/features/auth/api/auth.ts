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

/**
 * Signs out on the server first (the token is revoked there, and live dashboard
 * connections that used it are closed), then forgets the token and every cached
 * answer. `everywhere` revokes every token of the user, on every device. The local
 * sign-out happens whatever the server answers: an expired or already revoked token
 * signs out just the same.
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  return async (options: { everywhere?: boolean } = {}) => {
    const path = options.everywhere ? "/auth/logout-all" : "/auth/logout";
    try {
      await api.POST(path);
    } catch {
      // Offline or the API is down: the token still leaves this browser.
    }
    // Signing out on purpose (perhaps on a shared computer) leaves no typed text behind.
    clearAllDrafts();
    sessionStore.end("signed_out");
    queryClient.clear();
  };
}
