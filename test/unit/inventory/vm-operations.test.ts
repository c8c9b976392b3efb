import { describe, expect, it } from 'vitest';
import { createRoleStore } from '../../../electron/main/features/checkpoints/checkpoint-documents';
import { CheckpointsService } from '../../../electron/main/features/checkpoints/checkpoints.service';
import { InventoryCache } from '../../../electron/main/features/inventory/inventory-cache';
import { InventoryService } from '../../../electron/main/features/inventory/inventory.service';
import { VmOperations } from '../../../electron/main/features/inventory/vm-operations';
import { TaskHistory } from '../../../electron/main/platform/tasks/task-history';
import { TaskServiceImpl } from '../../../electron/main/platform/tasks/tasks.service';
import { ManualClock } from '../../support/manual-clock';
import { fakeHostScripts, memFiles, quiet, vm, type Call } from './fakes';

/** VMs whose guest reports ProductType 2: domain controllers. */
const DCS = new Set(['dc']);

function setup(answer: (c: Call) => unknown) {
  const sessions = fakeHostScripts((c) => {
    if (c.script === 'inventory/get-inventory') return { vms: [vm('a', { state: 'Running' })] };
    if (c.script === 'checkpoints/get-guest-role') return { vmName: `vm-${String(c.args.VMId)}`, vmState: 'Running', productType: DCS.has(String(c.args.VMId)) ? 2 : 3, osName: null, fqdn: null };
    return answer(c);
  }, ['h1', 'h2']);
  const files = memFiles();
  const tasks = new TaskServiceImpl({ history: new TaskHistory('/t.jsonl', files, quiet), emit: () => undefined, log: quiet, progressIntervalMs: 0 });
  const inventory = new InventoryService({ hosts: sessions, cache: new InventoryCache('/c.json', memFiles(), quiet, 0), emitChanged: () => undefined, log: quiet, clock: new ManualClock() });
  // The real checkpoints feature behind its port: the inventory's Checkpoint action must meet its DC rule.
  const checkpoints = new CheckpointsService({
    hosts: sessions,
    tasks,
    roles: createRoleStore('/d', files, quiet),
    tagGroups: { groupsOf: async () => [] },
    emitChanged: () => undefined,
    now: () => new Date('2026-12-03T09:00:00Z'),
  });
  return { ops: new VmOperations({ hosts: sessions, tasks, inventory, checkpoints }), tasks, sessions, inventory };
}

async function finished(tasks: TaskServiceImpl, taskId: string) {
  for (let i = 0; i < 400; i++) {
    const r = tasks.list().find((t) => t.id === taskId);
    if (r?.endedAt) return r;
    await new Promise((res) => setTimeout(res, 5));
  }
  throw new Error(`task ${taskId} did not finish`);
}

const ok = (ids: string[]) => ({ results: ids.map((id) => ({ id, ok: true, row: vm(id), error: null })) });

describe('VmOperations', () => {
  it('runs a bulk action as one task: one call per host, one item per VM, ledger ids kept', async () => {
    const { ops, tasks, sessions } = setup((c) => {
      const ids = c.args.VmId as string[];
      if (c.hostId === 'h2') return { results: ids.map((id) => ({ id, ok: false, row: null, error: { message: `'${id}' failed to shut down.`, fqid: 'OperationFailed,StopVM', category: 'NotSpecified' } })) };
      return ok(ids);
    });
    const { taskId } = await ops.act('shutdown', [
      { hostId: 'h1', vmId: 'a', vmName: 'A' },
      { hostId: 'h1', vmId: 'b', vmName: 'B' },
      { hostId: 'h2', vmId: 'c', vmName: 'C' },
    ], false);
    const rec = await new Promise<ReturnType<typeof tasks.list>[number]>((resolve) => {
      const poll = () => {
        const r = tasks.list().find((t) => t.id === taskId);
        if (r && r.endedAt) resolve(r);
        else setTimeout(poll, 5);
      };
      poll();
    });
    const actionCalls = sessions.calls.filter((c) => c.script === 'inventory/vm-action');
    expect(actionCalls.map((c) => [c.hostId, c.args.VmId])).toEqual([['h1', ['a', 'b']], ['h2', ['c']]]);
    expect(actionCalls.every((c) => c.args.Action === 'shutdown')).toBe(true);
    expect(rec.status).toBe('partial');
    expect(rec.titleKey).toBe('inventory:taskTitle.bulk.shutdown');
    expect(rec.items.map((i) => [i.target, i.status])).toEqual([['h1/a', 'succeeded'], ['h1/b', 'succeeded'], ['h2/c', 'failed']]);
    expect(rec.items[2]?.error).toMatchObject({ code: 'PS_ERROR', message: "'c' failed to shut down.", hostId: 'h2' });
    expect(rec.ledgerIds.length).toBeGreaterThanOrEqual(2);
  });

  it('makes a single VM refusal the task error (the host message, as said)', async () => {
    const { ops, tasks } = setup(() => ({ results: [{ id: 'a', ok: false, row: null, error: { message: 'The VM is already running.', fqid: 'InvalidState', category: 'InvalidOperation' } }] }));
    const { taskId } = await ops.act('start', [{ hostId: 'h1', vmId: 'a', vmName: 'A' }], false);
    await new Promise((r) => setTimeout(r, 50));
    const rec = tasks.list().find((t) => t.id === taskId)!;
    expect(rec.status).toBe('failed');
    expect(rec.error).toMatchObject({ code: 'PS_ERROR', message: 'The VM is already running.' });
    expect(rec.titleValues).toEqual({ name: 'A' });
  });

  it('passes -DeleteFiles for delete and uses remove-vm.ps1', async () => {
    const { ops, sessions } = setup((c) => ({ results: (c.args.VmId as string[]).map((id) => ({ id, ok: true, deleted: ['/x.vhdx'], error: null })) }));
    await ops.act('delete', [{ hostId: 'h1', vmId: 'a', vmName: 'A' }], true);
    await new Promise((r) => setTimeout(r, 50));
    expect(sessions.calls.find((c) => c.script === 'inventory/remove-vm')?.args).toEqual({ VmId: ['a'], DeleteFiles: true });
  });

  it('rejects settings that break the rules before any script runs', async () => {
    const { ops, inventory, sessions } = setup(() => ({}));
    await inventory.refresh(['h1']);
    expect(() => ops.updateSettings('h1', 'a', 'A', { processor: { count: 8 } })).toThrow(/needsOffProcessor/);
    expect(sessions.calls.some((c) => c.script === 'inventory/set-vm-settings')).toBe(false);
  });
});

describe('the Checkpoint action goes through the checkpoints feature (domain-controller rule)', () => {
  const created = (c: Call) => ({ vmName: `vm-${String(c.args.VMId)}`, checkpointId: 'c0ffee00-0000-0000-0000-000000000000', checkpointName: String(c.args.SnapshotName), kind: String(c.args.Kind), snapshotType: 'Standard', creationTime: '2026-12-03T09:00:00.000Z' });

  it('refuses a checkpoint of a domain controller without an override: CONFLICT, nothing taken', async () => {
    const { ops, sessions } = setup((c) => (c.script === 'checkpoints/new-checkpoint' ? created(c) : ok(c.args.VmId as string[])));
    await expect(ops.act('checkpoint', [{ hostId: 'h1', vmId: 'dc', vmName: 'DC1' }], false)).rejects.toMatchObject({ code: 'CONFLICT', extra: { hostId: 'h1', detail: { rule: 'dc-standard-checkpoint' } } });
    expect(sessions.scripts()).toEqual(['checkpoints/get-guest-role']);
  });

  it('refuses a bulk checkpoint that holds a domain controller whole, before any VM is checkpointed', async () => {
    const { ops, sessions } = setup((c) => (c.script === 'checkpoints/new-checkpoint' ? created(c) : ok(c.args.VmId as string[])));
    const targets = [{ hostId: 'h1', vmId: 'a', vmName: 'A' }, { hostId: 'h2', vmId: 'dc', vmName: 'DC1' }];
    await expect(ops.act('checkpoint', targets, false)).rejects.toMatchObject({ code: 'CONFLICT', extra: { detail: { rule: 'dc-standard-checkpoint', vms: ['h2/dc'] } } });
    expect(sessions.scripts().filter((n) => n !== 'checkpoints/get-guest-role')).toEqual([]);
  });

  it('takes a production checkpoint of a domain controller without any override (the grid offers it on a refusal)', async () => {
    const { ops, sessions, tasks } = setup((c) => (c.script === 'checkpoints/new-checkpoint' ? created(c) : ok(c.args.VmId as string[])));
    const rec = await finished(tasks, (await ops.act('checkpoint', [{ hostId: 'h1', vmId: 'dc', vmName: 'DC1' }], false, undefined, undefined, 'production')).taskId);
    expect(rec).toMatchObject({ status: 'succeeded', kind: 'vm.checkpoint' });
    const call = sessions.calls.find((c) => c.script === 'checkpoints/new-checkpoint');
    expect(call?.args).toMatchObject({ VMId: 'dc', Kind: 'Production' });
    expect(call?.args).not.toHaveProperty('OverrideReason');
  });

  it('takes it with an override reason (recorded with the call), and a member VM without one, as one task per request', async () => {
    const { ops, sessions, tasks } = setup((c) => (c.script === 'checkpoints/new-checkpoint' ? created(c) : ok(c.args.VmId as string[])));
    const dc = await finished(tasks, (await ops.act('checkpoint', [{ hostId: 'h1', vmId: 'dc', vmName: 'DC1' }], false, 'before schema update')).taskId);
    expect(dc).toMatchObject({ status: 'succeeded', kind: 'vm.checkpoint', titleKey: 'inventory:taskTitle.checkpoint' });
    expect(sessions.calls.find((c) => c.script === 'checkpoints/new-checkpoint')?.args).toMatchObject({ VMId: 'dc', Kind: 'Default', OverrideReason: 'before schema update' });
    const bulk = await finished(tasks, (await ops.act('checkpoint', [{ hostId: 'h1', vmId: 'a', vmName: 'A' }, { hostId: 'h2', vmId: 'b', vmName: 'B' }], false)).taskId);
    expect(bulk).toMatchObject({ status: 'succeeded', titleKey: 'inventory:taskTitle.bulk.checkpoint' });
    expect(bulk.items.map((i) => [i.target, i.status])).toEqual([['h1/a', 'succeeded'], ['h2/b', 'succeeded']]);
    const made = sessions.calls.filter((c) => c.script === 'checkpoints/new-checkpoint').slice(1);
    expect(made.every((c) => c.args.Kind === 'Default' && !('OverrideReason' in c.args))).toBe(true);
    expect(sessions.scripts()).not.toContain('inventory/vm-action');
  });
});

describe('a VM start costs one round trip', () => {
  it('answers with the row: main updates it without re-reading the host, the details panel has nothing to re-read', async () => {
    const changed: string[] = [];
    const { ops, sessions, tasks, inventory } = setup((c) => ({ results: (c.args.VmId as string[]).map((id) => ({ id, ok: true, row: vm(id, { state: 'Running', uptimeSeconds: 1 }), error: null })) }));
    await inventory.refresh(['h1']);
    const before = sessions.calls.length;
    inventory['d'].emitChanged = (h: string) => void changed.push(h);
    const rec = await finished(tasks, (await ops.act('start', [{ hostId: 'h1', vmId: 'a', vmName: 'A' }], false)).taskId);
    expect(rec.status).toBe('succeeded');
    expect(sessions.calls.slice(before).map((c) => c.script)).toEqual(['inventory/vm-action']);
    expect(inventory.row('h1', 'a')).toMatchObject({ state: 'Running', uptimeSeconds: 1 });
    expect(changed).toEqual(['h1']);
  });

  it('re-reads the host when the action call itself failed (the rows main holds may be wrong)', async () => {
    const { ops, sessions, tasks } = setup(() => {
      throw new Error('pipe broke');
    });
    await finished(tasks, (await ops.act('start', [{ hostId: 'h1', vmId: 'a', vmName: 'A' }], false)).taskId);
    expect(sessions.scripts()).toEqual(['inventory/vm-action', 'inventory/get-inventory']);
  });
});

describe('a malformed host answer is the host\'s PS_ERROR, naming the script and the host', () => {
  it('on a direct read (vms.details)', async () => {
    const { ops } = setup(() => ({ id: 'a', name: 42 }));
    await expect(ops.details('h1', 'a', new AbortController().signal)).rejects.toMatchObject({
      code: 'PS_ERROR',
      message: expect.stringMatching(/^inventory\/get-vm-details on h1 returned unexpected data at /),
    });
  });

  it('inside a task: the task record carries PS_ERROR (not INTERNAL) and the call\'s ledger id', async () => {
    const { ops, tasks } = setup(() => ({ results: 'nope' }));
    const rec = await finished(tasks, (await ops.act('start', [{ hostId: 'h1', vmId: 'a', vmName: 'A' }], false)).taskId);
    expect(rec.status).toBe('failed');
    expect(rec.error).toMatchObject({ code: 'PS_ERROR', message: expect.stringMatching(/^inventory\/vm-action on h1 returned unexpected data at results/) });
    expect(rec.ledgerIds.length).toBeGreaterThanOrEqual(1);
  });
});
