import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./errors";

/** Only a lost connection or a server hiccup is worth retrying; 4xx answers won't change. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const transient = error.isNetworkError || error.status >= 500 || error.status === 429;
  return transient && failureCount < 2;
}

export function createQueryClient(options: { retry?: boolean } = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: options.retry === false ? false : shouldRetry,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
}
