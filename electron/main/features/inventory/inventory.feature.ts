import { join } from 'node:path';
import type { Logger } from '../../app/logger';
import type { FeatureModule } from '../../platform/ipc/handlers';
import type { StateFiles } from '../../platform/documents/atomic-file';
import type { TaskService } from '../../platform/tasks/task-service';
import { InventoryCache } from './inventory-cache';
import { InventoryPrefsStore } from './inventory-prefs.store';
import type { SessionsPort, Timers } from './inventory-ports';
import { InventoryService } from './inventory.service';
import { VmOperations } from './vm-operations';

export interface InventoryFeatureDeps {
  dataDir: string;
  sessions: SessionsPort;
  tasks: TaskService;
  files: StateFiles;
  timers: Timers;
  log: Logger;
  emitChanged(hostId: string): void;
  emitPrefsChanged(): void;
  pollIntervalMs?: number;
}

/** The inventory and VM lifecycle: grid rows across hosts, details, settings, create/delete, bulk actions. */
export async function createInventoryFeature(d: InventoryFeatureDeps): Promise<FeatureModule & { inventory: InventoryService }> {
  const cache = new InventoryCache(join(d.dataDir, 'inventory-cache.json'), d.files, d.log);
  const prefs = new InventoryPrefsStore(join(d.dataDir, 'inventory-prefs.json'), d.files, d.log);
  await Promise.all([cache.load(), prefs.load()]);
  const inventory = new InventoryService({
    sessions: d.sessions,
    cache,
    emitChanged: d.emitChanged,
    log: d.log,
    timers: d.timers,
    pollIntervalMs: d.pollIntervalMs,
  });
  const ops = new VmOperations(d.sessions, d.tasks, inventory);
  const prefsChanged = <T>(p: T): T => {
    d.emitPrefsChanged();
    return p;
  };
  return {
    name: 'inventory',
    inventory,
    handlers: {
      'inventory.snapshot': async ({ hostIds }) => ({ hosts: await inventory.snapshot(hostIds) }),
      'inventory.refresh': async ({ hostIds }) => ({ hosts: await inventory.refresh(hostIds) }),
      'inventory.watch': ({ active }, ctx) => {
        inventory.watch(ctx.clientId, active);
        return { intervalMs: inventory.intervalMs };
      },
      'inventory.action': ({ action, targets, deleteFiles }) => ops.act(action, targets, deleteFiles ?? false),
      'inventory.prefs': () => prefs.get(),
      'inventory.setTags': async ({ vmKeys, add, remove }) => prefsChanged(await prefs.setTags(vmKeys, add ?? [], remove ?? [])),
      'inventory.saveView': async (view) => prefsChanged(await prefs.saveView(view)),
      'inventory.deleteView': async ({ id }) => prefsChanged(await prefs.deleteView(id)),
      'vms.details': ({ hostId, vmId }, ctx) => ops.details(hostId, vmId, ctx.signal),
      'vms.updateSettings': ({ hostId, vmId, vmName, change }) => ops.updateSettings(hostId, vmId, vmName, change),
      'vms.create': ({ hostId, spec }) => ops.create(hostId, spec),
      'vms.hostOptions': ({ hostId }, ctx) => ops.hostOptions(hostId, ctx.signal),
      'vms.deletePlan': ({ targets }, ctx) => ops.deletePlan(targets, ctx.signal),
    },
    async dispose() {
      await inventory.dispose();
    },
  };
}
