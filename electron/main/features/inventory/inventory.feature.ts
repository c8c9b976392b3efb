import { join } from 'node:path';
import type { Logger } from '../../app/logger';
import { inventoryLive } from '../../../../shared/features/inventory/inventory.contract';
import type { FeatureModule } from '../../platform/ipc/handlers';
import type { ClientPresence } from '../../platform/live/client-presence';
import { leaseHandlers } from '../../platform/live/live-handlers';
import type { StateFiles } from '../../platform/documents/atomic-file';
import type { HostScripts } from '../../platform/scripts/script-runner';
import type { TaskService } from '../../platform/tasks/tasks.port';
import type { Clock } from '../../platform/time/clock';
import type { CheckpointsPort } from '../checkpoints';
import type { InventoryPort } from './index';
import { InventoryCache } from './inventory-cache';
import { InventoryPrefsStore } from './inventory-prefs.document';
import { InventoryService } from './inventory.service';
import { tagMatesOf } from './tag-mates';
import { VmOperations } from './vm-operations';

export interface InventoryFeatureDeps {
  dataDir: string;
  hosts: HostScripts;
  tasks: TaskService;
  files: StateFiles;
  clock: Clock;
  /** Connection presence (platform/live): a gone client's poll lease ends at once. */
  presence?: ClientPresence;
  log: Logger;
  /** The checkpoints feature's port (late-bound at composition: checkpoints reads the inventory's port too). */
  checkpoints: CheckpointsPort;
  emitChanged(hostId: string): void;
  emitPrefsChanged(): void;
  pollIntervalMs?: number;
}

/** The inventory and VM lifecycle: grid rows across hosts, details, settings, create/delete, bulk actions. */
export async function createInventoryFeature(d: InventoryFeatureDeps): Promise<FeatureModule & { inventory: InventoryService; port: InventoryPort }> {
  const cache = new InventoryCache(join(d.dataDir, 'inventory-cache.json'), d.files, d.log, undefined, d.clock);
  const prefs = new InventoryPrefsStore(join(d.dataDir, 'inventory-prefs.json'), d.files, d.log);
  await Promise.all([cache.load(), prefs.load()]);
  const inventory = new InventoryService({
    hosts: d.hosts,
    cache,
    emitChanged: d.emitChanged,
    log: d.log,
    clock: d.clock,
    presence: d.presence,
    pollIntervalMs: d.pollIntervalMs,
  });
  const ops = new VmOperations({ hosts: d.hosts, tasks: d.tasks, inventory, checkpoints: d.checkpoints });
  const prefsChanged = <T>(p: T): T => {
    d.emitPrefsChanged();
    return p;
  };
  return {
    name: 'inventory',
    inventory,
    port: {
      tagMates: async (ref) => tagMatesOf(ref.vmId, prefs.get().tags, (id) => inventory.nameOf(id)),
      locate: (vmId) => inventory.locate(vmId),
      setPollInterval: (ms) => inventory.setPollInterval(ms),
      pollIntervalMs: () => inventory.intervalMs,
    },
    handlers: {
      'inventory.snapshot': async ({ hostIds }) => ({ hosts: await inventory.snapshot(hostIds) }),
      'inventory.refresh': async ({ hostIds }) => ({ hosts: await inventory.refresh(hostIds) }),
      ...leaseHandlers(inventoryLive, inventory.watchers, { create: true }),
      'inventory.action': ({ action, targets, deleteFiles, overrideReason, checkpointKind }, ctx) =>
        ops.act(action, targets, deleteFiles ?? false, overrideReason, ctx.signal, checkpointKind),
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
