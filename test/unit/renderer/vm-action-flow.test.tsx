// @vitest-environment jsdom
// .tsx: it loads renderer code (DOM types), which tsconfig.node.json does not type-check.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { rowKey, type VmRow } from '../../../shared/features/inventory/vm-row.schema';
import { ApiError } from '../../../renderer/src/api/api-error';

// The flow reaches main only through the inventory store's act(): a fake records each call and can refuse.
const acts: { action: string; keys: readonly string[]; deleteFiles?: boolean; checkpoint?: unknown }[] = [];
let refuse: ((action: string, checkpoint: unknown) => Error | null) | null = null;
let rows: VmRow[] = [];

vi.mock('../../../renderer/src/stores/inventory.store', () => ({
  useInventoryStore: {
    getState: () => ({
      rows,
      act: async (action: string, keys: readonly string[], deleteFiles?: boolean, checkpoint?: unknown) => {
        const err = refuse?.(action, checkpoint);
        if (err) throw err;
        acts.push({ action, keys, deleteFiles, checkpoint });
        return `task-${acts.length}`;
      },
    }),
  },
}));
vi.mock('../../../renderer/src/stores/tasks.store', () => ({
  useTasksStore: { getState: () => ({ waitFor: async (id: string) => ({ id, status: 'succeeded', items: [] }) }) },
}));

const { useActionFlow } = await import('../../../renderer/src/features/inventory/vm-action-flow');

const vm = (id: string, name: string, state: string): VmRow => ({
  hostId: 'h1', id, name, state, status: '', cpuUsage: 0, memoryAssigned: 0, memoryDemand: 0, memoryStartup: 2 ** 30, dynamicMemory: false,
  processorCount: 2, uptimeSeconds: 0, heartbeat: null, generation: 2, version: '10.0', checkpointCount: 0, replicationState: 'Disabled', notes: '', ipAddresses: [],
});
const dc = vm('dc', 'DC1', 'Running');
const fs = vm('fs', 'FS1', 'Off');
const lnx = vm('lnx', 'LNX1', 'Off');
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  acts.length = 0;
  refuse = null;
  rows = [dc, fs, lnx];
  useActionFlow.setState({ pending: null, notice: null, confirmations: true });
});

describe('the VM action flow (toolbar, row, menu, palette and keyboard all ask through it)', () => {
  it('asks before a turn-off, naming only the VMs it applies to, and runs nothing until confirmed', async () => {
    useActionFlow.getState().request('turnoff', [dc, fs, lnx].map(rowKey));
    const pending = useActionFlow.getState().pending;
    expect(pending).toEqual({ kind: 'confirm', action: 'turnoff', keys: [rowKey(dc)], skipped: [['alreadyOff', ['FS1', 'LNX1']]] });
    expect(acts).toEqual([]);
    if (pending?.kind !== 'confirm') throw new Error('no confirmation');
    await useActionFlow.getState().run(pending.action, pending.keys, pending.skipped);
    expect(acts.map((a) => [a.action, a.keys])).toEqual([['turnoff', [rowKey(dc)]]]);
    expect(useActionFlow.getState().notice).toEqual({ kind: 'skipped', action: 'turnoff', done: 1, skipped: [['alreadyOff', ['FS1', 'LNX1']]] });
  });

  it('runs a start at once on the VMs that are off, and says which it skipped', async () => {
    useActionFlow.getState().request('start', [dc, fs].map(rowKey));
    await flush();
    expect(useActionFlow.getState().pending).toBeNull();
    expect(acts.map((a) => [a.action, a.keys])).toEqual([['start', [rowKey(fs)]]]);
    expect(useActionFlow.getState().notice).toMatchObject({ kind: 'skipped', done: 1, skipped: [['alreadyRunning', ['DC1']]] });
  });

  it('sends nothing when no VM can take the action, and says why', () => {
    useActionFlow.getState().request('start', [rowKey(dc)]);
    expect(acts).toEqual([]);
    expect(useActionFlow.getState().notice).toEqual({ kind: 'skipped', action: 'start', done: 0, skipped: [['alreadyRunning', ['DC1']]] });
  });

  it('does not ask when confirmations are off (the Settings preference)', async () => {
    useActionFlow.getState().setConfirmations(false);
    useActionFlow.getState().request('restart', [rowKey(dc)]);
    await flush();
    expect(useActionFlow.getState().pending).toBeNull();
    expect(acts.map((a) => a.action)).toEqual(['restart']);
  });

  it('turns a domain controller\'s checkpoint refusal into the choice of production or a reason', async () => {
    refuse = (action, checkpoint) =>
      action === 'checkpoint' && !checkpoint ? new ApiError({ code: 'CONFLICT', message: 'DC', detail: { rule: 'dc-standard-checkpoint' } }) : null;
    useActionFlow.getState().request('checkpoint', [rowKey(dc)]);
    await flush();
    expect(useActionFlow.getState().pending).toEqual({ kind: 'dcCheckpoint', keys: [rowKey(dc)], names: ['DC1'] });
    expect(acts).toEqual([]);
    await useActionFlow.getState().run('checkpoint', [rowKey(dc)], [], { production: true });
    expect(acts).toEqual([{ action: 'checkpoint', keys: [rowKey(dc)], deleteFiles: false, checkpoint: { production: true } }]);
    expect(useActionFlow.getState().pending).toBeNull();
  });

  it('turns off the running VMs first, then deletes all of them', async () => {
    await useActionFlow.getState().turnOffAndDelete([dc, fs].map(rowKey), true);
    expect(acts.map((a) => [a.action, a.keys, a.deleteFiles ?? false])).toEqual([
      ['turnoff', [rowKey(dc)], false],
      ['delete', [rowKey(dc), rowKey(fs)], true],
    ]);
  });

  it('deletes nothing when the turn-off fails, and reports it', async () => {
    refuse = (action) => (action === 'turnoff' ? new ApiError({ code: 'PS_ERROR', message: "'DC1' failed to turn off." }) : null);
    await expect(useActionFlow.getState().turnOffAndDelete([dc, fs].map(rowKey), false)).rejects.toThrow('failed to turn off');
    expect(acts).toEqual([]);
  });
});
