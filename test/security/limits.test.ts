import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { InventoryPrefsStore } from '../../electron/main/features/inventory/inventory-prefs.document';
import { nodeStateFiles } from '../../electron/main/platform/documents/atomic-file';
import { Dispatcher } from '../../electron/main/platform/ipc/dispatcher';
import type { FeatureModule, PartialHandlers } from '../../electron/main/platform/ipc/handlers';
import { prefsLimits } from '../../shared/features/inventory/inventory-prefs.schema';
import { channelNames } from '../../shared/ipc/contract';
import { VmTarget } from '../../shared/features/inventory/inventory.contract';
import { VmRef } from '../../shared/platform/vm-ref';
import type { Envelope } from '../../shared/ipc/errors';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Bounded user data through the real dispatcher (contract validation included) onto the real prefs document:
 * oversized tags and views are refused as VALIDATION, keys spelled like prototype members too (they used to
 * surface as INTERNAL: `tags['constructor']` is Object itself), and the file stays small.
 */
function setup() {
  const file = join(mkdtempSync(join(tmpdir(), 'hd-limits-')), 'inventory-prefs.json');
  const store = new InventoryPrefsStore(file, nodeStateFiles, quiet);
  const taken = ['inventory.setTags', 'inventory.saveView'];
  const handlers: Record<string, (input: never) => unknown> = {
    'inventory.setTags': (i: { vmKeys: string[]; add: string[]; remove: string[] }) => store.setTags(i.vmKeys, i.add, i.remove),
    'inventory.saveView': (v: never) => store.saveView(v),
  };
  for (const n of channelNames) if (!taken.includes(n)) handlers[n] = () => { throw new Error('not under test'); };
  const feature: FeatureModule = { name: 'prefs-under-test', handlers: handlers as unknown as PartialHandlers };
  const dispatcher = new Dispatcher([feature], quiet);
  const call = (channel: string, input: unknown) =>
    dispatcher.dispatch(channel, JSON.parse(JSON.stringify(input)) as unknown, { signal: new AbortController().signal, clientId: 't' }) as Promise<Envelope<unknown>>;
  return { store, file, call };
}

const view = (over: Record<string, unknown> = {}) => ({
  id: 'v1',
  name: 'My view',
  query: { search: '', hostIds: [], states: [], tags: [], sort: { key: 'name', dir: 'asc' } },
  ...over,
});

describe('bounded user data', () => {
  let h: ReturnType<typeof setup>;
  beforeEach(async () => {
    h = setup();
    await h.store.load();
  });

  it('refuses VM keys spelled like prototype members as VALIDATION, never INTERNAL', async () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', ' constructor ']) {
      const r = await h.call('inventory.setTags', { vmKeys: [key], add: ['x'] });
      expect([key, r.ok ? 'ok' : r.error.code]).toEqual([key, 'VALIDATION']);
    }
    // The store itself refuses them too (a caller that bypassed the contract).
    await expect(h.store.setTags(['constructor'], ['x'], [])).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(h.store.get().tags).toEqual({});
  });

  it('refuses VM Ids spelled like prototype members in every inventory VM reference', () => {
    for (const vmId of ['__proto__', 'constructor', 'valueOf']) {
      expect(VmTarget.safeParse({ hostId: 'lab', vmId, vmName: 'x' }).success).toBe(false);
      expect(VmRef.safeParse({ hostId: 'lab', vmId }).success).toBe(false);
    }
    expect(VmTarget.safeParse({ hostId: 'lab', vmId: '5f0c1d2e-0000-4000-8000-000000000007', vmName: 'x' }).success).toBe(true);
  });

  it('refuses a saved view id spelled like a prototype member', async () => {
    const r = await h.call('inventory.saveView', view({ id: '__proto__' }));
    expect(r.ok ? 'ok' : r.error.code).toBe('VALIDATION');
  });

  it('limits tags per VM, tag length and VMs per call', async () => {
    const tooMany = Array.from({ length: prefsLimits.tagsPerVm + 1 }, (_, i) => `t${i}`);
    expect(await h.call('inventory.setTags', { vmKeys: ['a'], add: tooMany })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await h.call('inventory.setTags', { vmKeys: ['a'], add: ['x'.repeat(41)] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const vms = Array.from({ length: prefsLimits.vmsPerTagCall + 1 }, (_, i) => `vm-${i}`);
    expect(await h.call('inventory.setTags', { vmKeys: vms, add: ['x'] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // Growing one VM past the bound over several calls is refused too, and nothing of the refused call is kept.
    expect(await h.call('inventory.setTags', { vmKeys: ['a'], add: tooMany.slice(0, prefsLimits.tagsPerVm) })).toMatchObject({ ok: true });
    expect(await h.call('inventory.setTags', { vmKeys: ['a'], add: ['one-more'] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(h.store.get().tags['a']).toHaveLength(prefsLimits.tagsPerVm);
  });

  it('limits saved views in count and in what each one filters on', async () => {
    const many = Array.from({ length: prefsLimits.viewFilterItems + 1 }, (_, i) => `h${i}`);
    for (const field of ['hostIds', 'states', 'tags']) {
      const q = { search: '', hostIds: [], states: [], tags: [], sort: { key: 'name', dir: 'asc' }, [field]: many };
      expect([field, await h.call('inventory.saveView', view({ query: q }))]).toMatchObject([field, { ok: false, error: { code: 'VALIDATION' } }]);
    }
    expect(await h.call('inventory.saveView', view({ query: { search: '', hostIds: ['x'.repeat(201)], states: [], tags: [], sort: { key: 'name', dir: 'asc' } } }))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    for (let i = 0; i < prefsLimits.viewsMax; i++) expect((await h.call('inventory.saveView', view({ id: `v${i}` }))).ok).toBe(true);
    expect(await h.call('inventory.saveView', view({ id: 'one-too-many' }))).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('the audit’s four growth calls now leave the prefs file small', async () => {
    const huge = Array.from({ length: 100_000 }, (_, i) => `t${i}`);
    await h.call('inventory.setTags', { vmKeys: Array.from({ length: 50_000 }, (_, i) => `vm-${i}`), add: ['x'] });
    await h.call('inventory.setTags', { vmKeys: ['a'], add: huge });
    await h.call('inventory.saveView', view({ query: { search: '', hostIds: huge, states: huge, tags: huge, sort: { key: 'name', dir: 'asc' } } }));
    await h.call('inventory.saveView', view({ name: 'n'.repeat(1_000_000) }));
    const size = (() => {
      try {
        return statSync(h.file).size;
      } catch {
        return 0;
      }
    })();
    expect(size).toBeLessThan(64 * 1024);
  });
});
