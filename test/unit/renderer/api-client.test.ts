import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../../renderer/src/api/api-client';
import { ApiError } from '../../../renderer/src/api/api-error';
import type { Transport } from '../../../renderer/src/api/transport';
import type { Envelope } from '../../../shared/ipc/errors';

function fakeTransport(answer: (channel: string, input: unknown) => Envelope<unknown> | Promise<Envelope<unknown>>) {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const cancelled: string[] = [];
  const transport: Transport = {
    invoke: vi.fn(async (_id: string, channel: string, input: unknown) => answer(channel, input)),
    cancel: (id) => void cancelled.push(id),
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onStatus: (l) => {
      l('open');
      return () => undefined;
    },
  };
  return { transport, listeners, cancelled };
}

describe('api client', () => {
  it('returns the value of a successful call', async () => {
    const info = { name: 'Hyperdesk', version: '1', mode: 'browser' as const, platform: 'linux' };
    const { transport } = fakeTransport(() => ({ ok: true, value: info }));
    const api = createApiClient(() => transport);
    const got = await api.invoke('app.info', {});
    expect(got.mode).toBe('browser');
    expect(transport.invoke).toHaveBeenCalledWith(expect.any(String), 'app.info', {});
  });

  it('throws an ApiError carrying the envelope code', async () => {
    const { transport } = fakeTransport(() => ({ ok: false, error: { code: 'HOST_UNREACHABLE', message: 'down', hostId: 'h1' } }));
    const api = createApiClient(() => transport);
    const err = await api.invoke('app.info', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'HOST_UNREACHABLE', message: 'down', hostId: 'h1' });
  });

  it('refuses channels outside the contract without touching the transport', async () => {
    const { transport } = fakeTransport(() => ({ ok: true, value: null }));
    const api = createApiClient(() => transport);
    await expect(api.invoke('nope.nothing' as 'app.info', {})).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(transport.invoke).not.toHaveBeenCalled();
  });

  it('rejects at once with CANCELLED when aborted, and tells main', async () => {
    const { transport, cancelled } = fakeTransport(() => new Promise(() => undefined));
    const api = createApiClient(() => transport);
    const ac = new AbortController();
    const p = api.invoke('app.info', {}, { signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(cancelled).toHaveLength(1);
  });

  it('gives each call a distinct id', async () => {
    const { transport } = fakeTransport(() => ({ ok: true, value: { name: 'x', version: '1', mode: 'desktop', platform: 'p' } }));
    const api = createApiClient(() => transport);
    await Promise.all([api.invoke('app.info', {}), api.invoke('app.info', {})]);
    const ids = vi.mocked(transport.invoke).mock.calls.map((c) => c[0]);
    expect(new Set(ids).size).toBe(2);
  });

  it('delivers only the subscribed event', () => {
    const { transport, listeners } = fakeTransport(() => ({ ok: true, value: null }));
    const api = createApiClient(() => transport);
    const got: unknown[] = [];
    const off = api.on('app.ready', (p) => got.push(p.at));
    for (const l of listeners) {
      l('something.else', { at: 'no' });
      l('app.ready', { at: 'yes' });
    }
    expect(got).toEqual(['yes']);
    off();
    expect(listeners.size).toBe(0);
  });
});
