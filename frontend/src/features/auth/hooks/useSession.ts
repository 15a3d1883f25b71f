import { useSyncExternalStore } from "react";
import type { MemberRole } from "../../../api/types";
import { sessionStore, type SessionState, type StoredSession } from "../../../lib/session";

export function useSessionState(): SessionState {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.getState);
}

/** The session of a page behind RequireAuth. */
export function useSession(): StoredSession {
  const { session } = useSessionState();
  if (!session) throw new Error("useSession used outside RequireAuth");
  return session;
}

/** Owners and admins change assistants and delete chats; agents only read. */
export function canManage(role: MemberRole): boolean {
  return role === "owner" || role === "admin";
}

export function useCanManage(): boolean {
  return canManage(useSession().tenant.role);
}
