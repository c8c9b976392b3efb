import { QueryClient } from '@tanstack/react-query';

/**
 * The renderer's cache of main's reads. Main tells us when something changed (an `x.changed` event, see
 * invalidation.ts), so a cached read stays fresh until then: no time-based staleness, no refetch on focus,
 * and no retry (a read that failed on a dropped connection is re-read on reconnect instead).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: Infinity, refetchOnWindowFocus: false, refetchOnReconnect: false, retry: false },
      mutations: { retry: false },
    },
  });
}

/** The app's one QueryClient (stores outside React read through it too, e.g. the inventory's host list). */
export const queryClient = createQueryClient();
