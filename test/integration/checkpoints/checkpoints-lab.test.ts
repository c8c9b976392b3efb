import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
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
import { buildCheckpointTree, checkpointAboveNow, NOW_ID, type CheckpointTree } from '../../../shared/features/checkpoints/checkpoint-tree';
import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';
import { createHarness, repoRoot, type Harness } from '../sessions/session-harness';

/** Hyper-V's own view, read with nothing of ours in between: what the app's tree must equal. */
const RAW = `param([Parameter(Mandatory = $true)][string]$VMId)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$vm = Get-VM -Id ([guid]$VMId)
$parent = $null
if ($null -ne $vm.ParentSnapshotId) { $parent = ([guid]$vm.ParentSnapshotId).ToString() }
$list = @(Get-VMSnapshot -VM $vm | ForEach-Object {
  $p = $null
  if ($null -ne $_.ParentSnapshotId) { $p = ([guid]$_.ParentSnapshotId).ToString() }
  [ordered]@{ id = ([guid]$_.Id).ToString(); name = [string]$_.Name; parentId = $p }
})
ConvertTo-Json -InputObject ([ordered]@{ vmParent = $parent; state = [string]$vm.State; snapshots = $list }) -Depth 4 -Compress`;
const Raw = z.object({ vmParent: z.string().nullable(), state: z.string(), snapshots: z.array(z.object({ id: z.string(), name: z.string(), parentId: z.string().nullable() })) });

let h: Harness;
let hostId: string;
let service: CheckpointsService;
let groups: CheckpointGroupsService;
const records: TaskRecord[] = [];
let vms: { id: string; name: string }[];

const vmNamed = (name: string) => {
  const v = vms.find((x) => x.name === name);
  if (!v) throw new Error(`no VM ${name}`);
  return { hostId, vmId: v.id, vmName: v.name };
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

async function ok(p: Promise<{ taskId: string }>): Promise<TaskRecord> {
  const r = await finished((await p).taskId);
  expect(r.error?.message ?? '', `task ${r.titleKey}`).toBe('');
  expect(r.status).toBe('succeeded');
  return r;
}

/** Parent links as "child<-parent" lines, Now included: a shape both sides can be compared on. */
function linksOfTree(tree: CheckpointTree): string[] {
  const name = (id: string | null) => (id === null ? '<root>' : id === NOW_ID ? 'Now' : (tree.byId.get(id) as { checkpoint: { name: string } }).checkpoint.name);
  return [...tree.byId.values()].map((n) => `${name(n.id)}<-${name(n.parentId)}`).sort();
}

function linksOfRaw(raw: z.infer<typeof Raw>): string[] {
  const byId = new Map(raw.snapshots.map((s) => [s.id.toLowerCase(), s.name]));
  const name = (id: string | null) => (id === null ? '<root>' : byId.get(id.toLowerCase())!);
  return [...raw.snapshots.map((s) => `${s.name}<-${name(s.parentId)}`), `Now<-${name(raw.vmParent)}`].sort();
}

async function expectSameAsHyperV(ref: { hostId: string; vmId: string }): Promise<CheckpointTree> {
  const data = await service.tree(ref);
  const tree = buildCheckpointTree(data.checkpoints, data.vm.parentCheckpointId);
  const raw = await h.registry.run(hostId, 'fixture/raw-snapshots', { VMId: ref.vmId }, { schema: Raw });
  expect(linksOfTree(tree)).toEqual(linksOfRaw(raw));
  return tree;
}

beforeAll(async () => {
  h = await createHarness({ fixtures: { 'raw-snapshots': RAW } });
  symlinkSync(join(repoRoot, 'electron', 'main', 'features', 'checkpoints'), join(h.dir, 'resources', 'electron', 'main', 'features', 'checkpoints'));
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets', 'lab', 'bin', 'new-lab.ps1'), '-StateRoot', join(h.dir, 'lab'), '-Scenario', 'small-shop', '-HostCount', '1'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const seeded = JSON.parse(r.stdout.trim().split('\n').pop()!) as Array<{ name: string; stateDir: string }>;
  hostId = (await h.registry.add({ name: seeded[0]!.name, transport: 'lab', labStateDir: seeded[0]!.stateDir })).id;
  await h.waitFor(hostId, 'ready', 60_000);
  const hosts = createHostScripts(h.registry, () => () => undefined);
  const tasks = new TaskServiceImpl({ history: new TaskHistory(join(h.dir, 'data', 'tasks.jsonl'), nodeStateFiles, console), emit: (rec) => records.push(rec), log: console, progressIntervalMs: 0 });
  service = new CheckpointsService({
    hosts,
    tasks,
    roles: createRoleStore(join(h.dir, 'data'), nodeStateFiles, console),
    tagGroups: { groupsOf: async () => [] },
    emitChanged: () => undefined,
    now: () => new Date(),
  });
  groups = new CheckpointGroupsService({ service, tasks, store: createGroupStore(join(h.dir, 'data'), nodeStateFiles, console), emitChanged: () => undefined, emitGroupsChanged: () => undefined, now: () => new Date() });
  vms = await service.vms(hostId);
}, 180_000);
afterAll(async () => h?.dispose());

describe('checkpoint trees against a lab host', () => {
  it('reads the seeded trees exactly as Get-VMSnapshot reports them, and the picker counts them', async () => {
    const picker = await service.vms(hostId);
    expect(picker.some((v) => v.checkpointCount > 0)).toBe(true);
    for (const v of picker) {
      const tree = await expectSameAsHyperV({ hostId, vmId: v.id });
      expect(v.checkpointCount, v.name).toBe(tree.byId.size - 1); // every node but Now
    }
  });

  it('create, create, apply the first, create: Now moves and a new branch starts; delete re-parents; subtree delete', async () => {
    const vm = vmNamed('FS1');
    await ok(service.create(vm, 'base', 'standard'));
    await ok(service.create(vm, 'mid', 'standard'));
    await ok(service.create(vm, 'top', 'standard'));
    let tree = await expectSameAsHyperV(vm);
    expect(checkpointAboveNow(tree)?.name).toBe('top');

    const mid = [...tree.byId.values()].find((n) => n.kind === 'checkpoint' && n.checkpoint.name === 'mid')!;
    await ok(service.apply(vm, mid.id, { acknowledged: [] }));
    tree = await expectSameAsHyperV(vm);
    expect(checkpointAboveNow(tree)?.name).toBe('mid');

    await ok(service.create(vm, 'branch', 'standard'));
    tree = await expectSameAsHyperV(vm);
    const midNode = tree.byId.get(mid.id)!;
    expect(midNode.children.map((c) => (c.kind === 'now' ? 'Now' : c.checkpoint.name))).toEqual(['top', 'branch']);

    // Deleting "mid" moves its children up to "base".
    await ok(service.remove(vm, mid.id, false));
    tree = await expectSameAsHyperV(vm);
    const base = [...tree.byId.values()].find((n) => n.kind === 'checkpoint' && n.checkpoint.name === 'base')!;
    expect(base.children.map((c) => (c.kind === 'now' ? 'Now' : c.checkpoint.name)).sort()).toEqual(['branch', 'top']);

    // Revert goes back to the checkpoint above Now, with a safety checkpoint of the current state first.
    await ok(service.revert(vm, { checkpointFirstName: 'safety', acknowledged: [] }));
    tree = await expectSameAsHyperV(vm);
    expect(checkpointAboveNow(tree)?.name).toBe('branch');
    expect([...tree.byId.values()].some((n) => n.kind === 'checkpoint' && n.checkpoint.name === 'safety')).toBe(true);

    await ok(service.remove(vm, base.id, true));
    tree = await expectSameAsHyperV(vm);
    expect(tree.size).toBe(1); // only Now is left
  });

  it('renames and reports chain health from the host', async () => {
    const vm = vmNamed('SQL1');
    const before = await service.tree(vm);
    const first = before.checkpoints[0]!;
    await ok(service.rename(vm, first.id, 'renamed 中文'));
    const after = await service.tree(vm);
    expect(after.checkpoints.find((c) => c.id === first.id)?.name).toBe('renamed 中文');
    const health = await service.chainHealth(vm);
    expect(health.disks.length).toBeGreaterThan(0);
    expect(health.disks[0]!.depth).toBeGreaterThan(0);
    expect(health.issues.filter((i) => i.kind === 'broken-chain')).toEqual([]);
  });

  it('detects DC1 from its KVP ProductType 2 and refuses a standard checkpoint without an override', async () => {
    const dc = vmNamed('DC1');
    expect(await service.role(dc)).toMatchObject({ isDomainController: true, source: 'kvp' });
    expect((await service.tree(dc)).guest.productType).toBe(2);
    const count = (await service.tree(dc)).checkpoints.length;
    await expect(service.create(dc, 'std', 'standard')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await service.tree(dc)).checkpoints.length).toBe(count);
    await ok(service.create(dc, 'prod', 'production'));
    const data = await service.tree(dc);
    const prod = data.checkpoints.find((c) => c.name === 'prod')!;
    expect(prod.state).toBe('Off'); // no memory captured
  });

  it('takes and applies a checkpoint group with a result per VM', async () => {
    const members = [vmNamed('FS1'), vmNamed('SQL1')];
    const { taskId, groupId } = await groups.create('before update', 'standard', members);
    const created = await finished(taskId);
    expect(created.items.map((i) => `${i.status}${i.error ? ': ' + i.error.message : ''}`)).toEqual(['succeeded', 'succeeded']);
    const applied = await finished((await groups.apply(groupId, [])).taskId);
    expect(applied.status).toBe('succeeded');
    for (const m of members) {
      const tree = await expectSameAsHyperV(m);
      expect(checkpointAboveNow(tree)?.name).toBe('before update');
    }
  });
});
