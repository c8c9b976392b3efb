import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckpointsModule } from '../../../electron/main/features/checkpoints/checkpoints.feature';
import { createInventoryFeature } from '../../../electron/main/features/inventory/inventory.feature';
import { nodeStateFiles } from '../../../electron/main/platform/documents/atomic-file';
import { toErrorShape } from '../../../electron/main/platform/ipc/dispatcher';
import { EventBus } from '../../../electron/main/platform/ipc/event-bus';
import type { CallContext } from '../../../electron/main/platform/ipc/handlers';
import { createHostScripts } from '../../../electron/main/platform/sessions/host-scripts';
import { TaskHistory } from '../../../electron/main/platform/tasks/task-history';
import { TaskServiceImpl } from '../../../electron/main/platform/tasks/tasks.service';
import { systemClock } from '../../../electron/main/platform/time/clock';
import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';
import { createHarness, prologue, repoRoot, type Harness } from '../sessions/session-harness';

const VM = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const ctx: CallContext = { signal: new AbortController().signal, clientId: 'test' };

// A host whose scripts answer JSON of the wrong shape (a script or module version mismatch), through the real
// session layer and HostScripts: the answer is the host's PS_ERROR naming script and host, on a direct call and
// inside a task (never INTERNAL, never the user's VALIDATION).
let h: Harness;
let hostId = '';
const records: TaskRecord[] = [];
let inventory: Awaited<ReturnType<typeof createInventoryFeature>>;
let checkpoints: ReturnType<typeof createCheckpointsModule>;

function fixture(feature: string, name: string, text: string) {
  const dir = join(h.dir, 'resources', 'electron', 'main', 'features', feature, 'scripts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.ps1`), text);
}

async function finished(taskId: string): Promise<TaskRecord> {
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    const r = records.filter((x) => x.id === taskId).at(-1);
    if (r?.endedAt) return r;
    await new Promise((res) => setTimeout(res, 20));
  }
  throw new Error(`task ${taskId} did not finish`);
}

beforeAll(async () => {
  h = await createHarness();
  fixture('inventory', 'get-vm-details', `param([Parameter(Mandatory = $true)][string]$VmId)\n${prologue}'{"id":"x","name":42}'\n`);
  fixture('inventory', 'vm-action', `param([Parameter(Mandatory = $true)][string]$Action, [Parameter(Mandatory = $true)][string[]]$VmId)\n${prologue}'{"results":[{"id":"x","ok":"yes"}]}'\n`);
  fixture('checkpoints', 'get-guest-role', `param([Parameter(Mandatory = $true)][string]$VMId)\n${prologue}'{"vmName":"WEB1","vmState":"Running","productType":3,"osName":null,"fqdn":null}'\n`);
  fixture('checkpoints', 'new-checkpoint', `param([string]$VMId, [string]$SnapshotName, [string]$Kind, [string]$OverrideReason)\n${prologue}'{"vmName":"WEB1","checkpointId":7}'\n`);
  const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets', 'lab', 'bin', 'new-lab.ps1'), '-StateRoot', join(h.dir, 'lab'), '-Scenario', 'empty'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const seeded = (JSON.parse(r.stdout.trim().split('\n').pop()!) as Array<{ stateDir: string }>)[0]!;
  hostId = (await h.registry.add({ name: 'Lab Bad', transport: 'lab', labStateDir: seeded.stateDir })).id;
  await h.waitFor(hostId, 'ready', 60_000);
  const hosts = createHostScripts(h.registry, () => () => undefined);
  const tasks = new TaskServiceImpl({ history: new TaskHistory(join(h.dir, 'data', 'tasks.jsonl'), nodeStateFiles, quiet), emit: (rec) => records.push(rec), log: quiet, progressIntervalMs: 0 });
  checkpoints = createCheckpointsModule({ dataDir: join(h.dir, 'data'), hosts, tasks, bus: new EventBus(), files: nodeStateFiles, log: quiet });
  inventory = await createInventoryFeature({
    dataDir: join(h.dir, 'data'), hosts, tasks, files: nodeStateFiles, clock: systemClock, log: quiet,
    checkpoints: checkpoints.port,
    emitChanged: () => undefined, emitPrefsChanged: () => undefined,
  });
}, 90_000);
afterAll(async () => {
  await inventory?.dispose?.();
  await h?.dispose();
});

describe('a malformed host answer', () => {
  it('on a direct call (vms.details) is PS_ERROR naming the script and the host', async () => {
    const shape = await Promise.resolve(inventory.handlers['vms.details']!({ hostId, vmId: VM }, ctx)).then(
      () => null,
      (err: unknown) => toErrorShape(err, undefined, quiet, 'vms.details'),
    );
    expect(shape).toMatchObject({ code: 'PS_ERROR', hostId });
    expect(shape!.message).toMatch(/^inventory\/get-vm-details on Lab Bad returned unexpected data at name: /);
  });

  it("inside a task (a VM start) is the task's PS_ERROR, with the call's ledger entry", async () => {
    const { taskId } = await inventory.handlers['inventory.action']!({ action: 'start', targets: [{ hostId, vmId: VM, vmName: 'WEB1' }], deleteFiles: false }, ctx);
    const rec = await finished(taskId);
    expect(rec.status).toBe('failed');
    expect(rec.error).toMatchObject({ code: 'PS_ERROR' });
    expect(rec.error!.message).toMatch(/^inventory\/vm-action on Lab Bad returned unexpected data at results\.0\./);
    expect(rec.ledgerIds).toHaveLength(1);
    expect(h.ledger.list({ limit: 50 }).find((e) => e.id === rec.ledgerIds[0])?.script).toBe('inventory/vm-action');
  });

  it('inside a checkpoints task (through the inventory Checkpoint action) is PS_ERROR too', async () => {
    const { taskId } = await inventory.handlers['inventory.action']!({ action: 'checkpoint', targets: [{ hostId, vmId: VM, vmName: 'WEB1' }], deleteFiles: false }, ctx);
    const rec = await finished(taskId);
    expect(rec.status).toBe('failed');
    expect(rec.error).toMatchObject({ code: 'PS_ERROR' });
    expect(rec.error!.message).toMatch(/^checkpoints\/new-checkpoint on Lab Bad returned unexpected data at checkpointId: /);
    expect(rec.ledgerIds).toHaveLength(1);
  });
});
