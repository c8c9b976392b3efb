import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AppInfo, StateFileProblem } from '../../../shared/features/app/app.contract';
import type { ApiClient } from '../api/client';
import { useApi } from './api-context';
import { queryKeys } from './query-keys';

/** app.info as a query: version, mode and data folder; re-read after a reconnect (main may be a new process). */
export const appInfoQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.appInfo,
    queryFn: ({ signal }) => api.invoke('app.info', {}, { signal }),
  });

export function useAppInfo(): { info: AppInfo | null; error: string | null } {
  const q = useQuery(appInfoQuery(useApi()));
  return { info: q.data ?? null, error: q.error ? q.error.message : null };
}

export const appProblemsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.appProblems,
    queryFn: ({ signal }) => api.invoke('app.problems', {}, { signal }).then((r) => r.problems),
  });

const none: StateFileProblem[] = [];

/** The state files main set aside this run and the user has not dismissed (kept current by app.problemsChanged). */
export function useAppProblems(): { problems: StateFileProblem[]; dismiss(keptAt: string): void } {
  const api = useApi();
  const client = useQueryClient();
  const q = useQuery(appProblemsQuery(api));
  const m = useMutation({
    mutationFn: (keptAt: string) => api.invoke('app.dismissProblem', { keptAt }),
    // Hide it at once; the event re-reads the list anyway.
    onMutate: (keptAt) => client.setQueryData(queryKeys.appProblems, (old: StateFileProblem[] | undefined) => old?.filter((p) => p.keptAt !== keptAt)),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.appProblems }),
  });
  return { problems: q.data ?? none, dismiss: (keptAt) => m.mutate(keptAt) };
}
