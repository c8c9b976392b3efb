// @vitest-environment jsdom
// .tsx: it loads renderer code (DOM types), which tsconfig.node.json does not type-check.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VmRow } from '../../../shared/features/inventory/vm-row.schema';
import { vm } from './fakes';

// The store talks to main only through `api`: a fake answers per channel and records every call.
const calls: { channel: string; input: Record<string, unknown> }[] = [];
const listeners = new Map<string, (payload: unknown) => void>();
const hostIds = ['h1', 'h2', 'h3'];
let vmsOf: Record<string, VmRow[]> = {};
/** When set, hosts.list waits for it: a first load still out when the store lets go. */
let hostsGate: Promise<void> | null = null;
const inv = (hostId: string) => ({ hostId, vms: vmsOf[hostId] ?? [], fetchedAt: null, stale: false });

vi.mock('../../../renderer/src/api/client', () => ({
  api: {
    invoke: async (channel: string, input: Record<string, unknown>) => {
      calls.push({ channel, input });
      if (channel === 'hosts.list' && hostsGate) await hostsGate;
      if (channel === 'hosts.list') return { hosts: hostIds.map((id) => ({ id, name: id.toUpperCase(), transport: 'ssh', address: '127.0.0.1', port: 22, userName: 'u', hasCredential: false, status: { state: 'ready' } })) };
      if (channel === 'inventory.snapshot' || channel === 'inventory.refresh') {
        const ids = (input.hostIds as string[] | undefined) ?? hostIds;
        return { hosts: ids.map(inv) };
      }
      if (channel === 'inventory.prefs') return { version: 1, tags: {}, views: [] };
      if (channel === 'inventory.lease') return { ttlMs: 16_000, renewMs: 4000 };
      if (channel === 'inventory.release') return { released: true };
      if (channel === 'live.hold') return new Promise(() => undefined); // held for the connection's life
      throw new Error(`unexpected ${channel}`);
    },
    on: (name: string, l: (payload: unknown) => void) => {
      listeners.set(name, l);
      return () => listeners.delete(name);
    },
    onStatus: (l: (s: string) => void) => {
      l('open');
      return () => undefined;
    },
  },
}));

const { KEEP_LIVE_MS, useInventoryStore } = await import('../../../renderer/src/stores/inventory.store');
const rowsOf = (hostId: string, n: number) => Array.from({ length: n }, (_, i) => ({ ...vm(`${hostId}-${i}`), hostId }) as VmRow);
const reads = (channel: string) => calls.filter((c) => c.channel === channel).map((c) => c.input.hostIds);

describe('inventory store', () => {
  let stop: () => void;
  let rowChanges: number;
  let unsubscribe: () => void;
  beforeEach(() => {
    // Fake timers that still follow the clock: the store's own timers (pull coalescing, keep-live) run as usual
    // and the test can jump past the keep-live period.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'], shouldAdvanceTime: true });
    calls.length = 0;
    vmsOf = { h1: rowsOf('h1', 3), h2: rowsOf('h2', 2), h3: rowsOf('h3', 4) };
    rowChanges = 0;
    unsubscribe = useInventoryStore.subscribe((s, prev) => {
      if (s.rows !== prev.rows) rowChanges++;
    });
  });
  afterEach(() => {
    stop?.();
    unsubscribe();
    vi.advanceTimersByTime(KEEP_LIVE_MS); // fully disconnected before the next test
    vi.useRealTimers();
  });

  it('reads every host in its own call (small answers) and applies them together (one re-sort)', async () => {
    stop = useInventoryStore.getState().start();
    await vi.waitFor(() => expect(reads('inventory.refresh')).toHaveLength(3));
    await vi.waitFor(() => expect(useInventoryStore.getState().refreshing).toBe(false));
    expect(reads('inventory.snapshot')).toEqual([['h1'], ['h2'], ['h3']]);
    expect(reads('inventory.refresh')).toEqual([['h1'], ['h2'], ['h3']]);
    expect(useInventoryStore.getState().rows.map((r) => r.id)).toEqual([...vmsOf.h1!, ...vmsOf.h2!, ...vmsOf.h3!].map((r) => r.id));
    // The cache answer changed the rows once; the refresh brought the same rows, so the grid kept its array.
    expect(rowChanges).toBe(1);

    // A poll signals two hosts: both are pulled, one call each, and the grid changes once.
    calls.length = 0;
    vmsOf.h2 = [{ ...vmsOf.h2![0]!, state: 'Running' }, vmsOf.h2![1]!];
    vmsOf.h3 = [...vmsOf.h3!, { ...vm('h3-new'), hostId: 'h3' } as VmRow];
    listeners.get('inventory.changed')!({ hostId: 'h2' });
    listeners.get('inventory.changed')!({ hostId: 'h3' });
    await vi.waitFor(() => expect(useInventoryStore.getState().rows).toHaveLength(10), { timeout: 2000 });
    expect(reads('inventory.snapshot')).toEqual([['h2'], ['h3']]);
    expect(rowChanges).toBe(2);
    const rows = useInventoryStore.getState().rows;
    expect(rows.find((r) => r.id === 'h2-0')!.state).toBe('Running');
    expect(rows[0]).toBe(vmsOf.h1![0]); // unchanged rows keep their objects (the search index and row memos key on them)
  });

  it('stays subscribed for a while after the view unmounts: coming back reads nothing again; later it lets go', async () => {
    stop = useInventoryStore.getState().start();
    await vi.waitFor(() => expect(reads('inventory.refresh')).toHaveLength(3));
    stop();
    stop(); // a second call of the same stop changes nothing
    vi.advanceTimersByTime(KEEP_LIVE_MS / 2);
    calls.length = 0;
    stop = useInventoryStore.getState().start();
    await Promise.resolve();
    expect(calls).toEqual([]);
    expect(listeners.has('inventory.changed')).toBe(true);

    stop();
    vi.advanceTimersByTime(KEEP_LIVE_MS);
    expect(listeners.has('inventory.changed')).toBe(false);
    expect(calls).toContainEqual({ channel: 'inventory.release', input: { id: 'all' } });
    calls.length = 0;
    stop = useInventoryStore.getState().start();
    await vi.waitFor(() => expect(reads('inventory.snapshot')).toHaveLength(3));
  });

  it('a store that lets go while its first load is still out holds no poll lease afterwards', async () => {
    let open!: () => void;
    hostsGate = new Promise<void>((r) => (open = r));
    stop = useInventoryStore.getState().start();
    stop();
    vi.advanceTimersByTime(KEEP_LIVE_MS); // fully let go, the load still waiting on hosts.list
    expect(listeners.has('inventory.changed')).toBe(false);
    open();
    hostsGate = null;
    await vi.waitFor(() => expect(reads('inventory.refresh')).toHaveLength(3));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(calls.filter((c) => c.channel === 'inventory.lease')).toEqual([]);
  });
});
