import i18next from 'i18next';
import type { HostView } from '../../../shared/features/hosts/hosts.contract';
import { queryClient } from '../query/query-client';
import { queryKeys } from '../query/query-keys';
import { describeError } from './user-error';

/** A host's name from the one cached host list (stores and callbacks outside React have no useHosts). */
export function cachedHostName(hostId: string): string | undefined {
  return queryClient.getQueryData<HostView[]>(queryKeys.hosts)?.find((h) => h.id === hostId)?.name;
}

/**
 * The user's-language sentence for an error, for places that keep a string (stores, callbacks, notices): the
 * same mapping as ErrorText (describeError), read with the app's current language. Views that can show the
 * detail one click away should render <ErrorText error={err}/> instead.
 */
export function userMessage(err: unknown): string {
  return describeError(i18next.t.bind(i18next) as never, err, cachedHostName).message;
}
