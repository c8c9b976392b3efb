import { queryOptions, useQuery } from '@tanstack/react-query';
import type { HostView } from '../../../shared/features/hosts/hosts.contract';
import type { ApiClient } from '../api/client';
import { useApi } from './api-context';
import { queryKeys } from './query-keys';
import { userMessage } from '../ui/user-message';

/** hosts.list as a query: the one read of the host list, shared by every view (and the inventory store). */
export const hostsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.hosts,
    queryFn: ({ signal }) => api.invoke('hosts.list', {}, { signal }).then((r) => r.hosts),
  });

const none: HostView[] = [];

/** The hosts main knows, kept current by hosts.changed / host.state and re-read on reconnect. */
export function useHosts(): { hosts: HostView[]; error: string | null; loading: boolean } {
  const q = useQuery(hostsQuery(useApi()));
  return { hosts: q.data ?? none, error: q.error ? userMessage(q.error) : null, loading: q.isPending };
}
