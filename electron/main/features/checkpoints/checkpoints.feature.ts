import { join } from 'node:path';
import type { Logger } from '../../app/logger';
import type { EventBus } from '../../platform/ipc/event-bus';
import type { FeatureModule } from '../../platform/ipc/handlers';
import type { StateFiles } from '../../platform/documents/atomic-file';
import type { HostScripts } from '../../platform/scripts/script-runner';
import type { TaskService } from '../../platform/tasks/tasks.port';
import { systemClock, type Clock } from '../../platform/time/clock';
import type { InventoryPort } from '../inventory';
import { CheckpointGroupsService } from './checkpoint-groups.service';
import { createGroupStore, createRoleStore } from './checkpoint-documents';
import { createCheckpointsFeature } from './checkpoints.handlers';
import { CheckpointsService } from './checkpoints.service';
import type { CheckpointsPort } from './index';

export interface CheckpointsModuleDeps {
  dataDir: string;
  hosts: HostScripts;
  tasks: TaskService;
  bus: EventBus;
  files: StateFiles;
  log: Logger;
  /**
   * The inventory's port: its tags are the multi-VM application groups an Apply warns about, and `locate` finds a
   * group member's VM on the host it runs on now.
   */
  inventory?: Pick<InventoryPort, 'tagMates' | 'locate'>;
  clock?: Clock;
}

export function createCheckpointsModule(d: CheckpointsModuleDeps): FeatureModule & { port: CheckpointsPort } {
  const emitChanged = (ref: { hostId: string; vmId: string }) => {
    d.bus.emit('checkpoints.changed', { hostId: ref.hostId, vmId: ref.vmId });
    // The inventory's checkpoint counts change too.
    try {
      d.bus.emit('inventory.changed', { hostId: ref.hostId });
    } catch (err) {
      d.log.warn('inventory.changed not delivered', err);
    }
  };
  const inventory = d.inventory;
  const clock = d.clock ?? systemClock;
  const service = new CheckpointsService({
    hosts: d.hosts,
    tasks: d.tasks,
    roles: createRoleStore(d.dataDir, d.files, d.log),
    tagGroups: { groupsOf: async (hostId, vmId) => (inventory ? inventory.tagMates({ hostId, vmId }) : []) },
    emitChanged,
    now: () => new Date(clock.now()),
  });
  const groups = new CheckpointGroupsService({
    service,
    tasks: d.tasks,
    store: createGroupStore(d.dataDir, d.files, d.log),
    locate: (vmId) => inventory?.locate(vmId),
    emitChanged,
    emitGroupsChanged: () => d.bus.emit('checkpoints.groupsChanged', {}),
    now: () => new Date(clock.now()),
  });
  d.log.info(`checkpoint groups in ${join(d.dataDir, 'checkpoint-groups.json')}`);
  return { ...createCheckpointsFeature(service, groups), port: { take: (targets, opts, signal) => service.take(targets, opts, signal) } };
}
