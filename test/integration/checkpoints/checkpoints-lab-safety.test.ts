import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CheckpointGroupsService } from '../../../electron/main/features/checkpoints/checkpoint-groups.service';
import { createGroupStore, createRoleStore } from '../../../electron/main/features/checkpoints/checkpoint-documents';
import { CheckpointsService } from '../../../electron/main/features/checkpoints/checkpoints.service';
import { nodeStateFiles } from '../../../electron/main/platform/documents/atomic-file';
import { createHostScripts } from '../../../electron/main/platform/sessions/host-scripts';
import { TaskHistory } from '../../../electron/main/platform/tasks/task-history';
import { TaskServiceImpl } from '../../../electron/main/platform/tasks/tasks.service';
import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';
import { createHarness, repoRoot, type Harness } from '../sessions/session-harness';

// The checkpoint safety rules against two lab hosts: a DC turned off still warns, a group spans hosts and a
// member that fails (checkpoints Disabled) leaves a group that can be retried or rolled back, and a cancelled
// export leaves nothing behind so a retry to the same folder works.
const TURN_OFF = `param([Parameter(Mandatory = $true)][string]$VMId)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Stop-VM -VM (Get-VM -Id ([guid]$VMId)) -TurnOff -Force
'{}'`;
const SET_TYPE = `param([Parameter(Mandatory = $true)][string]$VMId, [Parameter(Mandatory = $true)][string]$CheckpointType)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Set-VM -VM (Get-VM -Id ([guid]$VMId)) -CheckpointType $CheckpointType
'{}'`;
const Empty = z.object({}).passthrough();

let h: Harness;
const hostIds: string[] = [];
let service: CheckpointsService;
let groups: CheckpointGroupsService;
let tasks: TaskServiceImpl;
const records: TaskRecord[] = [];
const vmsByHost = new Map<string, { id: string; name: string }[]>();

const vmNamed = (name: string) => {
  for (const [hostId, vms] of vmsByHost) {
    const v = vms.find((x) => x.name === name);
    if (v) return { hostId, vmId: v.id, vmName: v.name };
  }
  throw new Error(`no VM ${name}`);
};

async function finished(taskId: string): Promise<TaskRecord> {
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    const r = records.filter((x) => x.id === taskId).at(-1);
    if (r && ['succeeded', 'failed', 'partial', 'cancelled'].includes(r.status)) return r;
    await new Promise((res) => setTimeout(res, 20));
  }
  throw new Error(`task ${taskId} did not finish`);
}

beforeAll(async () => {
  h = await createHarness({ fixtures: { 'turn-off': TURN_OFF, 'set-checkpoint-type': SET_TYPE } });
  symlinkSync(join(repoRoot, 'electron', 'main', 'features', 'checkpoints'), join(h.dir, 'resources', 'electron', 'main', 'features', 'checkpoints'));
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets', 'lab', 'bin', 'new-lab.ps1'), '-StateRoot', join(h.dir, 'lab'), '-Scenario', 'small-shop', '-HostCount', '2'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const seeded = JSON.parse(r.stdout.trim().split('\n').pop()!) as Array<{ name: string; stateDir: string }>;
  for (const s of seeded) hostIds.push((await h.registry.add({ name: s.name, transport: 'lab', labStateDir: s.stateDir })).id);
  for (const id of hostIds) await h.waitFor(id, 'ready', 60_000);
  const hosts = createHostScripts(h.registry, () => () => undefined);
  tasks = new TaskServiceImpl({ history: new TaskHistory(join(h.dir, 'data', 'tasks.jsonl'), nodeStateFiles, console), emit: (rec) => records.push(rec), log: console, progressIntervalMs: 0 });
  service = new CheckpointsService({ hosts, tasks, roles: createRoleStore(join(h.dir, 'data'), nodeStateFiles, console), tagGroups: { groupsOf: async () => [] }, emitChanged: () => undefined, now: () => new Date() });
  groups = new CheckpointGroupsService({ service, tasks, store: createGroupStore(join(h.dir, 'data'), nodeStateFiles, console), emitChanged: () => undefined, emitGroupsChanged: () => undefined, now: () => new Date() });
  for (const id of hostIds) vmsByHost.set(id, await service.vms(id));
}, 240_000);
afterAll(async () => h?.dispose());

describe('checkpoint safety against lab hosts', () => {
  it('a DC turned off still warns on Apply and refuses a standard checkpoint (its last report is remembered)', async () => {
    const dc = vmNamed('DC1');
    expect((await service.tree(dc)).role).toMatchObject({ isDomainController: true, source: 'kvp' });
    await h.registry.run(dc.hostId, 'fixture/turn-off', { VMId: dc.vmId }, { schema: Empty });
    const data = await service.tree(dc);
    expect(data.vm.state).toBe('Off');
    expect(data.guest.productType).toBeNull(); // KVP is empty for an Off VM, as on a real host
    expect(data.role).toMatchObject({ isDomainController: true, source: 'remembered' });
    const preview = await service.previewApply(dc, data.checkpoints[0]!.id);
    expect(preview).toMatchObject({ domainController: true, required: ['domain-controller'] });
    await expect(service.apply(dc, data.checkpoints[0]!.id, { acknowledged: [] })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(service.create(dc, 'std', 'standard')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await service.tree(dc)).checkpoints).toHaveLength(data.checkpoints.length);
  });

  it('an Off VM that never reported its role is unknown and treated as a possible DC', async () => {
    const vm = vmNamed('測試伺服器');
    expect((await service.role(vm)).source).toBe('unknown');
    await expect(service.create(vm, 'std', 'standard')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('reports the real SnapshotType: a production checkpoint is Standard, without memory', async () => {
    const vm = vmNamed('FS1');
    expect((await finished((await service.create(vm, 'prod', 'production')).taskId)).status).toBe('succeeded');
    const made = (await service.tree(vm)).checkpoints.find((c) => c.name === 'prod')!;
    expect(made).toMatchObject({ snapshotType: 'Standard', state: 'Off' });
  });

  it('a group spans two hosts; a failed member leaves a group to retry or roll back', async () => {
    const fs1 = vmNamed('FS1');
    const web1 = vmNamed('WEB1');
    expect(fs1.hostId).not.toBe(web1.hostId);
    await h.registry.run(web1.hostId, 'fixture/set-checkpoint-type', { VMId: web1.vmId, CheckpointType: 'Disabled' }, { schema: Empty });
    const { taskId, groupId } = await groups.create('before update', 'production', [fs1, web1]);
    const created = await finished(taskId);
    expect(created.status).toBe('partial');
    const [group] = (await groups.list()).filter((g) => g.id === groupId);
    expect(group!.members.map((m) => [m.vmName, Boolean(m.checkpointId), m.error ?? ''])).toEqual([
      ['FS1', true, ''],
      ['WEB1', false, expect.stringContaining('disabled')],
    ]);

    // Retry once the cause is fixed: only WEB1 is taken, on its own host.
    await h.registry.run(web1.hostId, 'fixture/set-checkpoint-type', { VMId: web1.vmId, CheckpointType: 'Production' }, { schema: Empty });
    expect((await finished((await groups.retry(groupId)).taskId)).status).toBe('succeeded');
    const retried = (await groups.list()).find((g) => g.id === groupId)!;
    expect(retried.members.every((m) => m.checkpointId)).toBe(true);
    expect((await service.tree(web1)).checkpoints.filter((c) => c.name === 'before update')).toHaveLength(1);
    expect((await service.tree(fs1)).checkpoints.filter((c) => c.name === 'before update')).toHaveLength(1);

    // Roll back: both checkpoints go, on both hosts, and the group is forgotten.
    expect((await finished((await groups.rollback(groupId)).taskId)).status).toBe('succeeded');
    expect((await service.tree(web1)).checkpoints.filter((c) => c.name === 'before update')).toEqual([]);
    expect((await service.tree(fs1)).checkpoints.filter((c) => c.name === 'before update')).toEqual([]);
    expect((await groups.list()).find((g) => g.id === groupId)).toBeUndefined();
  });

  it('a cancelled checkpoint export leaves nothing behind, and a retry to the same folder works', async () => {
    const vm = vmNamed('SQL1');
    const checkpoint = (await service.tree(vm)).checkpoints[0]!;
    const folder = mkdtempSync(join(tmpdir(), 'hd-export-'));
    const { taskId } = await service.export(vm, checkpoint.id, folder);
    await new Promise((res) => setTimeout(res, 1200)); // the lab's export takes ~3 s
    expect(tasks.cancel(taskId)).toBe(true);
    expect((await finished(taskId)).status).toBe('cancelled');
    await new Promise((res) => setTimeout(res, 500));
    expect(readdirSync(folder)).toEqual([]);
    const again = await finished((await service.export(vm, checkpoint.id, folder)).taskId);
    expect(again.error?.message ?? '').toBe('');
    expect(again.status).toBe('succeeded');
    expect(existsSync(join(folder, 'SQL1', 'Virtual Machines'))).toBe(true);
  });
});
