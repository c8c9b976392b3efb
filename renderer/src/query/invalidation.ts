import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { EventName } from '../../../shared/ipc/contract';
import type { ApiClient } from '../api/client';
import { queryKeys } from './query-keys';

/**
 * Which cached reads each of main's events makes stale: the one place a new `x.changed` event is wired to the
 * reads it affects. Views that use those queries re-read on their own; nobody subscribes by hand.
 */
export const invalidatedBy: Partial<Record<EventName, readonly QueryKey[]>> = {
  'hosts.changed': [queryKeys.hosts],
  // A host's connection state is part of its HostView (the dot and the state text in every host list).
  'host.state': [queryKeys.hosts],
  'ledger.appended': [queryKeys.ledger],
  'checkpoints.groupsChanged': [queryKeys.checkpointGroups],
  'app.problemsChanged': [queryKeys.appProblems],
  'app.settingsChanged': [queryKeys.appSettings],
};

/** Events arriving within this window invalidate once (a poll of 16 hosts signals 16 changes). */
export const COALESCE_MS = 150;

const reconnectListeners = new Set<() => void>();

/**
 * Runs `listener` after every reconnect (not the first open), when the cached reads have just been
 * invalidated. For what is not a query: the inventory grid's own cache, console streams.
 */
export function onReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

/**
 * Subscribes once to the api client's events and connection status: a listed event invalidates its queries,
 * and a reconnect invalidates everything (main may be a new process that missed nothing we were told, or a
 * restarted one with new state), then tells the onReconnect listeners. Returns the unsubscribe.
 */
export function startQueryBridge(api: ApiClient, client: QueryClient, coalesceMs = COALESCE_MS): () => void {
  const pending = new Map<string, QueryKey>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const keys = [...pending.values()];
    pending.clear();
    for (const queryKey of keys) void client.invalidateQueries({ queryKey });
  };
  const offs = Object.entries(invalidatedBy).map(([name, keys]) =>
    api.on(name as EventName, () => {
      for (const key of keys) pending.set(JSON.stringify(key), key);
      timer ??= setTimeout(flush, coalesceMs);
    }),
  );
  let wasOpen = false;
  let dropped = false;
  offs.push(
    api.onStatus((status) => {
      if (status !== 'open') {
        dropped = wasOpen;
        return;
      }
      wasOpen = true;
      if (!dropped) return;
      dropped = false;
      void client.invalidateQueries();
      for (const listener of [...reconnectListeners]) listener();
    }),
  );
  return () => {
    for (const off of offs) off();
    if (timer) clearTimeout(timer);
    timer = null;
  };
}
