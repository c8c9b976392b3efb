import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createCheckpointsModule } from '../../../electron/main/features/checkpoints/checkpoints.feature';
import { createInventoryFeature } from '../../../electron/main/features/inventory/inventory.feature';
import { EventBus } from '../../../electron/main/platform/ipc/event-bus';
import { createHostScripts } from '../../../electron/main/platform/sessions/host-scripts';
import { systemClock } from '../../../electron/main/platform/time/clock';
import type { CallContext, Handler } from '../../../electron/main/platform/ipc/handlers';
import { nodeStateFiles } from '../../../electron/main/platform/documents/atomic-file';
import { TaskHistory } from '../../../electron/main/platform/tasks/task-history';
import { TaskServiceImpl } from '../../../electron/main/platform/tasks/tasks.service';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/ipc/contract';
import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';
import type { VmRow } from '../../../shared/features/inventory/vm-row.schema';
import { createHarness, repoRoot, type Harness } from '../sessions/session-harness';

// The inventory's main side as compose.ts wires it (real FeatureModule, task service, checkpoints behind their port)
// over the real session layer and the small-shop lab's hosts, for the inventory's lab tests. The bindings are live
// (`export let`): a test file imports them and calls useInventoryLab() once at its top.
export let h: Harness;
export let feature: Awaited<ReturnType<typeof createInventoryFeature>>;
export const hostIds: string[] = [];
export const records: TaskRecord[] = [];
export const changed: string[] = [];
export const scriptCalls: { hostId: string; script: string }[] = [];
const ctx: CallContext = { signal: new AbortController().signal, clientId: 'test' };

export async function call<K extends ChannelName>(name: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const handler = feature.handlers[name] as Handler<K> | undefined;
  if (!handler) throw new Error(`no handler ${name}`);
  return handler(input, ctx);
}

export async function finished(taskId: string): Promise<TaskRecord> {
  const end = Date.now() + 90_000;
  while (Date.now() < end) {
    const r = records.filter((x) => x.id === taskId).at(-1);
    if (r?.endedAt) return r;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error(`task ${taskId} did not finish`);
}

export async function rows(): Promise<VmRow[]> {
  return (await call('inventory.refresh', {})).hosts.flatMap((x) => x.vms);
}
export const named = async (name: string) => {
  const r = (await rows()).find((v) => v.name === name);
  if (!r) throw new Error(`no VM ${name}`);
  return r;
};

/** Lab host id → its state folder (for planting faults). */
export const stateDirs = new Map<string, string>();

export function useInventoryLab(): void {
  beforeAll(async () => {
    h = await createHarness();
    for (const f of ['inventory', 'checkpoints']) symlinkSync(join(repoRoot, 'electron', 'main', 'features', f), join(h.dir, 'resources', 'electron', 'main', 'features', f));
    const r = spawnSync('pwsh', ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', join(repoRoot, 'assets', 'lab', 'bin', 'new-lab.ps1'), '-StateRoot', join(h.dir, 'lab'), '-Scenario', 'small-shop'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const seeded = JSON.parse(r.stdout.trim().split('\n').pop()!) as Array<{ name: string; stateDir: string }>;
    for (const s of seeded) {
      const id = (await h.registry.add({ name: s.name, transport: 'lab', labStateDir: s.stateDir })).id;
      hostIds.push(id);
      stateDirs.set(id, s.stateDir);
    }
    for (const id of hostIds) await h.waitFor(id, 'ready', 90_000);
    const tasks = new TaskServiceImpl({ history: new TaskHistory(join(h.dir, 'data', 'tasks.jsonl'), nodeStateFiles, console), emit: (rec) => records.push(rec), log: console, progressIntervalMs: 0 });
    // As compose.ts wires them: one HostScripts (counting the round trips), the checkpoints feature behind its port.
    const hosts = createHostScripts(
      {
        runDetailed: (hostId, script, args, opts) => {
          scriptCalls.push({ hostId, script });
          return h.registry.runDetailed(hostId, script, args, opts);
        },
        list: () => h.registry.list(),
      },
      () => () => undefined,
    );
    const checkpoints = createCheckpointsModule({ dataDir: join(h.dir, 'data'), hosts, tasks, bus: new EventBus(), files: nodeStateFiles, log: console });
    feature = await createInventoryFeature({
      dataDir: join(h.dir, 'data'),
      hosts,
      tasks,
      files: nodeStateFiles,
      clock: systemClock,
      checkpoints: checkpoints.port,
      log: console,
      emitChanged: (id) => changed.push(id),
      emitPrefsChanged: () => undefined,
    });
  }, 240_000);
  afterAll(async () => {
    await feature?.dispose?.();
    await h?.dispose();
  });
}
