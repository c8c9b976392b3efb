import type { ChannelName, EventName } from '../../../../shared/ipc/contract';
import type { ApiClient } from '../../../../renderer/src/api/client';
import type { ConnectionStatus } from '../../../../renderer/src/api/transport';

type Handler = (input: unknown) => unknown;

/** An api client the test drives: answers per channel, events and connection status pushed by hand. */
export function fakeApi(handlers: Partial<Record<ChannelName, Handler>>) {
  const calls: Array<{ channel: string; input: unknown }> = [];
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(s: ConnectionStatus) => void>();
  let status: ConnectionStatus = 'open';
  const api: ApiClient = {
    invoke: ((channel: ChannelName, input: unknown) => {
      calls.push({ channel, input });
      const handler = handlers[channel];
      if (!handler) return Promise.reject(new Error(`no handler for ${channel}`));
      return Promise.resolve().then(() => handler(input));
    }) as ApiClient['invoke'],
    on: ((name: EventName, listener: (payload: unknown) => void) => {
      const set = eventListeners.get(name) ?? new Set();
      eventListeners.set(name, set);
      set.add(listener);
      return () => set.delete(listener);
    }) as ApiClient['on'],
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
  };
  return {
    api,
    calls,
    callsTo: (channel: ChannelName) => calls.filter((c) => c.channel === channel),
    emit(name: EventName, payload: unknown) {
      for (const l of eventListeners.get(name) ?? []) l(payload);
    },
    setStatus(next: ConnectionStatus) {
      status = next;
      for (const l of statusListeners) l(next);
    },
  };
}
