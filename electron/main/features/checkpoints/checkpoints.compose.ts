import { join } from 'node:path';
import type { Logger } from '../../app/logger';
import type { EventBus } from '../../platform/ipc/event-bus';
import type { FeatureModule, PartialHandlers } from '../../platform/ipc/handlers';
import type { StateFiles } from '../../platform/documents/atomic-file';
import type { TaskService } from '../../platform/tasks/task-service';
import type { SessionsPort } from '../inventory/inventory-ports';
import { CheckpointGroupsService } from './checkpoint-groups.service';
import type { CheckpointScriptRunner } from './checkpoint-scripts';
import { createGroupStore, createRoleStore } from './checkpoint-stores';
import { createCheckpointsFeature } from './checkpoints.feature';
import { CheckpointsService } from './checkpoints.service';
import { tagGroupsFromInventory } from './tag-groups.adapter';

export interface CheckpointsModuleDeps {
  dataDir: string;
  sessions: SessionsPort;
  tasks: TaskService;
  bus: EventBus;
  files: StateFiles;
  log: Logger;
  /** The inventory feature's handlers (its tags are the multi-VM application groups). */
  inventoryHandlers?: PartialHandlers;
}

/** The session layer as the checkpoint services see it: result plus the ledger id of the call. */
export function runnerFromSessions(sessions: SessionsPort): CheckpointScriptRunner {
  return {
    async run(hostId, script, args, opts) {
      let ledgerId: string | undefined;
      const value = await sessions.run(hostId, script, args, {
        ...opts,
        lane: opts.lane ?? 'read',
        onLedgerId: (id) => {
          ledgerId = id;
        },
      });
      return { value, ledgerId };
    },
  };
}

export function createCheckpointsModule(d: CheckpointsModuleDeps): FeatureModule {
  const emitChanged = (ref: { hostId: string; vmId: string }) => {
    d.bus.emit('checkpoints.changed', { hostId: ref.hostId, vmId: ref.vmId });
    // The inventory's checkpoint counts change too.
    try {
      d.bus.emit('inventory.changed', { hostId: ref.hostId });
    } catch (err) {
      d.log.warn('inventory.changed not delivered', err);
    }
  };
  const service = new CheckpointsService({
    runner: runnerFromSessions(d.sessions),
    tasks: d.tasks,
    roles: createRoleStore(d.dataDir, d.files, d.log),
    tagGroups: d.inventoryHandlers ? tagGroupsFromInventory(d.inventoryHandlers) : { groupsOf: async () => [] },
    emitChanged,
    now: () => new Date(),
  });
  const groups = new CheckpointGroupsService({
    service,
    tasks: d.tasks,
    store: createGroupStore(d.dataDir, d.files, d.log),
    emitChanged,
    emitGroupsChanged: () => d.bus.emit('checkpoints.groupsChanged', {}),
    now: () => new Date(),
  });
  d.log.info(`checkpoint groups in ${join(d.dataDir, 'checkpoint-groups.json')}`);
  return createCheckpointsFeature(service, groups);
}
