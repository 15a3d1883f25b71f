import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { RouterProvider, type createBrowserRouter } from "react-router";
import { ToastProvider } from "../components/Toaster";
import { useSessionState } from "../features/auth/hooks/useSession";

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
  /** A data router over `routes`: the browser's in the app, a memory router in tests. */
  router: ReturnType<typeof createBrowserRouter>;
}

export function App({ queryClient, router }: Props) {
  return (
    <QueryClientProvider client={queryClient}>
      <ClearCacheOnSessionChange queryClient={queryClient} />
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>
  );
}
