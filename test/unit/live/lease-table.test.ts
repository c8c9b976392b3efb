import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LeaseTable, type CloseReason } from '../../../electron/main/platform/live/lease-table';
import { ClientPresence } from '../../../electron/main/platform/live/client-presence';
import { leaseHandlers, liveEmitter } from '../../../electron/main/platform/live/live-handlers';
import { defineLive } from '../../../shared/ipc/live';
import { ManualClock } from '../../support/manual-clock';

function setup(presence?: ClientPresence) {
  const clock = new ManualClock();
  const log: string[] = [];
  const table = new LeaseTable<'fast' | 'slow'>({
    clock,
    ttlMs: 30_000,
    renewMs: 10_000,
    presence,
    onFirstOpen: (id, mode, clientId) => log.push(`start ${id} ${mode ?? '-'} by ${clientId}`),
    onLastClose: (id, reason: CloseReason) => log.push(`stop ${id} ${reason}`),
    onMode: (id, mode, clientId) => log.push(`mode ${id} ${mode} by ${clientId}`),
  });
  return { clock, table, log };
}

describe('LeaseTable', () => {
  it('starts the work on the first lease of an id and stops it when the last one lapses', () => {
    const { clock, table, log } = setup();
    expect(table.open('a', 'x')).toEqual({ ttlMs: 30_000, renewMs: 10_000 });
    table.open('b', 'x');
    expect(log).toEqual(['start x - by a']);
    clock.advance(29_999);
    expect(table.holders('x')).toEqual(['a', 'b']);
    clock.advance(1);
    expect(table.holders('x')).toEqual([]);
    expect(log).toEqual(['start x - by a', 'stop x expired']);
    expect(clock.pending).toBe(0);
  });

  it('a renewal pushes the expiry out; a client that stops renewing loses only its own lease', () => {
    const { clock, table, log } = setup();
    table.open('a', 'x');
    table.open('b', 'x');
    for (let i = 0; i < 5; i++) {
      clock.advance(20_000);
      table.renew('a', 'x');
    }
    expect(table.holders('x')).toEqual(['a']);
    expect(log).toEqual(['start x - by a']);
    clock.advance(30_000);
    expect(log.at(-1)).toBe('stop x expired');
  });

  it('only the holder renews or releases: another client gets NOT_FOUND and cannot end it', () => {
    const { table, log } = setup();
    table.open('a', 'x', 'fast');
    expect(() => table.renew('b', 'x', 'slow')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => table.renew('b', 'nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(table.release('b', 'x')).toBe(false);
    expect(table.modeOf('a', 'x')).toBe('fast');
    expect(table.holders('x')).toEqual(['a']);
    expect(table.release('a', 'x')).toBe(true);
    expect(log).toEqual(['start x fast by a', 'mode x fast by a', 'stop x released']);
  });

  it('modes are per holder and reported on every renewal that carries one', () => {
    const { table, log } = setup();
    table.open('a', 'x', 'fast');
    table.renew('a', 'x');
    table.renew('a', 'x', 'slow');
    expect(table.modeOf('a', 'x')).toBe('slow');
    expect(log.filter((l) => l.startsWith('mode'))).toEqual(['mode x fast by a', 'mode x slow by a']);
  });

  it('releases every lease of a client whose connection goes, long before the ttl', async () => {
    const presence = new ClientPresence();
    const { clock, table, log } = setup(presence);
    const conn = new AbortController();
    const held = presence.hold('a', conn.signal);
    table.open('a', 'x');
    table.open('a', 'y');
    table.open('b', 'y');
    conn.abort();
    await held;
    expect(table.ids()).toEqual(['y']);
    expect(table.holders('y')).toEqual(['b']);
    expect(log).toEqual(['start x - by a', 'start y - by a', 'stop x client-gone']);
    // The lapsed client's timers were cleared: advancing fires only b's expiry.
    clock.advance(30_000);
    expect(log.at(-1)).toBe('stop y expired');
    expect(clock.pending).toBe(0);
  });

  it('dispose ends every lease and stops listening for clients', async () => {
    const presence = new ClientPresence();
    const { table, log, clock } = setup(presence);
    table.open('a', 'x');
    table.dispose();
    expect(log.at(-1)).toBe('stop x disposed');
    expect(clock.pending).toBe(0);
    const conn = new AbortController();
    const held = presence.hold('a', conn.signal);
    conn.abort();
    await held;
    expect(log).toHaveLength(2);
  });
});

describe('ClientPresence', () => {
  it('a client is gone only when its last hold ends', async () => {
    const presence = new ClientPresence();
    const gone: string[] = [];
    presence.onGone((c) => gone.push(c));
    const first = new AbortController();
    const second = new AbortController();
    const h1 = presence.hold('a', first.signal);
    const h2 = presence.hold('a', second.signal);
    first.abort();
    await h1;
    expect(gone).toEqual([]);
    expect(presence.isPresent('a')).toBe(true);
    second.abort();
    await h2;
    expect(gone).toEqual(['a']);
    expect(presence.isPresent('a')).toBe(false);
  });
});

describe('live stream helpers', () => {
  const metering = defineLive('metering', { id: z.string().uuid(), mode: z.enum(['fast', 'slow']) });

  it('defineLive names the lease and release channels from the stream name and keys them by id', () => {
    expect(Object.keys(metering.channels)).toEqual(['metering.lease', 'metering.release']);
    const lease = metering.channels['metering.lease'].input;
    expect(lease.safeParse({ id: 'not-a-uuid' }).success).toBe(false);
    expect(lease.safeParse({ id: '6f1e0c1a-3b7d-4e0a-9a51-2d3c4b5a6f70', mode: 'fast' }).success).toBe(true);
    expect(lease.safeParse({ id: '6f1e0c1a-3b7d-4e0a-9a51-2d3c4b5a6f70', mode: 'warp' }).success).toBe(false);
    const ev = metering.event({ cpu: z.number() });
    expect(ev.payload.safeParse({ cpu: 1 }).success).toBe(false);
    expect(ev.payload.parse({ id: '6f1e0c1a-3b7d-4e0a-9a51-2d3c4b5a6f70', cpu: 1 })).toEqual({ id: '6f1e0c1a-3b7d-4e0a-9a51-2d3c4b5a6f70', cpu: 1 });
  });

  it('the emitter sends an id\'s events to its holders only', () => {
    const { table } = setup();
    const sent: string[] = [];
    const emit = liveEmitter(table, { emitTo: (clientId: string, name: string) => void sent.push(`${name}->${clientId}`) } as never);
    table.open('a', 'x');
    table.open('b', 'x');
    table.open('c', 'y');
    emit('x', 'inventory.changed', { hostId: 'h' });
    expect(sent).toEqual(['inventory.changed->a', 'inventory.changed->b']);
  });

  it('lease handlers open or only renew, and act for the calling client', () => {
    const { table } = setup();
    const ctx = (clientId: string) => ({ clientId, signal: new AbortController().signal });
    const renewOnly = leaseHandlers(metering, table, { create: false }) as Record<string, (i: unknown, c: unknown) => unknown>;
    expect(() => renewOnly['metering.lease']!({ id: 'x' }, ctx('a'))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    const opening = leaseHandlers(metering, table, { create: true }) as Record<string, (i: unknown, c: unknown) => unknown>;
    expect(opening['metering.lease']!({ id: 'x', mode: 'slow' }, ctx('a'))).toEqual({ ttlMs: 30_000, renewMs: 10_000 });
    expect(renewOnly['metering.release']!({ id: 'x' }, ctx('b'))).toEqual({ released: false });
    expect(renewOnly['metering.release']!({ id: 'x' }, ctx('a'))).toEqual({ released: true });
  });
});
