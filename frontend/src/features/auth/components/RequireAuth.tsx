import type { ReactNode } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { useSessionState } from "../hooks/useSession";

export interface LoginLocationState {
  from?: string;
  reason?: "expired" | "invalid" | "signed_out";
}

/** Pages behind sign-in; without a session, to /login with where to come back to. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { session, endedBecause } = useSessionState();
  const location = useLocation();
  if (!session) {
    // After an explicit sign-out the next person starts at the top; otherwise
    // (expired token, a bookmarked link) come back to where they were.
    const state: LoginLocationState =
      endedBecause === "signed_out"
        ? { reason: endedBecause }
        : { from: `${location.pathname}${location.search}`, ...(endedBecause ? { reason: endedBecause } : {}) };
    return <Navigate to="/login" replace state={state} />;
  }
  return <>{children}</>;
}

/** Login and register (its children, or its child route): a signed-in visitor goes straight in. */
export function RedirectIfSignedIn({ children }: { children?: ReactNode }) {
  const { session } = useSessionState();
  const location = useLocation();
  if (session) {
    const from = (location.state as LoginLocationState | null)?.from;
    return <Navigate to={from && from !== "/login" ? from : "/assistants"} replace />;
  }
  return <>{children ?? <Outlet />}</>;
}
