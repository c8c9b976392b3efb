import type { ChannelInput, ChannelName, ChannelOutput } from '../../../../shared/ipc/contract';
import { api } from '../../api/client';
import { ApiError } from '../../api/api-error';

/**
 * A read that survives a dropped connection: when the transport loses the socket (the call fails with
 * CANCELLED though nobody cancelled it), wait for the connection to open again and ask once more.
 * Only for reads: a change is never re-sent behind the user's back.
 */
export async function readWithReconnect<K extends ChannelName>(channel: K, input: ChannelInput<K>, signal?: AbortSignal, attempts = 3): Promise<ChannelOutput<K>> {
  for (let i = 1; ; i++) {
    try {
      return await api.invoke(channel, input, { signal });
    } catch (err) {
      const dropped = err instanceof ApiError && err.code === 'CANCELLED' && !signal?.aborted;
      if (!dropped || i >= attempts) throw err;
      await untilOpen(signal);
    }
  }
}

function untilOpen(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      // onStatus reports the current status synchronously, before `off` exists: unsubscribe a tick later.
      queueMicrotask(() => off());
      fn();
    };
    signal?.addEventListener('abort', () => done(() => reject(new ApiError({ code: 'CANCELLED', message: 'Cancelled' }))), { once: true });
    const off = api.onStatus((s) => {
      if (s === 'open') done(resolve);
    });
  });
}
