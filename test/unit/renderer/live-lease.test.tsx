// @vitest-environment jsdom
// .tsx: it loads renderer code (DOM types), which tsconfig.node.json does not type-check.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus } from '../../../renderer/src/api/transport';
import type { ApiClient } from '../../../renderer/src/api/client';

vi.mock('../../../renderer/src/api/client', () => ({ api: {} }));
const { createLive } = await import('../../../renderer/src/api/live');

/** A fake client: answers lease calls with a grant, records calls, and lets the test drive the connection status. */
function fakeApi(refuse: Set<string> = new Set()) {
  const calls: string[] = [];
  const status = new Set<(s: ConnectionStatus) => void>();
  const api = {
    invoke: (channel: string, input: { id?: string; mode?: string }) => {
      calls.push(`${channel} ${input.id ?? ''}${input.mode ? ' ' + input.mode : ''}`.trim());
      if (refuse.has(channel)) return Promise.reject(new Error('NOT_FOUND'));
      if (channel === 'live.hold') return new Promise(() => undefined);
      if (channel.endsWith('.lease')) return Promise.resolve({ ttlMs: 30_000, renewMs: 10_000 });
      return Promise.resolve({ released: true });
    },
    on: () => () => undefined,
    onStatus: (l: (s: ConnectionStatus) => void) => {
      status.add(l);
      l('open');
      return () => status.delete(l);
    },
  } as unknown as ApiClient;
  return { api, calls, setStatus: (s: ConnectionStatus) => status.forEach((l) => l(s)) };
}

function fakeDoc() {
  const listeners = new Set<() => void>();
  const doc = {
    visibilityState: 'visible' as DocumentVisibilityState,
    addEventListener: (_: string, l: () => void) => listeners.add(l),
    removeEventListener: (_: string, l: () => void) => listeners.delete(l),
  };
  return { doc: doc as unknown as Document, set: (v: DocumentVisibilityState) => ((doc.visibilityState = v), listeners.forEach((l) => l())), listeners };
}

const ref = { lease: 'inventory.lease', release: 'inventory.release' } as const;
const flush = () => vi.advanceTimersByTimeAsync(0);

describe('holdLease (renderer)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('holds presence once, opens the lease, renews at the granted pace, and releases', async () => {
    const { api, calls } = fakeApi();
    const live = createLive(api, fakeDoc().doc);
    const h = live.holdLease(ref as never, 'all');
    live.holdLease({ lease: 'console.lease', release: 'console.release' } as never, 's1', { mode: 'visible' });
    await flush();
    expect(calls).toEqual(['live.hold', 'inventory.lease all', 'console.lease s1 visible']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls.filter((c) => c === 'inventory.lease all')).toHaveLength(2);
    h.release();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls.filter((c) => c === 'inventory.lease all')).toHaveLength(2);
    expect(calls).toContain('inventory.release all');
  });

  it('while hidden the lease is released, and taken again when the page shows', async () => {
    const { api, calls } = fakeApi();
    const page = fakeDoc();
    const h = createLive(api, page.doc).holdLease(ref as never, 'all', { whileVisible: true });
    await flush();
    page.set('hidden');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.slice(1)).toEqual(['inventory.lease all', 'inventory.release all']);
    page.set('visible');
    await flush();
    expect(calls.at(-1)).toBe('inventory.lease all');
    h.release();
    expect(page.listeners.size).toBe(0);
  });

  it('a mode change goes out at once; an unchanged one does not', async () => {
    const { api, calls } = fakeApi();
    const h = createLive(api, fakeDoc().doc).holdLease<string>({ lease: 'console.lease', release: 'console.release' } as never, 's1', { mode: 'visible' });
    await flush();
    h.setMode('visible');
    h.setMode('hidden');
    await flush();
    expect(calls.slice(1)).toEqual(['console.lease s1 visible', 'console.lease s1 hidden']);
  });

  it('re-opens the lease after a reconnect (the new connection holds none)', async () => {
    const { api, calls, setStatus } = fakeApi();
    createLive(api, fakeDoc().doc).holdLease(ref as never, 'all');
    await flush();
    setStatus('reconnecting');
    setStatus('open');
    await flush();
    expect(calls).toEqual(['live.hold', 'inventory.lease all', 'live.hold', 'inventory.lease all']);
  });

  it('a refused renewal stops renewing and tells the holder', async () => {
    const { api, calls } = fakeApi(new Set(['console.lease']));
    const lost = vi.fn();
    createLive(api, fakeDoc().doc).holdLease({ lease: 'console.lease', release: 'console.release' } as never, 'gone', { mode: 'visible', onLost: lost });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(lost).toHaveBeenCalledTimes(1);
    expect(calls.filter((c) => c.startsWith('console.lease'))).toHaveLength(1);
  });
});
