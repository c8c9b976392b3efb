import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AppInfo, SettingsAnswer, StateFileProblem } from '../../../shared/features/app/app.contract';
import type { AppSettingsPatch } from '../../../shared/features/app/app-settings.schema';
import type { ApiClient } from '../api/client';
import { useApi } from './api-context';
import { queryKeys } from './query-keys';
import { userMessage } from '../ui/user-message';

/** app.info as a query: version, mode and data folder; re-read after a reconnect (main may be a new process). */
export const appInfoQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.appInfo,
    queryFn: ({ signal }) => api.invoke('app.info', {}, { signal }),
  });

export function useAppInfo(): { info: AppInfo | null; error: string | null } {
  const q = useQuery(appInfoQuery(useApi()));
  return { info: q.data ?? null, error: q.error ? userMessage(q.error) : null };
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

/** app.settings as a query (kept current by app.settingsChanged, so every window follows a change). */
export const appSettingsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.appSettings,
    queryFn: ({ signal }) => api.invoke('app.settings', {}, { signal }),
  });

export function useAppSettings(): { answer: SettingsAnswer | null; error: string | null } {
  const q = useQuery(appSettingsQuery(useApi()));
  return { answer: q.data ?? null, error: q.error ? userMessage(q.error) : null };
}

/** Saves a change; the cache takes main's answer (what it stored and applies). */
export function useSaveAppSettings() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: AppSettingsPatch) => api.invoke('app.setSettings', patch),
    // Shown at once (a radio follows the click); main's answer replaces it, a refusal puts the old one back.
    onMutate: (patch) => {
      const before = client.getQueryData<SettingsAnswer>(queryKeys.appSettings);
      if (before) client.setQueryData(queryKeys.appSettings, { ...before, settings: { ...before.settings, ...patch } });
      return { before };
    },
    onError: (_err, _patch, context) => context?.before && client.setQueryData(queryKeys.appSettings, context.before),
    onSuccess: (answer) => client.setQueryData(queryKeys.appSettings, answer),
  });
}
