import type { FeatureModule } from '../../platform/ipc/handlers';
import type { P2vService } from './p2v.service';

/** The P2V wizard's channels: thin handlers over the service (validation happens at the dispatcher). */
export function createP2vFeature(service: P2vService): FeatureModule {
  return {
    name: 'p2v',
    handlers: {
      'p2v.list': () => service.list(),
      'p2v.get': ({ id }) => service.get(id),
      'p2v.create': ({ source, password }) => service.create(source, password),
      // Not tied to the caller's connection: a dropped WebSocket or a closed window must not lose the result;
      // the job is persisted and p2v.changed brings it to whoever is watching (each call has its own timeout).
      'p2v.preflight': ({ id, targetFolder }) => service.preflight(id, targetFolder ?? ''),
      'p2v.copyDisk2vhd': ({ id, path }) => service.copyDisk2vhd(id, path),
      'p2v.plan': ({ id, plan }) => service.plan(id, plan),
      'p2v.start': ({ id }) => service.start(id),
      'p2v.cancel': ({ id }) => service.cancel(id),
      'p2v.vmAction': ({ id, action }) => service.vmAction(id, action),
      'p2v.checklist': ({ id, item, done }) => service.checklist(id, item, done),
      'p2v.remove': ({ id, deleteImage }) => service.remove(id, deleteImage ?? false),
    },
    dispose: () => service.dispose(),
  };
}
