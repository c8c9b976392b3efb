import { describe, expect, it } from 'vitest';
import { InventoryCache } from '../../../electron/main/features/inventory/inventory-cache';
import { InventoryPrefsStore } from '../../../electron/main/features/inventory/inventory-prefs.store';
import { InventoryService } from '../../../electron/main/features/inventory/inventory.service';
import { VmOperations } from '../../../electron/main/features/inventory/vm-operations';
import { TaskHistory } from '../../../electron/main/platform/tasks/task-history';
import { TaskServiceImpl } from '../../../electron/main/platform/tasks/task-service.impl';
import { fakeSessions, manualTimers, memFiles, quiet, vm, type Call } from './fakes';

function setup(answer: (c: Call) => unknown) {
  const sessions = fakeSessions((c) => (c.script === 'inventory/get-inventory' ? { vms: [vm('a', { state: 'Running' })] } : answer(c)), ['h1', 'h2']);
  const tasks = new TaskServiceImpl({ history: new TaskHistory('/t.jsonl', memFiles(), quiet), emit: () => undefined, log: quiet, progressIntervalMs: 0 });
  const inventory = new InventoryService({ sessions, cache: new InventoryCache('/c.json', memFiles(), quiet, 0), emitChanged: () => undefined, log: quiet, timers: manualTimers() });
  return { ops: new VmOperations(sessions, tasks, inventory), tasks, sessions, inventory };
}

const ok = (ids: string[]) => ({ results: ids.map((id) => ({ id, ok: true, state: 'Off', error: null })) });

describe('VmOperations', () => {
  it('runs a bulk action as one task: one call per host, one item per VM, ledger ids kept', async () => {
    const { ops, tasks, sessions } = setup((c) => {
      const ids = c.args.VmId as string[];
      if (c.hostId === 'h2') return { results: ids.map((id) => ({ id, ok: false, state: null, error: { message: `'${id}' failed to shut down.`, fqid: 'OperationFailed,StopVM', category: 'NotSpecified' } })) };
      return ok(ids);
    });
    const { taskId } = ops.act('shutdown', [
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
    expect(rec.titleKey).toBe('taskTitle.bulk.shutdown');
    expect(rec.items.map((i) => [i.target, i.status])).toEqual([['h1/a', 'succeeded'], ['h1/b', 'succeeded'], ['h2/c', 'failed']]);
    expect(rec.items[2]?.error).toMatchObject({ code: 'PS_ERROR', message: "'c' failed to shut down.", hostId: 'h2' });
    expect(rec.ledgerIds.length).toBeGreaterThanOrEqual(2);
  });

  it('makes a single VM refusal the task error (the host message, as said)', async () => {
    const { ops, tasks } = setup(() => ({ results: [{ id: 'a', ok: false, state: null, error: { message: 'The VM is already running.', fqid: 'InvalidState', category: 'InvalidOperation' } }] }));
    const { taskId } = ops.act('start', [{ hostId: 'h1', vmId: 'a', vmName: 'A' }], false);
    await new Promise((r) => setTimeout(r, 50));
    const rec = tasks.list().find((t) => t.id === taskId)!;
    expect(rec.status).toBe('failed');
    expect(rec.error).toMatchObject({ code: 'PS_ERROR', message: 'The VM is already running.' });
    expect(rec.titleValues).toEqual({ name: 'A' });
  });

  it('passes -DeleteFiles for delete and uses remove-vm.ps1', async () => {
    const { ops, sessions } = setup((c) => ({ results: (c.args.VmId as string[]).map((id) => ({ id, ok: true, deleted: ['/x.vhdx'], error: null })) }));
    ops.act('delete', [{ hostId: 'h1', vmId: 'a', vmName: 'A' }], true);
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

describe('InventoryPrefsStore', () => {
  it('keeps tags and saved views across a restart, written atomically', async () => {
    const files = memFiles();
    const a = new InventoryPrefsStore('/p.json', files, quiet);
    await a.setTags(['h1/a', 'h2/b'], ['prod', '財務'], []);
    await a.setTags(['h2/b'], [], ['prod']);
    await a.saveView({ id: 'v1', name: '生產', query: { search: 'web', hostIds: [], states: ['Running'], tags: ['prod'], sort: { key: 'name', dir: 'asc' } } });
    const b = new InventoryPrefsStore('/p.json', files, quiet);
    await b.load();
    expect(b.get().tags).toEqual({ 'h1/a': ['prod', '財務'], 'h2/b': ['財務'] });
    expect(b.get().views.map((v) => v.name)).toEqual(['生產']);
    await b.deleteView('v1');
    expect(b.get().views).toEqual([]);
  });

  it('refuses an empty tag and leaves the file unchanged', async () => {
    const files = memFiles();
    const s = new InventoryPrefsStore('/p.json', files, quiet);
    await expect(s.setTags(['h1/a'], ['  '], [])).rejects.toThrow();
    expect(files.data['/p.json']).toBeUndefined();
  });
});
