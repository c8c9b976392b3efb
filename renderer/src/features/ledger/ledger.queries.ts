import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { LedgerEntry, LedgerOutcome } from '../../../../shared/features/ledger/ledger.contract';
import type { ApiClient } from '../../api/client';
import { useApi } from '../../query/api-context';
import { queryKeys } from '../../query/query-keys';
import { userMessage } from '../../ui/user-message';

export interface LedgerFilter {
  hostId: string;
  outcome: LedgerOutcome | '';
}

/** ledger.list for one filter; ledger.appended invalidates every filter's answer (see invalidation.ts). */
export const ledgerQuery = (api: ApiClient, { hostId, outcome }: LedgerFilter) => {
  const input = { limit: 1000, ...(hostId ? { hostId } : {}), ...(outcome ? { outcome } : {}) };
  return queryOptions({ queryKey: queryKeys.ledgerList(input), queryFn: ({ signal }) => api.invoke('ledger.list', input, { signal }).then((r) => r.entries) });
};

const none: LedgerEntry[] = [];

/** The ledger entries for a filter; while a new filter loads, the previous answer stays on screen. */
export function useLedgerEntries(filter: LedgerFilter): { entries: LedgerEntry[]; loading: boolean; error: string | null } {
  const q = useQuery({ ...ledgerQuery(useApi(), filter), placeholderData: keepPreviousData });
  return { entries: q.data ?? none, loading: q.isFetching, error: q.error ? userMessage(q.error) : null };
}
