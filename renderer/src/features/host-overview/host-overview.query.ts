import { queryOptions, useQuery } from '@tanstack/react-query';
import type { HostOverviewView } from '../../../../shared/features/host-overview/host-overview.contract';
import type { ApiClient } from '../../api/client';
import { useApi } from '../../query/api-context';
import { queryKeys } from '../../query/query-keys';

/** hostOverview.get as a query: one round trip per host; main answers the last known figures marked stale when the host cannot be read. */
export const hostOverviewQuery = (api: ApiClient, hostId: string) =>
  queryOptions({ queryKey: queryKeys.hostOverview(hostId), queryFn: ({ signal }) => api.invoke('hostOverview.get', { hostId }, { signal }) });

export function useHostOverview(hostId: string | null): { view: HostOverviewView | null; error: unknown; loading: boolean; refetch(): void; fetching: boolean } {
  const api = useApi();
  const q = useQuery({ ...hostOverviewQuery(api, hostId ?? ''), enabled: hostId !== null });
  return { view: q.data ?? null, error: q.error, loading: q.isPending && hostId !== null, refetch: () => void q.refetch(), fetching: q.isFetching };
}
