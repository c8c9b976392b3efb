import { beforeEach, describe, expect, it } from 'vitest';
import { CheckpointGroupsService } from '../../../electron/main/features/checkpoints/checkpoint-groups.service';
import { createGroupStore, createRoleStore } from '../../../electron/main/features/checkpoints/checkpoint-documents';
import { CheckpointsService, type TagGroupLookup } from '../../../electron/main/features/checkpoints/checkpoints.service';
import { TaskHistory } from '../../../electron/main/platform/tasks/task-history';
import { TaskServiceImpl } from '../../../electron/main/platform/tasks/tasks.service';
import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';
import { AppError } from '../../../shared/ipc/errors';
import { cp, gid } from './checkpoint-fixtures';
import { FakeRunner, memoryFiles, quietLog } from './fake-runner';

const DC = gid('dc1');
const WEB = gid('web1');

function treeOf(vmId: string, productType: number | null) {
  return {
    vm: { id: vmId, name: vmId === DC ? 'DC1' : 'WEB1', state: 'Running', parentCheckpointId: gid('B'), parentCheckpointName: 'B', checkpointType: 'Production' },
    checkpoints: [cp('A', null), cp('B', 'A')],
    disks: [],
    guest: { productType, osName: 'Windows Server', fqdn: null },
  };
}

/** What each guest reports now; a test turns a VM off by setting its state (KVP is then empty). */
type Guests = Map<string, { state: string }>;

function setup(opts: { tags?: TagGroupLookup; failCreateOn?: string; guests?: Guests; locate?: (vmId: string) => { hostId: string } | undefined } = {}) {
  const guests: Guests = opts.guests ?? new Map();
  const stateOf = (vmId: unknown) => guests.get(String(vmId))?.state ?? 'Running';
  const productType = (vmId: unknown) => (stateOf(vmId) !== 'Running' ? null : vmId === DC ? 2 : 3);
  const runner = new FakeRunner({
    'checkpoints/get-checkpoint-tree': (a) => {
      const t = treeOf(String(a.VMId), productType(a.VMId));
      return { ...t, vm: { ...t.vm, state: stateOf(a.VMId) } };
    },
    'checkpoints/get-guest-role': (a) => ({ vmName: a.VMId === DC ? 'DC1' : 'WEB1', vmState: stateOf(a.VMId), productType: productType(a.VMId), osName: null, fqdn: null }),
    'checkpoints/new-checkpoint': (a) => {
      if (a.VMId === opts.failCreateOn) throw new AppError('PS_ERROR', 'Checkpoint-VM failed');
      return { vmName: 'x', checkpointId: gid(`new-${String(a.VMId).slice(0, 4)}`), checkpointName: String(a.SnapshotName), kind: String(a.Kind), snapshotType: 'Standard', creationTime: '2024-01-01T00:00:00.000Z', overrideReason: a.OverrideReason ?? null };
    },
    'checkpoints/restore-checkpoint': () => ({ vmName: 'x', state: 'Saved', parentCheckpointId: null, appliedName: 'A' }),
    'checkpoints/remove-checkpoint': () => ({ vmName: 'x', removedName: 'A', removedCount: 1, remaining: 1 }),
  });
  const files = memoryFiles();
  const records: TaskRecord[] = [];
  const tasks = new TaskServiceImpl({ history: new TaskHistory('/d/tasks.jsonl', files, quietLog), emit: (r) => records.push(r), log: quietLog, progressIntervalMs: 0 });
  const changed: string[] = [];
  const service = new CheckpointsService({
    hosts: runner,
    tasks,
    roles: createRoleStore('/d', files, quietLog),
    tagGroups: opts.tags ?? { groupsOf: async () => [] },
    emitChanged: (r) => changed.push(r.vmId),
    now: () => new Date('2024-06-01T00:00:00Z'),
  });
  let n = 0;
  const groups = new CheckpointGroupsService({
    service,
    tasks,
    store: createGroupStore('/d', files, quietLog),
    locate: opts.locate,
    emitChanged: (r) => changed.push(r.vmId),
    emitGroupsChanged: () => undefined,
    now: () => new Date('2024-06-01T00:00:00Z'),
    newId: () => `g${++n}`,
  });
  const finished = async (taskId: string) => {
    for (let i = 0; i < 200; i++) {
      const r = records.filter((x) => x.id === taskId).at(-1);
      if (r && ['succeeded', 'failed', 'partial', 'cancelled'].includes(r.status)) return r;
      await new Promise((res) => setTimeout(res, 5));
    }
    throw new Error('task did not finish');
  };
  return { runner, service, groups, files, finished, changed };
}

describe('CheckpointsService safety, enforced in main', () => {
  let s: ReturnType<typeof setup>;
  beforeEach(() => (s = setup()));

  it('refuses a standard checkpoint of a DC (KVP ProductType 2) without running Checkpoint-VM', async () => {
    const err = await s.service.create({ hostId: 'h', vmId: DC }, 'before patch', 'standard').catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CONFLICT');
    expect((err as AppError).extra.detail).toEqual({ rule: 'dc-standard-checkpoint' });
    expect(s.runner.scripts()).toEqual(['get-guest-role']);
  });

  it('takes the override with its reason into the script parameters (ledger) and the task', async () => {
    const { taskId } = await s.service.create({ hostId: 'h', vmId: DC }, 'lab', 'standard', 'isolated lab copy, no replication');
    const rec = await s.finished(taskId);
    expect(rec.status).toBe('succeeded');
    expect(rec.titleValues.reason).toBe('isolated lab copy, no replication');
    expect(rec.ledgerIds).toEqual(['L2']);
    const create = s.runner.calls.find((c) => c.script.endsWith('new-checkpoint'))!;
    expect(create.args).toMatchObject({ Kind: 'Standard', OverrideReason: 'isolated lab copy, no replication' });
    expect(s.changed).toEqual([DC]);
  });

  it('allows a production checkpoint of a DC', async () => {
    const { taskId } = await s.service.create({ hostId: 'h', vmId: DC }, 'p', 'production');
    expect((await s.finished(taskId)).status).toBe('succeeded');
    expect(s.runner.calls.at(-1)!.args).toMatchObject({ Kind: 'Production' });
    expect(s.runner.calls.at(-1)!.args).not.toHaveProperty('OverrideReason');
  });

  it('follows the role the user set over the KVP data', async () => {
    await s.service.setRole({ hostId: 'h', vmId: WEB }, 'domain-controller');
    await expect(s.service.create({ hostId: 'h', vmId: WEB }, 'x', 'standard')).rejects.toMatchObject({ code: 'CONFLICT' });
    await s.service.setRole({ hostId: 'h', vmId: DC }, 'member');
    await expect(s.service.create({ hostId: 'h', vmId: DC }, 'x', 'standard')).resolves.toHaveProperty('taskId');
    expect(JSON.parse(s.files.data.get('/d/checkpoint-roles.json')!)).toEqual({ version: 3, roles: { [WEB]: 'domain-controller', [DC]: 'member' }, seen: {} });
  });

  it('keeps the role with the VM: a DC set on one host is still a DC after a live migration (roles are keyed by VM Id)', async () => {
    await s.service.setRole({ hostId: 'h', vmId: WEB.toUpperCase() }, 'domain-controller');
    await expect(s.service.create({ hostId: 'h2', vmId: WEB }, 'x', 'standard')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(s.runner.calls.filter((c) => c.script.endsWith('new-checkpoint'))).toEqual([]);
  });

  it('refuses Apply on a DC until the VM-GenerationID / USN warning is acknowledged', async () => {
    await expect(s.service.apply({ hostId: 'h', vmId: DC }, gid('A'), { acknowledged: [] })).rejects.toMatchObject({
      code: 'CONFLICT',
      extra: { detail: { rule: 'acknowledgement-required', missing: ['domain-controller'] } },
    });
    expect(s.runner.scripts()).not.toContain('restore-checkpoint');
  });

  it('applies with a production safety checkpoint first on a DC, then restores', async () => {
    const { taskId } = await s.service.apply({ hostId: 'h', vmId: DC }, gid('A'), { checkpointFirstName: 'before apply', acknowledged: ['domain-controller'] });
    const rec = await s.finished(taskId);
    expect(rec.status).toBe('succeeded');
    expect(s.runner.scripts().slice(-2)).toEqual(['new-checkpoint', 'restore-checkpoint']);
    expect(s.runner.calls.at(-2)!.args).toMatchObject({ Kind: 'Production', SnapshotName: 'before apply' });
    expect(s.runner.calls.at(-1)!.args).toEqual({ VMId: DC, CheckpointId: gid('A') });
  });

  it('reverts to the checkpoint directly above Now, reported as a revert (not an apply)', async () => {
    const { taskId } = await s.service.revert({ hostId: 'h', vmId: WEB }, { acknowledged: [] });
    const rec = await s.finished(taskId);
    expect(s.runner.calls.at(-1)!.args).toEqual({ VMId: WEB, CheckpointId: gid('B') });
    expect(rec).toMatchObject({ kind: 'checkpoint.revert', titleKey: 'checkpoints:task.revert', titleValues: { name: 'B', vm: 'WEB1' } });
    const applied = await s.finished((await s.service.apply({ hostId: 'h', vmId: WEB }, gid('A'), { acknowledged: [] })).taskId);
    expect(applied).toMatchObject({ kind: 'checkpoint.apply', titleKey: 'checkpoints:task.apply' });
  });

  it('keeps DC1 a domain controller once it is turned off: Apply warns, a standard checkpoint is refused', async () => {
    const guests: Guests = new Map();
    const t = setup({ guests });
    expect((await t.service.tree({ hostId: 'h', vmId: DC })).role).toMatchObject({ isDomainController: true, source: 'kvp' });
    const seen = JSON.parse(t.files.data.get('/d/checkpoint-roles.json')!).seen;
    expect(seen[DC]).toEqual({ isDomainController: true, productType: 2, seenAt: '2024-06-01T00:00:00.000Z' });
    guests.set(DC, { state: 'Off' });
    expect((await t.service.tree({ hostId: 'h', vmId: DC })).role).toEqual({ isDomainController: true, source: 'remembered', userRole: 'auto', seenAt: '2024-06-01T00:00:00.000Z' });
    expect(await t.service.previewApply({ hostId: 'h', vmId: DC }, gid('A'))).toMatchObject({ domainController: true, required: ['domain-controller'] });
    await expect(t.service.apply({ hostId: 'h', vmId: DC }, gid('A'), { acknowledged: [] })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(t.service.create({ hostId: 'h', vmId: DC }, 'std', 'standard')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(t.runner.scripts()).not.toContain('new-checkpoint');
  });

  it('treats an Off VM that never reported its role as a possible DC, on every path that creates a checkpoint', async () => {
    const guests: Guests = new Map([[WEB, { state: 'Off' }]]);
    const t = setup({ guests });
    expect((await t.service.tree({ hostId: 'h', vmId: WEB })).role).toMatchObject({ isDomainController: true, source: 'unknown' });
    await expect(t.service.create({ hostId: 'h', vmId: WEB }, 'std', 'standard')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('never reported its role') });
    // The inventory's quick Checkpoint action keeps the VM's own type, judged as standard.
    const bulk = { kind: 'vm.checkpoint', titleKey: 'inventory:task.checkpoint', titleValues: { count: 2 } };
    await expect(t.service.take([{ hostId: 'h', vmId: WEB }, { hostId: 'h', vmId: gid('app') }], { kind: 'default', task: bulk })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(t.groups.create('g', 'standard', [{ hostId: 'h', vmId: WEB, vmName: 'WEB1' }])).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(t.runner.scripts()).not.toContain('new-checkpoint');
    expect(await t.groups.list()).toEqual([]);
    // Production is allowed; a standard one with a written reason too.
    expect((await t.finished((await t.service.create({ hostId: 'h', vmId: WEB }, 'p', 'production')).taskId)).status).toBe('succeeded');
    expect((await t.finished((await t.service.create({ hostId: 'h', vmId: WEB }, 's', 'standard', 'offline copy, no replication')).taskId)).status).toBe('succeeded');
  });

  it('warns about a tagged multi-VM group before Apply', async () => {
    const t = setup({ tags: { groupsOf: async () => [{ tag: 'erp', otherVms: ['SQL1', 'APP1'] }] } });
    const preview = await t.service.previewApply({ hostId: 'h', vmId: WEB }, gid('A'));
    expect(preview).toMatchObject({ required: ['multi-vm-group'], multiVmGroups: [{ tag: 'erp', otherVms: ['SQL1', 'APP1'] }], resultingState: 'Saved' });
    await expect(t.service.apply({ hostId: 'h', vmId: WEB }, gid('A'), { acknowledged: [] })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('checkpoint groups', () => {
  it('creates checkpoints of several VMs under one label, reports per VM, stores the group', async () => {
    const s = setup({ failCreateOn: WEB });
    const third = gid('sql1');
    const { taskId, groupId } = await s.groups.create('before ERP update', 'production', [
      { hostId: 'h', vmId: DC, vmName: 'DC1' },
      { hostId: 'h2', vmId: WEB, vmName: 'WEB1' },
      { hostId: 'h2', vmId: third, vmName: 'SQL1' },
    ]);
    const rec = await s.finished(taskId);
    expect(rec.status).toBe('partial');
    expect(rec.items.map((i) => `${i.target}:${i.status}`).sort()).toEqual([`h/${DC}:succeeded`, `h2/${third}:succeeded`, `h2/${WEB}:failed`].sort());
    const [group] = await s.groups.list();
    expect(group!.id).toBe(groupId);
    expect(group!.members.find((m) => m.vmId === WEB)).toMatchObject({ checkpointId: null, error: 'Checkpoint-VM failed' });
    expect(JSON.parse(s.files.data.get('/d/checkpoint-groups.json')!).groups[0].label).toBe('before ERP update');
  });

  it('refuses a standard group checkpoint containing a DC without an override, before anything runs', async () => {
    const s = setup();
    await expect(
      s.groups.create('x', 'standard', [{ hostId: 'h', vmId: DC, vmName: 'DC1' }, { hostId: 'h', vmId: WEB, vmName: 'WEB1' }]),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(s.runner.scripts().filter((n) => n === 'new-checkpoint')).toEqual([]);
    expect(await s.groups.list()).toEqual([]);
  });

  it('retries only the failed members of a partly taken group, under the same label', async () => {
    const s = setup({ failCreateOn: WEB });
    const { taskId, groupId } = await s.groups.create('g', 'production', [{ hostId: 'h', vmId: DC, vmName: 'DC1' }, { hostId: 'h2', vmId: WEB, vmName: 'WEB1' }]);
    await s.finished(taskId);
    const creates = () => s.runner.calls.filter((c) => c.script.endsWith('new-checkpoint'));
    expect(creates()).toHaveLength(2);
    const again = await s.finished((await s.groups.retry(groupId)).taskId);
    expect(again.status).toBe('failed');
    expect(creates().slice(2).map((c) => [c.hostId, c.args.VMId, c.args.SnapshotName])).toEqual([['h2', WEB, 'g']]);
    await expect(setup().groups.retry('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rolls back a partly taken group: deletes the checkpoints that were made and forgets the group', async () => {
    const s = setup({ failCreateOn: WEB });
    const { taskId, groupId } = await s.groups.create('g', 'production', [{ hostId: 'h', vmId: DC, vmName: 'DC1' }, { hostId: 'h2', vmId: WEB, vmName: 'WEB1' }]);
    await s.finished(taskId);
    const rolled = await s.finished((await s.groups.rollback(groupId)).taskId);
    expect(rolled.status).toBe('succeeded');
    expect(rolled.titleKey).toBe('checkpoints:task.groupRollback');
    const removes = s.runner.calls.filter((c) => c.script.endsWith('remove-checkpoint'));
    expect(removes.map((c) => [c.hostId, c.args.VMId])).toEqual([['h', DC]]);
    expect(await s.groups.list()).toEqual([]);
  });

  it('finds a member on the host it runs on now (moved since the group was taken), not the one stored', async () => {
    const s = setup({ locate: (vmId) => (vmId === WEB ? { hostId: 'h3' } : undefined) });
    const { taskId, groupId } = await s.groups.create('g', 'production', [{ hostId: 'h', vmId: WEB, vmName: 'WEB1' }, { hostId: 'h', vmId: gid('app'), vmName: 'APP1' }]);
    await s.finished(taskId);
    await s.finished((await s.groups.apply(groupId, [])).taskId);
    const restores = s.runner.calls.filter((c) => c.script.endsWith('restore-checkpoint'));
    expect(restores.map((c) => [c.hostId, c.args.VMId]).sort()).toEqual([['h', gid('app')], ['h3', WEB]]);
  });

  it('applies and deletes the group per VM; deleting forgets the group once all are gone', async () => {
    const s = setup();
    const { taskId, groupId } = await s.groups.create('g', 'production', [{ hostId: 'h', vmId: WEB, vmName: 'WEB1' }, { hostId: 'h', vmId: gid('app'), vmName: 'APP1' }]);
    await s.finished(taskId);
    const applied = await s.finished((await s.groups.apply(groupId, [])).taskId);
    expect(applied.items.map((i) => i.status)).toEqual(['succeeded', 'succeeded']);
    const removed = await s.finished((await s.groups.remove(groupId)).taskId);
    expect(removed.status).toBe('succeeded');
    expect(await s.groups.list()).toEqual([]);
  });
});
