import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import type { ApiClient } from '../api/client';
import { startQueryBridge } from './invalidation';

const ApiContext = createContext<ApiClient | null>(null);

/** The api client the query hooks read through (the app's one; a fake in view tests). */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <QueryLayer>');
  return api;
}

/** Provides the QueryClient and the api client, and runs the event→invalidation bridge while mounted. */
export function QueryLayer({ api, client, children }: { api: ApiClient; client: QueryClient; children: ReactNode }) {
  useEffect(() => startQueryBridge(api, client), [api, client]);
  return (
    <ApiContext.Provider value={api}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </ApiContext.Provider>
  );
}
