import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleService } from '../../../electron/main/features/console/console.service';
import { ConsoleHandoff } from '../../../electron/main/features/console/console-handoff';
import { ClientPresence } from '../../../electron/main/platform/live/client-presence';
import type { HostScripts } from '../../../electron/main/platform/scripts/script-runner';
import { ManualClock } from '../../support/manual-clock';

/** A console stream lives as long as its lease (platform/live): renewed, it stays; lapsed or its client gone, it closes. */
const VM = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const info = { found: true, name: 'DC1', enabledState: 3, width: 3, height: 2, keyboard: true, unicode: false, layout: '00000409', mouse: false };
const offFrame = { found: true, name: 'DC1', state: 'Off', width: 0, height: 0, unchanged: false, hash: '', data: '' };
const hosts: Pick<HostScripts, 'on'> = {
  on: () => ({ run: async (def) => ({ value: (def.name === 'console/get-console-info' ? info : offFrame) as never }) }),
};

let service: ConsoleService | null = null;
afterEach(async () => {
  await service?.dispose();
  service = null;
});

function setup() {
  const clock = new ManualClock();
  const presence = new ClientPresence();
  const handoff = new ConsoleHandoff({ platform: 'linux', findExecutable: () => null, spawnDetached: () => undefined }, () => null);
  service = new ConsoleService({ hosts, bus: { emitTo: () => undefined }, clock, handoff, presence, leaseMs: 45_000 });
  const open = (clientId: string) => service!.open(clientId, 'h1', VM).then((r) => r.streamId);
  /** The service still has the stream (its own lookup, not the lease table's), probed with a renewal. */
  const isOpen = (clientId: string, id: string) => {
    try {
      service!.setVisibility(clientId, id, 'visible');
      return true;
    } catch {
      return false;
    }
  };
  return { clock, presence, service, open, isOpen };
}

describe('console stream lease', () => {
  it('closes a stream whose lease lapses, keeps one that is renewed', async () => {
    const { clock, service, open, isOpen } = setup();
    const kept = await open('a');
    const lapsed = await open('a');
    expect(service.leases.grant).toEqual({ ttlMs: 45_000, renewMs: 15_000 });
    for (let i = 0; i < 4; i++) {
      clock.advance(15_000);
      service.setVisibility('a', kept, 'background');
    }
    expect(service.stats('a').streams.find((s) => s.streamId === kept)).toMatchObject({ visibility: 'background' });
    expect(isOpen('a', lapsed)).toBe(false);
    expect(() => service.setVisibility('a', lapsed, 'visible')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(isOpen('a', kept)).toBe(true);
    clock.advance(45_000);
    expect(isOpen('a', kept)).toBe(false);
  });

  it('only the opener renews or releases its stream', async () => {
    const { service, open, isOpen } = setup();
    const id = await open('a');
    expect(() => service.leases.renew('b', id, 'hidden')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(service.leases.release('b', id)).toBe(false);
    expect(isOpen('b', id)).toBe(false);
    expect(isOpen('a', id)).toBe(true);
    expect(service.leases.release('a', id)).toBe(true);
    expect(isOpen('a', id)).toBe(false);
  });

  it('closes every stream of a client as soon as its connection goes', async () => {
    const { presence, open, isOpen } = setup();
    const conn = new AbortController();
    const held = presence.hold('a', conn.signal);
    const a1 = await open('a');
    const a2 = await open('a');
    const b1 = await open('b');
    conn.abort();
    await held;
    expect([isOpen('a', a1), isOpen('a', a2), isOpen('b', b1)]).toEqual([false, false, true]);
  });
});
