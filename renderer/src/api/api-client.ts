import {
  isChannelName,
  isEventName,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type EventName,
  type EventPayload,
} from '../../../shared/ipc/contract';
import type { HyperdeskBridge } from '../../../shared/ipc/bridge';
import { ApiError } from './api-error';
import type { ConnectionStatus, Transport } from './transport';

export interface InvokeOptions {
  /** Aborting rejects the call with CANCELLED at once and tells main to abort the handler. */
  signal?: AbortSignal;
}

export interface ApiClient {
  invoke<K extends ChannelName>(channel: K, input: ChannelInput<K>, opts?: InvokeOptions): Promise<ChannelOutput<K>>;
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

/** The typed API over any transport (pure: no window access, so unit tests run it under Node). */
export function createApiClient(getTransport: () => Transport): ApiClient {
  let seq = 0;
  const prefix = Math.random().toString(36).slice(2, 8);
  return {
    invoke(channel, input, opts = {}) {
      if (!isChannelName(channel)) return Promise.reject(new ApiError({ code: 'VALIDATION', message: `Unknown channel: ${String(channel)}` }));
      const { signal } = opts;
      if (signal?.aborted) return Promise.reject(new ApiError({ code: 'CANCELLED', message: 'Cancelled' }));
      const transport = getTransport();
      const id = `${prefix}-${++seq}`;
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          transport.cancel(id);
          reject(new ApiError({ code: 'CANCELLED', message: 'Cancelled' }));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        transport.invoke(id, channel, input).then(
          (envelope) => {
            signal?.removeEventListener('abort', onAbort);
            if (envelope.ok) resolve(envelope.value as ChannelOutput<typeof channel>);
            else reject(new ApiError(envelope.error));
          },
          (err: unknown) => {
            signal?.removeEventListener('abort', onAbort);
            reject(new ApiError({ code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) }));
          },
        );
      });
    },
    on(name, listener) {
      if (!isEventName(name)) throw new ApiError({ code: 'VALIDATION', message: `Unknown event: ${String(name)}` });
      return getTransport().onEvent((eventName, payload) => {
        if (eventName === name) listener(payload as EventPayload<typeof name>);
      });
    },
    onStatus(listener) {
      return getTransport().onStatus(listener);
    },
  };
}

/** The Electron preload bridge as a transport (IPC cannot drop, so it is always open). */
export function bridgeTransport(bridge: HyperdeskBridge): Transport {
  return {
    invoke: (id, channel, input) => bridge.invoke(id, channel, input),
    cancel: (id) => bridge.cancel(id),
    onEvent: (listener) => bridge.onEvent(listener),
    onStatus: (listener) => {
      listener('open');
      return () => undefined;
    },
  };
}
