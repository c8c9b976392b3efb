import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CheckpointGroup } from '../../../../shared/features/checkpoints/checkpoints.contract';
import type { ApiClient } from '../../api/client';
import { useApi } from '../../query/api-context';
import { queryKeys } from '../../query/query-keys';
import { userMessage } from '../../ui/user-message';

/** checkpoints.groups.list as a query: re-read when main signals checkpoints.groupsChanged (query/invalidation.ts). */
export const checkpointGroupsQuery = (api: ApiClient) =>
  queryOptions({ queryKey: queryKeys.checkpointGroups, queryFn: ({ signal }) => api.invoke('checkpoints.groups.list', {}, { signal }) });

const none: CheckpointGroup[] = [];

export function useCheckpointGroups(): { groups: CheckpointGroup[]; error: string | null } {
  const q = useQuery(checkpointGroupsQuery(useApi()));
  return { groups: q.data ?? none, error: q.error ? userMessage(q.error) : null };
}
