import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
import { useSessionState } from "../features/auth/hooks/useSession";
import { AppRoutes } from "./AppRoutes";

/** Another account's (or no account's) answers must never show: a new token starts a clean cache. */
function ClearCacheOnSessionChange({ queryClient }: { queryClient: QueryClient }) {
  const token = useSessionState().session?.token;
  useEffect(() => {
    return () => queryClient.clear();
  }, [queryClient, token]);
  return null;
}

interface Props {
  queryClient: QueryClient;
  /** The router: BrowserRouter in the app, MemoryRouter in tests. */
  router: (children: ReactNode) => ReactNode;
}

export function App({ queryClient, router }: Props) {
  return (
    <QueryClientProvider client={queryClient}>
      <ClearCacheOnSessionChange queryClient={queryClient} />
      {router(<AppRoutes />)}
    </QueryClientProvider>
  );
}
