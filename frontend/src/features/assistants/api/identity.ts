import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { unwrap } from "../../../api/errors";
import type { Assistant } from "../../../api/types";
import { assistantKeys } from "./assistants";

export type SecretAction = "reveal" | "rotate" | "remove";

/**
 * The assistant's identity secret (admins): read it, make a new one, or remove it. The
 * assistant's `identity_verification` follows a rotation or a removal.
 */
export function useIdentitySecret(id: string) {
  const queryClient = useQueryClient();
  const path = { params: { path: { id } } };
  return useMutation({
    mutationFn: async (action: SecretAction): Promise<string | null> => {
      if (action === "remove") {
        await unwrap(api.DELETE("/assistants/{id}/identity-secret", path));
        return null;
      }
      const answer =
        action === "rotate"
          ? await unwrap(api.POST("/assistants/{id}/identity-secret/rotate", path))
          : await unwrap(api.GET("/assistants/{id}/identity-secret", path));
      return answer.secret ?? null;
    },
    onSuccess: (secret, action) => {
      if (action === "reveal") return;
      const on = secret !== null;
      queryClient.setQueryData<Assistant>(assistantKeys.detail(id), (a) => (a ? { ...a, identity_verification: on } : a));
      queryClient.setQueryData<Assistant[]>(assistantKeys.list(), (list) =>
        list?.map((a) => (a.id === id ? { ...a, identity_verification: on } : a)),
      );
    },
  });
}
