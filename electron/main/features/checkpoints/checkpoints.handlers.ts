import type { FeatureModule } from '../../platform/ipc/handlers';
import type { CheckpointGroupsService } from './checkpoint-groups.service';
import type { CheckpointsService } from './checkpoints.service';

/** The checkpoints capability's main side: thin handlers over the two services. */
export function createCheckpointsFeature(service: CheckpointsService, groups: CheckpointGroupsService): FeatureModule {
  return {
    name: 'checkpoints',
    handlers: {
      'checkpoints.vms': (i, ctx) => service.vms(i.hostId, ctx.signal),
      'checkpoints.tree': (i, ctx) => service.tree(i, ctx.signal),
      'checkpoints.create': (i, ctx) => service.create(i, i.name, i.kind, i.override?.reason, ctx.signal),
      'checkpoints.previewApply': async (i, ctx) => {
        const { vmName: _vmName, ...preview } = await service.previewApply(i, i.checkpointId, ctx.signal);
        return preview;
      },
      'checkpoints.apply': (i, ctx) =>
        service.apply(i, i.checkpointId, { checkpointFirstName: i.checkpointFirstName, acknowledged: i.acknowledged ?? [] }, ctx.signal),
      'checkpoints.revert': (i, ctx) =>
        service.revert(i, { checkpointFirstName: i.checkpointFirstName, acknowledged: i.acknowledged ?? [] }, ctx.signal),
      'checkpoints.remove': (i) => service.remove(i, i.checkpointId, i.includeChildren ?? false),
      'checkpoints.rename': (i) => service.rename(i, i.checkpointId, i.newName),
      'checkpoints.export': (i) => service.export(i, i.checkpointId, i.path),
      'checkpoints.chainHealth': (i, ctx) => service.chainHealth(i, ctx.signal),
      'checkpoints.cleanupMerge': (i) => service.cleanupMerge(i),
      'checkpoints.setRole': async (i) => ({ role: await service.setRole(i, i.role) }),
      'checkpoints.groups.list': () => groups.list(),
      'checkpoints.groups.create': (i, ctx) => groups.create(i.label, i.kind, i.members, i.override?.reason, ctx.signal),
      'checkpoints.groups.apply': (i, ctx) => groups.apply(i.groupId, i.acknowledged ?? [], ctx.signal),
      'checkpoints.groups.remove': (i) => groups.remove(i.groupId),
      'checkpoints.groups.retry': (i, ctx) => groups.retry(i.groupId, i.override?.reason, ctx.signal),
      'checkpoints.groups.rollback': (i) => groups.rollback(i.groupId),
    },
  };
}
